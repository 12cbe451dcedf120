"use client";

import { useState } from "react";
import { Field, Input, Select, Textarea } from "@/components/ui/field";
import { formatNodeSelector, formatTolerations, parseNodeSelector, parseTolerations } from "@/lib/providers/kubernetes/scheduling-text";
import type { TargetFieldsProps } from "./target-fields-props";

// The Kubernetes target's own fields (lib/providers/kubernetes/run-options.ts): what PaddleCloud's
// training component takes — worker and parameter-server replicas, GPUs per node, VisualDL — plus
// requests, scheduling and the run's shared volume. Image, config, changes and the pretrained model
// are the form's common fields.

const errorList = (message: string | undefined) => (message ? [message] : undefined);

/** A number when the text is one; otherwise the text, so the server names the problem and the input is kept. */
const numberOrText = (text: string, empty: number | null) => (text.trim() === "" ? empty : /^\d+$/.test(text.trim()) ? Number(text.trim()) : text);
const textOrNull = (text: string) => (text.trim() === "" ? null : text.trim());
const shown = (value: unknown) => (value === null || value === undefined ? "" : String(value));

export function KubernetesRunFields({ resources, targetOptions, onResourcesChange, onTargetOptionsChange, errors, disabled }: TargetFieldsProps) {
  const volume = (targetOptions.volume ?? {}) as { claimName?: string | null; size?: string; storageClass?: string | null };
  const [nodeSelectorText, setNodeSelectorText] = useState(() => formatNodeSelector(targetOptions.nodeSelector));
  const [tolerationsText, setTolerationsText] = useState(() => formatTolerations(targetOptions.tolerations));
  const nodeSelectorIssues = parseNodeSelector(nodeSelectorText).errors;
  const tolerationIssues = parseTolerations(tolerationsText).errors;

  const setResource = (key: string, value: unknown) => onResourcesChange({ ...resources, [key]: value });
  const setOption = (key: string, value: unknown) => onTargetOptionsChange({ ...targetOptions, [key]: value });
  const setVolume = (key: string, value: unknown) => setOption("volume", { ...volume, [key]: value });
  const visualdl = targetOptions.visualdl !== false;
  const registerModel = targetOptions.registerModel !== false;

  const text = (name: string, label: string, field: string, value: unknown, onChange: (text: string) => void, hint?: string, placeholder?: string) => (
    <Field label={label} name={name} hint={hint} errors={errorList(errors[field])}>
      <Input name={name} value={shown(value)} placeholder={placeholder} disabled={disabled} invalid={Boolean(errors[field])} onChange={(e) => onChange(e.target.value)} />
    </Field>
  );

  return (
    <div className="space-y-4">
      <fieldset className="space-y-3">
        <legend className="text-sm font-medium text-zinc-700 dark:text-zinc-300">PaddleJob</legend>
        <div className="grid gap-4 sm:grid-cols-3">
          {text("k8s-worker-replicas", "Worker replicas", "resources.workerReplicas", resources.workerReplicas ?? 1, (v) => setResource("workerReplicas", numberOrText(v, 1)), "Collective trainers")}
          {text("k8s-ps-replicas", "PS replicas", "resources.psReplicas", resources.psReplicas ?? 0, (v) => setResource("psReplicas", numberOrText(v, 0)), "More than 0: parameter-server mode")}
          {text("k8s-gpus", "GPUs per node", "resources.gpus", resources.gpus ?? 0, (v) => setResource("gpus", numberOrText(v, 0)), "nvidia.com/gpu per worker; 0 trains on the CPU")}
        </div>
        <div className="grid gap-4 sm:grid-cols-3">
          {text("k8s-cpu", "CPU request", "resources.cpu", resources.cpu, (v) => setResource("cpu", textOrNull(v)), "e.g. 4 or 500m", "none")}
          {text("k8s-memory", "Memory request", "resources.memory", resources.memory, (v) => setResource("memory", textOrNull(v)), "e.g. 16Gi", "none")}
          <Field label="Clean pods" name="k8s-clean-pod-policy" hint="cleanPodPolicy: Never keeps finished pods' logs" errors={errorList(errors["targetOptions.cleanPodPolicy"])}>
            <Select name="k8s-clean-pod-policy" value={shown(targetOptions.cleanPodPolicy) || "Never"} disabled={disabled} onChange={(e) => setOption("cleanPodPolicy", e.target.value)}>
              <option value="Never">Never</option>
              <option value="OnCompletion">OnCompletion</option>
              <option value="OnFailure">OnFailure</option>
              <option value="Always">Always</option>
            </Select>
          </Field>
        </div>
        <div className="grid gap-4 sm:grid-cols-2">
          {text("k8s-train-label", "Train label file", "targetOptions.trainLabel", targetOptions.trainLabel, (v) => setOption("trainLabel", textOrNull(v)), "In the dataset folder; the dataset's own when empty")}
          {text("k8s-test-label", "Test label file", "targetOptions.testLabel", targetOptions.testLabel, (v) => setOption("testLabel", textOrNull(v)), "Eval.dataset.label_file_list")}
        </div>
      </fieldset>

      <fieldset className="space-y-3">
        <legend className="text-sm font-medium text-zinc-700 dark:text-zinc-300">Scheduling</legend>
        <div className="grid gap-4 sm:grid-cols-2">
          <Field
            label="Node selector"
            name="k8s-node-selector"
            hint="One key=value per line"
            errors={nodeSelectorIssues.length > 0 ? nodeSelectorIssues : errorList(errors["targetOptions.nodeSelector"])}
          >
            <Textarea
              name="k8s-node-selector"
              rows={3}
              value={nodeSelectorText}
              placeholder="nvidia.com/gpu.present=true"
              disabled={disabled}
              invalid={nodeSelectorIssues.length > 0 || Boolean(errors["targetOptions.nodeSelector"])}
              onChange={(e) => {
                setNodeSelectorText(e.target.value);
                setOption("nodeSelector", parseNodeSelector(e.target.value).value);
              }}
            />
          </Field>
          <Field
            label="Tolerations"
            name="k8s-tolerations"
            hint="key=value:Effect or key:Effect (Exists), one per line"
            errors={tolerationIssues.length > 0 ? tolerationIssues : errorList(Object.entries(errors).find(([key]) => key.startsWith("targetOptions.tolerations"))?.[1])}
          >
            <Textarea
              name="k8s-tolerations"
              rows={3}
              value={tolerationsText}
              placeholder="nvidia.com/gpu:NoSchedule"
              disabled={disabled}
              invalid={tolerationIssues.length > 0}
              onChange={(e) => {
                setTolerationsText(e.target.value);
                setOption("tolerations", parseTolerations(e.target.value).value);
              }}
            />
          </Field>
        </div>
        {text("k8s-priority-class", "Priority class", "targetOptions.priorityClass", targetOptions.priorityClass, (v) => setOption("priorityClass", textOrNull(v)), "priorityClassName of the pods", "none")}
      </fieldset>

      <fieldset className="space-y-3">
        <legend className="text-sm font-medium text-zinc-700 dark:text-zinc-300">Shared volume (/mnt/task-center)</legend>
        <div className="grid gap-4 sm:grid-cols-3">
          {text("k8s-volume-size", "Volume size", "targetOptions.volume.size", volume.size ?? "10Gi", (v) => setVolume("size", v.trim() || "10Gi"), "ReadWriteMany, made for the run")}
          {text("k8s-volume-claim", "Existing claim", "targetOptions.volume.claimName", volume.claimName, (v) => setVolume("claimName", textOrNull(v)), "Reuse a PersistentVolumeClaim instead", "none")}
          {text("k8s-volume-class", "Storage class", "targetOptions.volume.storageClass", volume.storageClass, (v) => setVolume("storageClass", textOrNull(v)), "The target's when empty", "target default")}
        </div>
      </fieldset>

      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" checked={visualdl} disabled={disabled} onChange={(e) => setOption("visualdl", e.target.checked)} />
        VisualDL: Global.use_visualdl and a VisualDL Deployment on port 8040, shown through the console
      </label>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" checked={registerModel} disabled={disabled} onChange={(e) => setOption("registerModel", e.target.checked)} />
        Register the model when the run succeeds (export, model hub upload to model-center)
      </label>
      {(errors["targetOptions.visualdl"] || errors["targetOptions.registerModel"]) && (
        <p role="alert" className="text-xs text-red-600 dark:text-red-400">
          {errors["targetOptions.visualdl"] ?? errors["targetOptions.registerModel"]}
        </p>
      )}
    </div>
  );
}
