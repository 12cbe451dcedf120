"use client";

import { useRef, useState } from "react";
import { toast } from "sonner";
import { createTargetAction } from "@/app/(console)/settings/targets/actions";
import { Button } from "@/components/ui/button";
import { Field, Input, Select, Textarea } from "@/components/ui/field";
import { FormError } from "./form-error";
import { text, useActionForm } from "./use-action-form";

type Kind = "kubernetes" | "sagemaker";

/** A sagemaker target's per-service endpoints (VPC interface endpoints without private DNS). */
const SAGEMAKER_SERVICE_ENDPOINTS = [
  ["sagemakerEndpoint", "SageMaker API"],
  ["runtimeEndpoint", "SageMaker Runtime"],
  ["logsEndpoint", "CloudWatch Logs"],
  ["autoscalingEndpoint", "Application Auto Scaling"],
  ["stsEndpoint", "STS"],
  ["s3Endpoint", "S3"],
] as const;

/** Where a kubernetes target finds PaddleCloud's pieces: MinIO as pods reach it, the SampleSet, Secret names (referenced, never copied). */
const KUBERNETES_CLUSTER_FIELDS = [
  ["minioEndpoint", "MinIO endpoint (in the cluster)", "http://minio-service.kubeflow:9000", "Model hub uploads and serving downloads"],
  ["sampleSetName", "SampleSet", "data-center", "Where datasets are cached"],
  ["sampleSetPartitions", "SampleSet partitions", "1", "Cache nodes"],
  ["cacheSecret", "Cache engine Secret", "data-center", "The SampleSet's secretRef"],
  ["sourceSecret", "Dataset source Secret", "data-source", "Credentials of the sources synced"],
  ["modelHubSecret", "MinIO Secret", "data-center", "Keys access-key / secret-key"],
  ["imagePullSecret", "Image pull Secret", "", "Optional, for private registries"],
] as const;

function toInput(form: FormData) {
  const kind = text(form, "kind") as Kind;
  const name = text(form, "name");
  if (kind === "kubernetes") {
    return {
      name,
      kind,
      config: {
        connection: text(form, "connection"),
        kubeconfigPath: text(form, "kubeconfigPath"),
        context: text(form, "context"),
        namespace: text(form, "namespace"),
        storageClass: text(form, "storageClass"),
        ...Object.fromEntries(KUBERNETES_CLUSTER_FIELDS.map(([field]) => [field, text(form, field)])),
      },
      secrets: { kubeconfig: text(form, "kubeconfig") },
    };
  }
  return {
    name,
    kind,
    config: {
      region: text(form, "region"),
      roleArn: text(form, "roleArn"),
      s3OutputPrefix: text(form, "s3OutputPrefix"),
      endpointOverride: text(form, "endpointOverride"),
      trainingImage: text(form, "trainingImage"),
      servingImage: text(form, "servingImage"),
      ...Object.fromEntries(SAGEMAKER_SERVICE_ENDPOINTS.map(([field]) => [field, text(form, field)])),
    },
    secrets: {
      accessKeyId: text(form, "accessKeyId"),
      secretAccessKey: text(form, "secretAccessKey"),
      sessionToken: text(form, "sessionToken"),
    },
  };
}

