"use client";

import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { toast } from "sonner";
import { deleteEndpointAction } from "@/app/(console)/endpoints/actions";
import { Button } from "@/components/ui/button";
import type { EndpointView } from "@/lib/schemas/endpoints";
import { EndpointStateBadge } from "./endpoint-state-badge";
import { useEndpoints } from "./use-endpoints";

/** Name, live state and the editor's actions for one endpoint. */
export function EndpointHeader({ initial, canDelete }: { initial: EndpointView; canDelete: boolean }) {
  const { data } = useEndpoints([initial]);
  const endpoint = data.find((e) => e.id === initial.id) ?? initial;
  const router = useRouter();
  const [pending, startTransition] = useTransition();

  function remove() {
    if (!confirm(`Stop serving and remove ${endpoint.name}?`)) return;
    startTransition(async () => {
      const result = await deleteEndpointAction(endpoint.name);
      if (!result.ok) return void toast.error(result.error);
      toast.success(`Endpoint ${endpoint.name} removed`);
      router.push("/endpoints");
    });
  }

  return (
    <div className="mb-6 flex flex-wrap items-start justify-between gap-4">
      <div>
        <div className="flex items-center gap-2">
          <h1 className="text-xl font-semibold tracking-tight">{endpoint.name}</h1>
          <span data-testid="endpoint-state">
            <EndpointStateBadge state={endpoint.state} />
          </span>
        </div>
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
          <span className="font-mono">
            {endpoint.model.name}:{endpoint.model.version}
          </span>{" "}
          on {endpoint.target} ({endpoint.targetKind}){endpoint.restarts > 0 && ` · restarted ${endpoint.restarts}×`}
          {endpoint.reason && endpoint.state !== "ready" && <span className="block text-red-700 dark:text-red-400">{endpoint.reason}</span>}
        </p>
      </div>
      {canDelete && (
        <Button variant="danger" onClick={remove} disabled={pending}>
          Remove endpoint
        </Button>
      )}
    </div>
  );
}
