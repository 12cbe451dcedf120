"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { toast } from "sonner";
import { updateEndpointSettingsAction } from "@/app/(console)/endpoints/traffic-actions";
import { FormError } from "@/components/forms/form-error";
import { useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import type { EndpointView } from "@/lib/schemas/endpoints";
import { ServingConfigFields } from "./serving-config-fields";
import { hasServingFields, servingConfigFromForm } from "./serving-config-form";
import { useEndpoint } from "./use-endpoint";

/**
 * How the endpoint is served, by target kind: Knative autoscaling and resources on Kubernetes; the
 * fleet, auto scaling, update policy and request mapping on SageMaker. Saving redeploys the same
 * model versions with the new settings; viewers see them read-only.
 */
export function ServingSettingsPanel({ initial, canEdit }: { initial: EndpointView; canEdit: boolean }) {
  const { data: endpoint } = useEndpoint(initial);
  const queryClient = useQueryClient();
  // Remounting the fields after a save shows the settings as the server parsed them.
  const [revision, setRevision] = useState(0);
  const current = endpoint.config ?? {};
  const { onSubmit, pending, error, fieldErrors } = useActionForm(updateEndpointSettingsAction, {
    toInput: (form) => ({ name: endpoint.name, input: { config: servingConfigFromForm(form, endpoint.targetKind, current) } }),
    onSuccess: (updated) => {
      queryClient.setQueryData(["endpoints", endpoint.name], updated);
      void queryClient.invalidateQueries({ queryKey: ["endpoints"] });
      setRevision((r) => r + 1);
      toast.success(`Settings of ${endpoint.name} saved and deployed`);
    },
  });
  return (
    <section aria-labelledby="settings-heading" className="mt-10">
      <h2 id="settings-heading" className="mb-3 text-base font-semibold">
        Settings
      </h2>
      {!hasServingFields(endpoint.targetKind) ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          The {endpoint.targetKind} target has no serving settings; the endpoint runs the PaddleOCR parameters it was deployed with
          {Object.keys(endpoint.params).length > 0 ? ` (${Object.entries(endpoint.params).map(([k, v]) => `${k}=${String(v)}`).join(", ")})` : ""}.
        </p>
      ) : (
        <form key={revision} onSubmit={onSubmit} noValidate aria-label="Serving settings" className="max-w-3xl space-y-4">
          <FormError message={error} />
          <ServingConfigFields kind={endpoint.targetKind} values={current} fieldErrors={fieldErrors} disabled={!canEdit || pending} />
          {canEdit && (
            <Button type="submit" disabled={pending}>
              {pending ? "Saving…" : "Save settings"}
            </Button>
          )}
        </form>
      )}
    </section>
  );
}
