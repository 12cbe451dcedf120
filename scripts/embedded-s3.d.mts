export declare const EMBEDDED_S3_CREDENTIALS: { accessKeyId: string; secretAccessKey: string };

export declare function startEmbeddedS3(options: { directory: string; bucket?: string; port?: number }): Promise<{
  endpoint: string;
  accessKeyId: string;
  secretAccessKey: string;
  stop(): Promise<void>;
}>;
