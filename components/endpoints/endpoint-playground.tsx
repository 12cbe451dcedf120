"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { toast } from "sonner";
import { ImageDropZone } from "@/components/ocr/image-drop-zone";
import { OcrResultView } from "@/components/ocr/ocr-result-view";
import type { PredictionView } from "@/lib/schemas/endpoints";

type Run = { status: "idle" } | { status: "running"; fileName: string } | { status: "done"; prediction: PredictionView } | { status: "error"; message: string };

/** Drop an image on the endpoint and see every line boxed and read; each test lands in the history. */
export function EndpointPlayground({ endpointName }: { endpointName: string }) {
  const [run, setRun] = useState<Run>({ status: "idle" });
  const [imageUrl, setImageUrl] = useState<string | null>(null);
  const router = useRouter();
  const queryClient = useQueryClient();

  useEffect(() => () => void (imageUrl && URL.revokeObjectURL(imageUrl)), [imageUrl]);

  async function recognize(file: File) {
    setImageUrl(URL.createObjectURL(file));
    setRun({ status: "running", fileName: file.name });
    const form = new FormData();
    form.set("image", file);
    try {
      const response = await fetch(`/api/v1/endpoints/${encodeURIComponent(endpointName)}/predict`, { method: "POST", body: form });
      const body = (await response.json()) as PredictionView | { error: { message: string } };
      if (!response.ok || "error" in body) throw new Error("error" in body ? body.error.message : `The endpoint answered ${response.status}.`);
      setRun({ status: "done", prediction: body });
      toast.success(`${body.lines.length} line${body.lines.length === 1 ? "" : "s"} read in ${body.latencyMs} ms`);
      router.refresh(); // the history below
      void queryClient.invalidateQueries({ queryKey: ["endpoints"] });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      setRun({ status: "error", message });
      toast.error(message);
    }
  }

  return (
    <section aria-label="Test" className="space-y-4">
      <ImageDropZone onImage={recognize} disabled={run.status === "running"} />
      {run.status === "running" && (
        <p role="status" className="flex items-center gap-2 text-sm text-zinc-600 dark:text-zinc-400">
          <span aria-hidden className="h-3 w-3 animate-spin rounded-full border-2 border-indigo-500 border-t-transparent" />
          Recognizing {run.fileName}…
        </p>
      )}
      {run.status === "error" && (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800 dark:border-red-900 dark:bg-red-950 dark:text-red-300">
          {run.message}
        </p>
      )}
      {run.status === "done" && imageUrl && <OcrResultView imageUrl={imageUrl} result={run.prediction} latencyMs={run.prediction.latencyMs} />}
    </section>
  );
}
