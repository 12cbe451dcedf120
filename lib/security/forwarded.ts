/** The settings these rules read: the process environment, or a test's own. */
export type Environment = Record<string, string | undefined>;

/**
 * X-Forwarded-* headers are whatever the client sent unless a reverse proxy the operator runs
 * overwrites them, so they are believed only when `CONSOLE_TRUST_PROXY=true` says such a proxy is there.
 */
export function trustsProxyHeaders(env: Environment = process.env): boolean {
  return env.CONSOLE_TRUST_PROXY === "true" || env.CONSOLE_TRUST_PROXY === "1";
}

/** The host (with port) the browser addressed: the proxy's `X-Forwarded-Host` when trusted, else `Host`. */
export function requestHost(headers: Headers, env: Environment = process.env): string | null {
  const forwarded = trustsProxyHeaders(env) ? headers.get("x-forwarded-host")?.split(",")[0]?.trim() : undefined;
  return forwarded || headers.get("host");
}

/** Whether the browser reached the console over TLS (a trusted proxy's `X-Forwarded-Proto`, or the configured switch). */
export function requestIsHttps(headers: Headers, env: Environment = process.env): boolean {
  if (env.CONSOLE_SECURE_COOKIES === "true") return true;
  return trustsProxyHeaders(env) && headers.get("x-forwarded-proto")?.split(",")[0]?.trim() === "https";
}
