"use client";

import { useId, useState } from "react";
import { Field, Input, Select, Textarea } from "@/components/ui/field";
import { paddleOcrMetricDefinitions, type MetricDefinition } from "@/lib/providers/sagemaker/metric-definitions";
import { SAGEMAKER_TRAINING_INSTANCE_TYPES, TRAINING_INPUT_MODES } from "@/lib/providers/sagemaker/run-options";
import type { TargetFieldsProps } from "./target-fields-props";

// The sagemaker target's own fields (lib/providers/sagemaker/run-options.ts): the training cluster
// (resources) and what else CreateTrainingJob takes (targetOptions). "View request" shows the result.

const errorList = (message: string | undefined) => (message ? [message] : undefined);

/** A number when the text is one; otherwise the text, so the server names the problem and the input is kept. */
function numberOrText(text: string, scale = 1): number | string | undefined {
  const trimmed = text.trim();
  if (trimmed === "") return undefined;
  return /^\d+(\.\d+)?$/.test(trimmed) ? Math.round(Number(trimmed) * scale) : trimmed;
}

function shown(value: unknown, scale = 1): string {
  if (value === undefined || value === null) return "";
  return typeof value === "number" ? String(Math.round((value / scale) * 100) / 100) : String(value);
}

/** `key=value` lines ⇄ a record; lines without `=` are kept as keys with empty values for the server to judge. */
function parsePairs(text: string): Record<string, string> {
  const record: Record<string, string> = {};
  for (const line of text.split("\n")) {
    if (!line.trim()) continue;
    const at = line.indexOf("=");
    if (at === -1) record[line.trim()] = "";
    else record[line.slice(0, at).trim()] = line.slice(at + 1).trim();
  }
  return record;
}

function pairsText(value: unknown): string {
  if (!value || typeof value !== "object") return "";
  return Object.entries(value as Record<string, unknown>)
    .map(([key, v]) => `${key}=${String(v)}`)
    .join("\n");
}

/** `name  regex` lines (name, whitespace, the regex) ⇄ metric definitions. */
function parseDefinitions(text: string): MetricDefinition[] {
  return text
    .split("\n")
    .filter((line) => line.trim())
    .map((line) => {
      const match = /^\s*(\S+)\s+(.+)$/.exec(line);
      return match ? { name: match[1]!, regex: match[2]! } : { name: line.trim(), regex: "" };
    });
}

function definitionsText(definitions: MetricDefinition[]): string {
  return definitions.map((definition) => `${definition.name}  ${definition.regex}`).join("\n");
}

