import { randomUUID } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { accessDenied, authFailureStatus, EXPIRED_TOKEN, type FakeAccount } from "./account";
import { AwsServiceError } from "./aws-error";
import { describeError, header, readBody, sendAnswer, type FakeAnswer, type FakeRequest } from "./http";
import type { ServiceModel } from "./service-model";
import { serviceErrorFor, validateOperationInput, validateShape } from "./shape-validator";
import { verifySigV4, type AwsCredentials } from "./sigv4";

export type JsonOperationHandler = (input: Record<string, unknown>) => unknown | Promise<unknown>;

export interface RecordedCall {
  /** The service's id in its model (SageMaker, CloudWatch Logs, STS …). */
  service?: string;
  operation: string;
  input: unknown;
}

export interface JsonServiceOptions {
  model: ServiceModel;
  /** Implemented operations by name; any other operation of the model answers that it is not implemented. */
  handlers: Record<string, JsonOperationHandler>;
  /** Calls that passed authentication are appended here, in order. */
  calls: RecordedCall[];
  /** IAM denials, injected faults and rate limits of the account, when the service belongs to one. */
  account?: FakeAccount;
  /** The IAM action prefix (`sagemaker`, `logs`, `application-autoscaling`). */
  iamPrefix?: string;
  /** The resource an action is denied on, for IAM's sentence; `*` when absent. */
  resourceOf?: (operation: string, input: Record<string, unknown>) => string;
}

/**
 * An AWS service speaking awsJson1_0/1_1 (`POST /`, `X-Amz-Target: <prefix>.<Operation>`) for an
 * already authenticated request. It validates every input against the model, and the handlers'
 * outputs too, so a fake can never answer something the real service could not.
 */
export function jsonProtocolService(options: JsonServiceOptions): (request: FakeRequest) => Promise<FakeAnswer> {
  const { model } = options;
  const contentType = `application/x-amz-json-${model.metadata.jsonVersion ?? "1.1"}`;

  async function handle(request: FakeRequest): Promise<unknown> {
    const target = header(request.headers, "x-amz-target") ?? "";
    const prefix = `${model.metadata.targetPrefix}.`;
    const operation = target.startsWith(prefix) ? target.slice(prefix.length) : "";
    if (request.method !== "POST" || !model.operations[operation]) {
      throw new AwsServiceError("UnknownOperationException", `${model.metadata.serviceId} has no operation "${target}".`);
    }

    let input: unknown;
    try {
      input = request.body.length === 0 ? {} : JSON.parse(request.body.toString("utf8"));
    } catch (error) {
      throw new AwsServiceError("SerializationException", describeError(error));
    }
    options.calls.push({ service: model.metadata.serviceId, operation, input });

    const { account } = options;
    if (account) {
      if (account.expired) throw EXPIRED_TOKEN;
      const action = `${options.iamPrefix ?? model.metadata.endpointPrefix}:${operation}`;
      if (account.isDenied(action)) {
        const resource = options.resourceOf?.(operation, isRecord(input) ? input : {}) ?? "*";
        throw accessDenied(account, action, resource);
      }
      const fault = account.takeFault(operation);
      if (fault) throw fault;
      account.checkRate(operation);
    }

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

  return async (request) => {
    try {
      return answer(contentType, 200, await handle(request));
    } catch (error) {
      return jsonErrorAnswer(contentType, error, model.metadata.serviceId);
    }
  };
}

/** The error body every JSON protocol uses: `{"__type", "message"}` plus the X-Amzn-ErrorType header. */
export function jsonErrorAnswer(contentType: string, error: unknown, serviceId: string): FakeAnswer {
  const failure = error instanceof AwsServiceError ? error : new AwsServiceError("InternalFailure", describeError(error), 500);
  if (failure.statusCode >= 500 && !(error instanceof AwsServiceError)) console.error(`[fake ${serviceId}]`, error);
  return {
    ...answer(contentType, failure.statusCode, { __type: failure.type, message: failure.message, ...failure.extra }),
    headers: { "Content-Type": contentType, "x-amzn-RequestId": randomUUID(), "X-Amzn-ErrorType": failure.type },
  };
}

function answer(contentType: string, status: number, body: unknown): FakeAnswer {
  return { status, headers: { "Content-Type": contentType, "x-amzn-RequestId": randomUUID() }, body: JSON.stringify(body) };
}

export interface JsonProtocolServerOptions {
  model: ServiceModel;
  region: string;
  credentials: AwsCredentials;
  handlers: Record<string, JsonOperationHandler>;
}

export interface JsonProtocolServer {
  url: string;
  calls: RecordedCall[];
  close(): Promise<void>;
}

/** One JSON-protocol service alone on 127.0.0.1, authenticating SigV4 itself. */
export async function startJsonProtocolServer(options: JsonProtocolServerOptions): Promise<JsonProtocolServer> {
  const calls: RecordedCall[] = [];
  const service = jsonProtocolService({ model: options.model, handlers: options.handlers, calls });
  const contentType = `application/x-amz-json-${options.model.metadata.jsonVersion ?? "1.1"}`;
  const server = createServer((req, res) => {
    readBody(req)
      .then(async (body) => {
        const request: FakeRequest = { method: req.method ?? "GET", url: req.url ?? "/", headers: req.headers, body };
        const failure = verifySigV4(request, {
          credentials: options.credentials,
          region: options.region,
          service: options.model.metadata.signingName ?? options.model.metadata.endpointPrefix,
        });
        if (failure) {
          return jsonErrorAnswer(contentType, new AwsServiceError(failure.type, failure.message, authFailureStatus(failure)), options.model.metadata.serviceId);
        }
        return service(request);
      })
      .then((result) => sendAnswer(res, result))
      .catch((error: unknown) => sendAnswer(res, jsonErrorAnswer(contentType, error, options.model.metadata.serviceId)));
  });
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

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
