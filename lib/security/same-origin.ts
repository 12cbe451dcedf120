import { requestHost, type Environment } from "./forwarded";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export function changesState(method: string): boolean {
  return !SAFE_METHODS.has(method.toUpperCase());
}

/**
 * Whether a cookie-carrying request was sent by the console's own pages. Browsers send `Origin` on
 * every cross-origin and same-origin write and `Sec-Fetch-Site` on every request; a request with
 * neither did not come from a browser page of ours, so it is refused too (scripts use API tokens).
 * Another port of the same host is another origin: the attack this closes came from one.
 */
export function isSameOriginRequest(headers: Headers, env: Environment = process.env): boolean {
  const fetchSite = headers.get("sec-fetch-site");
  if (fetchSite && fetchSite !== "same-origin") return false;
  const origin = headers.get("origin");
  if (!origin) return fetchSite === "same-origin";
  if (origin === "null") return false;
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    return false;
  }
  const allowed = new Set([requestHost(headers, env), ...configuredOrigins(env)].filter(Boolean));
  return allowed.has(originHost);
}

/** `CONSOLE_PUBLIC_URL` (the address users open) also counts as the console's own origin. */
function configuredOrigins(env: Environment): string[] {
  const url = env.CONSOLE_PUBLIC_URL;
  if (!url) return [];
  try {
    return [new URL(url).host];
  } catch {
    return [];
  }
}
