/**
 * Validation of custom resources against a CRD's `openAPIV3Schema`, worded as kube-apiserver words
 * it (k8s.io/apiextensions-apiserver validation + field.Error strings), so a client sees the same
 * `422 Invalid` with the same `causes` a structural-schema server with strict field validation
 * would send: unknown fields, wrong types, values outside an enum, missing required fields.
 */

export interface JsonSchema {
  type?: string;
  properties?: Record<string, JsonSchema>;
  additionalProperties?: JsonSchema | boolean;
  items?: JsonSchema;
  required?: string[];
  enum?: unknown[];
  format?: string;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  maxLength?: number;
  minLength?: number;
  minItems?: number;
  maxItems?: number;
  nullable?: boolean;
  anyOf?: JsonSchema[];
  "x-kubernetes-int-or-string"?: boolean;
  "x-kubernetes-preserve-unknown-fields"?: boolean;
  "x-kubernetes-embedded-resource"?: boolean;
}

/** One entry of a `Status`'s `details.causes`, as metav1.StatusCause serializes it. */
export interface StatusCause {
  reason: "FieldValueInvalid" | "FieldValueNotSupported" | "FieldValueRequired" | "FieldValueTypeInvalid" | "FieldValueTooLong";
  message: string;
  field: string;
}

/** ObjectMeta fields a client may send; the root `metadata` of a CRD schema is only `type: object`. */
const OBJECT_META_FIELDS = new Set([
  "name", "generateName", "namespace", "selfLink", "uid", "resourceVersion", "generation", "creationTimestamp",
  "deletionTimestamp", "deletionGracePeriodSeconds", "labels", "annotations", "ownerReferences", "finalizers", "managedFields",
]);

export function validateCustomResource(schema: JsonSchema, object: Record<string, unknown>): StatusCause[] {
  const causes: StatusCause[] = [];
  const root = schema.properties ?? {};
  for (const [key, value] of Object.entries(object)) {
    if (key === "apiVersion" || key === "kind") continue;
    if (key === "metadata") {
      validateObjectMeta(value, causes);
      continue;
    }
    const child = root[key];
    if (!child) {
      if (!schema["x-kubernetes-preserve-unknown-fields"]) causes.push(unknownField(key));
      continue;
    }
    validateValue(child, value, key, causes);
  }
  for (const name of schema.required ?? []) {
    if (object[name] === undefined) causes.push({ reason: "FieldValueRequired", message: "Required value", field: name });
  }
  return causes;
}

function validateObjectMeta(value: unknown, causes: StatusCause[]): void {
  if (!isObject(value)) {
    causes.push(typeError("metadata", value, "object"));
    return;
  }
  for (const key of Object.keys(value)) if (!OBJECT_META_FIELDS.has(key)) causes.push(unknownField(`metadata.${key}`));
  for (const key of ["labels", "annotations"] as const) {
    const map = value[key];
    if (map === undefined) continue;
    if (!isObject(map)) causes.push(typeError(`metadata.${key}`, map, "object"));
    else for (const [k, v] of Object.entries(map)) if (typeof v !== "string") causes.push(typeError(`metadata.${key}.${k}`, v, "string"));
  }
}

