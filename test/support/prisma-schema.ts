import { readFileSync } from "node:fs";
import path from "node:path";

/** Scalar and enum fields of each model in prisma/schema.prisma (relation fields left out). */
export function schemaScalarFields(): Record<string, string[]> {
  const schema = readFileSync(path.resolve("prisma/schema.prisma"), "utf8");
  const modelNames = [...schema.matchAll(/^model (\w+) \{/gm)].map((m) => m[1]!);
  const result: Record<string, string[]> = {};
  for (const [, name, body] of schema.matchAll(/^model (\w+) \{\n([\s\S]*?)\n\}/gm)) {
    result[name!] = body!
      .split("\n")
      .map((line) => line.trim())
      .filter((line) => line && !line.startsWith("//") && !line.startsWith("@@"))
      .map((line) => line.split(/\s+/))
      .filter(([, type]) => !modelNames.includes(type!.replace(/[?[\]]/g, "")))
      .map(([field]) => field!);
  }
  return result;
}
