import type { Actor } from "@/lib/auth/actor";
import { ConsoleError } from "@/lib/errors/console-error";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { CompareCurvesResponse, CurvesQuery, CurvesResponse } from "@/lib/schemas/curves";
import { curvesView, seriesCsv } from "./curve-view";
import { runLogData, type RunLogData } from "./run-log-data";
import { runVisualDl, type RunVisualDl } from "./run-visualdl-source";

const NO_LOGS = "This run has no VisualDL logs yet. PaddleOCR writes them when Global.use_visualdl is True.";

async function loadRunLogs(prisma: PrismaClient, actor: Actor, runId: string): Promise<{ data: RunLogData | null; visualDl: RunVisualDl }> {
  const visualDl = await runVisualDl(prisma, actor, runId);
  const data = await runLogData(visualDl.key, visualDl.source);
  await data?.refresh();
  return { data, visualDl };
}

/** A run's curves as charts draw them; polling it again returns what was appended meanwhile. */
export async function getRunCurves(prisma: PrismaClient, actor: Actor, runId: string, query: CurvesQuery): Promise<CurvesResponse> {
  const { data, visualDl } = await loadRunLogs(prisma, actor, runId);
  const visualDlUi = (await visualDl.proxy().catch(() => null)) !== null;
  if (!data) return { available: false, message: NO_LOGS, visualDlUi, lastDataAt: null, bytesRead: 0, scalars: [], images: [], texts: [], histograms: [] };
  const view = curvesView(data, query);
  const available = view.scalars.length + view.images.length + view.texts.length + view.histograms.length > 0;
  return { available, message: available ? null : NO_LOGS, visualDlUi, ...view };
}

/** Several runs' scalar curves for one overlaid chart per tag. */
export async function compareRunCurves(prisma: PrismaClient, actor: Actor, runIds: string[], query: CurvesQuery): Promise<CompareCurvesResponse> {
  const runs = await Promise.all(
    runIds.map(async (id) => {
      const { data, visualDl: { run } } = await loadRunLogs(prisma, actor, id);
      return {
        id: run.id,
        name: run.name,
        state: run.state,
        available: data !== null,
        lastDataAt: data?.lastDataAt?.toISOString() ?? null,
        scalars: data ? curvesView(data, query).scalars : [],
      };
    }),
  );
  return { runs };
}

/** One tag's full series (no reduction) as CSV. */
export async function runCurveCsv(prisma: PrismaClient, actor: Actor, runId: string, tag: string): Promise<{ filename: string; csv: string }> {
  const { data, visualDl: { run } } = await loadRunLogs(prisma, actor, runId);
  const series = data?.scalars.get(tag);
  if (!series) throw new ConsoleError("not_found", `Run ${run.name} has no scalar tag ${tag}.`);
  return { filename: `${run.name}-${tag.replace(/[^\w.-]+/g, "_")}.csv`, csv: seriesCsv(series) };
}

/** An image the run logged at a step (PNG or JPEG bytes as written). */
export async function runCurveImage(prisma: PrismaClient, actor: Actor, runId: string, tag: string, step: number): Promise<{ bytes: Uint8Array; contentType: string }> {
  const { data, visualDl: { run } } = await loadRunLogs(prisma, actor, runId);
  const image = data?.images.get(tag)?.find((i) => i.step === step);
  if (!image) throw new ConsoleError("not_found", `Run ${run.name} has no image ${tag} at step ${step}.`);
  const jpeg = image.bytes[0] === 0xff && image.bytes[1] === 0xd8;
  return { bytes: image.bytes, contentType: jpeg ? "image/jpeg" : "image/png" };
}
