import { createWriteStream } from "node:fs";
import { readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import https from "node:https";
import { STATUS_CODES, type IncomingMessage } from "node:http";
import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { ConsoleError } from "@/lib/errors/console-error";
import { guardedHttpsAgent, sourceAddressPolicy, type AddressPolicy } from "@/lib/security/address-policy";
import { formatBytes } from "../dataset-limits";

export interface HttpsDownloadOptions {
  /** Sent as the Authorization header, to the source's own origin only (dropped on a cross-origin redirect). */
  authorization?: string;
  maxBytes: number;
  policy?: AddressPolicy;
  signal?: AbortSignal;
  onProgress?(bytes: number, total: number | null): void;
  /** Validators of the copy already extracted: an unchanged source answers 304 and is not downloaded again. */
  previous?: { etag: string | null; lastModified: string | null } | null;
  /** Extra trusted CA (tests with a self-signed server). */
  ca?: string | Buffer;
  timeoutMs?: number;
}

export interface HttpsDownloadResult {
  status: "downloaded" | "not-modified";
  bytes: number;
  etag: string | null;
  lastModified: string | null;
  /** The URL the bytes came from, after redirects. */
  url: string;
}

const MAX_REDIRECTS = 5;

/**
 * Downloads an https:// dataset archive to `file`, server-side, refusing loopback, private, link-local
 * and unique-local addresses (unless the admin allows them). The check happens in the connection's own
 * DNS lookup, so the address checked is the address connected to (no rebinding between the two), and
 * again on every redirect hop; redirects must stay on https://. An interrupted download resumes from its
 * `.part` file with a Range request when the server supports it and the file has not changed (If-Range);
 * `previous` makes an unchanged source answer 304 instead of being downloaded again.
 */
export async function downloadHttps(source: URL, file: string, options: HttpsDownloadOptions): Promise<HttpsDownloadResult> {
  const policy = options.policy ?? sourceAddressPolicy();
  const part = `${file}.part`;
  let url = source;
  let authorization = options.authorization;
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    if (url.protocol !== "https:") {
      throw new ConsoleError("unprocessable", `${source.href} redirects to ${url.protocol}//${url.host}, which the console does not follow: dataset sources are fetched over https:// only.`);
    }
    const partBytes = await stat(part).then((s) => s.size, () => 0);
    const partial = partBytes > 0 ? await readPartInfo(part) : null;
    const resumeFrom = partial?.etag && partial.url === url.href ? partBytes : 0;
    const headers: Record<string, string> = { "User-Agent": "ocr-console", "Accept-Encoding": "identity" };
    if (authorization) headers.Authorization = authorization;
    if (resumeFrom > 0) {
      // If-Range: the rest of the file only if it is still the same file, else the whole of the new one.
      headers.Range = `bytes=${resumeFrom}-`;
      headers["If-Range"] = partial!.etag!;
    } else if (options.previous) {
      if (options.previous.etag) headers["If-None-Match"] = options.previous.etag;
      if (options.previous.lastModified) headers["If-Modified-Since"] = options.previous.lastModified;
    }

    let response: IncomingMessage;
    try {
      response = await request(url, headers, policy, options);
    } catch (error) {
      if (hop > 0 && error instanceof ConsoleError) throw new ConsoleError(error.code, `${source.href} redirects to ${url.href}, and ${lowerFirst(error.message)}`);
      throw error;
    }
    const status = response.statusCode ?? 0;
    if ([301, 302, 303, 307, 308].includes(status)) {
      response.resume();
      const location = response.headers.location;
      if (!location) throw new ConsoleError("unprocessable", `${url.href} answered HTTP ${status} without a Location.`);
      const next = new URL(location, url);
      // The credentials belong to the source's origin; another origin does not get them.
      if (next.origin !== url.origin) authorization = undefined;
      url = next;
      continue;
    }
    const etag = header(response, "etag");
    const lastModified = header(response, "last-modified");
    if (status === 304) {
      response.resume();
      return { status: "not-modified", bytes: 0, etag: etag ?? options.previous?.etag ?? null, lastModified: lastModified ?? options.previous?.lastModified ?? null, url: url.href };
    }
    if (status !== 200 && status !== 206) {
      response.resume();
      // The standard reason phrase, not the one the server chose to send.
      throw new ConsoleError("unprocessable", `${url.href} answered HTTP ${status}${STATUS_CODES[status] ? ` ${STATUS_CODES[status]}` : ""}; check the URL and the credentials.`);
    }
    const appending = status === 206 && resumeFrom > 0;
    const length = Number(response.headers["content-length"] ?? NaN);
    const total = Number.isFinite(length) ? length + (appending ? resumeFrom : 0) : null;
    if (total !== null && total > options.maxBytes) {
      response.destroy();
      throw tooLarge(url, total, options.maxBytes);
    }
    if (!appending) await writeFile(`${part}.json`, JSON.stringify({ url: url.href, etag, lastModified }));
    let bytes = appending ? resumeFrom : 0;
    const meter = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        bytes += chunk.length;
        if (bytes > options.maxBytes) return callback(tooLarge(url, bytes, options.maxBytes));
        options.onProgress?.(bytes, total);
        callback(null, chunk);
      },
    });
    await pipeline(response, meter, createWriteStream(part, { flags: appending ? "a" : "w" }), options.signal ? { signal: options.signal } : {});
    await rename(part, file);
    await rm(`${part}.json`, { force: true });
    return { status: "downloaded", bytes, etag, lastModified, url: url.href };
  }
  throw new ConsoleError("unprocessable", `${source.href} redirects more than ${MAX_REDIRECTS} times.`);
}

/** What a half-finished download was fetching, so it resumes only from the same file. */
async function readPartInfo(part: string): Promise<{ url: string; etag: string | null } | null> {
  try {
    return JSON.parse(await readFile(`${part}.json`, "utf8")) as { url: string; etag: string | null };
  } catch {
    return null;
  }
}

function request(url: URL, headers: Record<string, string>, policy: AddressPolicy, options: HttpsDownloadOptions): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const req = https.request(
      url,
      {
        method: "GET",
        headers,
        // A fresh guarded agent per hop: the policy is applied as the connection is made, to the address connected to.
        agent: guardedHttpsAgent(policy, { ca: options.ca }),
        ca: options.ca,
        signal: options.signal,
        timeout: options.timeoutMs ?? 30_000,
      },
      resolve,
    );
    req.on("timeout", () => req.destroy(new ConsoleError("unavailable", `${url.host} did not answer within ${Math.round((options.timeoutMs ?? 30_000) / 1000)} s.`)));
    req.on("error", (error: NodeJS.ErrnoException) => {
      if (error instanceof ConsoleError || error.name === "AbortError") return reject(error);
      // The local socket's reason (a code such as ECONNREFUSED), never anything the remote end wrote.
      reject(new ConsoleError("unavailable", `Cannot fetch ${url.href}: ${error.code ?? "the connection failed"}.`));
    });
    req.end();
  });
}

function header(response: IncomingMessage, name: string): string | null {
  const value = response.headers[name];
  return typeof value === "string" ? value : null;
}

function tooLarge(url: URL, bytes: number, max: number): ConsoleError {
  return new ConsoleError("payload_too_large", `${url.href} is larger than ${formatBytes(max)} (at least ${formatBytes(bytes)}); the limit is CONSOLE_MAX_UPLOAD_BYTES.`);
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
