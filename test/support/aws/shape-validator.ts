import { javaPattern } from "./java-regex";
import type { MemberRef, ServiceModel, Shape } from "./service-model";

/**
 * One reason a request does not fit its model. `constraint` problems are what the services report
 * as ValidationException; a value of the wrong JSON type never reaches validation there, it fails
 * to deserialize (SerializationException).
 */
export interface ValidationIssue {
  kind: "constraint" | "type";
  /** Where, as the services print it: lowerCamel member names, 1-based `.member` list indexes. */
  path: string;
  value: unknown;
  message: string;
}

export interface ServiceErrorBody {
  type: "ValidationException" | "SerializationException";
  message: string;
}

/** Checks an operation's input; an operation without input accepts only `{}`. */
export function validateOperationInput(model: ServiceModel, operation: string, input: unknown): ValidationIssue[] {
  const op = model.operations[operation];
  if (!op) throw new Error(`${model.metadata.serviceId} has no operation ${operation}`);
  if (!op.input) return validateShape(model, { type: "structure", members: {} }, input, "");
  return validateShape(model, op.input.shape, input, "");
}

/** Validates `value` against a shape (by name or inline) and returns every issue found, in member order. */
export function validateShape(model: ServiceModel, shape: string | Shape, value: unknown, path: string): ValidationIssue[] {
  const resolved = typeof shape === "string" ? lookup(model, shape) : shape;
  const shapeName = typeof shape === "string" ? shape : "input";
  const issues: ValidationIssue[] = [];
  const constraint = (message: string) => issues.push({ kind: "constraint", path, value, message });
  const typeMismatch = (message: string) => issues.push({ kind: "type", path, value, message });

  switch (resolved.type) {
    case "structure": {
      if (!isPlainObject(value)) return [{ kind: "type", path, value, message: unexpected(value, "a Structure") }];
      const members = resolved.members ?? {};
      const required = new Set(resolved.required ?? []);
      for (const [name, ref] of Object.entries(members)) {
        const memberValue = value[name];
        const memberPath = join(path, lowerFirst(name));
        if (memberValue === undefined || memberValue === null) {
          if (required.has(name)) issues.push({ kind: "constraint", path: memberPath, value: null, message: "Member must not be null" });
          continue;
        }
        issues.push(...validateShape(model, ref.shape, memberValue, memberPath));
      }
      for (const name of Object.keys(value)) {
        if (!(name in members)) {
          issues.push({
            kind: "constraint",
            path: join(path, lowerFirst(name)),
            value: value[name],
            message: `Member is not part of ${shapeName}`,
          });
        }
      }
      return issues;
    }
    case "list": {
      if (!Array.isArray(value)) return [{ kind: "type", path, value, message: unexpected(value, "a List") }];
      checkLength(resolved, value.length, constraint);
      value.forEach((item: unknown, index) => {
        issues.push(...validateMember(model, resolved.member, item, join(path, `${index + 1}.member`)));
      });
      return issues;
    }
    case "map": {
      if (!isPlainObject(value)) return [{ kind: "type", path, value, message: unexpected(value, "a Map") }];
      const entries = Object.entries(value);
      checkLength(resolved, entries.length, constraint);
      for (const [key, item] of entries) {
        for (const issue of validateMember(model, resolved.key, key, path)) {
          issues.push({ ...issue, value: key, message: `Map keys must satisfy constraint: [${issue.message}]` });
        }
        for (const issue of validateMember(model, resolved.value, item, path)) {
          issues.push(issue.kind === "type" ? issue : { ...issue, value: item, message: `Map value must satisfy constraint: [${issue.message}]` });
        }
      }
      return issues;
    }
    case "string": {
      if (typeof value !== "string") return [{ kind: "type", path, value, message: unexpected(value, "a String") }];
      if (resolved.enum && !resolved.enum.includes(value)) {
        constraint(`Member must satisfy enum value set: [${resolved.enum.join(", ")}]`);
      }
      checkLength(resolved, [...value].length, constraint);
      if (resolved.pattern !== undefined) {
        const regex = javaPattern(resolved.pattern);
        if (regex && !regex.test(value)) constraint(`Member must satisfy regular expression pattern: ${resolved.pattern}`);
      }
      return issues;
    }
    case "integer":
    case "long": {
      if (typeof value !== "number" || !Number.isInteger(value)) {
        typeMismatch(unexpected(value, resolved.type === "integer" ? "an Integer" : "a Long"));
        return issues;
      }
      checkRange(resolved, value, constraint);
      return issues;
    }
    case "float":
    case "double": {
      if (typeof value !== "number") typeMismatch(unexpected(value, resolved.type === "float" ? "a Float" : "a Double"));
      else checkRange(resolved, value, constraint);
      return issues;
    }
    case "boolean":
      if (typeof value !== "boolean") typeMismatch(unexpected(value, "a Boolean"));
      return issues;
    case "timestamp":
      // awsJson sends timestamps as epoch seconds.
      if (typeof value !== "number") typeMismatch(unexpected(value, "a Timestamp"));
      return issues;
    case "blob": {
      if (typeof value !== "string") typeMismatch(unexpected(value, "a Blob"));
      else checkLength(resolved, Buffer.from(value, "base64").length, constraint);
      return issues;
    }
  }
}

