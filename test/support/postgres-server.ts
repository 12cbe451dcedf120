import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { freeLoopbackPort } from "./loopback-server";

// A real PostgreSQL (Debian's `postgresql` package) for integration tests: a throwaway cluster in a
// temp directory on a free loopback port, started once per test run.

export interface PostgresServer {
  url: string;
  version: string;
  stop(): Promise<void>;
}

export function findPostgresBinaries(): string | null {
  const debianRoot = "/usr/lib/postgresql";
  if (existsSync(debianRoot)) {
    const versions = readdirSync(debianRoot)
      .filter((v) => existsSync(path.join(debianRoot, v, "bin", "initdb")))
      .sort((a, b) => Number(b) - Number(a));
    if (versions[0]) return path.join(debianRoot, versions[0], "bin");
  }
  const which = spawnSync("sh", ["-c", "command -v initdb"], { encoding: "utf8" });
  return which.status === 0 ? path.dirname(which.stdout.trim()) : null;
}

/**
 * PostgreSQL refuses to run as root; as root we run it as the `postgres` user the package creates,
 * by spawning with that uid directly (a `runuser` wrapper would not pass our signals on).
 */
function serverUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const id = (flag: string) => Number(spawnSync("id", [flag, "postgres"], { encoding: "utf8" }).stdout.trim());
  const uid = id("-u");
  const gid = id("-g");
  if (!Number.isInteger(uid) || uid === 0) throw new Error("running as root needs the `postgres` user (apt-get install postgresql creates it)");
  return { uid, gid };
}

export async function startPostgres(): Promise<PostgresServer> {
  const bin = findPostgresBinaries();
  if (!bin) throw new Error("PostgreSQL binaries not found (apt-get install postgresql)");
  const dir = mkdtempSync(path.join(os.tmpdir(), "ocr-console-pg-"));
  chmodSync(dir, 0o777);
  const dataDir = path.join(dir, "data");
  const user = serverUser();
  const init = spawnSync(path.join(bin, "initdb"), ["-D", dataDir, "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8"], {
    encoding: "utf8",
    cwd: dir,
    ...user,
  });
  if (init.status !== 0) throw new Error(`initdb failed: ${init.stderr || init.stdout}`);

  const port = await freeLoopbackPort();
  const args = ["-D", dataDir, "-p", String(port), "-k", dir, "-c", "listen_addresses=127.0.0.1"];
  // Durability is pointless for a throwaway cluster; turning it off makes tests faster.
  args.push("-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off");
  const child: ChildProcess = spawn(path.join(bin, "postgres"), args, { stdio: ["ignore", "ignore", "pipe"], cwd: dir, ...user });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));

  const url = `postgresql://postgres@127.0.0.1:${port}/postgres`;
  const version = await waitUntilReady(url, child, () => stderr);
  return {
    url,
    version,
    async stop() {
      if (child.exitCode === null) {
        child.kill("SIGINT"); // fast shutdown
        await new Promise((resolve) => child.once("exit", resolve));
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function waitUntilReady(url: string, child: ChildProcess, stderr: () => string): Promise<string> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`postgres exited: ${stderr()}`);
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      const { rows } = await client.query<{ server_version: string }>("SHOW server_version");
      return rows[0]!.server_version;
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`postgres did not become ready: ${(error as Error).message}\n${stderr()}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    } finally {
      await client.end().catch(() => {});
    }
  }
}

/** A fresh, empty database on the shared server, so test files never see each other's rows. */
export async function createTestDatabase(serverUrl: string, name: string): Promise<string> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
