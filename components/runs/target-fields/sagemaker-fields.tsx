"use client";

import type { TargetFieldsProps } from "./target-fields-props";

/** The Sagemaker target's launch fields; filled by the Sagemaker target issue. */
export function SagemakerRunFields(props: TargetFieldsProps) {
  void props;
  return null;
}
