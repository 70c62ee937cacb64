"use client";

import Link from "next/link";
import { signIn } from "next-auth/react";
import { useState, type FormEvent } from "react";
import { z } from "zod";
import { signInInput } from "@/server/auth/schemas";
import { FormField } from "./form-field";

type FieldErrors = Partial<Record<"email" | "password", string>>;

export function SignInForm() {
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const parsed = signInInput.safeParse({ email: data.get("email"), password: data.get("password") });
    setFormError(null);
    if (!parsed.success) {
      const fields = z.flattenError(parsed.error).fieldErrors;
      setErrors({ email: fields.email?.[0], password: fields.password?.[0] });
      return;
    }
    setErrors({});
    setPending(true);
    try {
      const result = await signIn("credentials", { ...parsed.data, redirect: false });
      if (!result || result.error) {
        setFormError("That email and password do not match an account. Check them, or create an account.");
        setPending(false);
        return;
      }
      // A full navigation so the server layouts read the new session cookie.
      window.location.assign("/");
    } catch {
      setFormError("Could not reach the server. Check your connection and try again.");
      setPending(false);
    }
  }

  return (
    <form className="stack" onSubmit={onSubmit} noValidate aria-labelledby="sign-in-title" data-testid="sign-in-form">
      <h1 id="sign-in-title" className="auth-card__title">
        Sign in
      </h1>
      <FormField
        id="sign-in-email"
        name="email"
        type="email"
        label="Email"
        autoComplete="email"
        autoFocus
        required
        error={errors.email}
        data-testid="sign-in-email"
      />
      <FormField
        id="sign-in-password"
        name="password"
        type="password"
        label="Password"
        autoComplete="current-password"
        required
        error={errors.password}
        data-testid="sign-in-password"
      />
      {formError ? (
        <p className="alert alert--error" role="alert" data-testid="sign-in-error">
          {formError}
        </p>
      ) : null}
      <button type="submit" className="button button--primary button--block" disabled={pending} data-testid="sign-in-submit">
        {pending ? "Signing in…" : "Sign in"}
      </button>
      <p className="auth-card__switch">
        New here?{" "}
        <Link href="/sign-up" data-testid="sign-in-to-sign-up">
          Create an account
        </Link>
      </p>
    </form>
  );
}
