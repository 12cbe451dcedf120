import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { authFailureStatus, createFakeAccount, type FakeAccount } from "./account";
import { createAutoScaling } from "./auto-scaling";
import { AwsServiceError } from "./aws-error";
import { realClock, TEST_TIMING, type FakeClock, type FakeTiming } from "./clock";
import { createLogStore, type FakeLogStore } from "./cloudwatch-logs";
import { header, readBody, sendAnswer, signingServiceOf, type FakeAnswer, type FakeRequest } from "./http";
import { jsonErrorAnswer, jsonProtocolService, type RecordedCall } from "./json-protocol-server";
import { paddleOcrContainer } from "./ocr-container";
import { createS3Backend, type FakeS3Backend, type ObjectStoreAddress } from "./s3-backend";
import { s3Proxy } from "./s3-proxy";
import { createHosting, type AlarmState } from "./sagemaker-hosting";
import { restJsonErrorAnswer, runtimeService, type InvocationHandler } from "./sagemaker-runtime";
import { createTrainingJobs, type TrainingOutcome } from "./sagemaker-training";
import { loadServiceModel, SAGEMAKER_MODEL } from "./service-model";
import { verifySigV4, type AwsCredentials } from "./sigv4";
import { queryErrorAnswer, stsService } from "./sts";

export const FAKE_CREDENTIALS: AwsCredentials = {
  accessKeyId: "AKIAIOSFODNN7EXAMPLE",
  secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
};

export interface FakeAwsOptions {
  region?: string;
  accountId?: string;
  credentials?: AwsCredentials;
  clock?: FakeClock;
  timing?: Partial<FakeTiming>;
  /** The S3-protocol store (s3rver) holding the account's buckets; without it S3 answers 503 and nothing is checked in S3. */
  objectStore?: ObjectStoreAddress;
  /** Buckets created in the store at start. */
  buckets?: string[];
  /** How each new training job ends (default: it completes). */
  trainingOutcome?(request: Record<string, unknown>): TrainingOutcome;
  /** The serving container behind every endpoint (default: the seed's container, played by the local OCR runtime). */
  container?: InvocationHandler;
  /** Whether an endpoint config's fleet comes up; a string is the FailureReason. */
  fleetOutcome?(configName: string, models: Array<Record<string, unknown>>): string | undefined;
}

/**
 * One AWS account on loopback: SageMaker, SageMaker Runtime, CloudWatch Logs, Application Auto
 * Scaling, STS and S3 behind a single URL, told apart by the SigV4 credential scope of each
 * request — as LocalStack-style gateways do, so one endpoint override reaches every service.
 * Every request is authenticated, every JSON input validated against the service's model.
 */
