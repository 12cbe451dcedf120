"use client";

import { useRef, useState } from "react";
import { toast } from "sonner";
import { createApiTokenAction } from "@/app/(console)/settings/api-tokens/actions";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { FormError } from "./form-error";
import { text, useActionForm } from "./use-action-form";

export function ApiTokenForm() {
  const [secret, setSecret] = useState<string | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const { onSubmit, pending, error, fieldErrors } = useActionForm(createApiTokenAction, {
    toInput: (form) => ({ name: text(form, "name") }),
    onSuccess: (created) => {
      setSecret(created.secret);
      formRef.current?.reset();
      toast.success(`Token ${created.token.name} created`);
    },
  });
  return (
    <div className="space-y-3">
      <form ref={formRef} onSubmit={onSubmit} className="flex items-end gap-2" noValidate aria-label="Create API token">
        <div className="flex-1">
          <Field label="New token name" name="name" errors={fieldErrors.name}>
            <Input name="name" placeholder="nightly-training-ci" invalid={Boolean(fieldErrors.name)} />
          </Field>
        </div>
        <Button type="submit" disabled={pending}>
          {pending ? "Creating…" : "Create token"}
        </Button>
      </form>
      <FormError message={error} />
      {secret && (
        <div role="status" className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm dark:border-amber-800 dark:bg-amber-950">
          <p className="font-medium">Copy this token now — it will not be shown again.</p>
          <div className="mt-2 flex items-center gap-2">
            <code data-testid="new-api-token" className="flex-1 break-all rounded bg-white px-2 py-1 font-mono text-xs dark:bg-zinc-900">
              {secret}
            </code>
            <Button variant="secondary" onClick={() => navigator.clipboard?.writeText(secret).then(() => toast.success("Copied"))}>
              Copy
            </Button>
          </div>
        </div>
      )}
    </div>
  );
}
