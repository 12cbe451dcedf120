"use client";

import { Field, Input } from "@/components/ui/field";
import type { TargetFieldsProps } from "./target-fields-props";

// The local target's own fields (lib/providers/local/run-options.ts): which GPUs, how many CPU threads,
// and whether PaddleOCR writes VisualDL records for the Curves tab.

const errorList = (message: string | undefined) => (message ? [message] : undefined);

export function LocalRunFields({ resources, targetOptions, onResourcesChange, onTargetOptionsChange, errors, disabled }: TargetFieldsProps) {
  const gpus = typeof resources.gpus === "string" ? resources.gpus : "";
  const cpuThreads = resources.cpuThreads === null || resources.cpuThreads === undefined ? "" : String(resources.cpuThreads);
  const visualdl = targetOptions.visualdl !== false;

  return (
    <div className="space-y-4">
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="GPUs" name="local-gpus" hint="CUDA device ids, e.g. 0 or 0,1 — empty trains on the CPU" errors={errorList(errors["resources.gpus"])}>
          <Input
            name="local-gpus"
            value={gpus}
            placeholder="CPU"
            disabled={disabled}
            invalid={Boolean(errors["resources.gpus"])}
            onChange={(e) => onResourcesChange({ ...resources, gpus: e.target.value.trim() ? e.target.value : null })}
          />
        </Field>
        <Field label="CPU threads" name="local-cpu-threads" hint="OMP_NUM_THREADS — empty uses every core" errors={errorList(errors["resources.cpuThreads"])}>
          <Input
            name="local-cpu-threads"
            inputMode="numeric"
            value={cpuThreads}
            placeholder="all"
            disabled={disabled}
            invalid={Boolean(errors["resources.cpuThreads"])}
            onChange={(e) => {
              const text = e.target.value.trim();
              // A number when it is one; otherwise the text, so the server names the problem and the input is kept.
              const value = text === "" ? null : /^\d+$/.test(text) ? Number(text) : text;
              onResourcesChange({ ...resources, cpuThreads: value });
            }}
          />
        </Field>
      </div>
      <label className="flex items-center gap-2 text-sm">
        <input
          type="checkbox"
          checked={visualdl}
          disabled={disabled}
          onChange={(e) => onTargetOptionsChange({ ...targetOptions, visualdl: e.target.checked })}
        />
        Write VisualDL records (Global.use_visualdl) for the Curves tab
      </label>
      {errors["targetOptions.visualdl"] && (
        <p role="alert" className="text-xs text-red-600 dark:text-red-400">
          {errors["targetOptions.visualdl"]}
        </p>
      )}
    </div>
  );
}