export async function startFakeAws(options: FakeAwsOptions = {}) {
  const region = options.region ?? "us-east-1";
  const accountId = options.accountId ?? "123456789012";
  const credentials = options.credentials ?? FAKE_CREDENTIALS;
  const clock = options.clock ?? realClock;
  const timing: FakeTiming = { ...TEST_TIMING, ...options.timing };
  const account: FakeAccount = createFakeAccount({ region, accountId, credentials, clock });
  const calls: RecordedCall[] = [];
  const s3: FakeS3Backend | undefined = options.objectStore ? createS3Backend(options.objectStore) : undefined;
  for (const bucket of options.buckets ?? []) await s3?.ensureBucket(bucket);

  const logs = createLogStore(clock);
  let trainingOutcome = options.trainingOutcome ?? (() => ({ outcome: "Completed" }) as TrainingOutcome);
  let container: InvocationHandler = options.container ?? paddleOcrContainer(s3);
  const alarms = new Map<string, AlarmState>();
  const tags = new Map<string, Array<{ Key: string; Value: string }>>();
  const training = createTrainingJobs({ account, timing, logs, s3, tags, outcome: (request) => trainingOutcome(request) });
  // Hosting and auto scaling refer to each other: a scaled variant blocks some updates, scaling moves instance counts.
  let scaledVariants: (endpoint: string) => string[] = () => [];
  const hosting = createHosting({ account, timing, s3, alarms, tags, fleetOutcome: options.fleetOutcome, scaledVariants: (endpoint) => scaledVariants(endpoint) });
  const autoscaling = createAutoScaling({
    account,
    variantExists: (endpoint, variant) => Boolean(hosting.endpoint(endpoint)?.variants.some((v) => v.name === variant)),
    scaleVariant: (endpoint, variant, bounds) => hosting.scaleVariant(endpoint, variant, bounds),
  });
  scaledVariants = (endpoint) => autoscaling.scaledVariants(endpoint);

  const sagemakerModel = loadServiceModel(SAGEMAKER_MODEL);
  const sagemaker = jsonProtocolService({
    model: sagemakerModel,
    calls,
    account,
    iamPrefix: "sagemaker",
    resourceOf: (operation, input) => sagemakerResource(region, accountId, operation, input),
    handlers: { ...training.handlers, ...hosting.handlers },
  });
  const logsService = jsonProtocolService({
    model: loadServiceModel("logs-2014-03-28.json"),
    calls,
    account,
    iamPrefix: "logs",
    resourceOf: (_operation, input) => `arn:aws:logs:${region}:${accountId}:log-group:${String(input.logGroupName ?? "*")}:log-stream:`,
    handlers: logs.handlers({ region, accountId }),
  });
  const autoscalingService = jsonProtocolService({
    model: loadServiceModel("application-autoscaling-2016-02-06.json"),
    calls,
    account,
    iamPrefix: "application-autoscaling",
    handlers: autoscaling.handlers,
  });
  const sts = stsService(account, calls);
  const runtime = runtimeService({ account, hosting, calls, container: () => container });
  const bucketRegions = new Map<string, string>();
  const proxy = options.objectStore ? s3Proxy({ account, store: options.objectStore, calls, bucketRegions }) : undefined;

  const jsonContentType = "application/x-amz-json-1.1";
  const services: Record<string, { serve(request: FakeRequest): Promise<FakeAnswer>; fail(error: AwsServiceError): FakeAnswer }> = {
    sagemaker: {
      serve: (request) => (header(request.headers, "x-amz-target") ? sagemaker(request) : runtime(request)),
      fail: (error) => jsonErrorAnswer(jsonContentType, error, "SageMaker"),
    },
    logs: { serve: logsService, fail: (error) => jsonErrorAnswer(jsonContentType, error, "CloudWatch Logs") },
    "application-autoscaling": { serve: autoscalingService, fail: (error) => jsonErrorAnswer(jsonContentType, error, "Application Auto Scaling") },
    sts: { serve: sts, fail: queryErrorAnswer },
  };

  function guessService(req: IncomingMessage): string {
    const target = header(req.headers, "x-amz-target") ?? "";
    if (target.startsWith("Logs_")) return "logs";
    if (target.startsWith("AnyScale")) return "application-autoscaling";
    if (target || req.url?.startsWith("/endpoints/")) return "sagemaker";
    return (header(req.headers, "content-type") ?? "").includes("x-www-form-urlencoded") ? "sts" : "s3";
  }

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const signing = signingServiceOf(req.headers) ?? guessService(req);
    if (signing === "s3") {
      if (proxy) return proxy(req, res);
      req.resume();
      return sendAnswer(res, { status: 503, headers: { "Content-Type": "application/xml" }, body: "<Error><Code>ServiceUnavailable</Code><Message>The fake has no object store</Message></Error>" });
    }
    const service = services[signing];
    readBody(req)
      .then(async (body) => {
        const request: FakeRequest = { method: req.method ?? "GET", url: req.url ?? "/", headers: req.headers, body };
        if (!service) return jsonErrorAnswer(jsonContentType, new AwsServiceError("UnknownServiceException", `The fake AWS has no service "${signing}".`), "AWS");
        const failure = verifySigV4(request, { credentials, region, service: signing });
        if (failure) {
          const error = new AwsServiceError(failure.type, failure.message, authFailureStatus(failure));
          return !header(req.headers, "x-amz-target") && signing === "sagemaker" ? restJsonErrorAnswer(error) : service.fail(error);
        }
        return service.serve(request);
      })
      .then((answer) => sendAnswer(res, answer))
      .catch((error: unknown) => sendAnswer(res, jsonErrorAnswer(jsonContentType, error, "AWS")));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    /** One URL for every service: pass it as each client's `endpoint`. */
    url,
    region,
    accountId,
    credentials,
    clock,
    timing,
    account,
    /** Every authenticated call, in order, across services. */
    calls,
    /** Calls to one service's operation, inputs only. */
    inputsOf(operation: string): unknown[] {
      return calls.filter((call) => call.operation === operation).map((call) => call.input);
    },
    sagemaker: {
      trainingJobs: training.jobs,
      addTrainingJob: training.addTrainingJob,
      job: (name: string) => training.jobs.find((job) => job.name === name),
      models: hosting.models,
      endpointConfigs: hosting.configs,
      endpoint: (name: string) => hosting.endpoint(name),
      endpoints: hosting.endpoints,
      tags: hosting.tags,
    },
    logs: logs as FakeLogStore,
    autoscaling: { targets: autoscaling.targets, policies: autoscaling.policies },
    alarms,
    setAlarm(name: string, state: AlarmState) {
      alarms.set(name, state);
    },
    s3,
    /** Puts a bucket in another region, so requests signed for the account's region are refused. */
    setBucketRegion(bucket: string, bucketRegion: string) {
      bucketRegions.set(bucket, bucketRegion);
    },
    setTrainingOutcome(decide: (request: Record<string, unknown>) => TrainingOutcome) {
      trainingOutcome = decide;
    },
    setContainer(handler: InvocationHandler) {
      container = handler;
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
      s3?.close();
    },
  };
}

export type FakeAws = Awaited<ReturnType<typeof startFakeAws>>;

/** The ARN IAM names when it refuses a SageMaker action. */
function sagemakerResource(region: string, accountId: string, operation: string, input: Record<string, unknown>): string {
  const base = `arn:aws:sagemaker:${region}:${accountId}`;
  const named: Array<[string, string]> = [
    ["TrainingJobName", "training-job"],
    ["EndpointName", "endpoint"],
    ["EndpointConfigName", "endpoint-config"],
    ["ModelName", "model"],
  ];
  for (const [member, kind] of named) {
    if (typeof input[member] === "string") return `${base}:${kind}/${String(input[member]).toLowerCase()}`;
  }
  if (operation.startsWith("List")) return `${base}:*`;
  return `${base}:*`;
}
