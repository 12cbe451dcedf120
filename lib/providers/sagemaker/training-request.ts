import type { CreateTrainingJobCommandInput } from "@aws-sdk/client-sagemaker";
import { ConsoleError } from "@/lib/errors/console-error";
import { parseInput } from "@/lib/errors/validation";
import type { SagemakerTargetConfig } from "@/lib/schemas/targets";
import type { RunLaunchSpec } from "../training";
import { paddleOcrMetricDefinitions, taskOfConfigPath } from "./metric-definitions";
import { trainingJobName } from "./names";
import { sagemakerRunOptionsSchema } from "./run-options";
import { asFolder } from "./s3-uri";
import { checkpointsUri, datasetCacheUri, trainingOutputUri, visualdlUri } from "./target-paths";

// The container contract (bring-your-own PaddleOCR image, `<image> train`): hyperparameters.json
// holds `config` (the PaddleOCR config path), one entry per config change keyed by the config key
// (`Global.epoch_num` → `10`) that the entry point passes on as `-o Key=value`, and `export_dir`
// where the exported inference model goes (/opt/ml/model, packed into model.tar.gz by SageMaker).
const DATA = "/opt/ml/input/data";
const CHECKPOINTS = "/opt/ml/checkpoints";
const MAX_HYPERPARAMETERS = 100;
const MAX_TAGS = 50;

/** Tags every job the console starts carries; adoption checks the run id. */
export const RUN_ID_TAG = "ocr-console:run-id";

/** The exact CreateTrainingJob input for a run: what "View request" shows and what launch() sends. */
export function trainingJobRequest(spec: RunLaunchSpec, config: SagemakerTargetConfig): CreateTrainingJobCommandInput {
  const options = parseInput(sagemakerRunOptionsSchema, { resources: spec.resources, targetOptions: spec.targetOptions });
  const { resources, targetOptions } = options;
  const name = trainingJobName(spec.name, spec.attempt);
  const image = spec.image ?? config.trainingImage;
  if (!image) {
    throw new ConsoleError("bad_request", "Give the run a training image (an ECR URI of a PaddleOCR container), or set a default on the target.", {
      image: ["A training image is required on SageMaker"],
    });
  }

  const channels: CreateTrainingJobCommandInput["InputDataConfig"] = [];
  const channel = (channelName: string, uri: string) =>
    channels.push({
      ChannelName: channelName,
      DataSource: { S3DataSource: { S3DataType: "S3Prefix", S3Uri: asFolder(uri), S3DataDistributionType: "FullyReplicated" } },
      CompressionType: "None",
    });
  const dataset = spec.dataset;
  const datasetUri = dataset ? (dataset.cacheLocation ?? (dataset.sourceUri.startsWith("s3://") ? dataset.sourceUri : datasetCacheUri(config, dataset))) : null;
  const trainUri = targetOptions.trainChannel ?? datasetUri;
  const testUri = targetOptions.testChannel ?? datasetUri;
  if (trainUri) channel("train", trainUri);
  if (testUri) channel("test", testUri);

  const injected: Array<[string, string]> = [[`Global.save_model_dir`, CHECKPOINTS]];
  if (targetOptions.visualdl) injected.push(["Global.use_visualdl", "True"]);
  if (dataset && trainUri) {
    injected.push(["Train.dataset.data_dir", `${DATA}/train`], ["Train.dataset.label_file_list", `['${DATA}/train/${dataset.trainLabelFile}']`]);
    if (dataset.dictionaryFile) injected.push(["Global.character_dict_path", `${DATA}/train/${dataset.dictionaryFile}`]);
  }
  if (dataset && testUri) {
    injected.push(["Eval.dataset.data_dir", `${DATA}/test`], ["Eval.dataset.label_file_list", `['${DATA}/test/${dataset.testLabelFile}']`]);
  }
  if (spec.pretrainedModel?.startsWith("s3://")) {
    // The weights come in as their own channel; PaddleOCR takes the path without the .pdparams suffix.
    const folder = spec.pretrainedModel.replace(/[^/]*$/, "");
    const file = spec.pretrainedModel.slice(folder.length).replace(/\.pdparams$/, "");
    channel("pretrained", folder);
    injected.push(["Global.pretrained_model", `${DATA}/pretrained/${file}`]);
  } else if (spec.pretrainedModel) {
    injected.push(["Global.pretrained_model", spec.pretrainedModel]);
  }

  // The user's own changes win over what the console fills in.
  const changes = new Map<string, string>(injected);
  for (const change of spec.configChanges) {
    const at = change.indexOf("=");
    changes.set(change.slice(0, at), change.slice(at + 1));
  }
  const hyperparameters: Record<string, string> = {
    ...targetOptions.hyperparameters,
    config: spec.configPath,
    export_dir: "/opt/ml/model",
    ...Object.fromEntries(changes),
  };
  if (Object.keys(hyperparameters).length > MAX_HYPERPARAMETERS) {
    throw new ConsoleError("bad_request", `SageMaker takes at most ${MAX_HYPERPARAMETERS} hyperparameters; this run has ${Object.keys(hyperparameters).length} (config changes included).`, {
      configChanges: ["Too many config changes for SageMaker"],
    });
  }

  const tags = [
    { Key: RUN_ID_TAG, Value: spec.runId },
    { Key: "ocr-console:run", Value: spec.name },
    { Key: "ocr-console:model", Value: spec.modelName },
    ...Object.entries(targetOptions.tags).map(([Key, Value]) => ({ Key, Value })),
  ];
  if (tags.length > MAX_TAGS) throw new ConsoleError("bad_request", `SageMaker takes at most ${MAX_TAGS} tags (3 are the console's).`, { "targetOptions.tags": ["Too many tags"] });

  const task = dataset?.task ?? taskOfConfigPath(spec.configPath);
  const metricDefinitions = targetOptions.metricDefinitions ?? paddleOcrMetricDefinitions(task);
  return {
    TrainingJobName: name,
    RoleArn: config.roleArn,
    AlgorithmSpecification: {
      TrainingImage: image,
      TrainingInputMode: targetOptions.inputMode,
      MetricDefinitions: metricDefinitions.map((definition) => ({ Name: definition.name, Regex: definition.regex })),
      EnableSageMakerMetricsTimeSeries: true,
    },
    HyperParameters: hyperparameters,
    ...(channels.length > 0 ? { InputDataConfig: channels } : {}),
    OutputDataConfig: { S3OutputPath: trainingOutputUri(config) },
    ResourceConfig: { InstanceType: resources.instanceType as never, InstanceCount: resources.instanceCount, VolumeSizeInGB: resources.volumeSizeGb },
    StoppingCondition: {
      MaxRuntimeInSeconds: resources.maxRuntimeSeconds,
      ...(targetOptions.spot ? { MaxWaitTimeInSeconds: targetOptions.maxWaitSeconds ?? resources.maxRuntimeSeconds } : {}),
    },
    ...(targetOptions.spot ? { EnableManagedSpotTraining: true } : {}),
    ...(targetOptions.checkpoints ? { CheckpointConfig: { S3Uri: checkpointsUri(config, name), LocalPath: CHECKPOINTS } } : {}),
    ...(targetOptions.visualdl ? { TensorBoardOutputConfig: { S3OutputPath: visualdlUri(config, name), LocalPath: `${CHECKPOINTS}/vdl` } } : {}),
    ...(Object.keys(targetOptions.environment).length > 0 ? { Environment: targetOptions.environment } : {}),
    Tags: tags,
  };
}
