import { z } from "zod";
import { safeString } from "../validation";
import { PASSWORD_MIN_LENGTH } from "./password";

export const signInSchema = z.object({
  email: safeString().trim().min(1, "Enter your email address.").email("Enter a valid email address."),
  password: safeString().min(1, "Enter your password.").max(1024, "That password is too long."),
});

export const newUserSchema = z.object({
  name: safeString().trim().min(1, "Enter a name.").max(200, "At most 200 characters."),
  email: safeString().trim().toLowerCase().email("Enter a valid email address.").max(320),
  password: safeString().min(PASSWORD_MIN_LENGTH, `Use at least ${PASSWORD_MIN_LENGTH} characters.`).max(1024, "That password is too long."),
});
export type NewUserInput = z.infer<typeof newUserSchema>;