export function SagemakerRunFields({ resources, targetOptions, onResourcesChange, onTargetOptionsChange, errors, disabled }: TargetFieldsProps) {
  const id = useId();
  const spot = targetOptions.spot === true;
  const definitions = Array.isArray(targetOptions.metricDefinitions) ? (targetOptions.metricDefinitions as MetricDefinition[]) : null;
  // Free text is kept as typed; the records follow it.
  const [texts, setTexts] = useState(() => ({
    metrics: definitionsText(definitions ?? paddleOcrMetricDefinitions(null)),
    hyperparameters: pairsText(targetOptions.hyperparameters),
    environment: pairsText(targetOptions.environment),
    tags: pairsText(targetOptions.tags),
  }));
  const setResource = (key: string, value: unknown) => onResourcesChange(withValue(resources, key, value));
  const setOption = (key: string, value: unknown) => onTargetOptionsChange(withValue(targetOptions, key, value));
  const metricErrors = Object.entries(errors).filter(([key]) => key.startsWith("targetOptions.metricDefinitions"));

  return (
    <div className="space-y-4">
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Instance type" name="sm-instance-type" hint="GPU types (ml.g4dn, ml.g5, ml.p3) train PaddleOCR fastest" errors={errorList(errors["resources.instanceType"])}>
          <Input
            name="sm-instance-type"
            list={`${id}-instance-types`}
            value={typeof resources.instanceType === "string" ? resources.instanceType : ""}
            placeholder="ml.g4dn.xlarge"
            disabled={disabled}
            invalid={Boolean(errors["resources.instanceType"])}
            onChange={(e) => setResource("instanceType", e.target.value.trim() || undefined)}
          />
          <datalist id={`${id}-instance-types`}>
            {SAGEMAKER_TRAINING_INSTANCE_TYPES.map((type) => (
              <option key={type} value={type} />
            ))}
          </datalist>
        </Field>
        <Field label="Instance count" name="sm-instance-count" hint="More than one trains data-parallel; each writes its own log stream" errors={errorList(errors["resources.instanceCount"])}>
          <Input
            name="sm-instance-count"
            inputMode="numeric"
            value={shown(resources.instanceCount)}
            placeholder="1"
            disabled={disabled}
            invalid={Boolean(errors["resources.instanceCount"])}
            onChange={(e) => setResource("instanceCount", numberOrText(e.target.value))}
          />
        </Field>
        <Field label="Volume size (GB)" name="sm-volume" hint="Storage for the data channels and checkpoints" errors={errorList(errors["resources.volumeSizeGb"])}>
          <Input
            name="sm-volume"
            inputMode="numeric"
            value={shown(resources.volumeSizeGb)}
            placeholder="50"
            disabled={disabled}
            invalid={Boolean(errors["resources.volumeSizeGb"])}
            onChange={(e) => setResource("volumeSizeGb", numberOrText(e.target.value))}
          />
        </Field>
        <Field label="Max runtime (hours)" name="sm-max-runtime" hint="SageMaker stops the job after this (MaxRuntimeInSeconds)" errors={errorList(errors["resources.maxRuntimeSeconds"])}>
          <Input
            name="sm-max-runtime"
            inputMode="decimal"
            value={shown(resources.maxRuntimeSeconds, 3600)}
            placeholder="24"
            disabled={disabled}
            invalid={Boolean(errors["resources.maxRuntimeSeconds"])}
            onChange={(e) => setResource("maxRuntimeSeconds", numberOrText(e.target.value, 3600))}
          />
        </Field>
        <Field label="Input mode" name="sm-input-mode" hint="File copies the channels to the instance; FastFile streams them from S3" errors={errorList(errors["targetOptions.inputMode"])}>
          <Select
            name="sm-input-mode"
            value={typeof targetOptions.inputMode === "string" ? targetOptions.inputMode : "File"}
            disabled={disabled}
            onChange={(e) => setOption("inputMode", e.target.value)}
          >
            {TRAINING_INPUT_MODES.map((mode) => (
              <option key={mode} value={mode}>
                {mode}
              </option>
            ))}
          </Select>
        </Field>
      </div>

      <fieldset className="space-y-2">
        <legend className="sr-only">Spot training and outputs</legend>
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" checked={spot} disabled={disabled} onChange={(e) => onTargetOptionsChange(withValue(withValue(targetOptions, "spot", e.target.checked), "maxWaitSeconds", e.target.checked ? targetOptions.maxWaitSeconds : undefined))} />
          Managed spot training (cheaper; may be interrupted and resume from checkpoints)
        </label>
        {spot && (
          <Field label="Max wait (hours)" name="sm-max-wait" hint="Waiting for spot capacity plus running; at least the max runtime (default: equal to it)" errors={errorList(errors["targetOptions.maxWaitSeconds"])}>
            <Input
              name="sm-max-wait"
              inputMode="decimal"
              value={shown(targetOptions.maxWaitSeconds, 3600)}
              disabled={disabled}
              invalid={Boolean(errors["targetOptions.maxWaitSeconds"])}
              onChange={(e) => setOption("maxWaitSeconds", numberOrText(e.target.value, 3600))}
            />
          </Field>
        )}
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" checked={targetOptions.checkpoints !== false} disabled={disabled} onChange={(e) => setOption("checkpoints", e.target.checked)} />
          Sync checkpoints to S3 while training (CheckpointConfig)
        </label>
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" checked={targetOptions.visualdl !== false} disabled={disabled} onChange={(e) => setOption("visualdl", e.target.checked)} />
          Write VisualDL records and sync them to S3 for the Curves tab (TensorBoardOutputConfig)
        </label>
      </fieldset>

      <Field
        label="Metric definitions"
        name="sm-metrics"
        hint={
          <>
            One per line: a name, spaces, a regex with one capture group. Prefilled for PaddleOCR&apos;s loss, lr, hmean and acc lines.{" "}
            {definitions && (
              <button
                type="button"
                className="underline"
                disabled={disabled}
                onClick={() => {
                  setTexts((t) => ({ ...t, metrics: definitionsText(paddleOcrMetricDefinitions(null)) }));
                  setOption("metricDefinitions", undefined);
                }}
              >
                Use the PaddleOCR defaults
              </button>
            )}
          </>
        }
        errors={metricErrors.length > 0 ? metricErrors.map(([key, message]) => `${key.replace("targetOptions.metricDefinitions.", "line ")}: ${message}`) : undefined}
      >
        <Textarea
          name="sm-metrics"
          rows={6}
          value={texts.metrics}
          disabled={disabled}
          invalid={metricErrors.length > 0}
          onChange={(e) => {
            setTexts((t) => ({ ...t, metrics: e.target.value }));
            setOption("metricDefinitions", parseDefinitions(e.target.value));
          }}
        />
      </Field>

      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Train channel" name="sm-train-channel" hint="Empty: the dataset's copy under the target's S3 prefix" errors={errorList(errors["targetOptions.trainChannel"])}>
          <Input
            name="sm-train-channel"
            value={typeof targetOptions.trainChannel === "string" ? targetOptions.trainChannel : ""}
            placeholder="s3://bucket/datasets/receipts/v3/"
            disabled={disabled}
            invalid={Boolean(errors["targetOptions.trainChannel"])}
            onChange={(e) => setOption("trainChannel", e.target.value.trim() || undefined)}
          />
        </Field>
        <Field label="Test channel" name="sm-test-channel" hint="Empty: the same data as the train channel" errors={errorList(errors["targetOptions.testChannel"])}>
          <Input
            name="sm-test-channel"
            value={typeof targetOptions.testChannel === "string" ? targetOptions.testChannel : ""}
            disabled={disabled}
            invalid={Boolean(errors["targetOptions.testChannel"])}
            onChange={(e) => setOption("testChannel", e.target.value.trim() || undefined)}
          />
        </Field>
      </div>

      <div className="grid gap-4 sm:grid-cols-3">
        {(
          [
            ["hyperparameters", "Extra hyperparameters", "key=value per line, for the container; the config and its changes are added"],
            ["environment", "Environment", "NAME=value per line"],
            ["tags", "Tags", "key=value per line; the console adds its own"],
          ] as const
        ).map(([key, label, hint]) => {
          const fieldErrors = Object.entries(errors)
            .filter(([errorKey]) => errorKey.startsWith(`targetOptions.${key}`))
            .map(([, message]) => message);
          return (
            <Field key={key} label={label} name={`sm-${key}`} hint={hint} errors={fieldErrors.length > 0 ? fieldErrors : undefined}>
              <Textarea
                name={`sm-${key}`}
                rows={3}
                value={texts[key]}
                disabled={disabled}
                invalid={fieldErrors.length > 0}
                onChange={(e) => {
                  setTexts((t) => ({ ...t, [key]: e.target.value }));
                  const record = parsePairs(e.target.value);
                  setOption(key, Object.keys(record).length > 0 ? record : undefined);
                }}
              />
            </Field>
          );
        })}
      </div>
    </div>
  );
}

function withValue(record: Record<string, unknown>, key: string, value: unknown): Record<string, unknown> {
  const next = { ...record };
  if (value === undefined) delete next[key];
  else next[key] = value;
  return next;
}
