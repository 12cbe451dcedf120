"use client";

import { useRouter } from "next/navigation";
import { useMemo, useState, useTransition } from "react";
import { toast } from "sonner";
import { createRunAction, renderRunAction } from "@/app/(console)/runs/actions";
import { FormError } from "@/components/forms/form-error";
import { Button, ButtonLink } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/field";
import type { TargetKind } from "@/lib/providers/types";
import type { CreateRunInput } from "@/lib/schemas/runs";
import { changesFromRows, rowsFromChanges, serverErrorsByRow, type ConfigChangeRow } from "./config-changes";
import { ConfigChangesTable } from "./config-changes-table";
import { RequestView, type RenderedRequestView } from "./request-view";
import { RUN_TEMPLATES, taskOfConfig, templateForConfig, type RunTemplate } from "./run-templates";
import { RunTargetFields } from "./target-fields";

export interface TargetChoice {
  name: string;
  kind: TargetKind;
  /** Whether the target can train, as the target itself answered when the page was rendered. */
  readiness: { ok: boolean; message: string };
}

export interface DatasetChoice {
  name: string;
  task: "det" | "rec" | "cls";
  versions: Array<{ version: number; valid: boolean }>;
}

interface Props {
  targets: TargetChoice[];
  datasets: DatasetChoice[];
  /** A clone's parameters, or null for a blank form. */
  initial: CreateRunInput | null;
  clonedFrom: { id: string; name: string } | null;
}

type Errors = Record<string, string[]>;

const INLINE_FIELDS = new Set(["target", "name", "modelName", "configPath", "dataset", "datasetVersion", "pretrainedModel", "image"]);

const stringOrNull = (value: string) => (value.trim() ? value.trim() : null);

