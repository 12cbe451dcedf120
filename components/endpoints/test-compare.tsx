"use client";

import { useState } from "react";
import { toast } from "sonner";
import { OcrResultView } from "@/components/ocr/ocr-result-view";
import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/field";
import type { PredictionView } from "@/lib/schemas/endpoints";
import { sameLines } from "./compare-lines";

/** A kept test beside the same image re-run on another endpoint. */
export function TestCompare({ endpointName, test, imageUrl, endpoints }: { endpointName: string; test: PredictionView; imageUrl: string; endpoints: string[] }) {
  const [other, setOther] = useState(endpoints[0] ?? endpointName);
  const [rerun, setRerun] = useState<{ endpoint: string; prediction: PredictionView } | null>(null);
  const [pending, setPending] = useState(false);

  async function run() {
    setPending(true);
    try {
      const response = await fetch(`/api/v1/endpoints/${encodeURIComponent(endpointName)}/predictions/${test.id}/rerun`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ endpoint: other }),
      });
      const body = (await response.json()) as PredictionView | { error: { message: string } };
      if (!response.ok || "error" in body) throw new Error("error" in body ? body.error.message : `answered ${response.status}`);
      setRerun({ endpoint: other, prediction: body });
    } catch (error) {
      toast.error(error instanceof Error ? error.message : String(error));
    } finally {
      setPending(false);
    }
  }

  const diff = rerun && sameLines(test, rerun.prediction);
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end gap-2">
        <div className="w-64">
          <label htmlFor="compare-with" className="block text-sm font-medium">
            Re-run on
          </label>
          <Select name="compare-with" value={other} onChange={(e) => setOther(e.target.value)}>
            {endpoints.map((name) => (
              <option key={name}>{name}</option>
            ))}
          </Select>
        </div>
        <Button onClick={run} disabled={pending}>
          {pending ? "Running…" : "Run and compare"}
        </Button>
        {diff && (
          <p role="status" data-testid="compare-summary" className="text-sm text-zinc-600 dark:text-zinc-400">
            {diff.same} of {Math.max(test.lines.length, rerun.prediction.lines.length)} lines read alike
            {diff.onlyA.length > 0 && ` · only ${endpointName}: ${diff.onlyA.join(", ")}`}
            {diff.onlyB.length > 0 && ` · only ${rerun.endpoint}: ${diff.onlyB.join(", ")}`}
          </p>
        )}
      </div>
      <div className={`grid gap-6 ${rerun ? "2xl:grid-cols-2" : ""}`}>
        <section aria-label={`Answer of ${endpointName}`}>
          <h2 className="mb-2 text-sm font-semibold">{endpointName} (kept test)</h2>
          <OcrResultView imageUrl={imageUrl} result={test} latencyMs={test.latencyMs} />
        </section>
        {rerun && (
          <section aria-label={`Answer of ${rerun.endpoint}`}>
            <h2 className="mb-2 text-sm font-semibold">{rerun.endpoint} (now)</h2>
            <OcrResultView imageUrl={imageUrl} result={rerun.prediction} latencyMs={rerun.prediction.latencyMs} />
          </section>
        )}
      </div>
    </div>
  );
}
