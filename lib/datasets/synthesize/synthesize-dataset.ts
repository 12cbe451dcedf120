import { randomBytes } from "node:crypto";
import type { S3Client } from "@aws-sdk/client-s3";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";
import { auditBy } from "@/lib/audit/record-audit-event";
import { readConfig } from "@/lib/config/env";
import { createDataset } from "@/lib/datasets/create-dataset";
import { consoleStoreUri } from "@/lib/datasets/dataset-source";
import { launchValidation } from "@/lib/datasets/start-dataset-validation";
import { ConsoleError } from "@/lib/errors/console-error";
import { parseInput } from "@/lib/errors/validation";
import { latestJob, startJob } from "@/lib/jobs";
import { isActiveJob } from "@/lib/schemas/jobs";
import { synthesizeDatasetSchema, type SynthesisOptions, type SynthesisResult, type SynthesisStarted } from "@/lib/schemas/synthesize";
import { objectStoreClient } from "@/lib/storage/s3-client";
import { objectStoreSink } from "./dataset-sink";
import { charactersOutsideDictionary } from "./dictionary-check";
import { generateSyntheticDataset } from "./generate-dataset";
import { installedFonts } from "./installed-fonts";
import { randomSeed } from "./prng";
import { SYNTHESIS_JOB_KIND, SYNTHETIC_DATASETS_PREFIX } from "./synthesis-names";
import { createTextSource } from "./text-source";

export { SYNTHESIS_JOB_KIND, SYNTHETIC_DATASETS_PREFIX };
/** Jobs are about the dataset to be, which has no id until it is registered: the subject is the team's name for it. */
export const SYNTHESIS_SUBJECT_TYPE = "dataset-synthesis";

export interface SynthesizeDependencies {
  objectStore?: { client: S3Client; bucket: string };
  /** Validate the new dataset right away (its first version, with statistics). Default true. */
  validate?: boolean;
}

/**
 * Checks a synthesis request, then renders the dataset in a background job into the object store and
 * registers it as a new dataset (source s3:// or minio://<bucket>/_console/datasets/synthetic/<name>-<id>), then
 * starts its validation. Answers at once with the job to follow; a cancel or failure deletes what was written.
 */
export async function synthesizeDataset(
  prisma: PrismaClient,
  actor: Actor,
  rawInput: unknown,
  dependencies: SynthesizeDependencies = {},
): Promise<SynthesisStarted> {
  const parsed = parseInput(synthesizeDatasetSchema, rawInput);
  const options: SynthesisOptions = { ...parsed, seed: parsed.seed ?? randomSeed() };
  await checkRequest(prisma, actor, options);

  const client = dependencies.objectStore?.client ?? objectStoreClient();
  const bucket = dependencies.objectStore?.bucket ?? readConfig().s3.bucket;
  const prefix = `${SYNTHETIC_DATASETS_PREFIX}${options.name}-${randomBytes(4).toString("hex")}/`;
  const sink = objectStoreSink(client, bucket, prefix);
  // minio:// when the console's store is MinIO or the embedded one, so targets know to use its endpoint (as for uploads).
  const sourceUri = dependencies.objectStore ? sink.uri.replace(/\/$/, "") : consoleStoreUri(prefix.replace(/\/$/, ""));
  const unit = options.task === "rec" ? "lines" : "pages";

  const { text, ...settings } = options;
  const job = await startJob(
    {
      teamId: actor.teamId,
      kind: SYNTHESIS_JOB_KIND,
      subjectType: SYNTHESIS_SUBJECT_TYPE,
      subjectId: subjectId(actor, options.name),
      // The text itself can be half a megabyte; it is kept with the data in synthesis.json instead.
      input: { ...settings, sourceUri, textCharacters: text.length },
      createdById: actor.userId,
    },
    async ({ signal, progress }): Promise<SynthesisResult> => {
      try {
        await progress(0, `Rendering ${options.count.toLocaleString("en")} ${unit}`);
        const generated = await generateSyntheticDataset(options, sink, {
          signal,
          onProgress: (done, total) => void progress((0.95 * done) / total, `Rendered ${done.toLocaleString("en")} of ${total.toLocaleString("en")} ${unit}`),
        });
        await progress(0.97, "Registering the dataset");
        const dataset = await createDataset(prisma, actor, {
          name: options.name,
          task: options.task,
          sourceUri,
          trainLabelFile: generated.trainLabelFile,
          testLabelFile: generated.testLabelFile,
          description: `Synthetic: ${options.count.toLocaleString("en")} ${unit} from a ${options.textSource === "words" ? "word list" : "corpus"}, seed ${options.seed} (settings in synthesis.json)`,
        });
        const validationJobId = dependencies.validate === false ? null : await startValidation(prisma, actor, dataset.id);
        return {
          validationJobId,
          datasetId: dataset.id,
          name: dataset.name,
          sourceUri,
          seed: options.seed,
          train: generated.train,
          test: generated.test,
          boxes: generated.boxes,
          labelFiles: [generated.trainLabelFile, generated.testLabelFile],
        };
      } catch (error) {
        await sink.remove().catch(() => undefined);
        throw error;
      }
    },
    { prisma },
  );
  await auditBy(prisma, actor, {
    action: "dataset.synthesize",
    objectType: "job",
    objectId: job.id,
    details: { name: options.name, task: options.task, count: options.count, seed: options.seed, sourceUri },
  });
  return { jobId: job.id, name: options.name, seed: options.seed, sourceUri };
}

