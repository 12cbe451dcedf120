import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { AwsServiceError } from "./aws-error";
import type { ServiceModel } from "./service-model";
import { serviceErrorFor, validateOperationInput, validateShape } from "./shape-validator";
import { verifySigV4, type AwsCredentials } from "./sigv4";

export type JsonOperationHandler = (input: Record<string, unknown>) => unknown | Promise<unknown>;

export interface JsonProtocolServerOptions {
  model: ServiceModel;
  region: string;
  credentials: AwsCredentials;
  /** Implemented operations by name; any other operation of the model answers that it is not implemented. */
  handlers: Record<string, JsonOperationHandler>;
}

export interface RecordedCall {
  operation: string;
  input: unknown;
}

export interface JsonProtocolServer {
  url: string;
  /** Calls that passed authentication, in order, for assertions on what the client really sent. */
  calls: RecordedCall[];
  close(): Promise<void>;
}

/**
 * An AWS service speaking awsJson1_0/1_1 (`POST /`, `X-Amz-Target: <prefix>.<Operation>`) on
 * 127.0.0.1. It authenticates SigV4, validates every input against the model, and validates the
 * handlers' outputs too, so a fake can never answer something the real service could not.
 */
export async function startJsonProtocolServer(options: JsonProtocolServerOptions): Promise<JsonProtocolServer> {
  const { model } = options;
  const contentType = `application/x-amz-json-${model.metadata.jsonVersion ?? "1.1"}`;
  const calls: RecordedCall[] = [];

  const server = createServer((req, res) => {
    readBody(req)
      .then((body) => handle(req, body))
      .then((output) => send(res, 200, output))
      .catch((error: unknown) => {
        const failure =
          error instanceof AwsServiceError ? error : new AwsServiceError("InternalFailure", describe(error), 500);
        if (failure.statusCode >= 500) console.error(`[fake ${model.metadata.serviceId}]`, error);
        send(res, failure.statusCode, { __type: failure.type, message: failure.message }, failure.type);
      });
  });

  async function handle(req: IncomingMessage, body: Buffer): Promise<unknown> {
    const authFailure = verifySigV4(
      { method: req.method ?? "GET", url: req.url ?? "/", headers: req.headers, body },
      { credentials: options.credentials, region: options.region, service: model.metadata.signingName ?? model.metadata.endpointPrefix },
    );
    if (authFailure) {
      throw new AwsServiceError(authFailure.type, authFailure.message, authFailure.type === "MissingAuthenticationTokenException" ? 403 : 400);
    }

    const target = String(req.headers["x-amz-target"] ?? "");
    const prefix = `${model.metadata.targetPrefix}.`;
    const operation = target.startsWith(prefix) ? target.slice(prefix.length) : "";
    if (req.method !== "POST" || !model.operations[operation]) {
      throw new AwsServiceError("UnknownOperationException", `${model.metadata.serviceId} has no operation "${target}".`);
    }

    let input: unknown;
    try {
      input = body.length === 0 ? {} : JSON.parse(body.toString("utf8"));
    } catch (error) {
      throw new AwsServiceError("SerializationException", describe(error));
    }
    calls.push({ operation, input });
    const invalid = serviceErrorFor(validateOperationInput(model, operation, input));
    if (invalid) throw new AwsServiceError(invalid.type, invalid.message);

    const handler = options.handlers[operation];
    if (!handler) {
      throw new AwsServiceError("UnknownOperationException", `The fake ${model.metadata.serviceId} does not implement ${operation} yet.`);
    }
    const output = (await handler(input as Record<string, unknown>)) ?? {};
    const outputShape = model.operations[operation]?.output?.shape;
    const wrong = outputShape ? serviceErrorFor(validateShape(model, outputShape, output, "")) : undefined;
    if (wrong) throw new Error(`The fake's ${operation} answer does not fit ${outputShape}: ${wrong.message}`);
    return output;
  }

  function send(res: ServerResponse, status: number, body: unknown, errorType?: string): void {
    const text = JSON.stringify(body);
    res.writeHead(status, {
      "Content-Type": contentType,
      "Content-Length": Buffer.byteLength(text),
      "x-amzn-RequestId": randomUUID(),
      ...(errorType ? { "X-Amzn-ErrorType": errorType } : {}),
    });
    res.end(text);
  }

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    close() {
      server.closeAllConnections();
      return new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
