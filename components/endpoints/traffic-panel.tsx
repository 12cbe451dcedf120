"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useState, useTransition } from "react";
import { toast } from "sonner";
import { deployCanaryAction, promoteCanaryAction, rollbackCanaryAction, shiftTrafficAction } from "@/app/(console)/endpoints/traffic-actions";
import { Button } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/field";
import { Cell, Table } from "@/components/ui/table";
import type { ActionResult } from "@/lib/api/authorized-action";
import type { EndpointView } from "@/lib/schemas/endpoints";
import { ConfirmStep } from "./confirm-step";
import { TrafficBar } from "./traffic-bar";
import { isSettling, useEndpoint } from "./use-endpoint";

const STEPS = [5, 10, 25, 50, 75, 100];

/**
 * Canary / blue-green releases of one endpoint: the primary and canary versions with their share,
 * what the backend reports now (phase, URL, each variant's weight and instances), and for editors
 * the steps — deploy a canary, shift traffic, promote, roll back — each confirmed first.
 */
export function TrafficPanel({ initial, canEdit, modelVersions }: { initial: EndpointView; canEdit: boolean; modelVersions: string[] }) {
  const { data: endpoint } = useEndpoint(initial);
  const queryClient = useQueryClient();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const variants = endpoint.variants ?? [];
  const primary = variants.find((v) => v.role === "primary");
  const canary = variants.find((v) => v.role === "canary");
  const [percent, setPercent] = useState(canary?.trafficPercent ?? 10);
  const [shownCanary, setShownCanary] = useState(canary ? `${canary.model.name}:${canary.model.version}` : null);
  // A canary that changed under us (another editor, a promote) resets the slider to its share.
  const canaryLabel = canary ? `${canary.model.name}:${canary.model.version}` : null;
  if (canaryLabel !== shownCanary) {
    setShownCanary(canaryLabel);
    setPercent(canary?.trafficPercent ?? 10);
  }

  function run(step: (input: { name: string; input: unknown }) => Promise<ActionResult<EndpointView>>, input: unknown, done: string) {
    startTransition(async () => {
      const result = await step({ name: endpoint.name, input });
      if (!result.ok) {
        setError(result.error);
        toast.error(result.error);
        return;
      }
      setError(null);
      queryClient.setQueryData(["endpoints", endpoint.name], result.data);
      await queryClient.invalidateQueries({ queryKey: ["endpoints"] });
      toast.success(done);
    });
  }

  const canaryRef = canary ? { name: canary.model.name, version: canary.model.version } : undefined;
  return (
    <section aria-labelledby="traffic-heading" className="mt-10">
      <h2 id="traffic-heading" className="mb-3 text-base font-semibold">
        Traffic
      </h2>
      {!endpoint.canSplitTraffic ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          The {endpoint.targetKind} target serves one model version per endpoint: canary and blue/green releases need a Kubernetes or SageMaker target.
        </p>
      ) : (
        <div className="space-y-5">
          <TrafficBar variants={variants} />
          <LiveStatus endpoint={endpoint} />
          {error && (
            <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800 dark:border-red-900 dark:bg-red-950 dark:text-red-300">
              {error}
            </p>
          )}
          {canEdit && !canary && primary && (
            <DeployCanaryForm
              primary={`${primary.model.name}:${primary.model.version}`}
              modelVersions={modelVersions}
              disabled={pending}
              onDeploy={(model, share) => run(deployCanaryAction, { model, trafficPercent: share }, `Canary ${model.name}:${model.version} deployed with ${share}% of traffic`)}
            />
          )}
          {canEdit && canary && primary && (
            <div className="space-y-4 rounded-lg border border-zinc-200 p-4 dark:border-zinc-800">
              <div className="space-y-2">
                <label htmlFor="canary-percent" className="block text-sm font-medium text-zinc-700 dark:text-zinc-300">
                  Canary traffic: <span data-testid="canary-percent-value">{percent}%</span> (primary {100 - percent}%)
                </label>
                <input
                  id="canary-percent"
                  type="range"
                  min={0}
                  max={100}
                  step={5}
                  value={percent}
                  onChange={(e) => setPercent(Number(e.target.value))}
                  disabled={pending}
                  className="w-full accent-amber-500"
                />
                <div className="flex flex-wrap gap-2" role="group" aria-label="Traffic steps">
                  {STEPS.map((step) => (
                    <Button key={step} variant={step === percent ? "primary" : "ghost"} onClick={() => setPercent(step)} disabled={pending} aria-pressed={step === percent}>
                      {step}%
                    </Button>
                  ))}
                </div>
              </div>
              <div className="flex flex-wrap items-start gap-3">
                <ConfirmStep
                  label="Shift traffic"
                  question={`Send ${percent}% of requests to ${canaryLabel} and ${100 - percent}% to ${primary.model.name}:${primary.model.version}?`}
                  disabled={pending || percent === canary.trafficPercent}
                  onConfirm={() => run(shiftTrafficAction, { canaryPercent: percent }, `Canary now takes ${percent}% of traffic`)}
                />
                <ConfirmStep
                  label="Promote"
                  variant="primary"
                  question={`Make ${canaryLabel} the primary with all traffic, and retire ${primary.model.name}:${primary.model.version}?`}
                  disabled={pending}
                  onConfirm={() => run(promoteCanaryAction, { canary: canaryRef }, `${canaryLabel} promoted to primary`)}
                />
                <ConfirmStep
                  label="Roll back"
                  variant="danger"
                  question={`Retire the canary ${canaryLabel} and send all traffic back to ${primary.model.name}:${primary.model.version}?`}
                  disabled={pending}
                  onConfirm={() => run(rollbackCanaryAction, { canary: canaryRef }, `Canary ${canaryLabel} rolled back`)}
                />
              </div>
            </div>
          )}
        </div>
      )}
    </section>
  );
}

