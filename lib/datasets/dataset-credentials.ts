import { consoleSecretKey } from "@/lib/crypto/console-secret-key";
import { open, seal } from "@/lib/crypto/secret-box";
import type { DatasetCredentials } from "@/lib/schemas/datasets";

// A dataset's source credentials are sealed like a target's secrets (AES-GCM with the console key):
// written once at registration, opened only on the server when the console or a target reads the source.

export function sealDatasetCredentials(credentials: DatasetCredentials | undefined): string | null {
  const present = Object.fromEntries(Object.entries(credentials ?? {}).filter(([, v]) => typeof v === "string" && v !== ""));
  return Object.keys(present).length ? seal(JSON.stringify(present), consoleSecretKey()) : null;
}

export function openDatasetCredentials(ciphertext: string | null): Record<string, string> | null {
  return ciphertext ? (JSON.parse(open(ciphertext, consoleSecretKey())) as Record<string, string>) : null;
}