function validateValue(schema: JsonSchema, value: unknown, path: string, causes: StatusCause[]): void {
  if (value === null) {
    if (!schema.nullable) causes.push(typeError(path, value, schema.type ?? "object"));
    return;
  }
  if (schema["x-kubernetes-int-or-string"]) {
    if (!(typeof value === "string" || Number.isInteger(value))) causes.push(typeError(path, value, "integer or string"));
    else if (typeof value === "string" && schema.pattern !== undefined) checkPattern(schema, value, path, causes);
    return;
  }
  switch (schema.type) {
    case "object":
      if (!isObject(value)) return void causes.push(typeError(path, value, "object"));
      validateObject(schema, value, path, causes);
      return;
    case "array":
      if (!Array.isArray(value)) return void causes.push(typeError(path, value, "array"));
      if (schema.minItems !== undefined && value.length < schema.minItems) {
        causes.push({ reason: "FieldValueInvalid", message: `Invalid value: ${value.length}: ${path} in body should have at least ${schema.minItems} items`, field: path });
      }
      if (schema.items) value.forEach((item, i) => validateValue(schema.items!, item, `${path}[${i}]`, causes));
      return;
    case "string":
      if (typeof value !== "string") return void causes.push(typeError(path, value, "string"));
      if (schema.format === "date-time" && Number.isNaN(Date.parse(value))) {
        causes.push({ reason: "FieldValueInvalid", message: `Invalid value: ${JSON.stringify(value)}: ${path} in body must be of type date-time: ${JSON.stringify(value)}`, field: path });
      }
      if (schema.maxLength !== undefined && value.length > schema.maxLength) {
        causes.push({ reason: "FieldValueTooLong", message: `Too long: may not be longer than ${schema.maxLength}`, field: path });
      }
      checkPattern(schema, value, path, causes);
      break;
    case "integer":
      if (!Number.isInteger(value)) return void causes.push(typeError(path, value, "integer"));
      checkBounds(schema, value as number, path, causes);
      break;
    case "number":
      if (typeof value !== "number") return void causes.push(typeError(path, value, "number"));
      checkBounds(schema, value, path, causes);
      break;
    case "boolean":
      if (typeof value !== "boolean") return void causes.push(typeError(path, value, "boolean"));
      break;
    case undefined:
      // No type: anything goes (the elasticserving CRD leaves `status.address.url` untyped).
      break;
  }
  if (schema.enum && !schema.enum.some((allowed) => allowed === value)) {
    causes.push({
      reason: "FieldValueNotSupported",
      message: `Unsupported value: ${JSON.stringify(value)}: supported values: ${schema.enum.map((v) => JSON.stringify(v)).join(", ")}`,
      field: path,
    });
  }
}

function validateObject(schema: JsonSchema, value: Record<string, unknown>, path: string, causes: StatusCause[]): void {
  const properties = schema.properties;
  const additional = schema.additionalProperties;
  for (const [key, child] of Object.entries(value)) {
    const childPath = `${path}.${key}`;
    const declared = properties?.[key];
    if (declared) validateValue(declared, child, childPath, causes);
    else if (isObject(additional)) validateValue(additional as JsonSchema, child, childPath, causes);
    else if (additional === true || schema["x-kubernetes-preserve-unknown-fields"] || schema["x-kubernetes-embedded-resource"]) continue;
    // An object schema with neither properties nor additionalProperties prunes everything under it.
    else causes.push(unknownField(childPath));
  }
  for (const name of schema.required ?? []) {
    if (value[name] === undefined) causes.push({ reason: "FieldValueRequired", message: "Required value", field: `${path}.${name}` });
  }
}

function checkPattern(schema: JsonSchema, value: string, path: string, causes: StatusCause[]): void {
  if (schema.pattern === undefined) return;
  let matches = true;
  try {
    matches = new RegExp(schema.pattern).test(value);
  } catch {
    return; // an RE2 construct JavaScript does not know: do not invent a failure
  }
  if (!matches) {
    causes.push({ reason: "FieldValueInvalid", message: `Invalid value: ${JSON.stringify(value)}: ${path} in body should match '${schema.pattern}'`, field: path });
  }
}

function checkBounds(schema: JsonSchema, value: number, path: string, causes: StatusCause[]): void {
  if (schema.minimum !== undefined && value < schema.minimum) {
    causes.push({ reason: "FieldValueInvalid", message: `Invalid value: ${value}: ${path} in body should be greater than or equal to ${schema.minimum}`, field: path });
  }
  if (schema.maximum !== undefined && value > schema.maximum) {
    causes.push({ reason: "FieldValueInvalid", message: `Invalid value: ${value}: ${path} in body should be less than or equal to ${schema.maximum}`, field: path });
  }
  if (schema.format === "int32" && (value > 2 ** 31 - 1 || value < -(2 ** 31))) {
    causes.push({ reason: "FieldValueInvalid", message: `Invalid value: ${value}: ${path} in body must be of type int32`, field: path });
  }
}

function unknownField(path: string): StatusCause {
  return { reason: "FieldValueInvalid", message: `Invalid value: unknown field "${path}"`, field: path };
}

function typeError(path: string, value: unknown, type: string): StatusCause {
  const shown = value === null ? "null" : Array.isArray(value) ? "array" : typeof value === "object" ? "object" : typeof value === "number" ? (Number.isInteger(value) ? "integer" : "number") : typeof value;
  return { reason: "FieldValueTypeInvalid", message: `Invalid value: "${shown}": ${path} in body must be of type ${type}: "${shown}"`, field: path };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
