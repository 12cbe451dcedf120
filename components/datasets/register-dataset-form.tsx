"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { toast } from "sonner";
import { createDatasetAction, validateDatasetAction } from "@/app/(console)/datasets/actions";
import { FormError } from "@/components/forms/form-error";
import { text, useActionForm } from "@/components/forms/use-action-form";
import { Button, ButtonLink } from "@/components/ui/button";
import { Field, Input, Select, Textarea } from "@/components/ui/field";
import type { DatasetView } from "@/lib/schemas/datasets";
import { ARCHIVE_ACCEPT, uploadArchive } from "./upload-archive";
import { UploadProgress } from "./upload-progress";

type Source = "uri" | "upload";
type Task = "det" | "rec" | "cls";

const DEFAULT_LABELS: Record<Task, [string, string]> = {
  det: ["train_icdar2015_label.txt", "test_icdar2015_label.txt"],
  rec: ["rec_gt_train.txt", "rec_gt_test.txt"],
  cls: ["cls_gt_train.txt", "cls_gt_test.txt"],
};

function toInput(form: FormData) {
  const source = text(form, "source") as Source;
  const task = text(form, "task");
  const scheme = text(form, "sourceUri").split(":")[0]?.toLowerCase();
  return {
    name: text(form, "name"),
    task,
    source,
    sourceUri: source === "uri" ? text(form, "sourceUri") : "",
    trainLabelFile: text(form, "trainLabelFile"),
    testLabelFile: text(form, "testLabelFile"),
    dictionaryFile: task === "rec" ? text(form, "dictionaryFile") : "",
    useSpaceChar: task !== "rec" || form.get("useSpaceChar") === "on",
    description: text(form, "description"),
    credentials:
      source === "uri"
        ? scheme === "https"
          ? { authorization: text(form, "authorization") }
          : {
              accessKeyId: text(form, "accessKeyId"),
              secretAccessKey: text(form, "secretAccessKey"),
              endpoint: text(form, "endpoint"),
              region: text(form, "region"),
            }
        : undefined,
  };
}

/**
 * Registers a dataset by URI (with optional write-only credentials), or registers it and uploads its
 * archive with a progress bar, then opens its page where validation is already running.
 */
