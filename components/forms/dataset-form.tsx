"use client";

import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { createDatasetAction } from "@/app/(console)/datasets/actions";
import { Button, ButtonLink } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/field";
import { FormError } from "./form-error";
import { text, useActionForm } from "./use-action-form";

export function DatasetForm() {
  const router = useRouter();
  const { onSubmit, pending, error, fieldErrors } = useActionForm(createDatasetAction, {
    toInput: (form) => ({
      name: text(form, "name"),
      task: text(form, "task"),
      sourceUri: text(form, "sourceUri"),
      trainLabelFile: text(form, "trainLabelFile"),
      testLabelFile: text(form, "testLabelFile"),
    }),
    onSuccess: (dataset) => {
      toast.success(`Dataset ${dataset.name} registered`);
      router.push("/datasets");
    },
  });

  return (
    <form onSubmit={onSubmit} className="max-w-xl space-y-4" noValidate aria-label="Register dataset">
      <FormError message={error} />
      <Field label="Name" name="name" hint="Lowercase, e.g. icdar2015" errors={fieldErrors.name}>
        <Input name="name" placeholder="icdar2015" invalid={Boolean(fieldErrors.name)} />
      </Field>
      <Field label="Task" name="task" errors={fieldErrors.task}>
        <Select name="task" defaultValue="det">
          <option value="det">det — text detection</option>
          <option value="rec">rec — text recognition</option>
          <option value="cls">cls — direction classification</option>
        </Select>
      </Field>
      <Field
        label="Source URI"
        name="sourceUri"
        hint="s3://bucket/path, minio://bucket/path, bos://bucket/path, hdfs://namenode/path or https://host/archive"
        errors={fieldErrors.sourceUri}
      >
        <Input name="sourceUri" placeholder="s3://ocr-data/icdar2015" invalid={Boolean(fieldErrors.sourceUri)} />
      </Field>
      <div className="grid grid-cols-2 gap-4">
        <Field label="Train label file" name="trainLabelFile" errors={fieldErrors.trainLabelFile}>
          <Input name="trainLabelFile" defaultValue="train_icdar2015_label.txt" invalid={Boolean(fieldErrors.trainLabelFile)} />
        </Field>
        <Field label="Test label file" name="testLabelFile" errors={fieldErrors.testLabelFile}>
          <Input name="testLabelFile" defaultValue="test_icdar2015_label.txt" invalid={Boolean(fieldErrors.testLabelFile)} />
        </Field>
      </div>
      <div className="flex gap-2">
        <Button type="submit" disabled={pending}>
          {pending ? "Registering…" : "Register dataset"}
        </Button>
        <ButtonLink href="/datasets" variant="secondary">
          Cancel
        </ButtonLink>
      </div>
    </form>
  );
}
