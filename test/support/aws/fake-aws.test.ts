import { ApplicationAutoScalingClient, PutScalingPolicyCommand, RegisterScalableTargetCommand } from "@aws-sdk/client-application-auto-scaling";
import { CloudWatchLogsClient, DescribeLogStreamsCommand, FilterLogEventsCommand, GetLogEventsCommand } from "@aws-sdk/client-cloudwatch-logs";
import { GetObjectCommand, HeadBucketCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import {
  CreateEndpointCommand,
  CreateEndpointConfigCommand,
  CreateModelCommand,
  CreateTrainingJobCommand,
  DescribeEndpointCommand,
  DescribeTrainingJobCommand,
  ListTrainingJobsCommand,
  SageMakerClient,
  StopTrainingJobCommand,
  UpdateEndpointCommand,
  UpdateEndpointWeightsAndCapacitiesCommand,
  type CreateTrainingJobCommandInput,
} from "@aws-sdk/client-sagemaker";
import { InvokeEndpointCommand, SageMakerRuntimeClient } from "@aws-sdk/client-sagemaker-runtime";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from "vitest";
import { renderTextPng } from "@/lib/ocr/test-images";
import { manualClock } from "./clock";
import { startFakeAws, type FakeAws } from "./fake-aws";
import { TRAINING_LOG_GROUP } from "./sagemaker-training";

const BUCKET = "fake-aws-test";
const ROLE = "arn:aws:iam::123456789012:role/SageMakerExecution";

describe("fake AWS account, through the real SDK clients", () => {
  const clock = manualClock();
  let aws: FakeAws;
  let clients: { sagemaker: SageMakerClient; logs: CloudWatchLogsClient; sts: STSClient; s3: S3Client; runtime: SageMakerRuntimeClient; scaling: ApplicationAutoScalingClient };

  beforeAll(async () => {
    const store = inject("objectStore");
    aws = await startFakeAws({ clock, objectStore: store, buckets: [BUCKET] });
    const common = { region: aws.region, endpoint: aws.url, credentials: aws.credentials, maxAttempts: 1 };
    clients = {
      sagemaker: new SageMakerClient(common),
      logs: new CloudWatchLogsClient(common),
      sts: new STSClient(common),
      s3: new S3Client({ ...common, forcePathStyle: true }),
      runtime: new SageMakerRuntimeClient(common),
      scaling: new ApplicationAutoScalingClient(common),
    };
    await clients.s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: "data/det/train_label.txt", Body: "img_1.jpg\t[]\n" }));
  });
  beforeEach(() => aws.account.renewCredentials());
  afterAll(async () => {
    for (const client of Object.values(clients)) client.destroy();
    await aws.close();
  });

  const failure = (promise: Promise<unknown>) =>
    promise.then(
      () => expect.unreachable("the call should fail"),
      (error: Error & { $metadata?: { httpStatusCode?: number } }) => ({ name: error.name, message: error.message, status: error.$metadata?.httpStatusCode }),
    );

  const jobInput = (name: string, extra: Partial<CreateTrainingJobCommandInput> = {}): CreateTrainingJobCommandInput => ({
    TrainingJobName: name,
    RoleArn: ROLE,
    AlgorithmSpecification: {
      TrainingImage: "123456789012.dkr.ecr.us-east-1.amazonaws.com/paddleocr:2.7",
      TrainingInputMode: "File",
      MetricDefinitions: [
        { Name: "train:loss", Regex: "global_step: [0-9]+, .*?[ ,]'?loss'?: ([0-9.eE+-]+)" },
        { Name: "eval:hmean", Regex: "cur metric, .*hmean: ([0-9.eE+-]+)" },
      ],
    },
    HyperParameters: { config: "configs/det/ch_PP-OCRv4/ch_PP-OCRv4_det_student.yml", "Global.epoch_num": "3" },
    InputDataConfig: [{ ChannelName: "train", DataSource: { S3DataSource: { S3DataType: "S3Prefix", S3Uri: `s3://${BUCKET}/data/det/` } } }],
    OutputDataConfig: { S3OutputPath: `s3://${BUCKET}/training` },
    ResourceConfig: { InstanceType: "ml.g4dn.xlarge", InstanceCount: 2, VolumeSizeInGB: 50 },
    StoppingCondition: { MaxRuntimeInSeconds: 86_400 },
    ...extra,
  });

  describe("training jobs", () => {
    it("walks Starting → Downloading → Training → Uploading → Completed, with metrics, logs on two hosts and the artifact in S3", async () => {
      await clients.sagemaker.send(new CreateTrainingJobCommand(jobInput("det-walk")));
      const seen: string[] = [];
      for (let i = 0; i < 30; i++) {
        const job = await clients.sagemaker.send(new DescribeTrainingJobCommand({ TrainingJobName: "det-walk" }));
        if (seen.at(-1) !== job.SecondaryStatus) seen.push(job.SecondaryStatus!);
        clock.advance(aws.timing.trainingStepMs / 2);
      }
      expect(seen).toEqual(["Starting", "Downloading", "Training", "Uploading", "Completed"]);

      const job = await clients.sagemaker.send(new DescribeTrainingJobCommand({ TrainingJobName: "det-walk" }));
      expect(job.TrainingJobStatus).toBe("Completed");
      expect(job.SecondaryStatusTransitions?.map((t) => [t.Status, t.StatusMessage])).toEqual([
        ["Starting", "Preparing the instances for training"],
        ["Downloading", "Downloading input data"],
        ["Training", "Training image download completed. Training in progress."],
        ["Uploading", "Uploading generated training model"],
        ["Completed", "Training job completed"],
      ]);
      expect(job.SecondaryStatusTransitions?.[0]?.EndTime).toEqual(job.SecondaryStatusTransitions?.[1]?.StartTime);
      expect(job.BillableTimeInSeconds).toBeGreaterThan(0);
      expect(job.FinalMetricDataList?.map((m) => m.MetricName)).toEqual(["train:loss", "eval:hmean"]);
      expect(job.FinalMetricDataList?.[1]?.Value).toBeCloseTo(0.35 + 0.45 * (1 - Math.exp(-3 / 2)), 5);
      expect(job.ModelArtifacts?.S3ModelArtifacts).toBe(`s3://${BUCKET}/training/det-walk/output/model.tar.gz`);
      const artifact = await clients.s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: "training/det-walk/output/model.tar.gz" }));
      expect((await artifact.Body!.transformToByteArray()).subarray(0, 2)).toEqual(new Uint8Array([0x1f, 0x8b]));

      const streams = await clients.logs.send(new DescribeLogStreamsCommand({ logGroupName: TRAINING_LOG_GROUP, logStreamNamePrefix: "det-walk/" }));
      expect(streams.logStreams?.map((s) => s.logStreamName)).toEqual([expect.stringMatching(/^det-walk\/algo-1-\d+$/), expect.stringMatching(/^det-walk\/algo-2-\d+$/)]);
      const filtered = await clients.logs.send(new FilterLogEventsCommand({ logGroupName: TRAINING_LOG_GROUP, logStreamNamePrefix: "det-walk/", filterPattern: '"cur metric"' }));
      expect(filtered.events).toHaveLength(3);
      expect(filtered.events?.[0]?.message).toMatch(/^\[\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d\] ppocr INFO: cur metric, precision: /);
    });

    it("follows a stream with nextForwardToken: pages without gaps, the same token back when caught up", async () => {
      await clients.sagemaker.send(new CreateTrainingJobCommand(jobInput("det-follow", { ResourceConfig: { InstanceType: "ml.g4dn.xlarge", InstanceCount: 1, VolumeSizeInGB: 50 } })));
      clock.advance(2 * aws.timing.trainingStepMs + aws.timing.trainingMs / 2);
      const [stream] = aws.logs.streams(TRAINING_LOG_GROUP).filter((name) => name.startsWith("det-follow/"));
      aws.logs.pageLimit = 4;
      try {
        const read: string[] = [];
        let token: string | undefined;
        for (;;) {
          const page = await clients.logs.send(new GetLogEventsCommand({ logGroupName: TRAINING_LOG_GROUP, logStreamName: stream, startFromHead: true, nextToken: token }));
          read.push(...(page.events ?? []).map((e) => e.message!));
          if (page.nextForwardToken === token) break;
          token = page.nextForwardToken;
        }
        expect(read).toEqual(aws.logs.events(TRAINING_LOG_GROUP, stream!).map((e) => e.message));
        clock.advance(aws.timing.trainingMs);
        const more = await clients.logs.send(new GetLogEventsCommand({ logGroupName: TRAINING_LOG_GROUP, logStreamName: stream, nextToken: token }));
        expect(more.events?.[0]?.message).toBe(aws.logs.events(TRAINING_LOG_GROUP, stream!)[read.length]?.message);
      } finally {
        aws.logs.pageLimit = 10_000;
      }
      expect(await failure(clients.logs.send(new GetLogEventsCommand({ logGroupName: TRAINING_LOG_GROUP, logStreamName: "nope" })))).toMatchObject({ name: "ResourceNotFoundException" });
    });

    it("refuses a second job of the same name with ResourceInUse, and stops a job through Stopping to Stopped", async () => {
      await clients.sagemaker.send(new CreateTrainingJobCommand(jobInput("det-stop")));
      expect(await failure(clients.sagemaker.send(new CreateTrainingJobCommand(jobInput("det-stop"))))).toMatchObject({
        name: "ResourceInUse",
        message: expect.stringContaining("a training job with this name already exists"),
      });
      clock.advance(2 * aws.timing.trainingStepMs + 10);
      await clients.sagemaker.send(new StopTrainingJobCommand({ TrainingJobName: "det-stop" }));
      const stopping = await clients.sagemaker.send(new DescribeTrainingJobCommand({ TrainingJobName: "det-stop" }));
      expect([stopping.TrainingJobStatus, stopping.SecondaryStatus]).toEqual(["Stopping", "Stopping"]);
      clock.advance(aws.timing.trainingStepMs);
      const stopped = await clients.sagemaker.send(new DescribeTrainingJobCommand({ TrainingJobName: "det-stop" }));
      expect([stopped.TrainingJobStatus, stopped.SecondaryStatus]).toEqual(["Stopped", "Stopped"]);
      expect(await failure(clients.sagemaker.send(new StopTrainingJobCommand({ TrainingJobName: "det-stop" })))).toMatchObject({
        name: "ValidationException",
        message: "The request was rejected because the training job is in status Stopped.",
      });
    });

    it("fails a job whose channel has no data, with the service's reason", async () => {
      const input = jobInput("det-nodata");
      input.InputDataConfig![0]!.DataSource!.S3DataSource!.S3Uri = `s3://${BUCKET}/nothing-here/`;
      await clients.sagemaker.send(new CreateTrainingJobCommand(input));
      clock.advance(3 * aws.timing.trainingStepMs);
      const job = await clients.sagemaker.send(new DescribeTrainingJobCommand({ TrainingJobName: "det-nodata" }));
      expect(job.TrainingJobStatus).toBe("Failed");
      expect(job.FailureReason).toMatch(/^ClientError: No S3 objects found under S3 URL "s3:\/\/fake-aws-test\/nothing-here\/"/);
    });

    it("checks spot settings and names the way the service does", async () => {
      expect(
        await failure(clients.sagemaker.send(new CreateTrainingJobCommand(jobInput("det-spot", { EnableManagedSpotTraining: true })))),
      ).toMatchObject({ name: "ValidationException", message: "Invalid MaxWaitTimeInSeconds. It must be present when EnableManagedSpotTraining is true." });
      expect(await failure(clients.sagemaker.send(new CreateTrainingJobCommand(jobInput("det_underscore"))))).toMatchObject({
        name: "ValidationException",
        message: expect.stringContaining("at 'trainingJobName' failed to satisfy constraint: Member must satisfy regular expression pattern"),
      });
      expect(await failure(clients.sagemaker.send(new DescribeTrainingJobCommand({ TrainingJobName: "never-created" })))).toMatchObject({
        name: "ResourceNotFound",
      });
    });

    it("lists newest first and pages with NextToken", async () => {
      const first = await clients.sagemaker.send(new ListTrainingJobsCommand({ MaxResults: 2, NameContains: "det-" }));
      expect(first.TrainingJobSummaries).toHaveLength(2);
      const second = await clients.sagemaker.send(new ListTrainingJobsCommand({ MaxResults: 2, NameContains: "det-", NextToken: first.NextToken }));
      expect(second.TrainingJobSummaries?.length).toBeGreaterThan(0);
      expect(await failure(clients.sagemaker.send(new ListTrainingJobsCommand({ NextToken: "forged" })))).toMatchObject({ name: "ValidationException" });
    });
  });

  describe("endpoints", () => {
    const model = async (name: string, image = "123456789012.dkr.ecr.us-east-1.amazonaws.com/ppocr-serve:1") =>
      clients.sagemaker.send(
        new CreateModelCommand({ ModelName: name, ExecutionRoleArn: ROLE, PrimaryContainer: { Image: image, ModelDataUrl: `s3://${BUCKET}/training/det-walk/output/model.tar.gz` } }),
      );
    const config = async (name: string, modelName: string) =>
      clients.sagemaker.send(
        new CreateEndpointConfigCommand({
          EndpointConfigName: name,
          ProductionVariants: [{ VariantName: "primary", ModelName: modelName, InstanceType: "ml.m5.large", InitialInstanceCount: 2, InitialVariantWeight: 1 }],
        }),
      );
    const describe = (name: string) => clients.sagemaker.send(new DescribeEndpointCommand({ EndpointName: name }));

    it("creates an endpoint (Creating → InService), and rolls a canary update back when its alarm fires", async () => {
      await model("ocr-v1");
      await config("ocr-cfg-1", "ocr-v1");
      await clients.sagemaker.send(new CreateEndpointCommand({ EndpointName: "ocr", EndpointConfigName: "ocr-cfg-1" }));
      expect((await describe("ocr")).EndpointStatus).toBe("Creating");
      clock.advance(aws.timing.endpointProvisionMs);
      const ready = await describe("ocr");
      expect(ready.EndpointStatus).toBe("InService");
      expect(ready.ProductionVariants?.[0]).toMatchObject({ VariantName: "primary", CurrentWeight: 1, CurrentInstanceCount: 2, DesiredInstanceCount: 2 });

      await model("ocr-v2");
      await config("ocr-cfg-2", "ocr-v2");
      await clients.sagemaker.send(
        new UpdateEndpointCommand({
          EndpointName: "ocr",
          EndpointConfigName: "ocr-cfg-2",
          DeploymentConfig: {
            BlueGreenUpdatePolicy: {
              TrafficRoutingConfiguration: { Type: "CANARY", WaitIntervalInSeconds: 300, CanarySize: { Type: "CAPACITY_PERCENT", Value: 10 } },
              TerminationWaitInSeconds: 60,
            },
            AutoRollbackConfiguration: { Alarms: [{ AlarmName: "ocr-5xx" }] },
          },
        }),
      );
      expect((await describe("ocr")).EndpointStatus).toBe("Updating");
      clock.advance(aws.timing.endpointProvisionMs);
      const canary = await describe("ocr");
      expect(canary.PendingDeploymentSummary?.ProductionVariants?.[0]?.CurrentWeight).toBeCloseTo(0.1);
      expect(canary.ProductionVariants?.[0]?.CurrentWeight).toBeCloseTo(0.9);
      aws.setAlarm("ocr-5xx", "ALARM");
      clock.advance(300 * aws.timing.secondMs);
      const rolling = await describe("ocr");
      expect(rolling.EndpointStatus).toBe("RollingBack");
      clock.advance(aws.timing.endpointProvisionMs);
      const back = await describe("ocr");
      expect(back).toMatchObject({ EndpointStatus: "InService", EndpointConfigName: "ocr-cfg-1" });
      expect(back.FailureReason).toContain('alarm "ocr-5xx"');
      expect(back.PendingDeploymentSummary).toBeUndefined();
    });

    it("shifts weights, scales a variant, refuses updates that drop a scaled variant, and answers invocations", async () => {
      aws.setContainer((request) => ({ body: JSON.stringify({ variant: request.variant, bytes: request.body.length }) }));
      await clients.scaling.send(
        new RegisterScalableTargetCommand({
          ServiceNamespace: "sagemaker",
          ResourceId: "endpoint/ocr/variant/primary",
          ScalableDimension: "sagemaker:variant:DesiredInstanceCount",
          MinCapacity: 3,
          MaxCapacity: 6,
        }),
      );
      expect((await describe("ocr")).ProductionVariants?.[0]?.DesiredInstanceCount).toBe(3);
      const policy = await clients.scaling.send(
        new PutScalingPolicyCommand({
          PolicyName: "invocations",
          ServiceNamespace: "sagemaker",
          ResourceId: "endpoint/ocr/variant/primary",
          ScalableDimension: "sagemaker:variant:DesiredInstanceCount",
          PolicyType: "TargetTrackingScaling",
          TargetTrackingScalingPolicyConfiguration: { TargetValue: 70, PredefinedMetricSpecification: { PredefinedMetricType: "SageMakerVariantInvocationsPerInstance" } },
        }),
      );
      expect(policy.Alarms).toHaveLength(2);

      await clients.sagemaker.send(new UpdateEndpointWeightsAndCapacitiesCommand({ EndpointName: "ocr", DesiredWeightsAndCapacities: [{ VariantName: "primary", DesiredWeight: 2 }] }));
      expect((await describe("ocr")).EndpointStatus).toBe("Updating");
      clock.advance(aws.timing.endpointProvisionMs);
      expect((await describe("ocr")).ProductionVariants?.[0]).toMatchObject({ CurrentWeight: 2, DesiredWeight: 2 });

      await model("ocr-v3");
      await clients.sagemaker.send(
        new CreateEndpointConfigCommand({
          EndpointConfigName: "ocr-cfg-3",
          ProductionVariants: [{ VariantName: "primary", ModelName: "ocr-v3", InstanceType: "ml.g4dn.xlarge", InitialInstanceCount: 1 }],
        }),
      );
      expect(await failure(clients.sagemaker.send(new UpdateEndpointCommand({ EndpointName: "ocr", EndpointConfigName: "ocr-cfg-3" })))).toMatchObject({
        name: "ValidationException",
        message: expect.stringContaining("must be deregistered as scalable targets"),
      });

      const answer = await clients.runtime.send(new InvokeEndpointCommand({ EndpointName: "ocr", ContentType: "image/png", Body: new Uint8Array([1, 2, 3]) }));
      expect(answer.InvokedProductionVariant).toBe("primary");
      expect(JSON.parse(Buffer.from(answer.Body).toString("utf8"))).toEqual({ variant: "primary", bytes: 3 });

      aws.setContainer(() => ({ status: 400, body: "cannot decode image" }));
      expect(await failure(clients.runtime.send(new InvokeEndpointCommand({ EndpointName: "ocr", Body: new Uint8Array([1]) })))).toMatchObject({
        name: "ModelError",
        status: 424,
        message: expect.stringContaining('Received client error (400) from primary with message "cannot decode image"'),
      });
      expect(await failure(clients.runtime.send(new InvokeEndpointCommand({ EndpointName: "missing", Body: new Uint8Array([1]) })))).toMatchObject({
        name: "ValidationError",
        message: "Endpoint missing of account 123456789012 not found.",
      });
      expect(await failure(describe("missing"))).toMatchObject({ name: "ValidationException", message: 'Could not find endpoint "missing".' });
    });

    it("fails an endpoint whose model data is missing", async () => {
      await clients.sagemaker.send(
        new CreateModelCommand({ ModelName: "ocr-nodata", ExecutionRoleArn: ROLE, PrimaryContainer: { Image: "img:1", ModelDataUrl: `s3://${BUCKET}/nope/model.tar.gz` } }),
      );
      await config("ocr-nodata-cfg", "ocr-nodata");
      await clients.sagemaker.send(new CreateEndpointCommand({ EndpointName: "ocr-nodata", EndpointConfigName: "ocr-nodata-cfg" }));
      clock.advance(aws.timing.endpointProvisionMs);
      const failed = await describe("ocr-nodata");
      expect(failed.EndpointStatus).toBe("Failed");
      expect(failed.FailureReason).toContain("Failed to download model data");
    });
  });

  describe("identity, permissions and faults", () => {
    it("answers GetCallerIdentity in the query protocol, and the expired-token error on every service", async () => {
      const me = await clients.sts.send(new GetCallerIdentityCommand({}));
      expect(me).toMatchObject({ Account: "123456789012", Arn: "arn:aws:iam::123456789012:user/ocr-console" });
      aws.account.expireCredentials();
      expect(await failure(clients.sts.send(new GetCallerIdentityCommand({})))).toMatchObject({ name: "ExpiredToken", message: "The security token included in the request is expired" });
      expect(await failure(clients.sagemaker.send(new ListTrainingJobsCommand({})))).toMatchObject({ name: "ExpiredTokenException" });
      expect(await failure(clients.s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: "x" })))).toMatchObject({ name: "ExpiredToken" });
    });

    it("names the denied action, refuses S3 with AccessDenied, and a bucket of another region with a redirect", async () => {
      aws.account.deny("sagemaker:ListTrainingJobs");
      aws.account.deny("s3:ListBucket");
      try {
        expect(await failure(clients.sagemaker.send(new ListTrainingJobsCommand({ MaxResults: 1 })))).toMatchObject({
          name: "AccessDeniedException",
          message: expect.stringContaining("is not authorized to perform: sagemaker:ListTrainingJobs"),
        });
        expect(await failure(clients.s3.send(new HeadBucketCommand({ Bucket: BUCKET })))).toMatchObject({ status: 403 });
      } finally {
        aws.account.allow("sagemaker:ListTrainingJobs");
        aws.account.allow("s3:ListBucket");
      }
      expect((await clients.s3.send(new HeadBucketCommand({ Bucket: BUCKET }))).$metadata.httpStatusCode).toBe(200);
      aws.setBucketRegion(BUCKET, "eu-west-1");
      try {
        expect(await failure(clients.s3.send(new HeadBucketCommand({ Bucket: BUCKET })))).toMatchObject({ status: 301 });
      } finally {
        aws.setBucketRegion(BUCKET, aws.region);
      }
    });

    it("throttles on request, in the shape the SDK retries", async () => {
      aws.account.failNext({ operation: "ListTrainingJobs", type: "ThrottlingException", times: 1 });
      expect(await failure(clients.sagemaker.send(new ListTrainingJobsCommand({})))).toMatchObject({ name: "ThrottlingException", message: "Rate exceeded", status: 400 });
      const retrying = new SageMakerClient({ region: aws.region, endpoint: aws.url, credentials: aws.credentials, maxAttempts: 3, retryMode: "adaptive" });
      aws.account.failNext({ operation: "ListTrainingJobs", type: "ThrottlingException", times: 2 });
      try {
        const page = await retrying.send(new ListTrainingJobsCommand({ MaxResults: 1 }));
        expect(page.$metadata.attempts).toBe(3);
      } finally {
        retrying.destroy();
      }
    });
  });

  describe("the seed's inference container, played by the local OCR runtime", () => {
    it("reads the image the S3 reference points at and answers label/confidence/bbox", async () => {
      const seed = await startFakeAws({ clock, objectStore: inject("objectStore"), buckets: [BUCKET] });
      const common = { region: seed.region, endpoint: seed.url, credentials: seed.credentials, maxAttempts: 1 };
      const sagemaker = new SageMakerClient(common);
      const runtime = new SageMakerRuntimeClient(common);
      try {
        await sagemaker.send(new CreateModelCommand({ ModelName: "seed", ExecutionRoleArn: ROLE, PrimaryContainer: { Image: "seed:1", ModelDataUrl: `s3://${BUCKET}/data/det/train_label.txt` } }));
        await sagemaker.send(
          new CreateEndpointConfigCommand({ EndpointConfigName: "seed-cfg", ProductionVariants: [{ VariantName: "AllTraffic", ModelName: "seed", InstanceType: "ml.g4dn.xlarge", InitialInstanceCount: 1 }] }),
        );
        await sagemaker.send(new CreateEndpointCommand({ EndpointName: "seed", EndpointConfigName: "seed-cfg" }));
        clock.advance(seed.timing.endpointProvisionMs);
        const png = await renderTextPng(600, 120, [{ text: "SEED 2026", x: 30, y: 80, size: 48 }]);
        await seed.s3!.put(`s3://${BUCKET}/tests/1.png`, png, "image/png");
        const answer = await runtime.send(
          new InvokeEndpointCommand({ EndpointName: "seed", ContentType: "application/json", Body: JSON.stringify({ bucket: BUCKET, image_uri: "tests/1.png", content_type: "application/json" }) }),
        );
        const body = JSON.parse(Buffer.from(answer.Body).toString("utf8")) as { label: string[]; confidence: number[]; bbox: number[][][] };
        expect(body.label).toEqual(["SEED 2026"]);
        expect(body.confidence[0]).toBeGreaterThan(0.8);
        expect(body.bbox[0]).toHaveLength(4);
      } finally {
        sagemaker.destroy();
        runtime.destroy();
        await seed.close();
      }
    }, 60_000);
  });
});
