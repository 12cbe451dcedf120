"use client";

import type { TargetFieldsProps } from "./target-fields-props";

/** The Kubernetes target's launch fields; filled by the Kubernetes target issue. */
export function KubernetesRunFields(props: TargetFieldsProps) {
  void props;
  return null;
}
