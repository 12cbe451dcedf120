"use client";

import Link from "next/link";
import { useState } from "react";
import { toast } from "sonner";
import { synthesizeDatasetAction } from "@/app/(console)/datasets/synthesize/actions";
import { FormError } from "@/components/forms/form-error";
import { useActionForm } from "@/components/forms/use-action-form";
import { JobProgress } from "@/components/jobs/job-progress";
import { Button } from "@/components/ui/button";
import { Field, Input, Select, Textarea } from "@/components/ui/field";
import type { JobView } from "@/lib/schemas/jobs";
import { SYNTH_BACKGROUNDS, synthesisResultSchema, type SynthesisCapabilities, type SynthesisStarted } from "@/lib/schemas/synthesize";
import { synthesisInputFromForm } from "./synthesis-form-input";

const SAMPLE_WORDS = `invoice total amount paid order number date receipt customer address
shipping station market window account balance payment due tax price
quantity item delivery reference 2026 042 17.50 9,800 No.`;

const BACKGROUND_LABELS: Record<(typeof SYNTH_BACKGROUNDS)[number], string> = {
  solid: "Solid color",
  gradient: "Gradient",
  noise: "Paper grain",
};

interface Defaults {
  testFraction: number;
  fonts: string[];
  fontSize: { min: number; max: number };
  textColors: string[];
  backgrounds: string[];
  backgroundColors: string[];
  blur: number;
  noise: number;
  rotation: number;
  wordsPerLine: { min: number; max: number };
  maxChars: number;
  page: { width: number; height: number; lines: { min: number; max: number } };
}

/**
 * The generator's settings and, once started, its job: progress, cancel, and links to the new dataset
 * when it is done. The job id goes into the address so a reload keeps following it.
 */
