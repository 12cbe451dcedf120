import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";

// AES-256-GCM with a random 96-bit nonce per message. The stored form is versioned so the scheme
// or key can be rotated later: `v1.<nonce>.<tag>.<ciphertext>`, each part base64url.

export class SecretBoxError extends Error {}

export function keyFromSecret(secret: string): Buffer {
  // Accept a 32-byte key in base64/hex or any passphrase; a passphrase is stretched by sha256.
  const trimmed = secret.trim();
  if (/^[0-9a-f]{64}$/i.test(trimmed)) return Buffer.from(trimmed, "hex");
  const decoded = Buffer.from(trimmed, "base64");
  if (decoded.length === 32 && /^[A-Za-z0-9+/_-]+=*$/.test(trimmed)) return decoded;
  return createHash("sha256").update(trimmed).digest();
}

export function seal(plaintext: string, key: Buffer): string {
  const nonce = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, nonce);
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return ["v1", nonce, cipher.getAuthTag(), body].map((p) => (typeof p === "string" ? p : p.toString("base64url"))).join(".");
}

export function open(sealed: string, key: Buffer): string {
  const [version, nonce, tag, body] = sealed.split(".");
  if (version !== "v1" || nonce === undefined || tag === undefined || body === undefined) {
    throw new SecretBoxError("not a sealed secret");
  }
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(nonce, "base64url"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    throw new SecretBoxError("the secret cannot be decrypted with CONSOLE_SECRET_KEY (was the key changed?)");
  }
}
