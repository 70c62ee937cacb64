"use client";

import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { signIn } from "next-auth/react";
import { useState, type FormEvent } from "react";
import { z } from "zod";
import { signUpInput } from "@/server/auth/schemas";
import { useTRPC } from "@/components/trpc/provider";
import { FormField } from "./form-field";

type Field = "email" | "name" | "password";
type FieldErrors = Partial<Record<Field, string>>;

export function SignUpForm() {
  const trpc = useTRPC();
  const signUp = useMutation(trpc.auth.signUp.mutationOptions());
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [signingIn, setSigningIn] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const name = String(data.get("name") ?? "").trim();
    const parsed = signUpInput.safeParse({
      email: data.get("email"),
      name: name || undefined,
      password: data.get("password"),
    });
    setFormError(null);
    if (!parsed.success) {
      const fields = z.flattenError(parsed.error).fieldErrors;
      setErrors({ email: fields.email?.[0], name: fields.name?.[0], password: fields.password?.[0] });
      return;
    }
    setErrors({});
    try {
      await signUp.mutateAsync(parsed.data);
    } catch (error) {
      // The server's message is already written for people (including "an account with this email exists").
      const message = error instanceof Error ? error.message : "";
      const fields = (error as { data?: { zodError?: { fieldErrors?: Record<string, string[]> } } }).data?.zodError
        ?.fieldErrors;
      if (fields && Object.keys(fields).length) {
        setErrors({ email: fields.email?.[0], name: fields.name?.[0], password: fields.password?.[0] });
      } else {
        setFormError(message || "Could not create the account. Check your connection and try again.");
      }
      return;
    }
    setSigningIn(true);
    const result = await signIn("credentials", {
      email: parsed.data.email,
      password: parsed.data.password,
      redirect: false,
    }).catch(() => null);
    if (!result || result.error) {
      setSigningIn(false);
      setFormError("Your account was created, but signing in failed. Sign in with your new email and password.");
      return;
    }
    window.location.assign("/");
  }

  const pending = signUp.isPending || signingIn;
  return (
    <form className="stack" onSubmit={onSubmit} noValidate aria-labelledby="sign-up-title" data-testid="sign-up-form">
      <h1 id="sign-up-title" className="auth-card__title">
        Create an account
      </h1>
      <FormField
        id="sign-up-name"
        name="name"
        label="Name (optional)"
        autoComplete="name"
        autoFocus
        error={errors.name}
        data-testid="sign-up-name"
      />
      <FormField
        id="sign-up-email"
        name="email"
        type="email"
        label="Email"
        autoComplete="email"
        required
        error={errors.email}
        data-testid="sign-up-email"
      />
      <FormField
        id="sign-up-password"
        name="password"
        type="password"
        label="Password"
        autoComplete="new-password"
        required
        hint="At least 8 characters."
        error={errors.password}
        data-testid="sign-up-password"
      />
      {formError ? (
        <p className="alert alert--error" role="alert" data-testid="sign-up-error">
          {formError}
        </p>
      ) : null}
      <button type="submit" className="button button--primary button--block" disabled={pending} data-testid="sign-up-submit">
        {signUp.isPending ? "Creating your account…" : signingIn ? "Signing you in…" : "Create account"}
      </button>
      <p className="auth-card__switch">
        Already have an account?{" "}
        <Link href="/sign-in" data-testid="sign-up-to-sign-in">
          Sign in
        </Link>
      </p>
    </form>
  );
}
