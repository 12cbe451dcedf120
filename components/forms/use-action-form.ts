"use client";

import { useState, useTransition } from "react";
import type { ActionResult } from "@/lib/api/authorized-action";
import type { FieldErrors } from "@/lib/errors/console-error";

/**
 * Submits a form's values to a server action and keeps its answer: field errors show inline and
 * the typed values stay in the form, because nothing is reset on failure.
 */
export function useActionForm<Input, Output>(
  action: (input: Input) => Promise<ActionResult<Output>>,
  { toInput, onSuccess }: { toInput: (form: FormData) => Input; onSuccess: (data: Output) => void },
) {
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const input = toInput(new FormData(event.currentTarget));
    startTransition(async () => {
      const result = await action(input);
      if (result.ok) {
        setError(null);
        setFieldErrors({});
        onSuccess(result.data);
      } else {
        const fields = result.fieldErrors ?? {};
        // Field errors are shown beside their fields; the banner is for what belongs to no field.
        const unplaced = Object.keys(fields).length === 0 || "_" in fields;
        setError(unplaced ? result.error : null);
        setFieldErrors(fields);
      }
    });
  }

  return { onSubmit, pending, error, fieldErrors };
}

export function text(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === "string" ? value : "";
}
