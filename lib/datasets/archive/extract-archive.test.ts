import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import * as tar from "tar-stream";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import yazl from "yazl";
import { ConsoleError } from "@/lib/errors/console-error";
import { datasetLimits, type DatasetLimits } from "../dataset-limits";
import { extractArchive } from "./extract-archive";

let tmp: string;
beforeEach(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), "archive-"));
});
afterEach(async () => {
  await rm(tmp, { recursive: true, force: true });
});

const limits: DatasetLimits = { ...datasetLimits({}), maxEntries: 20, maxExpandedBytes: 1_000_000, ratioCheckAboveBytes: 200_000, maxCompressionRatio: 50 };

async function collect(stream: AsyncIterable<Buffer>): Promise<Buffer[]> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return chunks;
}

type ZipEntry = { name: string; data?: string | Buffer; mode?: number; folder?: boolean };

async function zip(entries: ZipEntry[], rename: Record<string, string> = {}): Promise<string> {
  const archive = new yazl.ZipFile();
  for (const entry of entries) {
    if (entry.folder) archive.addEmptyDirectory(entry.name);
    else archive.addBuffer(Buffer.from(entry.data ?? "x"), entry.name, entry.mode ? { mode: entry.mode } : {});
  }
  archive.end();
  let bytes = Buffer.concat(await collect(archive.outputStream as AsyncIterable<Buffer>));
  // yazl refuses dangerous names, as it should; an attacker's tool does not. Same-length names are
  // swapped in the finished bytes (local header and central directory alike).
  for (const [from, to] of Object.entries(rename)) bytes = Buffer.from(bytes.toString("latin1").replaceAll(from, to), "latin1");
  const file = path.join(tmp, `a-${Math.random()}.zip`);
  await writeFile(file, bytes);
  return file;
}

async function tarball(entries: Array<Partial<tar.Header> & { name: string }>, gzip = true): Promise<string> {
  const pack = tar.pack();
  for (const header of entries) {
    if (header.type === "file" || !header.type) pack.entry(header, Buffer.alloc(header.size ?? 1, "x"));
    else pack.entry(header);
  }
  pack.finalize();
  const bytes = Buffer.concat(await collect(pack as unknown as AsyncIterable<Buffer>));
  const file = path.join(tmp, `a-${Math.random()}.tar${gzip ? ".gz" : ""}`);
  await writeFile(file, gzip ? gzipSync(bytes) : bytes);
  return file;
}

async function refusal(file: string, custom = limits) {
  const destination = path.join(tmp, "out");
  const error = await extractArchive(file, destination, { limits: custom }).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, "the archive should be refused").toBeInstanceOf(ConsoleError);
  // Nothing escaped the destination folder.
  expect((await readdir(tmp)).filter((name) => !name.startsWith("a-") && name !== "out")).toEqual([]);
  return error as ConsoleError;
}

