import { z } from "zod";

// Shared by the tRPC procedures and the browser forms.
export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .email("Enter a valid email address.")
  .max(320, "Email addresses are at most 320 characters.");

export const passwordSchema = z
  .string()
  .min(8, "Use at least 8 characters for your password.")
  .max(200, "Passwords are at most 200 characters.");

export const signUpInput = z.object({
  email: emailSchema,
  name: z.string().trim().max(200, "Names are at most 200 characters.").optional(),
  password: passwordSchema,
});

export const signInInput = z.object({ email: emailSchema, password: z.string().min(1, "Enter your password.") });

export const apiTokenNameSchema = z
  .string()
  .trim()
  .min(1, "Give the token a name, such as the script that will use it.")
  .max(100, "Token names are at most 100 characters.");
