import type { RunLaunchSpec } from "@/lib/providers/training";
import { apiVersionOf, KINDS, type Manifest } from "./manifests";
import { TASK_CENTER } from "./paddle-job";
import { runLabels } from "./names";

// The run's VisualDL: PaddleCloud's Deployment `<name>-visualdl` (visualdl on port 8040, logdir on the
// volume), a Service in front of it so the console reaches it through the API server's service proxy
// (never exposed outside the cluster), and a second container serving the raw log files read-only
// on port 8041 for the console's own curves: `GET /files` lists the log directory with sizes,
// `GET /read?name=&offset=&length=` returns bytes. A pod exec would need a WebSocket/SPDY stream;
// plain HTTP through the proxy works on any cluster and with the fake one in the tests.

export const VISUALDL_PORT = 8040;
export const FILES_PORT = 8041;
export const VDL_LOG_DIR = `${TASK_CENTER}/models/vdl`;

/** The console path VisualDL is served under (lib/visualdl/proxy/proxy-visualdl.ts visualDlPublicPath). */
export function visualDlPublicPath(runId: string): string {
  return `/api/v1/runs/${runId}/visualdl`;
}

/** The file sidecar: Python's standard library only, so the VisualDL image (python:3.7) runs it as is. */
export const FILES_SERVER = [
  "import http.server, json, os, urllib.parse",
  `ROOT = ${JSON.stringify(VDL_LOG_DIR)}`,
  "class Files(http.server.BaseHTTPRequestHandler):",
  "    def send(self, code, body, kind):",
  "        self.send_response(code); self.send_header('Content-Type', kind); self.send_header('Content-Length', str(len(body))); self.end_headers(); self.wfile.write(body)",
  "    def do_GET(self):",
  "        url = urllib.parse.urlparse(self.path); q = urllib.parse.parse_qs(url.query)",
  "        if url.path == '/files':",
  "            names = sorted(os.listdir(ROOT)) if os.path.isdir(ROOT) else []",
  "            files = [{'name': n, 'size': os.path.getsize(os.path.join(ROOT, n))} for n in names if os.path.isfile(os.path.join(ROOT, n))]",
  "            return self.send(200, json.dumps(files).encode(), 'application/json')",
  "        if url.path == '/read':",
  "            path = os.path.join(ROOT, os.path.basename(q.get('name', [''])[0]))",
  "            if not os.path.isfile(path): return self.send(404, b'not found', 'text/plain')",
  "            with open(path, 'rb') as f:",
  "                f.seek(int(q.get('offset', ['0'])[0])); data = f.read(int(q.get('length', ['0'])[0]))",
  "            return self.send(200, data, 'application/octet-stream')",
  "        self.send(404, b'not found', 'text/plain')",
  "    def log_message(self, *args): pass",
  `http.server.ThreadingHTTPServer(('', ${FILES_PORT}), Files).serve_forever()`,
].join("\n");

export function visualDlManifests(input: { spec: RunLaunchSpec; name: string; namespace: string; claimName: string; image: string; imagePullSecret: string | null }): Manifest[] {
  const { spec, name, namespace } = input;
  const labels = runLabels(spec.runId, spec.attempt, "visualdl");
  const selector = { visualdl: name };
  const mount = { name: "task-center", mountPath: `${TASK_CENTER}/`, readOnly: true };
  const command =
    "python -m pip install visualdl -i https://mirror.baidu.com/pypi/simple && " +
    `visualdl --logdir ${VDL_LOG_DIR}/ --port ${VISUALDL_PORT} --host 0.0.0.0 --public-path ${visualDlPublicPath(spec.runId)}`;
  const deployment: Manifest = {
    apiVersion: apiVersionOf(KINDS.deployment),
    kind: KINDS.deployment.kind,
    metadata: { name, namespace, labels },
    spec: {
      replicas: 1,
      selector: { matchLabels: selector },
      template: {
        metadata: { labels: { ...labels, ...selector } },
        spec: {
          containers: [
            {
              name: "visualdl",
              image: input.image,
              imagePullPolicy: "IfNotPresent",
              workingDir: `${TASK_CENTER}/`,
              command: ["/bin/bash"],
              args: ["-c", command],
              ports: [{ name: "http", containerPort: VISUALDL_PORT }],
              volumeMounts: [mount],
            },
            {
              name: "files",
              image: input.image,
              imagePullPolicy: "IfNotPresent",
              command: ["python3", "-c", FILES_SERVER],
              ports: [{ name: "files", containerPort: FILES_PORT }],
              volumeMounts: [mount],
            },
          ],
          volumes: [{ name: "task-center", persistentVolumeClaim: { claimName: input.claimName, readOnly: true } }],
          ...(input.imagePullSecret ? { imagePullSecrets: [{ name: input.imagePullSecret }] } : {}),
        },
      },
    },
  };
  const service: Manifest = {
    apiVersion: apiVersionOf(KINDS.service),
    kind: KINDS.service.kind,
    metadata: { name, namespace, labels },
    spec: {
      selector,
      ports: [
        { name: "http", port: VISUALDL_PORT, protocol: "TCP", targetPort: VISUALDL_PORT },
        { name: "files", port: FILES_PORT, protocol: "TCP", targetPort: FILES_PORT },
      ],
    },
  };
  return [deployment, service];
}