export function RegisterDatasetForm() {
  const router = useRouter();
  const [source, setSource] = useState<Source>("uri");
  const [task, setTask] = useState<Task>("det");
  const [scheme, setScheme] = useState("s3");
  const [archiveError, setArchiveError] = useState<string | null>(null);
  const [upload, setUpload] = useState<{ dataset: DatasetView; loaded: number; total: number; error: string | null } | null>(null);
  const archiveRef = useRef<HTMLInputElement>(null);

  async function send(dataset: DatasetView, file: File) {
    setUpload({ dataset, loaded: 0, total: file.size, error: null });
    try {
      await uploadArchive(dataset.name, file, (loaded, total) => setUpload((u) => (u ? { ...u, loaded, total } : u)));
      toast.success(`Dataset ${dataset.name} uploaded; validation is running`);
      router.push(`/datasets/${encodeURIComponent(dataset.name)}`);
    } catch (error) {
      setUpload((u) => (u ? { ...u, error: (error as Error).message } : u));
    }
  }

  const { onSubmit, pending, error, fieldErrors } = useActionForm(createDatasetAction, {
    toInput,
    onSuccess: async (dataset) => {
      const file = archiveRef.current?.files?.[0];
      if (dataset.sourceKind === "upload" && file) return void send(dataset, file);
      toast.success(`Dataset ${dataset.name} registered`);
      // The console can read these sources itself, so their validation starts right away.
      if (!/^(bos|hdfs):/i.test(dataset.sourceUri)) {
        const started = await validateDatasetAction(dataset.name);
        if (!started.ok) toast.error(started.error);
      }
      router.push(`/datasets/${encodeURIComponent(dataset.name)}`);
    },
  });

  function submit(event: React.FormEvent<HTMLFormElement>) {
    if (source === "upload" && !archiveRef.current?.files?.length) {
      event.preventDefault();
      setArchiveError("Choose the dataset's .zip or .tar.gz archive");
      return;
    }
    setArchiveError(null);
    onSubmit(event);
  }

  if (upload) {
    return (
      <section aria-label="Upload" className="max-w-xl space-y-3">
        <p className="text-sm">
          Dataset <span className="font-medium">{upload.dataset.name}</span> is registered. Uploading its archive…
        </p>
        <UploadProgress loaded={upload.loaded} total={upload.total} />
        {upload.error && (
          <div className="space-y-2">
            <FormError message={upload.error} />
            <p className="text-sm text-zinc-600 dark:text-zinc-400">
              Nothing of this archive was kept. Fix it and upload again from the{" "}
              <Link className="text-indigo-600 hover:underline" href={`/datasets/${encodeURIComponent(upload.dataset.name)}`}>
                dataset&apos;s page
              </Link>
              .
            </p>
          </div>
        )}
      </section>
    );
  }

  const errorsFor = (name: string) => fieldErrors[name];
  const [trainDefault, testDefault] = DEFAULT_LABELS[task];
  return (
    <form onSubmit={submit} className="max-w-xl space-y-4" noValidate aria-label="Register dataset">
      <FormError message={error} />
      <Field label="Name" name="name" hint="Lowercase, e.g. icdar2015" errors={errorsFor("name")}>
        <Input name="name" placeholder="icdar2015" invalid={Boolean(errorsFor("name"))} />
      </Field>
      <Field label="Task" name="task" errors={errorsFor("task")}>
        <Select name="task" value={task} onChange={(e) => setTask(e.target.value as Task)}>
          <option value="det">det — text detection</option>
          <option value="rec">rec — text recognition</option>
          <option value="cls">cls — direction classification</option>
        </Select>
      </Field>

      <fieldset className="space-y-2">
        <legend className="text-sm font-medium text-zinc-700 dark:text-zinc-300">Where are the files?</legend>
        <div className="flex gap-6 text-sm">
          <label className="flex items-center gap-2">
            <input type="radio" name="source" value="uri" checked={source === "uri"} onChange={() => setSource("uri")} />
            At a URI
          </label>
          <label className="flex items-center gap-2">
            <input type="radio" name="source" value="upload" checked={source === "upload"} onChange={() => setSource("upload")} />
            Upload an archive
          </label>
        </div>
      </fieldset>

      {source === "uri" ? (
        <>
          <Field
            label="Source URI"
            name="sourceUri"
            hint="s3://bucket/path, minio://bucket/path, bos://bucket/path, hdfs://namenode/path or https://host/archive.zip"
            errors={errorsFor("sourceUri")}
          >
            <Input
              name="sourceUri"
              placeholder="s3://ocr-data/icdar2015"
              invalid={Boolean(errorsFor("sourceUri"))}
              onChange={(e) => setScheme(e.target.value.split(":")[0]?.toLowerCase() ?? "")}
            />
          </Field>
          <details className="rounded-md border border-zinc-200 p-3 text-sm dark:border-zinc-800">
            <summary className="cursor-pointer font-medium">Credentials (optional, write-only)</summary>
            <p className="mt-2 text-xs text-zinc-500">
              Stored encrypted and never shown again. Without them the console reads with its own store&apos;s settings.
            </p>
            {scheme === "https" ? (
              <div className="mt-3">
                <Field label="Authorization header" name="authorization" hint='Sent to the source only, e.g. "Bearer …"' errors={errorsFor("credentials.authorization")}>
                  <Input name="authorization" type="password" autoComplete="off" />
                </Field>
              </div>
            ) : (
              <div className="mt-3 grid grid-cols-2 gap-4">
                <Field label="Access key ID" name="accessKeyId" errors={errorsFor("credentials.accessKeyId")}>
                  <Input name="accessKeyId" autoComplete="off" />
                </Field>
                <Field label="Secret access key" name="secretAccessKey" errors={errorsFor("credentials.secretAccessKey")}>
                  <Input name="secretAccessKey" type="password" autoComplete="new-password" invalid={Boolean(errorsFor("credentials.secretAccessKey"))} />
                </Field>
                <Field label="Endpoint" name="endpoint" hint="MinIO or BOS address; empty for AWS S3" errors={errorsFor("credentials.endpoint")}>
                  <Input name="endpoint" placeholder="https://minio.example.com:9000" invalid={Boolean(errorsFor("credentials.endpoint"))} />
                </Field>
                <Field label="Region" name="region" errors={errorsFor("credentials.region")}>
                  <Input name="region" placeholder="us-east-1" />
                </Field>
              </div>
            )}
          </details>
        </>
      ) : (
        <Field label="Archive" name="archive" hint="A .zip, .tar or .tar.gz of the dataset folder: label files and images" errors={archiveError ? [archiveError] : undefined}>
          <input
            ref={archiveRef}
            id="archive"
            name="archive"
            type="file"
            accept={ARCHIVE_ACCEPT}
            aria-invalid={Boolean(archiveError) || undefined}
            aria-describedby={archiveError ? "archive-error" : undefined}
            className="block w-full text-sm file:mr-3 file:rounded-md file:border-0 file:bg-zinc-100 file:px-3 file:py-1.5 file:text-sm file:font-medium dark:file:bg-zinc-800"
          />
        </Field>
      )}

      <div className="grid grid-cols-2 gap-4">
        <Field label="Train label file" name="trainLabelFile" hint="Relative to the dataset folder" errors={errorsFor("trainLabelFile")}>
          <Input key={`train-${task}`} name="trainLabelFile" defaultValue={trainDefault} invalid={Boolean(errorsFor("trainLabelFile"))} />
        </Field>
        <Field label="Test label file" name="testLabelFile" errors={errorsFor("testLabelFile")}>
          <Input key={`test-${task}`} name="testLabelFile" defaultValue={testDefault} invalid={Boolean(errorsFor("testLabelFile"))} />
        </Field>
      </div>
      {task === "rec" && (
        <>
          <Field label="Dictionary file" name="dictionaryFile" hint="One character per line; empty: PaddleOCR's ppocr_keys_v1" errors={errorsFor("dictionaryFile")}>
            <Input name="dictionaryFile" placeholder="dict.txt" invalid={Boolean(errorsFor("dictionaryFile"))} />
          </Field>
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" name="useSpaceChar" defaultChecked />
            The space is a character (PaddleOCR&apos;s use_space_char)
          </label>
        </>
      )}
      <Field label="Description" name="description" errors={errorsFor("description")}>
        <Textarea name="description" rows={2} />
      </Field>
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
