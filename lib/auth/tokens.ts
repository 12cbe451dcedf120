import { createHash, randomBytes } from "node:crypto";

/** Session and API tokens are random; only their sha256 is stored, so a database leak grants nothing. */
export function newToken(prefix: string): string {
  return `${prefix}${randomBytes(32).toString("base64url")}`;
}

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}