export function SynthesizeForm({ capabilities, initialJob }: { capabilities: SynthesisCapabilities; initialJob: JobView | null }) {
  const defaults = capabilities.defaults as unknown as Defaults;
  const [task, setTask] = useState<"rec" | "det">("rec");
  const [started, setStarted] = useState<{ jobId: string; name: string; seed: number | null } | null>(
    initialJob ? { jobId: initialJob.id, name: initialJob.subjectId.split("/").pop() ?? "", seed: null } : null,
  );
  const [finished, setFinished] = useState<JobView | null>(initialJob && initialJob.state === "succeeded" ? initialJob : null);

  const { onSubmit, pending, error, fieldErrors } = useActionForm(synthesizeDatasetAction, {
    toInput: synthesisInputFromForm,
    onSuccess: (result: SynthesisStarted) => {
      setStarted({ jobId: result.jobId, name: result.name, seed: result.seed });
      setFinished(null);
      const url = new URL(window.location.href);
      url.searchParams.set("job", result.jobId);
      window.history.replaceState(null, "", url);
      toast.success(`Generating ${result.name} (seed ${result.seed})`);
    },
  });
  const errors = (name: string) => fieldErrors[name];
  const result = finished ? synthesisResultSchema.safeParse(finished.result) : null;

  return (
    <div className="grid gap-8 xl:grid-cols-[minmax(0,44rem)_1fr]">
      <form onSubmit={onSubmit} className="space-y-5" noValidate aria-label="Generate synthetic dataset">
        <FormError message={error} />
        <div className="grid gap-4 sm:grid-cols-2">
          <Field label="Dataset name" name="name" hint="Lowercase, e.g. synth-lines-v1" errors={errors("name")}>
            <Input name="name" placeholder="synth-lines-v1" invalid={Boolean(errors("name"))} />
          </Field>
          <Field label="Task" name="task" errors={errors("task")}>
            <Select name="task" value={task} onChange={(e) => setTask(e.target.value as "rec" | "det")}>
              <option value="rec">rec — one text line per image</option>
              <option value="det">det — pages with several lines and their boxes</option>
            </Select>
          </Field>
        </div>

        <fieldset className="space-y-3">
          <legend className="text-sm font-semibold">Text</legend>
          <div className="flex gap-4 text-sm" role="radiogroup" aria-label="Text source">
            <label className="flex items-center gap-1.5">
              <input type="radio" name="textSource" value="words" defaultChecked /> Word list (random picks)
            </label>
            <label className="flex items-center gap-1.5">
              <input type="radio" name="textSource" value="corpus" /> Corpus (passages in order)
            </label>
          </div>
          <Field
            label="Words or corpus"
            name="text"
            hint="Any Unicode text PaddleOCR's dictionary covers; words are split on white space."
            errors={errors("text")}
          >
            <Textarea name="text" rows={5} defaultValue={SAMPLE_WORDS} invalid={Boolean(errors("text"))} />
          </Field>
          <div className="grid gap-4 sm:grid-cols-3">
            <RangeFields label="Words per line" name="wordsPerLine" value={defaults.wordsPerLine} errors={errors} />
            <Field label="Longest line (characters)" name="maxChars" hint="25 = PaddleOCR's max_text_length" errors={errors("maxChars")}>
              <Input name="maxChars" type="number" min={1} max={200} defaultValue={defaults.maxChars} invalid={Boolean(errors("maxChars"))} />
            </Field>
          </div>
        </fieldset>

        <fieldset className="space-y-3">
          <legend className="text-sm font-semibold">Size and split</legend>
          <div className="grid gap-4 sm:grid-cols-3">
            <Field label={task === "rec" ? "Lines" : "Pages"} name="count" errors={errors("count")}>
              <Input name="count" type="number" min={1} max={20000} defaultValue={task === "rec" ? 1000 : 100} key={task} invalid={Boolean(errors("count"))} />
            </Field>
            <Field label="Test share" name="testFraction" hint="0–0.5 of the samples" errors={errors("testFraction")}>
              <Input name="testFraction" type="number" min={0} max={0.5} step={0.05} defaultValue={defaults.testFraction} invalid={Boolean(errors("testFraction"))} />
            </Field>
            <Field label="Seed" name="seed" hint="Same seed, same files. Empty: random" errors={errors("seed")}>
              <Input name="seed" type="number" min={0} placeholder="random" invalid={Boolean(errors("seed"))} />
            </Field>
          </div>
          {task === "det" && (
            <div className="grid gap-4 sm:grid-cols-3">
              <Field label="Page width (px)" name="page.width" errors={errors("page.width")}>
                <Input name="page.width" type="number" min={128} max={2048} defaultValue={defaults.page.width} invalid={Boolean(errors("page.width"))} />
              </Field>
              <Field label="Page height (px)" name="page.height" errors={errors("page.height")}>
                <Input name="page.height" type="number" min={128} max={2048} defaultValue={defaults.page.height} invalid={Boolean(errors("page.height"))} />
              </Field>
              <RangeFields label="Lines per page" name="page.lines" value={defaults.page.lines} errors={errors} />
            </div>
          )}
        </fieldset>

        <fieldset className="space-y-3">
          <legend className="text-sm font-semibold">Look</legend>
          <div>
            <span className="block text-sm font-medium text-zinc-700 dark:text-zinc-300" id="fonts-label">
              Fonts
            </span>
            <div role="group" aria-labelledby="fonts-label" className="mt-1 grid max-h-40 grid-cols-2 gap-x-4 gap-y-1 overflow-auto rounded-md border border-zinc-300 p-2 text-sm dark:border-zinc-700">
              {capabilities.fonts.map((font) => (
                <label key={font} className="flex items-center gap-1.5">
                  <input type="checkbox" name="fonts" value={font} defaultChecked={defaults.fonts.includes(font)} />
                  <span style={{ fontFamily: `"${font}"` }}>{font}</span>
                </label>
              ))}
            </div>
            {errors("fonts")?.map((message) => (
              <p key={message} role="alert" className="mt-1 text-xs text-red-600 dark:text-red-400">
                {message}
              </p>
            ))}
            {!capabilities.cjk && <p className="mt-1 text-xs text-amber-700">No CJK font is installed: Chinese text would render as empty boxes.</p>}
          </div>
          <div className="grid gap-4 sm:grid-cols-3">
            <RangeFields label="Font size (px)" name="fontSize" value={defaults.fontSize} errors={errors} />
            <Field label="Text colors" name="textColors" hint="Hex, comma-separated" errors={errors("textColors") ?? firstIndexed(fieldErrors, "textColors")}>
              <Input name="textColors" defaultValue={defaults.textColors.join(", ")} invalid={Boolean(errors("textColors"))} />
            </Field>
            <Field label="Background colors" name="backgroundColors" hint="Hex, comma-separated" errors={errors("backgroundColors") ?? firstIndexed(fieldErrors, "backgroundColors")}>
              <Input name="backgroundColors" defaultValue={defaults.backgroundColors.join(", ")} invalid={Boolean(errors("backgroundColors"))} />
            </Field>
          </div>
          <div>
            <span className="block text-sm font-medium text-zinc-700 dark:text-zinc-300" id="backgrounds-label">
              Backgrounds
            </span>
            <div role="group" aria-labelledby="backgrounds-label" className="mt-1 flex gap-4 text-sm">
              {SYNTH_BACKGROUNDS.map((kind) => (
                <label key={kind} className="flex items-center gap-1.5">
                  <input type="checkbox" name="backgrounds" value={kind} defaultChecked={defaults.backgrounds.includes(kind)} /> {BACKGROUND_LABELS[kind]}
                </label>
              ))}
            </div>
            {errors("backgrounds")?.map((message) => (
              <p key={message} role="alert" className="mt-1 text-xs text-red-600 dark:text-red-400">
                {message}
              </p>
            ))}
          </div>
          <div className="grid gap-4 sm:grid-cols-3">
            <Field label="Blur up to (σ px)" name="blur" hint="0–3" errors={errors("blur")}>
              <Input name="blur" type="number" min={0} max={3} step={0.1} defaultValue={defaults.blur} invalid={Boolean(errors("blur"))} />
            </Field>
            <Field label="Noise up to (grey levels)" name="noise" hint="0–64" errors={errors("noise")}>
              <Input name="noise" type="number" min={0} max={64} step={1} defaultValue={defaults.noise} invalid={Boolean(errors("noise"))} />
            </Field>
            <Field label="Rotation up to (°)" name="rotation" hint="0–15, either way" errors={errors("rotation")}>
              <Input name="rotation" type="number" min={0} max={15} step={0.5} defaultValue={defaults.rotation} invalid={Boolean(errors("rotation"))} />
            </Field>
          </div>
        </fieldset>

        <Button type="submit" disabled={pending}>
          {pending ? "Starting…" : "Generate dataset"}
        </Button>
      </form>

      <aside aria-label="Generation" className="space-y-3">
        {started ? (
          <>
            <JobProgress
              key={started.jobId}
              jobId={started.jobId}
              initial={initialJob?.id === started.jobId ? initialJob : null}
              title={`Generating ${started.name}`}
              canCancel
              onSettled={(job) => {
                if (job.state === "succeeded") {
                  setFinished(job);
                  toast.success(`Dataset ${started.name} is ready`);
                }
              }}
            />
            {result?.success && result.data.validationJobId && (
              <JobProgress key={result.data.validationJobId} jobId={result.data.validationJobId} title={`Validating ${result.data.name}`} />
            )}
            {result?.success && (
              <div className="rounded-lg border border-emerald-200 bg-emerald-50 p-3 text-sm dark:border-emerald-900 dark:bg-emerald-950" role="status">
                <p>
                  <strong>{result.data.name}</strong>: {result.data.train.toLocaleString("en")} train and {result.data.test.toLocaleString("en")} test samples
                  {result.data.boxes > 0 ? `, ${result.data.boxes.toLocaleString("en")} boxes` : ""}, seed {result.data.seed}.
                </p>
                <p className="mt-1 font-mono text-xs text-zinc-600 dark:text-zinc-400">{result.data.sourceUri}</p>
                <div className="mt-2 flex gap-3">
                  <Link href={`/datasets/${encodeURIComponent(result.data.name)}/preview`} className="text-indigo-600 hover:underline">
                    Preview samples
                  </Link>
                  <Link href={`/datasets/${encodeURIComponent(result.data.name)}`} className="text-indigo-600 hover:underline">
                    Open dataset
                  </Link>
                </div>
              </div>
            )}
          </>
        ) : (
          <p className="text-sm text-zinc-500">
            The images are drawn on the server with the installed fonts, written in PaddleOCR format to the object store, and registered as a new dataset. You can
            leave this page; the job runs on.
          </p>
        )}
      </aside>
    </div>
  );
}