function DeployCanaryForm({
  primary,
  modelVersions,
  disabled,
  onDeploy,
}: {
  primary: string;
  modelVersions: string[];
  disabled: boolean;
  onDeploy: (model: { name: string; version: string }, percent: number) => void;
}) {
  const choices = modelVersions.filter((v) => v !== primary);
  const [version, setVersion] = useState(choices[0] ?? "");
  const [share, setShare] = useState("10");
  const chosen = choices.includes(version) ? version : (choices[0] ?? "");
  const [name, ...rest] = chosen.split(":");
  const percent = Number(share);
  const valid = chosen !== "" && Number.isInteger(percent) && percent >= 0 && percent <= 100;
  return (
    <div className="space-y-3 rounded-lg border border-zinc-200 p-4 dark:border-zinc-800" role="group" aria-label="Deploy a canary">
      <p className="text-sm text-zinc-600 dark:text-zinc-400">Deploy another model version beside {primary} and send it a share of the requests (0% for blue/green: shift later).</p>
      <div className="grid gap-3 sm:grid-cols-[1fr_8rem]">
        <Field label="Canary version" name="canary-version">
          <Select name="canary-version" value={chosen} onChange={(e) => setVersion(e.target.value)} disabled={disabled}>
            {choices.length === 0 && <option value="">No other model version</option>}
            {choices.map((v) => (
              <option key={v}>{v}</option>
            ))}
          </Select>
        </Field>
        <Field label="Canary traffic %" name="canary-traffic" errors={valid || share === "" ? undefined : ["0 to 100"]}>
          <Input name="canary-traffic" inputMode="numeric" value={share} onChange={(e) => setShare(e.target.value)} disabled={disabled} invalid={!valid && share !== ""} />
        </Field>
      </div>
      <ConfirmStep
        label="Deploy canary"
        variant="primary"
        question={`Deploy ${chosen} as the canary with ${share}% of traffic?`}
        disabled={disabled || !valid}
        onConfirm={() => onDeploy({ name: name!, version: rest.join(":") }, percent)}
      />
    </div>
  );
}

function LiveStatus({ endpoint }: { endpoint: EndpointView }) {
  const live = endpoint.live;
  if (!live) return null;
  return (
    <div className="space-y-3" aria-label="Live status" role="group">
      <dl className="grid gap-x-6 gap-y-1 text-sm sm:grid-cols-[auto_1fr]">
        <dt className="text-zinc-500">Phase</dt>
        <dd data-testid="endpoint-phase">
          {live.phase ?? "—"}
          {isSettling(endpoint) && <span className="ml-2 text-xs text-zinc-500">(settling…)</span>}
        </dd>
        <dt className="text-zinc-500">URL</dt>
        <dd className="break-all font-mono text-xs" data-testid="endpoint-url">
          {live.url ?? "—"}
        </dd>
        {endpoint.reason && (
          <>
            <dt className="text-zinc-500">Detail</dt>
            <dd>{endpoint.reason}</dd>
          </>
        )}
      </dl>
      {live.variants.length > 0 && (
        <Table label="Live variants" head={["Variant", "Role", "Weight", "Desired weight", "Instances", "Status"]}>
          {live.variants.map((v) => (
            <tr key={`${v.name}-${v.pending}`} data-testid="live-variant" data-role={v.role ?? ""}>
              <Cell mono>
                {v.name}
                {v.pending && " (new fleet)"}
              </Cell>
              <Cell>{v.role ?? "—"}</Cell>
              <Cell>{v.weight === null ? "—" : `${v.weight}%`}</Cell>
              <Cell>{v.desiredWeight === null ? "—" : `${v.desiredWeight}%`}</Cell>
              <Cell>{v.instances === null ? "—" : `${v.instances}${v.desiredInstances !== null && v.desiredInstances !== v.instances ? ` → ${v.desiredInstances}` : ""}`}</Cell>
              <Cell>{v.statuses.join(", ") || "—"}</Cell>
            </tr>
          ))}
        </Table>
      )}
    </div>
  );
}
