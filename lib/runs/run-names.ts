import { runNameSchema } from "@/lib/schemas/runs";

const MAX = 52;
const two = (n: number) => String(n).padStart(2, "0");

/** `<model>-<MMDD>-<HHMMSS>` in UTC, a valid run name (DNS-1123, at most 52 characters). */
export function defaultRunName(modelName: string, at: Date = new Date()): string {
  const stamp = `${two(at.getUTCMonth() + 1)}${two(at.getUTCDate())}-${two(at.getUTCHours())}${two(at.getUTCMinutes())}${two(at.getUTCSeconds())}`;
  const slug = modelName.toLowerCase().replace(/[^a-z0-9-]+/g, "-").replace(/-+/g, "-").replace(/^-|-$/g, "").slice(0, MAX - stamp.length - 1).replace(/-$/, "");
  return runNameSchema.parse(slug ? `${slug}-${stamp}` : `run-${stamp}`);
}

/** `name-2`, `name-3` … kept within the length limit, for a generated name that is taken. */
export function withSuffix(name: string, n: number): string {
  const suffix = `-${n}`;
  return `${name.slice(0, MAX - suffix.length).replace(/-$/, "")}${suffix}`;
}