export function TargetForm() {
  const [kind, setKind] = useState<Kind>("kubernetes");
  const [connection, setConnection] = useState("kubeconfig-file");
  const formRef = useRef<HTMLFormElement>(null);
  const { onSubmit, pending, error, fieldErrors } = useActionForm(createTargetAction, {
    toInput,
    onSuccess: (target) => {
      toast.success(`Target ${target.name} added — use “Test connection” to check it`);
      formRef.current?.reset();
    },
  });
  const errorsFor = (name: string) => fieldErrors[name];

  return (
    <form ref={formRef} onSubmit={onSubmit} className="space-y-4" noValidate aria-label="Add target">
      <FormError message={error} />
      <Field label="Kind" name="kind">
        <Select name="kind" value={kind} onChange={(e) => setKind(e.target.value as Kind)}>
          <option value="kubernetes">kubernetes — a PaddleCloud cluster</option>
          <option value="sagemaker">sagemaker — AWS SageMaker</option>
        </Select>
      </Field>
      <Field label="Name" name="name" hint="Lowercase, e.g. gpu-cluster or aws-prod" errors={errorsFor("name")}>
        <Input name="name" invalid={Boolean(errorsFor("name"))} />
      </Field>
      {kind === "kubernetes" ? (
        <>
          <Field label="Connection" name="connection">
            <Select name="connection" value={connection} onChange={(e) => setConnection(e.target.value)}>
              <option value="kubeconfig-file">kubeconfig file on the console&apos;s machine</option>
              <option value="kubeconfig-inline">paste a kubeconfig (stored encrypted)</option>
              <option value="in-cluster">in-cluster service account</option>
            </Select>
          </Field>
          {connection === "kubeconfig-file" && (
            <Field label="Kubeconfig path" name="kubeconfigPath" hint="A file in the kubeconfig directory (CONSOLE_KUBECONFIG_DIR). Empty: $KUBECONFIG or ~/.kube/config" errors={errorsFor("config.kubeconfigPath")}>
              <Input name="kubeconfigPath" placeholder="prod.yaml" invalid={Boolean(errorsFor("config.kubeconfigPath"))} />
            </Field>
          )}
          {connection === "kubeconfig-inline" && (
            <Field label="Kubeconfig" name="kubeconfig" hint="Write-only: never shown again" errors={errorsFor("secrets.kubeconfig")}>
              <Textarea name="kubeconfig" rows={6} autoComplete="off" invalid={Boolean(errorsFor("secrets.kubeconfig"))} />
            </Field>
          )}
          {connection !== "in-cluster" && (
            <Field label="Context" name="context" hint="Empty: the kubeconfig's current context" errors={errorsFor("config.context")}>
              <Input name="context" />
            </Field>
          )}
          <div className="grid grid-cols-2 gap-4">
            <Field label="Namespace" name="namespace" errors={errorsFor("config.namespace")}>
              <Input name="namespace" defaultValue="kubeflow" invalid={Boolean(errorsFor("config.namespace"))} />
            </Field>
            <Field label="Storage class" name="storageClass" hint="For the shared volume" errors={errorsFor("config.storageClass")}>
              <Input name="storageClass" placeholder="task-center" />
            </Field>
          </div>
          <details className="rounded-md border border-zinc-200 p-3 text-sm dark:border-zinc-800">
            <summary className="cursor-pointer">PaddleCloud: MinIO, dataset cache and Secrets</summary>
            <div className="mt-3 grid grid-cols-2 gap-4">
              {KUBERNETES_CLUSTER_FIELDS.map(([field, label, placeholder, hint]) => (
                <Field key={field} label={label} name={field} hint={hint} errors={errorsFor(`config.${field}`)}>
                  <Input name={field} placeholder={placeholder || "none"} invalid={Boolean(errorsFor(`config.${field}`))} />
                </Field>
              ))}
            </div>
          </details>
        </>
      ) : (
        <>
          <Field label="Region" name="region" errors={errorsFor("config.region")}>
            <Input name="region" placeholder="us-east-1" invalid={Boolean(errorsFor("config.region"))} />
          </Field>
          <Field label="Execution role ARN" name="roleArn" errors={errorsFor("config.roleArn")}>
            <Input name="roleArn" placeholder="arn:aws:iam::123456789012:role/SageMakerRole" invalid={Boolean(errorsFor("config.roleArn"))} />
          </Field>
          <Field label="S3 output prefix" name="s3OutputPrefix" errors={errorsFor("config.s3OutputPrefix")}>
            <Input name="s3OutputPrefix" placeholder="s3://my-bucket/ocr-console/" invalid={Boolean(errorsFor("config.s3OutputPrefix"))} />
          </Field>
          <div className="grid grid-cols-2 gap-4">
            <Field label="Default training image" name="trainingImage" hint="Optional: runs may give their own" errors={errorsFor("config.trainingImage")}>
              <Input name="trainingImage" placeholder="123456789012.dkr.ecr.us-east-1.amazonaws.com/paddleocr-train:2.7" />
            </Field>
            <Field label="Default serving image" name="servingImage" hint="Optional: endpoints may give their own" errors={errorsFor("config.servingImage")}>
              <Input name="servingImage" placeholder="123456789012.dkr.ecr.us-east-1.amazonaws.com/paddleocr-serve:2.7" />
            </Field>
          </div>
          <Field label="Endpoint override" name="endpointOverride" hint="Optional: one URL for every AWS service (a LocalStack-style gateway or a test server)" errors={errorsFor("config.endpointOverride")}>
            <Input name="endpointOverride" placeholder="http://localhost:4566" />
          </Field>
          <details className="rounded-md border border-zinc-200 p-3 text-sm dark:border-zinc-800">
            <summary className="cursor-pointer">Per-service endpoints (VPC endpoints without private DNS)</summary>
            <div className="mt-3 grid grid-cols-2 gap-4">
              {SAGEMAKER_SERVICE_ENDPOINTS.map(([field, label]) => (
                <Field key={field} label={`${label} endpoint`} name={field} errors={errorsFor(`config.${field}`)}>
                  <Input name={field} placeholder="https://…vpce.amazonaws.com" invalid={Boolean(errorsFor(`config.${field}`))} />
                </Field>
              ))}
            </div>
          </details>
          <div className="grid grid-cols-2 gap-4">
            <Field label="Access key ID" name="accessKeyId" hint="Empty: the default credential chain" errors={errorsFor("secrets.accessKeyId")}>
              <Input name="accessKeyId" autoComplete="off" />
            </Field>
            <Field label="Secret access key" name="secretAccessKey" hint="Write-only" errors={errorsFor("secrets.secretAccessKey")}>
              <Input name="secretAccessKey" type="password" autoComplete="new-password" invalid={Boolean(errorsFor("secrets.secretAccessKey"))} />
            </Field>
          </div>
          <Field label="Session token" name="sessionToken" hint="Only for temporary keys; write-only" errors={errorsFor("secrets.sessionToken")}>
            <Input name="sessionToken" type="password" autoComplete="off" />
          </Field>
        </>
      )}
      <Button type="submit" disabled={pending}>
        {pending ? "Adding…" : "Add target"}
      </Button>
    </form>
  );
}
