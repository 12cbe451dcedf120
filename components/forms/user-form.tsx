"use client";

import { useRef } from "react";
import { toast } from "sonner";
import { createUserAction } from "@/app/(console)/settings/users/actions";
import { Button } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/field";
import { FormError } from "./form-error";
import { text, useActionForm } from "./use-action-form";

export function UserForm() {
  const formRef = useRef<HTMLFormElement>(null);
  const { onSubmit, pending, error, fieldErrors } = useActionForm(createUserAction, {
    toInput: (form) => ({ email: text(form, "email"), name: text(form, "name"), role: text(form, "role"), password: text(form, "password") }),
    onSuccess: (user) => {
      toast.success(`${user.email} added as ${user.role}`);
      formRef.current?.reset();
    },
  });
  return (
    <form ref={formRef} onSubmit={onSubmit} className="space-y-4" noValidate aria-label="Add user">
      <FormError message={error} />
      <Field label="Email" name="email" errors={fieldErrors.email}>
        <Input name="email" type="email" autoComplete="off" invalid={Boolean(fieldErrors.email)} />
      </Field>
      <Field label="Name" name="name" errors={fieldErrors.name}>
        <Input name="name" invalid={Boolean(fieldErrors.name)} />
      </Field>
      <Field label="Role" name="role">
        <Select name="role" defaultValue="viewer">
          <option value="viewer">viewer — sees everything, changes nothing</option>
          <option value="editor">editor — registers data, runs and deploys</option>
          <option value="admin">admin — also targets and users</option>
        </Select>
      </Field>
      <Field label="First password" name="password" hint="At least 12 characters; tell it to them in person" errors={fieldErrors.password}>
        <Input name="password" type="password" autoComplete="new-password" invalid={Boolean(fieldErrors.password)} />
      </Field>
      <Button type="submit" disabled={pending}>
        {pending ? "Adding…" : "Add user"}
      </Button>
    </form>
  );
}