/**
 * The generated files are clean by construction, but a version (manifest, report, statistics) is what
 * runs pin and what the preview's charts read, so the dataset is validated like any other.
 */
async function startValidation(prisma: PrismaClient, actor: Actor, datasetId: string): Promise<string | null> {
  try {
    const dataset = await prisma.dataset.findUniqueOrThrow({ where: { id: datasetId } });
    return (await launchValidation(prisma, actor, dataset)).id;
  } catch (error) {
    // The dataset stands without it; the user can validate it from its page.
    console.error(`[ocr-console] could not start validating synthetic dataset ${datasetId}: ${error instanceof Error ? error.message : String(error)}`);
    return null;
  }
}

function subjectId(actor: Actor, name: string): string {
  return `${actor.teamId}/${name}`;
}

/** Everything that would make the job fail later is refused now, next to the field to change. */
async function checkRequest(prisma: PrismaClient, actor: Actor, options: SynthesisOptions): Promise<void> {
  const fields: Record<string, string[]> = {};
  const fonts = await installedFonts();
  const missing = options.fonts.filter((font) => !fonts.families.includes(font));
  if (missing.length > 0) {
    // fontconfig would quietly substitute another font, and the dataset would not be what was asked.
    fields.fonts = [`Not installed on the server: ${missing.join(", ")}. Installed: ${fonts.families.slice(0, 12).join(", ")}${fonts.families.length > 12 ? ", …" : ""}`];
  }
  if (options.task === "rec") {
    const source = createTextSource({ kind: options.textSource, text: options.text, wordsPerLine: options.wordsPerLine, maxChars: options.maxChars });
    const outside = await charactersOutsideDictionary(source.characters());
    if (outside.length > 0) {
      fields.text = [
        `Not in PaddleOCR's dictionary (ppocr_keys_v1), so training could never output them: ${outside.slice(0, 10).join(", ")}${outside.length > 10 ? ` and ${outside.length - 10} more` : ""}. Remove them from the text.`,
      ];
    }
  }
  const taken = await prisma.dataset.findUnique({ where: { teamId_name: { teamId: actor.teamId, name: options.name } }, select: { id: true } });
  const running = taken ? null : await latestJob({ subjectType: SYNTHESIS_SUBJECT_TYPE, subjectId: subjectId(actor, options.name), kind: SYNTHESIS_JOB_KIND }, { prisma });
  if (taken) fields.name = ["This name is taken in your team"];
  else if (running && isActiveJob(running)) fields.name = ["A dataset of this name is being generated right now"];

  if (Object.keys(fields).length > 0) {
    const code = fields.name && Object.keys(fields).length === 1 ? "conflict" : "bad_request";
    const summary = Object.entries(fields).map(([field, [message]]) => `${field}: ${message}`).join("; ");
    throw new ConsoleError(code, `Cannot generate this dataset — ${summary}`, fields);
  }
}
