import { Badge } from "@/components/ui/badge";
import type { EndpointState } from "@/lib/providers/types";

const TONE = { ready: "good", starting: "info", failed: "bad", stopped: "neutral" } as const;

export function EndpointStateBadge({ state }: { state: EndpointState }) {
  return <Badge tone={TONE[state]}>{state}</Badge>;
}
