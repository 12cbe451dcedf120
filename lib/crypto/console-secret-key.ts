import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { readConfig } from "@/lib/config/env";
import { keyFromSecret } from "./secret-box";

const globalForKey = globalThis as typeof globalThis & { __ocrConsoleSecretKey?: Buffer };

/**
 * The key that encrypts target secrets at rest: CONSOLE_SECRET_KEY, or on the embedded default a key
 * generated once into `<dataDir>/secret.key` (mode 0600).
 */
export function consoleSecretKey(): Buffer {
  if (globalForKey.__ocrConsoleSecretKey) return globalForKey.__ocrConsoleSecretKey;
  const fromEnv = process.env.CONSOLE_SECRET_KEY;
  let secret: string;
  if (fromEnv) {
    secret = fromEnv;
  } else {
    const file = path.join(readConfig().dataDir, "secret.key");
    if (!existsSync(file)) {
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, randomBytes(32).toString("base64"), { mode: 0o600, flag: "wx" });
    }
    secret = readFileSync(file, "utf8");
  }
  globalForKey.__ocrConsoleSecretKey = keyFromSecret(secret);
  return globalForKey.__ocrConsoleSecretKey;
}
