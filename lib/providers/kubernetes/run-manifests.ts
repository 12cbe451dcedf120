import { stringify } from "yaml";
import { parseInput } from "@/lib/errors/validation";
import type { RenderedRequest, RunLaunchSpec } from "@/lib/providers/training";
import type { KubernetesTargetConfig } from "@/lib/schemas/targets";
import { KINDS, type KindRef, type Manifest } from "./manifests";
import { datasetFolder, runLabels, runObjectNames, runVolumeName, type RunObjectNames } from "./names";
import { DATA_CENTER, paddleJobManifest, trainingCommand, type RunPlan } from "./paddle-job";
import { volumeClaimManifest } from "./pvc";
import { DEFAULT_TRAINING_IMAGE, kubernetesRunOptionsSchema, type KubernetesRunOptions } from "./run-options";
import { visualDlManifests } from "./visualdl";

export interface RunManifests {
  namespace: string;
  names: RunObjectNames;
  options: KubernetesRunOptions;
  plan: RunPlan;
  /** In the order they are applied: the volume, the PaddleJob, VisualDL. */
  objects: Array<{ kind: KindRef; manifest: Manifest }>;
  /** True when the run reuses a claim it did not create (never deleted with the run). */
  reusesClaim: boolean;
}

/** Everything launch() applies for a run, built without touching the cluster. */
export function buildRunManifests(spec: RunLaunchSpec, config: KubernetesTargetConfig): RunManifests {
  const options = parseInput(kubernetesRunOptionsSchema, { resources: spec.resources, targetOptions: spec.targetOptions });
  const { resources, targetOptions } = options;
  const namespace = config.namespace;
  const names = runObjectNames(spec.name, spec.attempt);
  const reusesClaim = targetOptions.volume.claimName !== null;
  const claimName = targetOptions.volume.claimName ?? runVolumeName(spec.name);
  const image = spec.image ?? (resources.gpus > 0 ? DEFAULT_TRAINING_IMAGE.gpu : DEFAULT_TRAINING_IMAGE.cpu);

  const dataset = spec.dataset;
  // The dataset's folder in the SampleSet: where the cache put it, else where caching it would.
  const folder = dataset
    ? (dataset.cacheLocation?.startsWith(`${DATA_CENTER}/`) ? dataset.cacheLocation.slice(DATA_CENTER.length + 1).replace(/\/+$/, "") : datasetFolder(dataset.name, dataset.version))
    : null;
  const plan: RunPlan = {
    runId: spec.runId,
    attempt: spec.attempt,
    modelName: spec.modelName,
    configPath: spec.configPath,
    configChanges: spec.configChanges,
    image,
    claimName,
    gpus: resources.gpus,
    visualdl: targetOptions.visualdl,
    registerModel: targetOptions.registerModel,
    servingImage: targetOptions.servingImage,
    modelHubImage: targetOptions.modelHubImage,
    pretrainedModel: spec.pretrainedModel,
  };
  const command = trainingCommand({
    configPath: spec.configPath,
    configChanges: spec.configChanges,
    pretrainedModelUrl: pretrainedUrl(spec.pretrainedModel, config.minioEndpoint),
    gpus: resources.gpus,
    visualdl: targetOptions.visualdl,
    datasetFolder: folder,
    trainLabel: targetOptions.trainLabel ?? dataset?.trainLabelFile ?? null,
    testLabel: targetOptions.testLabel ?? dataset?.testLabelFile ?? null,
  });

  const objects: RunManifests["objects"] = [];
  if (!reusesClaim) {
    objects.push({
      kind: KINDS.pvc,
      manifest: volumeClaimManifest({
        name: claimName,
        namespace,
        size: targetOptions.volume.size,
        storageClass: targetOptions.volume.storageClass ?? config.storageClass ?? null,
        labels: runLabels(spec.runId, spec.attempt, "volume"),
      }),
    });
  }
  objects.push({
    kind: KINDS.paddleJob,
    manifest: paddleJobManifest({
      spec,
      options,
      name: names.paddleJob,
      namespace,
      plan,
      command,
      sampleSetName: dataset ? config.sampleSetName : null,
      imagePullSecret: config.imagePullSecret ?? null,
    }),
  });
  if (targetOptions.visualdl) {
    const [deployment, service] = visualDlManifests({ spec, name: names.visualdl, namespace, claimName, image: targetOptions.visualdlImage, imagePullSecret: config.imagePullSecret ?? null });
    objects.push({ kind: KINDS.deployment, manifest: deployment! }, { kind: KINDS.service, manifest: service! });
  }
  return { namespace, names, options, plan, objects, reusesClaim };
}

/** "View YAML": the manifests exactly as launch() sends them, one YAML document each. */
export function renderedRequest(run: RunManifests): RenderedRequest {
  const manifests = run.objects.map((o) => o.manifest);
  return {
    language: "yaml",
    text: manifests.map((manifest) => stringify(manifest, { lineWidth: 0, aliasDuplicateObjects: false })).join("---\n"),
    body: { namespace: run.namespace, manifests },
  };
}

/**
 * A pretrained model as a URL the pod can `wget`: http(s) as given; `s3://bucket/key` (the model
 * hub's layout) through MinIO as the cluster reaches it; a path on the volume as is.
 */
export function pretrainedUrl(uri: string | null, minioEndpoint: string): string | null {
  if (!uri) return null;
  const s3 = /^(?:s3|minio):\/\/([^/]+)\/(.+)$/.exec(uri);
  if (s3) return `${minioEndpoint.replace(/\/$/, "")}/${s3[1]}/${s3[2]}`;
  return uri;
}
