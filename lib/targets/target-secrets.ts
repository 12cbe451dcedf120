import { consoleSecretKey } from "@/lib/crypto/console-secret-key";
import { open, seal } from "@/lib/crypto/secret-box";

/** Secrets are kept as one sealed JSON object per target; empty values are not stored at all. */
export function sealSecrets(secrets: Record<string, string | undefined>): { ciphertext: string | null; names: string[] } {
  const present = Object.fromEntries(Object.entries(secrets).filter(([, v]) => typeof v === "string" && v !== ""));
  const names = Object.keys(present).sort();
  return { ciphertext: names.length ? seal(JSON.stringify(present), consoleSecretKey()) : null, names };
}

export function openSecrets(ciphertext: string | null): Record<string, string> {
  return ciphertext ? (JSON.parse(open(ciphertext, consoleSecretKey())) as Record<string, string>) : {};
}
