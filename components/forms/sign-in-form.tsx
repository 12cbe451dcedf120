"use client";

import { useRouter } from "next/navigation";
import { signInAction } from "@/app/sign-in/actions";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { FormError } from "./form-error";
import { text, useActionForm } from "./use-action-form";

export function SignInForm() {
  const router = useRouter();
  const { onSubmit, pending, error, fieldErrors } = useActionForm(signInAction, {
    toInput: (form) => ({ email: text(form, "email"), password: text(form, "password") }),
    onSuccess: () => {
      router.replace("/datasets");
      router.refresh();
    },
  });
  return (
    <form onSubmit={onSubmit} className="mt-6 space-y-4" noValidate>
      <FormError message={error} />
      <Field label="Email" name="email" errors={fieldErrors.email}>
        <Input name="email" type="email" autoComplete="username" required invalid={Boolean(fieldErrors.email)} />
      </Field>
      <Field label="Password" name="password" errors={fieldErrors.password}>
        <Input name="password" type="password" autoComplete="current-password" required invalid={Boolean(fieldErrors.password)} />
      </Field>
      <Button type="submit" disabled={pending} className="w-full">
        {pending ? "Signing in…" : "Sign in"}
      </Button>
    </form>
  );
}
