"use client";

import type { TargetKind } from "@/lib/providers/types";
import { KubernetesRunFields } from "./kubernetes-fields";
import { LocalRunFields } from "./local-fields";
import { SagemakerRunFields } from "./sagemaker-fields";
import type { TargetFieldsProps } from "./target-fields-props";

/** Each target contributes its own launch fields to the one new-run form. */
export function RunTargetFields({ kind, ...props }: TargetFieldsProps & { kind: TargetKind }) {
  switch (kind) {
    case "local":
      return <LocalRunFields {...props} />;
    case "kubernetes":
      return <KubernetesRunFields {...props} />;
    case "sagemaker":
      return <SagemakerRunFields {...props} />;
  }
}

export type { TargetFieldsProps };
