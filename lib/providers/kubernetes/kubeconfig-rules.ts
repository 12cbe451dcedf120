/**
 * What a kubeconfig may ask of the console's machine. A kubeconfig can name a command to run for
 * credentials (`exec`, and `auth-provider`, whose gcp / azure / oidc helpers run commands or refresh
 * tokens) and files to read (CA, client certificate and key, token file). A pasted kubeconfig comes
 * from a browser, so it may do neither: only inline credentials. A kubeconfig file the operator
 * installed may read files beside it, and run plugins only when the operator allowed that.
 */
export type KubeconfigOrigin = "pasted" | "file";

export const ALLOW_EXEC_SWITCH = "CONSOLE_KUBECONFIG_ALLOW_EXEC";

const PLUGIN_FIELDS = ["exec", "auth-provider"] as const;

/** Fields that read a file, and the inline field to paste its contents into instead. */
const FILE_FIELDS = {
  clusters: { entry: "cluster", fields: { "certificate-authority": "certificate-authority-data" } },
  users: {
    entry: "user",
    // `tokenFile` is kubectl's spelling, `token-file` the client's; neither is allowed.
    fields: { "client-certificate": "client-certificate-data", "client-key": "client-key-data", "token-file": "token", tokenFile: "token" },
  },
} as const;

/** A kubeconfig the console will not load; `problems` each start with the field, e.g. `users[0].user.exec …`. */
export class KubeconfigRefusedError extends Error {
  constructor(
    what: string,
    readonly problems: string[],
  ) {
    super(`${what} is refused: ${problems.join(" ")}`);
    this.name = "KubeconfigRefusedError";
  }
}

export function kubeconfigProblems(doc: Record<string, unknown>, origin: KubeconfigOrigin, allowExec: boolean): string[] {
  const problems: string[] = [];
  for (const [index, fields] of entries(doc.users, "user")) {
    for (const field of PLUGIN_FIELDS) {
      if (!isSet(fields[field])) continue;
      const where = `users[${index}].user.${field}`;
      if (origin === "pasted") {
        problems.push(`${where} would run a command on the console's machine; a pasted kubeconfig may only carry inline credentials (token, or client certificate and key data).`);
      } else if (!allowExec) {
        problems.push(`${where} would run a command on the console's machine, which this console does not allow; an operator can allow it for installed kubeconfig files with ${ALLOW_EXEC_SWITCH}=true.`);
      }
    }
  }
  if (origin === "pasted") {
    for (const [list, { entry, fields: fileFields }] of Object.entries(FILE_FIELDS)) {
      for (const [index, fields] of entries(doc[list], entry)) {
        for (const [field, inline] of Object.entries(fileFields)) {
          if (isSet(fields[field])) {
            problems.push(`${list}[${index}].${entry}.${field} would read a file on the console's machine; paste its contents as ${inline} instead.`);
          }
        }
      }
    }
  }
  return problems;
}

/** The `cluster` / `user` objects of a kubeconfig list, with their index; malformed entries are the client's to report. */
function entries(list: unknown, entry: string): Array<[number, Record<string, unknown>]> {
  if (!Array.isArray(list)) return [];
  return list.flatMap((item, index): Array<[number, Record<string, unknown>]> => {
    const fields = (item as Record<string, unknown> | null)?.[entry];
    return typeof fields === "object" && fields !== null ? [[index, fields as Record<string, unknown>]] : [];
  });
}

function isSet(value: unknown): boolean {
  return value !== undefined && value !== null && value !== "";
}
