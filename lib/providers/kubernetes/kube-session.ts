import http, { type IncomingMessage } from "node:http";
import https from "node:https";
import { Readable } from "node:stream";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import { KubeConfig, type ApiConstructor, type ApiType, type ConfigurationOptions } from "@kubernetes/client-node";
import type { KubernetesTargetConfig, KubernetesTargetSecrets } from "@/lib/schemas/targets";
import { loadKubeConfig } from "./kube-config";
import { KubeApiError, kubeCall } from "./kube-request";

/** One request gets this long unless the caller says otherwise; streams (watch, follow, proxy) are not bounded. */
export const REQUEST_TIMEOUT_MS = 30_000;

export interface RawRequest {
  method?: string;
  /** Query parameters; undefined values are left out. */
  query?: Record<string, string | number | boolean | undefined>;
  headers?: Record<string, string>;
  body?: Uint8Array | string | null;
  signal?: AbortSignal;
}

/**
 * A connection to one cluster as one target configures it: the client's typed APIs for ordinary
 * calls, and raw HTTP through the same credentials and TLS settings for what the client's helpers
 * do poorly — watches and log streams that must take an AbortSignal and report the server's
 * `Status`, and the API server's service proxy (VisualDL, PaddleServing) with binary bodies.
 */
export class KubeSession {
  readonly kc: KubeConfig;
  readonly server: string;
  private readonly clients = new Map<unknown, unknown>();

  constructor(
    config: KubernetesTargetConfig,
    secrets: KubernetesTargetSecrets,
    readonly namespace: string = config.namespace,
  ) {
    this.kc = loadKubeConfig(config, secrets);
    this.server = this.kc.getCurrentCluster()?.server ?? "";
  }

  api<T extends ApiType>(type: ApiConstructor<T>): T {
    let client = this.clients.get(type) as T | undefined;
    if (!client) {
      client = this.kc.makeApiClient(type);
      this.clients.set(type, client);
    }
    return client;
  }

  /** One typed-API call, with the caller's signal and a deadline, failures as KubeApiError / one sentence. */
  call<T>(work: (options: ConfigurationOptions) => Promise<T>, signal?: AbortSignal, timeoutMs = REQUEST_TIMEOUT_MS): Promise<T> {
    const deadline = AbortSignal.timeout(timeoutMs);
    return kubeCall({ server: this.server, signal: signal ? AbortSignal.any([signal, deadline]) : deadline, deadline: { signal: deadline, ms: timeoutMs } }, work);
  }

  /** A raw request; non-2xx answers are thrown as KubeApiError carrying the server's Status. */
  async request(path: string, init: RawRequest = {}): Promise<IncomingMessage> {
    const response = await this.send(path, init);
    const code = response.statusCode ?? 0;
    if (code >= 200 && code < 300) return response;
    const text = await readText(response);
    let reason: string | undefined;
    let message = text.trim();
    try {
      const status = JSON.parse(text) as { reason?: unknown; message?: unknown };
      if (typeof status.reason === "string") reason = status.reason;
      if (typeof status.message === "string") message = status.message;
    } catch {
      // not a Status: keep the text
    }
    throw new KubeApiError(code, reason, message);
  }

  /** A raw request answered as a WHATWG Response, whatever its status (the proxy's callers read it themselves). */
  async fetch(path: string, init: RawRequest = {}): Promise<Response> {
    const response = await this.send(path, init);
    const headers = new Headers();
    for (const [key, value] of Object.entries(response.headers)) {
      if (value === undefined) continue;
      for (const item of Array.isArray(value) ? value : [value]) headers.append(key, item);
    }
    const status = response.statusCode ?? 502;
    const empty = status === 204 || status === 304 || (init.method ?? "GET") === "HEAD";
    if (empty) response.resume();
    return new Response(empty ? null : (Readable.toWeb(response) as unknown as ReadableStream<Uint8Array>), { status, statusText: response.statusMessage ?? "", headers });
  }

  async json<T>(path: string, init: RawRequest = {}): Promise<T> {
    const deadline = AbortSignal.timeout(REQUEST_TIMEOUT_MS);
    const signal = init.signal ? AbortSignal.any([init.signal, deadline]) : deadline;
    return JSON.parse(await readText(await this.request(path, { ...init, signal }))) as T;
  }

  private async send(path: string, init: RawRequest): Promise<IncomingMessage> {
    const url = new URL(this.server.replace(/\/$/, "") + path);
    for (const [key, value] of Object.entries(init.query ?? {})) if (value !== undefined) url.searchParams.set(key, String(value));
    const options: https.RequestOptions = {};
    await this.kc.applyToHTTPSOptions(options);
    const transport = url.protocol === "http:" ? http : https;
    init.signal?.throwIfAborted();
    return new Promise<IncomingMessage>((resolve, reject) => {
      const request = transport.request(
        url,
        {
          method: init.method ?? "GET",
          agent: options.agent,
          headers: { Accept: "application/json, */*", ...(options.headers as Record<string, string> | undefined), ...(init.headers ?? {}) },
          ...(options.auth ? { auth: options.auth } : {}),
          ...(init.signal ? { signal: init.signal } : {}),
        },
        resolve,
      );
      request.on("error", (error) => reject(describeNetworkError(error, this.server, init.signal)));
      if (init.body !== undefined && init.body !== null) request.end(init.body);
      else request.end();
    });
  }
}

export async function readText(response: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of response) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

export async function readBytes(response: IncomingMessage): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of response) chunks.push(chunk as Buffer);
  return new Uint8Array(Buffer.concat(chunks));
}

/** Body of a WHATWG request for node:http (the VisualDL proxy passes the browser's request body on). */
export async function bodyBytes(body: ReadableStream<Uint8Array> | null | undefined): Promise<Uint8Array | null> {
  if (!body) return null;
  const chunks: Buffer[] = [];
  for await (const chunk of Readable.fromWeb(body as unknown as WebReadableStream<Uint8Array>)) chunks.push(Buffer.from(chunk as Uint8Array));
  return new Uint8Array(Buffer.concat(chunks));
}

function describeNetworkError(error: Error, server: string, signal: AbortSignal | undefined): Error {
  if (signal?.aborted) return signal.reason instanceof Error ? signal.reason : new Error("The request was cancelled.");
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "ECONNREFUSED") return new Error(`Cannot reach the Kubernetes API server at ${server}: connection refused.`);
  if (code === "ENOTFOUND" || code === "EAI_AGAIN") return new Error(`Cannot reach the Kubernetes API server at ${server}: the host name does not resolve.`);
  return new Error(`Cannot reach the Kubernetes API server at ${server}: ${error.message}`);
}

export { KubeApiError };