/** One form for every target: the shared run fields, then the chosen target's own fields. */
export function NewRunForm({ targets, datasets, initial, clonedFrom }: Props) {
  const router = useRouter();
  const firstTemplate = RUN_TEMPLATES[0]!;
  // A blank form starts on a target that can train, this machine first.
  const preferred = targets.find((t) => t.readiness.ok && t.kind === "local") ?? targets.find((t) => t.readiness.ok) ?? targets[0];
  const [targetName, setTargetName] = useState(initial?.target ?? preferred?.name ?? "");
  const [name, setName] = useState(initial?.name ?? "");
  const [dataset, setDataset] = useState(initial?.dataset ?? "");
  const [datasetVersion, setDatasetVersion] = useState(initial?.datasetVersion ? String(initial.datasetVersion) : "");
  const [modelName, setModelName] = useState(initial?.modelName ?? firstTemplate.modelName);
  const [configPath, setConfigPath] = useState(initial?.configPath ?? firstTemplate.configPath);
  const [rows, setRows] = useState<ConfigChangeRow[]>(() => rowsFromChanges(initial?.configChanges ?? firstTemplate.configChanges));
  const [pretrainedModel, setPretrainedModel] = useState(initial?.pretrainedModel ?? "");
  const [image, setImage] = useState(initial?.image ?? "");
  const [resources, setResources] = useState<Record<string, unknown>>(initial?.resources ?? {});
  const [targetOptions, setTargetOptions] = useState<Record<string, unknown>>(initial?.targetOptions ?? {});

  const [errors, setErrors] = useState<Errors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [serverRowErrors, setServerRowErrors] = useState<Record<string, string>>({});
  const [showRowErrors, setShowRowErrors] = useState(false);
  // The rendered request and the form input it was rendered for, to flag it once the form changes.
  const [request, setRequest] = useState<{ view: RenderedRequestView; for: string } | null>(null);
  const [launching, startLaunch] = useTransition();
  const [rendering, startRender] = useTransition();

  const target = targets.find((t) => t.name === targetName);
  const template = templateForConfig(configPath);
  const configTask = taskOfConfig(configPath);
  const chosenDataset = datasets.find((d) => d.name === dataset);
  const { changes, errors: rowErrors, rowOfChange } = useMemo(() => changesFromRows(rows), [rows]);
  const visibleRowErrors = { ...serverRowErrors, ...(showRowErrors ? rowErrors : {}) };

  function input(): CreateRunInput {
    return {
      name: name.trim() || undefined,
      target: targetName,
      dataset: dataset || null,
      datasetVersion: dataset && datasetVersion ? Number(datasetVersion) : null,
      modelName: modelName.trim(),
      configPath: configPath.trim(),
      configChanges: changes,
      pretrainedModel: stringOrNull(pretrainedModel),
      image: target?.kind === "local" ? null : stringOrNull(image),
      resources,
      targetOptions,
      clonedFrom: clonedFrom?.id ?? null,
    };
  }

  function applyTemplate(next: RunTemplate) {
    setConfigPath(next.configPath);
    setRows(rowsFromChanges(next.configChanges));
    setServerRowErrors({});
    if (!modelName.trim() || RUN_TEMPLATES.some((t) => t.modelName === modelName.trim())) setModelName(next.modelName);
    if (chosenDataset && chosenDataset.task !== next.task) setDataset("");
    setRequest(null);
  }

  function chooseTarget(next: string) {
    // Target fields belong to one target kind; another kind starts from its own defaults.
    if (targets.find((t) => t.name === next)?.kind !== target?.kind) {
      setResources({});
      setTargetOptions({});
    }
    setTargetName(next);
    setRequest(null);
  }

  function showServerErrors(message: string, fieldErrors: Errors | undefined) {
    const fields = fieldErrors ?? {};
    setErrors(fields);
    setServerRowErrors(serverErrorsByRow(fields, rowOfChange));
    // The banner is for what no field shows: the form's own fields, change rows and target fields show theirs.
    const shownInline = (key: string) => INLINE_FIELDS.has(key) || /^(configChanges|resources|targetOptions)(\.|$)/.test(key);
    const placed = Object.keys(fields).length > 0 && Object.keys(fields).every(shownInline);
    setFormError(placed ? null : message);
  }

  /** Row problems stop the request here, with the row marked, before anything is sent. */
  function rowsAreValid(): boolean {
    setShowRowErrors(true);
    if (Object.keys(rowErrors).length === 0) return true;
    setFormError("Fix the marked config changes first.");
    return false;
  }

  function viewRequest() {
    if (!rowsAreValid()) return;
    const sent = input();
    startRender(async () => {
      const result = await renderRunAction(sent);
      if (!result.ok) {
        setRequest(null);
        return showServerErrors(result.error, result.fieldErrors);
      }
      setErrors({});
      setFormError(null);
      setRequest({ view: result.data, for: JSON.stringify(sent) });
    });
  }

  function launch(event: React.FormEvent) {
    event.preventDefault();
    if (!rowsAreValid()) return;
    startLaunch(async () => {
      const result = await createRunAction(input());
      if (!result.ok) return showServerErrors(result.error, result.fieldErrors);
      toast.success(`Run ${result.data.name} launched on ${result.data.target}`);
      router.push(`/runs/${encodeURIComponent(result.data.name)}`);
    });
  }

  const fieldError = (key: string) => errors[key];
  const targetErrors = Object.fromEntries(
    Object.entries(errors)
      .filter(([key]) => key.startsWith("resources") || key.startsWith("targetOptions"))
      .map(([key, messages]) => [key, messages.join("; ")]),
  );
  const notReady = target && !target.readiness.ok;
  // Errors about the records as a whole (an unknown key) belong to no single field of the target's own.
  const otherTargetErrors = Object.entries(targetErrors).filter(([key]) => key === "resources" || key === "targetOptions");

  return (
    <form onSubmit={launch} noValidate aria-label="New run" className="grid gap-8 xl:grid-cols-[minmax(0,40rem)_minmax(0,1fr)]">
      <div className="space-y-5">
        <FormError message={formError} />
        {clonedFrom && (
          <p className="rounded-md border border-indigo-200 bg-indigo-50 px-3 py-2 text-sm dark:border-indigo-900 dark:bg-indigo-950">
            Cloned from <a href={`/runs/${encodeURIComponent(clonedFrom.name)}`} className="font-medium text-indigo-700 hover:underline dark:text-indigo-300">{clonedFrom.name}</a> — change what you need, then launch.
          </p>
        )}

        <Field label="Target" name="target" errors={fieldError("target")}>
          <Select name="target" value={targetName} onChange={(e) => chooseTarget(e.target.value)} invalid={Boolean(fieldError("target"))}>
            {targets.map((t) => (
              <option key={t.name} value={t.name}>
                {t.name} ({t.kind}){t.readiness.ok ? "" : " — cannot train"}
              </option>
            ))}
          </Select>
        </Field>
        {target && (
          <p
            role={notReady ? "alert" : "status"}
            data-testid="target-readiness"
            className={
              notReady
                ? "rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-200"
                : "text-xs text-emerald-700 dark:text-emerald-400"
            }
          >
            {notReady ? <strong>{target.name} cannot train: </strong> : "✓ "}
            {target.readiness.message}
            {notReady && (
              <button type="button" onClick={() => router.refresh()} className="ml-2 font-medium underline">
                Check again
              </button>
            )}
          </p>
        )}

        <fieldset className="space-y-2">
          <legend className="text-sm font-medium text-zinc-700 dark:text-zinc-300">Template</legend>
          <div className="grid gap-2 sm:grid-cols-2">
            {RUN_TEMPLATES.map((t) => (
              <button
                key={t.id}
                type="button"
                aria-pressed={template?.id === t.id}
                onClick={() => applyTemplate(t)}
                className={`rounded-md border px-3 py-2 text-left text-sm transition-colors ${
                  template?.id === t.id
                    ? "border-indigo-500 bg-indigo-50 dark:bg-indigo-950"
                    : "border-zinc-200 hover:border-zinc-400 dark:border-zinc-800 dark:hover:border-zinc-600"
                }`}
              >
                <span className="block font-medium">{t.label}</span>
                <span className="block text-xs text-zinc-500 dark:text-zinc-400">{t.description}</span>
              </button>
            ))}
          </div>
        </fieldset>

        <div className="grid gap-4 sm:grid-cols-2">
          <Field label="Model name" name="modelName" hint="The registry name its versions will carry" errors={fieldError("modelName")}>
            <Input name="modelName" value={modelName} onChange={(e) => setModelName(e.target.value)} invalid={Boolean(fieldError("modelName"))} />
          </Field>
          <Field label="Run name" name="name" hint="Empty: made from the model name and the time" errors={fieldError("name")}>
            <Input name="name" value={name} placeholder="generated" onChange={(e) => setName(e.target.value)} invalid={Boolean(fieldError("name"))} />
          </Field>
        </div>

        <Field label="PaddleOCR config" name="configPath" hint="Relative to the PaddleOCR checkout, e.g. configs/det/det_mv3_db.yml" errors={fieldError("configPath")}>
          <Input name="configPath" value={configPath} onChange={(e) => setConfigPath(e.target.value)} invalid={Boolean(fieldError("configPath"))} />
        </Field>

        <div className="grid gap-4 sm:grid-cols-[2fr_1fr]">
          <Field
            label="Dataset"
            name="dataset"
            hint={
              chosenDataset && configTask && chosenDataset.task !== configTask
                ? `Careful: ${chosenDataset.name} is a ${chosenDataset.task} dataset and the config trains ${configTask}.`
                : "Its files are cached on the target and passed as Train/Eval.dataset"
            }
            errors={fieldError("dataset")}
          >
            <Select
              name="dataset"
              value={dataset}
              onChange={(e) => {
                setDataset(e.target.value);
                setDatasetVersion("");
              }}
              invalid={Boolean(fieldError("dataset"))}
            >
              <option value="">No dataset (the config&apos;s own paths)</option>
              {datasets.map((d) => (
                <option key={d.name} value={d.name}>
                  {d.name} ({d.task})
                </option>
              ))}
            </Select>
          </Field>
          <Field label="Version" name="datasetVersion" errors={fieldError("datasetVersion")}>
            <Select name="datasetVersion" value={datasetVersion} disabled={!chosenDataset} onChange={(e) => setDatasetVersion(e.target.value)} invalid={Boolean(fieldError("datasetVersion"))}>
              <option value="">Latest valid</option>
              {chosenDataset?.versions.map((v) => (
                <option key={v.version} value={String(v.version)}>
                  v{v.version}
                  {v.valid ? "" : " (not valid)"}
                </option>
              ))}
            </Select>
          </Field>
        </div>

        <ConfigChangesTable
          rows={rows}
          errors={visibleRowErrors}
          onChange={(next) => {
            setRows(next);
            setServerRowErrors({});
          }}
        />
        {fieldError("configChanges") && (
          <p role="alert" className="text-xs text-red-600 dark:text-red-400">
            {fieldError("configChanges")!.join("; ")}
          </p>
        )}

        <Field label="Pretrained weights" name="pretrainedModel" hint="Optional: a path or URL the target can read (Global.pretrained_model)" errors={fieldError("pretrainedModel")}>
          <Input name="pretrainedModel" value={pretrainedModel} onChange={(e) => setPretrainedModel(e.target.value)} invalid={Boolean(fieldError("pretrainedModel"))} />
        </Field>

        {target && target.kind !== "local" && (
          <Field label="Training image" name="image" hint="The container image with PaddlePaddle and PaddleOCR" errors={fieldError("image")}>
            <Input name="image" value={image} onChange={(e) => setImage(e.target.value)} invalid={Boolean(fieldError("image"))} />
          </Field>
        )}

        {target && (
          <section aria-label={`${target.kind} settings`} className="space-y-3 border-t border-zinc-200 pt-4 dark:border-zinc-800">
            <h2 className="text-sm font-semibold">{target.name} settings</h2>
            <RunTargetFields
              kind={target.kind}
              resources={resources}
              targetOptions={targetOptions}
              onResourcesChange={setResources}
              onTargetOptionsChange={setTargetOptions}
              errors={targetErrors}
            />
            {otherTargetErrors.length > 0 && (
              <ul aria-label="Target settings problems" className="space-y-0.5 text-xs text-red-600 dark:text-red-400">
                {otherTargetErrors.map(([key, message]) => (
                  <li key={key}>
                    <span className="font-mono">{key}</span>: {message}
                  </li>
                ))}
              </ul>
            )}
          </section>
        )}

        <div className="flex flex-wrap gap-2 border-t border-zinc-200 pt-4 dark:border-zinc-800">
          <Button type="submit" disabled={launching || !target || Boolean(notReady)} title={notReady ? target?.readiness.message : undefined}>
            {launching ? "Launching…" : "Launch run"}
          </Button>
          <Button variant="secondary" onClick={viewRequest} disabled={rendering || !target}>
            {rendering ? "Rendering…" : "View request"}
          </Button>
          <ButtonLink href="/runs" variant="ghost">
            Cancel
          </ButtonLink>
        </div>
      </div>

      <div className="min-w-0 space-y-2">
        {request ? (
          <>
            {request.for !== JSON.stringify(input()) && (
              <p role="status" className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-200">
                The form changed since this was rendered — “View request” again to see what launching sends now.
              </p>
            )}
            <RequestView request={request.view} label={`What launching sends to ${targetName}`} />
          </>
        ) : (
          <p className="rounded-lg border border-dashed border-zinc-300 px-4 py-8 text-center text-sm text-zinc-500 dark:border-zinc-700">
            “View request” shows exactly what launching will send to the target — the command line, manifests or AWS
            request — without launching anything.
          </p>
        )}
      </div>
    </form>
  );
}
