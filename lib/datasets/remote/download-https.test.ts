import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import https from "node:https";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import yazl from "yazl";
import { materializeSource } from "../materialize-source";
import { addressProblem, anyAddress, publicAddressesOnly, sourceAddressPolicy, type AddressPolicy } from "@/lib/security/address-policy";
import { downloadHttps } from "./download-https";

// A real TLS server on loopback with a throwaway certificate; the policy under test decides whether
// the console may reach it.
const tmp = mkdtempSync(path.join(os.tmpdir(), "https-source-"));
const body = Buffer.from("0123456789".repeat(10_000));
const seen: Array<{ url: string; range?: string; authorization?: string }> = [];
let server: https.Server;
let base: string;
let ca: Buffer;
let miniZip: Buffer;

beforeAll(async () => {
  execFileSync("openssl", [
    "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "1", "-subj", "/CN=localhost",
    "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1,IP:127.0.0.2",
    "-keyout", path.join(tmp, "key.pem"), "-out", path.join(tmp, "cert.pem"),
  ], { stdio: "ignore" });
  ca = readFileSync(path.join(tmp, "cert.pem"));
  const zip = new yazl.ZipFile();
  zip.addBuffer(Buffer.from("a.png\thello\n"), "lines/train.txt");
  zip.addBuffer(Buffer.from("x"), "lines/a.png");
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream as AsyncIterable<Buffer>) chunks.push(chunk);
  miniZip = Buffer.concat(chunks);
  server = https.createServer({ key: readFileSync(path.join(tmp, "key.pem")), cert: ca }, (req, res) => {
    seen.push({ url: req.url ?? "", range: req.headers.range, authorization: req.headers.authorization });
    const port = (server.address() as AddressInfo).port;
    if (req.url === "/to-private") return void res.writeHead(302, { Location: `https://127.0.0.2:${port}/data.zip` }).end();
    if (req.url === "/to-http") return void res.writeHead(301, { Location: `http://127.0.0.1:${port}/data.zip` }).end();
    if (req.url === "/internal") return void res.writeHead(403, "SECRET-INTERNAL-BODY", { "Content-Type": "text/plain" }).end("SECRET-INTERNAL-BODY");
    if (req.url === "/moved") return void res.writeHead(307, { Location: "/data.zip" }).end();
    if (req.url === "/mini.zip") {
      if (req.headers["if-none-match"] === '"mini"') return void res.writeHead(304).end();
      return void res.writeHead(200, { ETag: '"mini"', "Content-Length": miniZip.length }).end(miniZip);
    }
    if (req.url !== "/data.zip") return void res.writeHead(404).end();
    if (req.headers["if-none-match"] === '"v1"') return void res.writeHead(304).end();
    const range = /^bytes=(\d+)-$/.exec(req.headers.range ?? "");
    if (range && req.headers["if-range"] === '"v1"') {
      const from = Number(range[1]);
      return void res.writeHead(206, { ETag: '"v1"', "Content-Length": body.length - from }).end(body.subarray(from));
    }
    res.writeHead(200, { ETag: '"v1"', "Content-Length": body.length }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  rmSync(tmp, { recursive: true, force: true });
});

const options = (policy: AddressPolicy = anyAddress) => ({ policy, ca, maxBytes: 10_000_000 });
const file = () => path.join(tmp, `download-${Math.random()}.zip`);

describe("https dataset sources", () => {
  it.each([
    ["loopback", "https://127.0.0.1/data.zip", /127\.0\.0\.1 is a loopback address/],
    ["RFC 1918 10.x", "https://10.0.0.8/data.zip", /private network address/],
    ["RFC 1918 192.168.x", "https://192.168.1.1/data.zip", /private network address/],
    ["cloud metadata 169.254.x", "https://169.254.169.254/latest/meta-data/", /link-local/],
    ["IPv6 loopback", "https://[::1]/data.zip", /loopback/],
    ["IPv6 unique-local", "https://[fc00::1]/data.zip", /unique-local/],
    ["IPv4-mapped IPv6 loopback", "https://[::ffff:127.0.0.1]/data.zip", /loopback/],
    ["a hostname resolving to loopback", "https://localhost/data.zip", /localhost resolves to (127\.0\.0\.1|::1), a loopback address/],
  ])("refuses %s and names the admin's switch", async (_, url, message) => {
    const error = await downloadHttps(new URL(url), file(), options(publicAddressesOnly)).then(() => new Error("not refused"), (e: unknown) => e as Error);
    expect(error).toMatchObject({ status: 422 });
    expect(error.message).toMatch(message);
    expect(error.message).toMatch(/CONSOLE_ALLOW_PRIVATE_SOURCES=1/);
  });

  it("allows public addresses and only them by default", () => {
    expect(addressProblem("93.184.216.34")).toBeNull();
    expect(addressProblem("2606:2800:220:1:248:1893:25c8:1946")).toBeNull();
    expect(addressProblem("100.64.0.1")).toMatch(/carrier-grade NAT/);
    expect(sourceAddressPolicy({}).problem("127.0.0.1")).not.toBeNull();
    expect(sourceAddressPolicy({ CONSOLE_ALLOW_PRIVATE_SOURCES: "1" }).problem("127.0.0.1")).toBeNull();
  });

  it("downloads when the admin allows private sources, and skips an unchanged source next time", async () => {
    const target = file();
    const first = await downloadHttps(new URL(`${base}/moved`), target, { ...options(), authorization: "Bearer t0k3n" });
    expect(first).toMatchObject({ status: "downloaded", bytes: body.length, etag: '"v1"', url: `${base}/data.zip` });
    expect((await readFile(target)).equals(body)).toBe(true);
    // Same origin, so the credentials followed the redirect.
    expect(seen.at(-1)).toMatchObject({ url: "/data.zip", authorization: "Bearer t0k3n" });
    const again = await downloadHttps(new URL(`${base}/data.zip`), target, { ...options(), previous: { etag: first.etag, lastModified: null } });
    expect(again.status).toBe("not-modified");
  });

  it("refuses a redirect to an address the policy forbids, naming both", async () => {
    const onlyFirstLoopback: AddressPolicy = { problem: (a) => (a === "127.0.0.1" ? null : publicAddressesOnly.problem(a)) };
    const error = await downloadHttps(new URL(`${base}/to-private`), file(), options(onlyFirstLoopback)).then(() => new Error("not refused"), (e: unknown) => e as Error);
    expect(error.message).toMatch(/redirects to https:\/\/127\.0\.0\.2:\d+\/data\.zip, and 127\.0\.0\.2 is a loopback address/);
  });

  it("does not follow a redirect away from https", async () => {
    const error = await downloadHttps(new URL(`${base}/to-http`), file(), options()).then(() => new Error("not refused"), (e: unknown) => e as Error);
    expect(error.message).toMatch(/redirects to http:\/\/127\.0\.0\.1:\d+.*https:\/\/ only/);
  });

  it("resumes an interrupted download from its .part file", async () => {
    const target = file();
    await writeFile(`${target}.part`, body.subarray(0, 40_000));
    await writeFile(`${target}.part.json`, JSON.stringify({ url: `${base}/data.zip`, etag: '"v1"' }));
    const result = await downloadHttps(new URL(`${base}/data.zip`), target, options());
    expect(seen.at(-1)?.range).toBe("bytes=40000-");
    expect(result.bytes).toBe(body.length);
    expect((await readFile(target)).equals(body)).toBe(true);
  });

  it("refuses a source larger than the limit", async () => {
    const error = await downloadHttps(new URL(`${base}/data.zip`), file(), { ...options(), maxBytes: 1000 }).then(() => new Error("not refused"), (e: unknown) => e as Error);
    expect(error).toMatchObject({ status: 413 });
  });

  it("says which status the source answered", async () => {
    await expect(downloadHttps(new URL(`${base}/nothing.zip`), file(), options())).rejects.toThrow(/answered HTTP 404/);
  });

  it("never repeats what the server chose to say, not even its reason phrase", async () => {
    const error = await downloadHttps(new URL(`${base}/internal`), file(), options()).then(() => new Error("not refused"), (e: unknown) => e as Error);
    expect(error.message).toMatch(/answered HTTP 403 Forbidden/);
    expect(error.message).not.toContain("SECRET-INTERNAL-BODY");
  });

  it("brings an https:// archive to the console once, extracted, and skips it while unchanged", async () => {
    const previous = process.env.CONSOLE_DATA_DIR;
    process.env.CONSOLE_DATA_DIR = path.join(tmp, "data");
    try {
      const spec = { datasetId: "httpsds1", sourceUri: `${base}/mini.zip`, credentials: null };
      const messages: string[] = [];
      const root = await materializeSource(spec, { addressPolicy: anyAddress, tlsCa: ca, onProgress: (_, m) => messages.push(m) });
      expect(await readFile(path.join(root, "train.txt"), "utf8")).toBe("a.png\thello\n");
      expect(messages.at(-1)).toBe("Downloaded and extracted");
      const again = await materializeSource(spec, { addressPolicy: anyAddress, tlsCa: ca, onProgress: (_, m) => messages.push(m) });
      expect(again).toBe(root);
      expect(messages.at(-1)).toBe("The source has not changed since it was downloaded");
      // Without the admin's permission the same source is refused.
      await expect(materializeSource(spec, { addressPolicy: publicAddressesOnly, tlsCa: ca })).rejects.toThrow(/loopback/);
    } finally {
      process.env.CONSOLE_DATA_DIR = previous;
    }
  });
});