/**
 * The answer a service gives for these issues, or undefined when there are none. Wording follows
 * the services: "2 validation errors detected: Value 'x' at 'a.b' failed to satisfy constraint: …; …".
 */
export function serviceErrorFor(issues: ValidationIssue[]): ServiceErrorBody | undefined {
  const typeIssue = issues.find((issue) => issue.kind === "type");
  if (typeIssue) return { type: "SerializationException", message: typeIssue.message };
  if (issues.length === 0) return undefined;
  const details = issues.map((issue) => `Value ${render(issue.value)} at '${issue.path}' failed to satisfy constraint: ${issue.message}`);
  const count = `${issues.length} validation error${issues.length === 1 ? "" : "s"} detected`;
  return { type: "ValidationException", message: `${count}: ${details.join("; ")}` };
}

function validateMember(model: ServiceModel, ref: MemberRef | undefined, value: unknown, path: string): ValidationIssue[] {
  if (!ref) return [];
  if (value === null || value === undefined) return [{ kind: "constraint", path, value: null, message: "Member must not be null" }];
  return validateShape(model, ref.shape, value, path);
}

function checkLength(shape: Shape, length: number, report: (message: string) => void): void {
  if (shape.min !== undefined && length < shape.min) report(`Member must have length greater than or equal to ${shape.min}`);
  if (shape.max !== undefined && length > shape.max) report(`Member must have length less than or equal to ${shape.max}`);
}

function checkRange(shape: Shape, value: number, report: (message: string) => void): void {
  if (shape.min !== undefined && value < shape.min) report(`Member must have value greater than or equal to ${shape.min}`);
  if (shape.max !== undefined && value > shape.max) report(`Member must have value less than or equal to ${shape.max}`);
}

function lookup(model: ServiceModel, name: string): Shape {
  const shape = model.shapes[name];
  if (!shape) throw new Error(`${model.metadata.serviceId} model has no shape ${name}`);
  return shape;
}

/** Jackson's wording, which the services pass through when a JSON value has the wrong type. */
function unexpected(value: unknown, target: string): string {
  if (Array.isArray(value)) return "Start of list found where not expected";
  if (isPlainObject(value)) return "Start of structure or map found where not expected.";
  const token = typeof value === "string" ? "STRING_VALUE" : typeof value === "number" ? "NUMBER_VALUE" : typeof value === "boolean" ? "BOOLEAN_VALUE" : "NULL_VALUE";
  return `${token} can not be converted to ${target}`;
}

function render(value: unknown): string {
  if (value === null || value === undefined) return "null";
  return `'${typeof value === "object" ? JSON.stringify(value) : String(value)}'`;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function join(path: string, segment: string): string {
  return path === "" ? segment : `${path}.${segment}`;
}

function lowerFirst(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}
