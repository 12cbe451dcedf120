import { Badge } from "@/components/ui/badge";
import type { DatasetStatus } from "@/lib/schemas/datasets";

const TONE = { registered: "neutral", validating: "info", valid: "good", invalid: "bad" } as const;
const WORDS: Record<DatasetStatus, string> = { registered: "not validated", validating: "validating", valid: "valid", invalid: "has issues" };

export function DatasetStatusBadge({ status }: { status: DatasetStatus }) {
  return <Badge tone={TONE[status]}>{WORDS[status]}</Badge>;
}
