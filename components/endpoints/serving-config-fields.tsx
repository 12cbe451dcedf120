"use client";

import { Field, Input, Select, Textarea } from "@/components/ui/field";
import type { FieldErrors } from "@/lib/errors/console-error";
import { inputValue, SERVING_FIELDS, valueAt, type ServingFieldSpec } from "./serving-config-form";

/** The serving settings of a target kind as form fields (uncontrolled; read with servingConfigFromForm). */
export function ServingConfigFields({
  kind,
  values = {},
  fieldErrors = {},
  disabled = false,
}: {
  kind: string | undefined;
  values?: Record<string, unknown>;
  fieldErrors?: FieldErrors;
  disabled?: boolean;
}) {
  const groups = kind ? SERVING_FIELDS[kind] : undefined;
  if (!groups) return null;
  return (
    <div className="space-y-4" data-testid={`serving-fields-${kind}`}>
      {groups.map((group) => (
        <fieldset key={group.title} className="space-y-2" disabled={disabled}>
          <legend className="text-sm font-medium text-zinc-700 dark:text-zinc-300">{group.title}</legend>
          <div className="grid grid-cols-2 gap-3">
            {group.fields.map((field) => (
              <ServingField key={field.path} field={field} values={values} errors={errorsOf(fieldErrors, field.path)} />
            ))}
          </div>
        </fieldset>
      ))}
    </div>
  );
}

function errorsOf(fieldErrors: FieldErrors, path: string): string[] | undefined {
  const own = fieldErrors[`config.${path}`] ?? [];
  return own.length > 0 ? own : undefined;
}

function ServingField({ field, values, errors }: { field: ServingFieldSpec; values: Record<string, unknown>; errors?: string[] }) {
  const name = `config.${field.path}`;
  const value = inputValue(values, field);
  switch (field.type) {
    case "toggle":
      return (
        <label className="col-span-2 flex items-center gap-2 text-sm">
          <input type="checkbox" name={name} defaultChecked={Boolean(valueAt(values, field.path))} /> {field.label}
        </label>
      );
    case "select":
      return (
        <Field label={field.label} name={name} hint={field.hint} errors={errors}>
          <Select name={name} defaultValue={value} invalid={Boolean(errors)}>
            <option value="">{field.emptyLabel ?? "Default"}</option>
            {field.options.map((option) => (
              <option key={option}>{option}</option>
            ))}
          </Select>
        </Field>
      );
    case "textarea":
      return (
        <div className="col-span-2">
          <Field label={field.label} name={name} hint={field.hint} errors={errors}>
            <Textarea name={name} rows={3} defaultValue={value} placeholder={field.placeholder} invalid={Boolean(errors)} />
          </Field>
        </div>
      );
    default:
      return (
        <Field label={field.label} name={name} hint={field.hint} errors={errors}>
          <Input
            name={name}
            defaultValue={value}
            placeholder={field.placeholder}
            inputMode={field.type === "int" ? "numeric" : field.type === "number" ? "decimal" : undefined}
            invalid={Boolean(errors)}
          />
        </Field>
      );
  }
}
