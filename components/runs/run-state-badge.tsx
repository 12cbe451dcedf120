import { Badge } from "@/components/ui/badge";
import { ACTIVE_RUN_STATES, type RunStateName } from "@/lib/schemas/runs";

const TONE: Record<RunStateName, "neutral" | "good" | "bad" | "info"> = {
  Queued: "neutral",
  Starting: "info",
  Running: "info",
  Succeeded: "good",
  Failed: "bad",
  Stopping: "neutral",
  Stopped: "neutral",
};

export function isActiveState(state: RunStateName): boolean {
  return (ACTIVE_RUN_STATES as readonly string[]).includes(state);
}

/** The console's normalized state; the target's own word for it (PaddleJob phase, SageMaker status) on hover. */
export function RunStateBadge({ state, phase, testId }: { state: RunStateName; phase?: string | null; testId?: string }) {
  return (
    <span title={phase ? `Target phase: ${phase}` : undefined} data-testid={testId} data-state={state}>
      <Badge tone={TONE[state]}>
        {isActiveState(state) && <span aria-hidden className="mr-1 inline-block h-1.5 w-1.5 animate-pulse rounded-full bg-current" />}
        {state}
      </Badge>
    </span>
  );
}
