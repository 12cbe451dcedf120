import { randomUUID } from "node:crypto";
import type { FakeAccount } from "./account";
import { accessDenied } from "./account";
import { AwsServiceError } from "./aws-error";
import { header, type FakeAnswer, type FakeRequest } from "./http";
import type { RecordedCall } from "./json-protocol-server";
import type { FakeHosting } from "./sagemaker-hosting";
import { loadServiceModel } from "./service-model";
import { serviceErrorFor, validateShape } from "./shape-validator";

export const SAGEMAKER_RUNTIME_MODEL = "sagemaker-runtime-2017-05-13.json";
const MAX_PAYLOAD = 6 * 1024 * 1024;

/** What the serving container of a variant receives on `POST /invocations`. */
export interface ContainerRequest {
  endpoint: string;
  variant: string;
  /** The variant's model container (Image, ModelDataUrl, Environment …) as CreateModel recorded it. */
  container: Record<string, unknown>;
  body: Buffer;
  contentType: string;
  accept?: string;
}

export interface ContainerResponse {
  status?: number;
  body: Buffer | string;
  contentType?: string;
}

/** The serving container behind every endpoint of the fake: what it answers is up to the test. */
export type InvocationHandler = (request: ContainerRequest) => Promise<ContainerResponse> | ContainerResponse;

/**
 * SageMaker Runtime's InvokeEndpoint (rest-json: `POST /endpoints/{EndpointName}/invocations`, the
 * body passed through raw). Headers are validated against the runtime model; the request goes to
 * the container of the variant the endpoint's weights pick, and a container error comes back as
 * the service wraps it (ModelError, HTTP 424, with the container's status and message).
 */
export function runtimeService(options: {
  account: FakeAccount;
  hosting: FakeHosting;
  calls: RecordedCall[];
  container(): InvocationHandler;
}): (request: FakeRequest) => Promise<FakeAnswer> {
  const model = loadServiceModel(SAGEMAKER_RUNTIME_MODEL);
  const { account } = options;
  return async (request) => {
    try {
      const match = /^\/endpoints\/([^/?]+)\/invocations(\?.*)?$/.exec(request.url);
      if (request.method !== "POST" || !match) throw new AwsServiceError("UnknownOperationException", `No operation at ${request.method} ${request.url}`);
      const name = decodeURIComponent(match[1]!);
      const input: Record<string, unknown> = { EndpointName: name, Body: request.body.toString("base64") };
      const members = model.shapes.InvokeEndpointInput!.members!;
      for (const [member, ref] of Object.entries(members)) {
        if (ref.location === "header" && ref.locationName) {
          const value = header(request.headers, ref.locationName);
          if (value !== undefined) input[member] = value;
        }
      }
      options.calls.push({ service: "SageMaker Runtime", operation: "InvokeEndpoint", input: { ...input, Body: `<${request.body.length} bytes>` } });
      if (account.expired) throw new AwsServiceError("ExpiredTokenException", "The security token included in the request is expired");
      if (account.isDenied("sagemaker:InvokeEndpoint")) {
        throw accessDenied(account, "sagemaker:InvokeEndpoint", `arn:aws:sagemaker:${account.region}:${account.accountId}:endpoint/${name.toLowerCase()}`);
      }
      const fault = account.takeFault("InvokeEndpoint");
      if (fault) throw fault;
      const issues = validateShape(model, "InvokeEndpointInput", { ...input, Body: "" }, "");
      const invalid = serviceErrorFor(issues);
      if (invalid) throw new AwsServiceError("ValidationError", invalid.message);
      if (request.body.length > MAX_PAYLOAD) {
        throw new AwsServiceError("ValidationError", `Received payload of ${request.body.length} bytes, more than the maximum of ${MAX_PAYLOAD} bytes.`);
      }

      const target = header(request.headers, "x-amzn-sagemaker-target-variant");
      const route = options.hosting.route(name, target);
      const answer = await options.container()({
        endpoint: name,
        variant: route.variant,
        container: route.container,
        body: request.body,
        contentType: header(request.headers, "content-type") ?? "application/octet-stream",
        ...(header(request.headers, "accept") ? { accept: header(request.headers, "accept")! } : {}),
      });
      const status = answer.status ?? 200;
      const body = typeof answer.body === "string" ? Buffer.from(answer.body, "utf8") : answer.body;
      if (status < 200 || status > 299) {
        const kind = status >= 500 ? "SERVER" : "CLIENT";
        const original = body.toString("utf8").slice(0, 2048);
        throw new AwsServiceError(
          "ModelError",
          `Received ${kind.toLowerCase()} error (${status}) from ${route.variant} with message "${original}". See https://${account.region}.console.aws.amazon.com/cloudwatch/home?region=${account.region}#logEventViewer:group=/aws/sagemaker/Endpoints/${name} in account ${account.accountId} for more information.`,
          424,
          {
            ErrorCode: `${kind}_ERROR_FROM_MODEL`,
            OriginalStatusCode: status,
            OriginalMessage: original,
            LogStreamArn: `arn:aws:logs:${account.region}:${account.accountId}:log-group:/aws/sagemaker/Endpoints/${name}`,
          },
        );
      }
      return {
        status: 200,
        headers: {
          "Content-Type": answer.contentType ?? "application/json",
          "x-Amzn-Invoked-Production-Variant": route.variant,
          "x-amzn-RequestId": randomUUID(),
        },
        body,
      };
    } catch (error) {
      return restJsonErrorAnswer(error);
    }
  };
}

/** rest-json errors: the name in X-Amzn-ErrorType, `{"message"}` (or the error's own members) in the body. */
export function restJsonErrorAnswer(error: unknown): FakeAnswer {
  const failure = error instanceof AwsServiceError ? error : new AwsServiceError("InternalFailure", String(error), 500);
  const body = failure.type === "ModelError" ? { Message: failure.message, ...failure.extra } : { message: failure.message, ...failure.extra };
  return {
    status: failure.statusCode,
    headers: { "Content-Type": "application/json", "X-Amzn-ErrorType": failure.type, "x-amzn-RequestId": randomUUID() },
    body: JSON.stringify(body),
  };
}
