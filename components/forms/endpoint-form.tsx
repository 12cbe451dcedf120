"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import { createEndpointAction } from "@/app/(console)/endpoints/actions";
import { ServingConfigFields } from "@/components/endpoints/serving-config-fields";
import { servingConfigFromForm } from "@/components/endpoints/serving-config-form";
import { Button } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/field";
import { FormError } from "./form-error";
import { text, useActionForm } from "./use-action-form";

const NUMERIC_PARAMS = [
  { name: "det_limit_side_len", label: "det_limit_side_len", placeholder: "960" },
  { name: "det_db_thresh", label: "det_db_thresh", placeholder: "0.3" },
  { name: "det_db_box_thresh", label: "det_db_box_thresh", placeholder: "0.6" },
  { name: "det_db_unclip_ratio", label: "det_db_unclip_ratio", placeholder: "1.5" },
  { name: "drop_score", label: "drop_score", placeholder: "0.5" },
  { name: "rec_crop_margin", label: "rec_crop_margin", placeholder: "0.25" },
] as const;

function toInput(form: FormData, targetKind?: string) {
  const params: Record<string, number | boolean> = {};
  for (const { name } of NUMERIC_PARAMS) if (text(form, name).trim()) params[name] = Number(text(form, name));
  if (form.get("use_cls") === "on") params.use_cls = true;
  const [modelName, version] = text(form, "model").split(":");
  // A container target's serving settings (image, resources, autoscaling …) ride along as config.
  const config = servingConfigFromForm(form, targetKind);
  return { name: text(form, "name"), target: text(form, "target"), model: { name: modelName ?? "", version: version ?? "" }, params, ...(config ? { config } : {}) };
}

export function EndpointForm({ targets, modelVersions, targetKinds = {} }: { targets: string[]; modelVersions: string[]; targetKinds?: Record<string, string> }) {
  const router = useRouter();
  const [target, setTarget] = useState("local");
  const { onSubmit, pending, error, fieldErrors } = useActionForm(createEndpointAction, {
    toInput: (form) => toInput(form, targetKinds[text(form, "target")]),
    onSuccess: (endpoint) => {
      toast.success(`Endpoint ${endpoint.name} is starting`);
      router.push(`/endpoints/${endpoint.name}`);
    },
  });
  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate aria-label="Deploy endpoint">
      <FormError message={error} />
      <Field label="Name" name="name" hint="Lowercase, e.g. invoices-ocr" errors={fieldErrors.name}>
        <Input name="name" invalid={Boolean(fieldErrors.name)} />
      </Field>
      <Field label="Target" name="target" errors={fieldErrors.target}>
        <Select name="target" defaultValue="local" onChange={(event) => setTarget(event.target.value)}>
          {targets.map((t) => (
            <option key={t}>{t}</option>
          ))}
        </Select>
      </Field>
      <Field label="Model version" name="model" errors={fieldErrors.model}>
        <Select name="model">
          {modelVersions.map((v) => (
            <option key={v}>{v}</option>
          ))}
        </Select>
      </Field>
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium text-zinc-700 dark:text-zinc-300">PaddleOCR parameters (empty: defaults)</legend>
        <div className="grid grid-cols-2 gap-3">
          {NUMERIC_PARAMS.map((p) => (
            <Field key={p.name} label={p.label} name={p.name} errors={fieldErrors[`params.${p.name}`]}>
              <Input name={p.name} inputMode="decimal" placeholder={p.placeholder} invalid={Boolean(fieldErrors[`params.${p.name}`])} />
            </Field>
          ))}
        </div>
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" name="use_cls" /> use_cls — classify 180° rotated lines
        </label>
      </fieldset>
      <ServingConfigFields kind={targetKinds[target]} fieldErrors={fieldErrors} />
      <Button type="submit" disabled={pending}>
        {pending ? "Deploying…" : "Deploy endpoint"}
      </Button>
    </form>
  );
}
