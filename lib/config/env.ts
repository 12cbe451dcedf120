import path from "node:path";

// Every setting the console reads from its environment, resolved once, in one place.
// The embedded defaults apply when nothing is set: all state lives under the data directory.
export interface ConsoleConfig {
  dataDir: string;
  /** A PostgreSQL URL, or null for the embedded PGlite database in `<dataDir>/db`. */
  databaseUrl: string | null;
  s3: {
    endpoint: string | null;
    region: string;
    accessKeyId: string | null;
    secretAccessKey: string | null;
    bucket: string;
  };
  kubeconfig: {
    /** The only directory kubeconfig file paths of targets may point into (after following links). */
    dir: string;
    /** Whether installed kubeconfig files may run credential plugins (exec, auth-provider); pasted ones never may. */
    allowExec: boolean;
  };
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): ConsoleConfig {
  // The comment keeps Next.js from tracing the whole project into the server bundle.
  const dataDir = path.resolve(/* turbopackIgnore: true */ process.cwd(), env.CONSOLE_DATA_DIR || "data");
  return {
    dataDir,
    databaseUrl: env.DATABASE_URL || null,
    s3: {
      endpoint: env.S3_ENDPOINT || null,
      region: env.S3_REGION || "us-east-1",
      accessKeyId: env.S3_ACCESS_KEY_ID || null,
      secretAccessKey: env.S3_SECRET_ACCESS_KEY || null,
      bucket: env.S3_BUCKET || "model-center",
    },
    kubeconfig: {
      dir: env.CONSOLE_KUBECONFIG_DIR
        ? path.resolve(/* turbopackIgnore: true */ process.cwd(), env.CONSOLE_KUBECONFIG_DIR)
        : path.join(dataDir, "kubeconfigs"),
      allowExec: env.CONSOLE_KUBECONFIG_ALLOW_EXEC === "true" || env.CONSOLE_KUBECONFIG_ALLOW_EXEC === "1",
    },
  };
}
