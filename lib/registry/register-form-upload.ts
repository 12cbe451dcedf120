import { createWriteStream } from "node:fs";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";
import { actorLabel } from "@/lib/auth/actor";
import { readMultipartBody } from "@/lib/api/read-body";
import { ConsoleError } from "@/lib/errors/console-error";
import { parseInput } from "@/lib/errors/validation";
import { MAX_UPLOAD_FILES, versionFilePathSchema } from "@/lib/schemas/models";
import { registerVersion, type RegisteredVersion } from "./register-version";
import type { RegistryStore } from "./registry-store";

/** The one-request upload (`POST …/versions`, multipart) holds the body in memory while parsing it. */
export const MAX_FORM_UPLOAD_BYTES = 512 * 1024 * 1024;

/**
 * Registers a version from a multipart request, for scripts: fields `files` (each file's name is
 * its path in the version), optional `version`, `format`, `metrics` (JSON) and `notes`. The files
 * are spooled to a temporary folder and registered like any folder; larger versions use the
 * part-by-part upload.
 */
export async function registerFormUpload(prisma: PrismaClient, actor: Actor, modelName: string, request: Request, store?: RegistryStore): Promise<RegisteredVersion> {
  const form = await readMultipartBody(request, MAX_FORM_UPLOAD_BYTES).catch((error: unknown) => {
    if (error instanceof ConsoleError && error.code === "payload_too_large") {
      throw new ConsoleError("payload_too_large", `Send at most ${MAX_FORM_UPLOAD_BYTES / 1024 / 1024} MiB in one request; use POST /api/v1/models/{name}/uploads for larger versions.`);
    }
    if (error instanceof ConsoleError && error.code === "unsupported_media_type") {
      throw new ConsoleError("unsupported_media_type", "Send the files as multipart/form-data, one `files` field per file.");
    }
    throw error;
  });
  const files = form.getAll("files").filter((value): value is File => typeof value !== "string");
  if (files.length === 0) throw new ConsoleError("bad_request", "Send at least one file in the `files` field.", { files: ["Choose at least one file"] });
  if (files.length > MAX_UPLOAD_FILES) throw new ConsoleError("bad_request", `At most ${MAX_UPLOAD_FILES} files per version.`);
  const text = (name: string) => {
    const value = form.get(name);
    return typeof value === "string" && value.trim() !== "" ? value.trim() : undefined;
  };
  let metrics: Record<string, number> | undefined;
  if (text("metrics")) {
    try {
      metrics = JSON.parse(text("metrics")!) as Record<string, number>;
    } catch {
      throw new ConsoleError("bad_request", "`metrics` must be a JSON object of numbers.", { metrics: ["Not JSON"] });
    }
    if (!metrics || typeof metrics !== "object" || Object.values(metrics).some((v) => typeof v !== "number")) {
      throw new ConsoleError("bad_request", "`metrics` must be a JSON object of numbers.", { metrics: ["Numbers only"] });
    }
  }

  const folder = await mkdtemp(path.join(os.tmpdir(), "ocr-console-upload-"));
  try {
    const seen = new Set<string>();
    for (const file of files) {
      const relative = parseInput(versionFilePathSchema, file.name.replace(/^\/+/, ""));
      if (seen.has(relative)) throw new ConsoleError("bad_request", `Two files are named ${relative}.`);
      seen.add(relative);
      const target = path.join(folder, ...relative.split("/"));
      await mkdir(path.dirname(target), { recursive: true });
      await pipeline(Readable.fromWeb(file.stream() as never), createWriteStream(target));
    }
    return await registerVersion(
      {
        teamId: actor.teamId,
        modelName,
        version: text("version"),
        source: { kind: "directory", path: folder },
        format: text("format") ?? null,
        metrics,
        notes: text("notes") ?? null,
        actor: { id: actor.userId, label: actorLabel(actor) },
      },
      { prisma, store },
    );
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}