describe("extractArchive", () => {
  it("extracts a zip of a folder, with the folder as the dataset root", async () => {
    const file = await zip([
      { name: "icdar/", folder: true },
      { name: "icdar/train.txt", data: "imgs/a.jpg\t[]\n" },
      { name: "icdar/imgs/a.jpg", data: "jpeg" },
      { name: "__MACOSX/icdar/._train.txt", data: "junk" },
    ]);
    const result = await extractArchive(file, path.join(tmp, "out"), { limits });
    expect(result).toMatchObject({ format: "zip", files: 3, root: path.join(tmp, "out", "icdar") });
    expect(await readFile(path.join(result.root, "train.txt"), "utf8")).toBe("imgs/a.jpg\t[]\n");
  });

  it("extracts a tar.gz and a plain tar", async () => {
    for (const gzip of [true, false]) {
      const file = await tarball([{ name: "train.txt", size: 3 }, { name: "imgs", type: "directory" }, { name: "imgs/a.png", size: 10 }], gzip);
      const result = await extractArchive(file, path.join(tmp, `out-${gzip}`), { limits });
      expect(result).toMatchObject({ format: gzip ? "tar.gz" : "tar", files: 2, folders: 1, expandedBytes: 13, root: path.join(tmp, `out-${gzip}`) });
    }
  });

  it.each([
    ["zip slip with ../", { name: "aa/evil.txt" }, { "aa/evil.txt": "../evil.txt" }, /climbs out of the dataset with "\.\."/],
    ["zip slip deeper", { name: "imgs/aa/aa/x.sh" }, { "imgs/aa/aa/x.sh": "imgs/../../x.sh" }, /climbs out/],
    ["an absolute path", { name: "xtmp/owned" }, { "xtmp/owned": "/tmp/owned" }, /absolute path/],
    ["a Windows drive path", { name: "xx/windows" }, { "xx/windows": "C:/windows" }, /absolute path/],
    ["a symlink", { name: "link", data: "/etc/passwd", mode: 0o120777 }, {}, /symbolic link/],
  ])("refuses a zip with %s", async (_, entry, rename, message) => {
    const file = await zip([{ name: "train.txt", data: "a" }, entry], rename);
    const error = await refusal(file);
    expect(error.status).toBe(422);
    expect(error.message).toMatch(message);
    expect(error.message).toMatch(/Nothing was extracted/);
  });

  it.each([
    ["../ in a name", { name: "../../evil.sh", size: 4 }, /climbs out/],
    ["an absolute name", { name: "/etc/cron.d/evil", size: 4 }, /absolute path/],
    ["a symlink", { name: "link", type: "symlink" as const, linkname: "/etc/passwd" }, /symbolic link.*\/etc\/passwd/],
    ["a hard link", { name: "hard", type: "link" as const, linkname: "/etc/shadow" }, /hard link/],
    ["a device", { name: "dev", type: "character-device" as const }, /not a plain file/],
  ])("refuses a tar.gz with %s", async (_, header, message) => {
    const error = await refusal(await tarball([{ name: "ok.txt", size: 2 }, header]));
    expect(error.status).toBe(422);
    expect(error.message).toMatch(message);
  });

  it("refuses a zip bomb by expanded size from its directory, before writing anything", async () => {
    const file = await zip([{ name: "zeros.bin", data: Buffer.alloc(2_000_000) }]);
    const error = await refusal(file);
    expect(error.status).toBe(413);
    expect(error.message).toMatch(/expands to more than .* over the limit of 977 KiB/);
    expect(await readdir(path.join(tmp, "out"))).toEqual([]);
  });

  it("refuses an archive that expands far more than data does, even under the size limit", async () => {
    const file = await zip([{ name: "zeros.bin", data: Buffer.alloc(900_000) }]);
    expect((await refusal(file)).message).toMatch(/expands \d+×.*zip bomb/);
  });

  it("refuses a zip bomb by number of entries", async () => {
    const file = await zip(Array.from({ length: 25 }, (_, i) => ({ name: `f${i}.txt`, data: "x" })));
    const error = await refusal(file);
    expect(error.status).toBe(413);
    expect(error.message).toMatch(/holds 25 entries, over the limit of 20/);
  });

  it("refuses a tar.gz bomb by size and by entries while streaming", async () => {
    const big = await refusal(await tarball([{ name: "zeros.bin", size: 1_500_000 }]));
    expect(big.status).toBe(413);
    const many = await refusal(await tarball(Array.from({ length: 25 }, (_, i) => ({ name: `f${i}`, size: 1 }))));
    expect(many.message).toMatch(/over the limit of 20/);
  });

  it("says plainly when the file is not an archive or is damaged", async () => {
    const text = path.join(tmp, "a-notes.zip");
    await writeFile(text, "just some text");
    expect((await refusal(text)).status).toBe(415);
    const good = await readFile(await zip([{ name: "a.txt", data: "hello".repeat(100) }]));
    const truncated = path.join(tmp, "a-truncated.zip");
    await writeFile(truncated, good.subarray(0, good.length - 30));
    expect((await refusal(truncated)).message).toMatch(/cannot be read/);
  });
});
