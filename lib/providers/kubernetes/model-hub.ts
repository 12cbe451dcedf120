import { apiVersionOf, KINDS, shellWord, type Manifest } from "./manifests";
import { ANNOTATION_MODEL_VERSION, runLabels } from "./names";
import { TASK_CENTER, type RunPlan } from "./paddle-job";

// After training: PaddleCloud's export (tools/export_model.py → /mnt/task-center/inference/), its
// serving conversion (paddle_serving_client.convert, then `tar czf <model>.tar.gz`), and its model hub
// upload (`mc cp` to MinIO `model-center/<model>/<version>/`, pipeline/src/modelhub.py), as batch Jobs
// on the run's volume. MinIO keys come from a Secret by reference, never copied into the manifest.

export const MODEL_BUCKET = "model-center";

const CONVERT_SHELL = `
mount_path=$0
model_name=$1
dirname=$2
pdmodel=$3
pdiparams=$4

cd $mount_path && mkdir -p $model_name
python3 -m paddle_serving_client.convert --dirname $dirname --model_filename $pdmodel --params_filename $pdiparams --serving_server ./\${model_name}/server/ --serving_client ./\${model_name}/client/
echo "convert \${model_name} format successfully"

tar czf \${model_name}.tar.gz \${model_name}/
echo "compress and tar \${model_name} successfully"
`;

const UPLOAD_SHELL = `
endpoint=$0
model_file=$1
model_name=$2
version=$3

# MINIO_ACCESS_KEY and MINIO_SECRET_KEY come from the Secret named in the target's settings
mc config host add minio \${endpoint} \${MINIO_ACCESS_KEY} \${MINIO_SECRET_KEY} --api s3v4
mc mb --ignore-existing minio/${MODEL_BUCKET}
mc cp $model_file minio/${MODEL_BUCKET}/\${model_name}/\${version}/
echo "upload model to minio/${MODEL_BUCKET}/\${model_name}/\${version}/"
`;

const volume = (claimName: string) => ({ name: "task-center", persistentVolumeClaim: { claimName } });
const mount = { name: "task-center", mountPath: `${TASK_CENTER}/` };

export function exportJobManifest(input: { plan: RunPlan; name: string; namespace: string; imagePullSecret: string | null }): Manifest {
  const { plan } = input;
  // Export the trained weights (best_accuracy), not the pretrained backbone, with the run's own changes.
  const exportCommand = [
    "python tools/export_model.py",
    `-c ${shellWord(plan.configPath)}`,
    "-o",
    ...[...plan.configChanges, `Global.pretrained_model=${TASK_CENTER}/models/best_accuracy`, `Global.save_inference_dir=${TASK_CENTER}/inference/`].map(shellWord),
  ].join(" ");
  return {
    apiVersion: apiVersionOf(KINDS.job),
    kind: KINDS.job.kind,
    metadata: { name: input.name, namespace: input.namespace, labels: runLabels(plan.runId, plan.attempt, "export") },
    spec: {
      backoffLimit: 0,
      template: {
        metadata: { labels: runLabels(plan.runId, plan.attempt, "export") },
        spec: {
          restartPolicy: "Never",
          initContainers: [
            {
              name: "export",
              image: plan.image,
              command: ["/bin/bash"],
              args: ["-c", exportCommand],
              volumeMounts: [mount],
              ...(plan.gpus > 0 ? { resources: { limits: { "nvidia.com/gpu": plan.gpus } } } : {}),
            },
          ],
          containers: [
            {
              name: "convert",
              image: plan.servingImage,
              command: ["sh", "-exc", CONVERT_SHELL],
              args: [`${TASK_CENTER}/`, plan.modelName, `${TASK_CENTER}/inference/`, "inference.pdmodel", "inference.pdiparams"],
              volumeMounts: [mount],
            },
          ],
          volumes: [volume(plan.claimName)],
          ...(input.imagePullSecret ? { imagePullSecrets: [{ name: input.imagePullSecret }] } : {}),
        },
      },
    },
  };
}

export function modelHubJobManifest(input: {
  plan: RunPlan;
  name: string;
  namespace: string;
  version: string;
  minioEndpoint: string;
  secretName: string;
  imagePullSecret: string | null;
}): Manifest {
  const { plan } = input;
  const secret = (key: string) => ({ valueFrom: { secretKeyRef: { name: input.secretName, key } } });
  return {
    apiVersion: apiVersionOf(KINDS.job),
    kind: KINDS.job.kind,
    metadata: {
      name: input.name,
      namespace: input.namespace,
      labels: runLabels(plan.runId, plan.attempt, "model-hub"),
      annotations: { [ANNOTATION_MODEL_VERSION]: input.version },
    },
    spec: {
      backoffLimit: 2,
      template: {
        metadata: { labels: runLabels(plan.runId, plan.attempt, "model-hub") },
        spec: {
          restartPolicy: "Never",
          containers: [
            {
              name: "uploader",
              image: plan.modelHubImage,
              command: ["sh", "-exc", UPLOAD_SHELL],
              args: [input.minioEndpoint, `${TASK_CENTER}/${plan.modelName}.tar.gz`, plan.modelName, input.version],
              env: [
                { name: "MINIO_ACCESS_KEY", ...secret("access-key") },
                { name: "MINIO_SECRET_KEY", ...secret("secret-key") },
              ],
              volumeMounts: [mount],
            },
          ],
          volumes: [volume(plan.claimName)],
          ...(input.imagePullSecret ? { imagePullSecrets: [{ name: input.imagePullSecret }] } : {}),
        },
      },
    },
  };
}

/** Where the model hub puts the tarball: `s3://model-center/<model>/<version>/<model>.tar.gz`. */
export function modelObjectUri(modelName: string, version: string): string {
  return `s3://${MODEL_BUCKET}/${modelName}/${version}/${modelName}.tar.gz`;
}

export type JobState = "Running" | "Complete" | "Failed";

/** A batch Job's outcome from its conditions, with the controller's reason when it failed. */
export function jobState(job: Manifest): { state: JobState; message: string | null } {
  const conditions = ((job.status ?? {}) as { conditions?: Array<{ type: string; status: string; reason?: string; message?: string }> }).conditions ?? [];
  const done = conditions.find((c) => (c.type === "Complete" || c.type === "Failed") && c.status === "True");
  if (!done) return { state: "Running", message: null };
  return { state: done.type as JobState, message: done.type === "Failed" ? [done.reason, done.message].filter(Boolean).join(": ") || "the Job failed" : null };
}
