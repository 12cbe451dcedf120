"use client";

import { useRef, useState } from "react";
import { toast } from "sonner";
import { createTargetAction } from "@/app/(console)/settings/targets/actions";
import { Button } from "@/components/ui/button";
import { Field, Input, Select, Textarea } from "@/components/ui/field";
import { FormError } from "./form-error";
import { text, useActionForm } from "./use-action-form";

type Kind = "kubernetes" | "sagemaker";

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
    },
    secrets: {
      accessKeyId: text(form, "accessKeyId"),
      secretAccessKey: text(form, "secretAccessKey"),
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
            <Field label="Kubeconfig path" name="kubeconfigPath" hint="Empty: $KUBECONFIG or ~/.kube/config" errors={errorsFor("config.kubeconfigPath")}>
              <Input name="kubeconfigPath" placeholder="/home/me/.kube/config" />
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
          <Field label="Endpoint override" name="endpointOverride" hint="Optional: a VPC endpoint or a test server" errors={errorsFor("config.endpointOverride")}>
            <Input name="endpointOverride" placeholder="https://api.sagemaker.us-east-1.amazonaws.com" />
          </Field>
          <div className="grid grid-cols-2 gap-4">
            <Field label="Access key ID" name="accessKeyId" hint="Empty: the default credential chain" errors={errorsFor("secrets.accessKeyId")}>
              <Input name="accessKeyId" autoComplete="off" />
            </Field>
            <Field label="Secret access key" name="secretAccessKey" hint="Write-only" errors={errorsFor("secrets.secretAccessKey")}>
              <Input name="secretAccessKey" type="password" autoComplete="new-password" invalid={Boolean(errorsFor("secrets.secretAccessKey"))} />
            </Field>
          </div>
        </>
      )}
      <Button type="submit" disabled={pending}>
        {pending ? "Adding…" : "Add target"}
      </Button>
    </form>
  );
}
