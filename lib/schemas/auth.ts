import { z } from "zod";

export const emailSchema = z.string().trim().toLowerCase().pipe(z.email("Enter an email address"));

export const signInSchema = z.object({
  email: emailSchema,
  password: z.string().min(1, "Enter your password").max(1024),
});

export type SignInInput = z.infer<typeof signInSchema>;
