/** What a request asks to do, in the terms RBAC rules are written in. */
export interface RequestAttributes {
  verb: "get" | "list" | "watch" | "create" | "update" | "patch" | "delete" | "deletecollection";
  group: string;
  resource: string;
  /** `log`, `proxy`, `status` … as RBAC rules name them (`pods/log`). */
  subresource?: string;
  namespace?: string;
  name?: string;
}

export interface TokenAccount {
  /** Username the server reports, e.g. `system:serviceaccount:kubeflow:ocr-console`. */
  user: string;
  /** Decides each resource request; everything is allowed when absent. */
  allow?: (request: RequestAttributes) => boolean;
}

export const ANONYMOUS_USER = "system:anonymous";

export type Authentication = { ok: true; account: TokenAccount } | { ok: false };

/**
 * Bearer-token authentication as kube-apiserver does it: no credentials means the anonymous user
 * (who may still read /version), but a token the server does not know is a 401, never a fallback
 * to anonymous.
 */
export function authenticate(authorization: string | undefined, tokens: ReadonlyMap<string, TokenAccount>): Authentication {
  if (authorization === undefined || authorization === "") {
    return { ok: true, account: { user: ANONYMOUS_USER, allow: () => false } };
  }
  const match = /^Bearer\s+(.+)$/i.exec(authorization);
  const account = match?.[1] !== undefined ? tokens.get(match[1].trim()) : undefined;
  return account ? { ok: true, account } : { ok: false };
}

export function authorize(account: TokenAccount, request: RequestAttributes): boolean {
  return account.allow ? account.allow(request) : true;
}
