import { z } from "zod";
import { ROLES } from "@/lib/auth/roles";
import { emailSchema } from "./auth";

export const createUserSchema = z.object({
  email: emailSchema,
  name: z.string().trim().min(1, "Name is required").max(100),
  role: z.enum(ROLES, "Choose viewer, editor or admin"),
  password: z.string().min(12, "At least 12 characters").max(1024),
});

export const userSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
  disabled: z.boolean(),
  createdAt: z.iso.datetime(),
});

export type CreateUserInput = z.infer<typeof createUserSchema>;
export type UserView = z.infer<typeof userSchema>;
