import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { keyFromSecret, open, seal, SecretBoxError } from "./secret-box";

describe("secret box", () => {
  const key = keyFromSecret(randomBytes(32).toString("base64"));

  it("round-trips a secret without it appearing in the sealed text", () => {
    const sealed = seal('{"secretAccessKey":"wJalrXUtnFEMI/K7MDENG"}', key);
    expect(sealed).not.toContain("wJalrXUtnFEMI");
    expect(open(sealed, key)).toBe('{"secretAccessKey":"wJalrXUtnFEMI/K7MDENG"}');
  });

  it("uses a fresh nonce each time", () => {
    expect(seal("same", key)).not.toBe(seal("same", key));
  });

  it("detects tampering", () => {
    const parts = seal("kubeconfig", key).split(".");
    const body = Buffer.from(parts[3]!, "base64url");
    body[0] = body[0]! ^ 1;
    parts[3] = body.toString("base64url");
    expect(() => open(parts.join("."), key)).toThrow(SecretBoxError);
  });

  it("says the key changed when another key is used", () => {
    const sealed = seal("x", key);
    expect(() => open(sealed, keyFromSecret("another passphrase"))).toThrow(/CONSOLE_SECRET_KEY/);
  });

  it("accepts hex, base64 and passphrase keys of 32 bytes", () => {
    expect(keyFromSecret("ab".repeat(32))).toHaveLength(32);
    expect(keyFromSecret(randomBytes(32).toString("base64"))).toHaveLength(32);
    expect(keyFromSecret("a passphrase")).toHaveLength(32);
  });
});