function RangeFields({ label, name, value, errors }: { label: string; name: string; value: { min: number; max: number }; errors: (name: string) => string[] | undefined }) {
  const problems = [...(errors(`${name}.min`) ?? []), ...(errors(`${name}.max`) ?? []), ...(errors(name) ?? [])];
  return (
    <div className="space-y-1">
      <span className="block text-sm font-medium text-zinc-700 dark:text-zinc-300" id={`${name}-label`}>
        {label}
      </span>
      <div role="group" aria-labelledby={`${name}-label`} className="flex items-center gap-2">
        <Input name={`${name}.min`} type="number" aria-label={`${label}, from`} defaultValue={value.min} invalid={problems.length > 0} />
        <span aria-hidden>–</span>
        <Input name={`${name}.max`} type="number" aria-label={`${label}, to`} defaultValue={value.max} invalid={problems.length > 0} />
      </div>
      {problems.map((message) => (
        <p key={message} role="alert" className="text-xs text-red-600 dark:text-red-400">
          {message}
        </p>
      ))}
    </div>
  );
}

/** Errors of list items ("textColors.1") shown on the list's field. */
function firstIndexed(fieldErrors: Record<string, string[]>, name: string): string[] | undefined {
  const entry = Object.entries(fieldErrors).find(([key]) => key.startsWith(`${name}.`));
  return entry ? [`Item ${Number(entry[0].split(".")[1]) + 1}: ${entry[1][0]}`] : undefined;
}
