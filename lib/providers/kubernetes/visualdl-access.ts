import type { RunRef, VisualDlProxyTarget, VisualDlSource } from "@/lib/providers/training";
import type { KubernetesContext } from "./context";
import { explainKubeError } from "./kube-errors";
import { bodyBytes, readBytes } from "./kube-session";
import { KINDS, resourcePath } from "./manifests";
import { runObjectNames } from "./names";
import { belongsTo, runNamespace } from "./run-observer";
import { FILES_PORT, VISUALDL_PORT } from "./visualdl";

// The run's VisualDL reached only through the API server's service proxy
// (`/api/v1/namespaces/<ns>/services/<name>-visualdl:<port>/proxy/…`): the UI on 8040 for the
// console's authenticated proxy, the log files on 8041 for its own curves.

async function visualDlService(ctx: KubernetesContext, run: RunRef): Promise<{ namespace: string; name: string } | null> {
  const namespace = runNamespace(ctx, run);
  const name = runObjectNames(run.name, run.attempt).visualdl;
  const service = await ctx.objects(namespace).get(KINDS.service, name);
  return service && belongsTo(service, run) ? { namespace, name } : null;
}

function proxyPath(namespace: string, name: string, port: number, path: string): string {
  return `${resourcePath(KINDS.service, namespace, `${name}:${port}`)}/proxy${path.startsWith("/") ? path : `/${path}`}`;
}

export async function runVisualDlSource(ctx: KubernetesContext, run: RunRef): Promise<VisualDlSource | null> {
  const service = await visualDlService(ctx, run);
  if (!service) return null;
  const session = ctx.session();
  const get = async (path: string, query: Record<string, string | number>) => {
    try {
      return await session.request(proxyPath(service.namespace, service.name, FILES_PORT, path), { query, signal: AbortSignal.timeout(30_000) });
    } catch (error) {
      throw explainKubeError(error, { verb: "get", resource: "services/proxy", namespace: service.namespace, name: service.name });
    }
  };
  return {
    async list() {
      const files = JSON.parse(Buffer.from(await readBytes(await get("/files", {}))).toString("utf8")) as Array<{ name: string; size: number }>;
      return files.filter((file) => typeof file.name === "string" && Number.isFinite(file.size));
    },
    async read(name, offset, length) {
      if (length <= 0) return new Uint8Array(0);
      return readBytes(await get("/read", { name, offset, length }));
    },
  };
}

export async function runVisualDlProxy(ctx: KubernetesContext, run: RunRef): Promise<VisualDlProxyTarget | null> {
  const service = await visualDlService(ctx, run);
  if (!service) return null;
  const session = ctx.session();
  return {
    async fetch(path, init) {
      const headers: Record<string, string> = {};
      init.headers.forEach((value, key) => {
        // Identity encoding: the console re-serves the body and drops Content-Encoding.
        if (key !== "accept-encoding") headers[key] = value;
      });
      return session.fetch(proxyPath(service.namespace, service.name, VISUALDL_PORT, path), {
        method: init.method,
        headers,
        body: await bodyBytes(init.body),
        ...(init.signal ? { signal: init.signal } : {}),
      });
    },
  };
}
