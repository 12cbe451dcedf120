import {
  CreateBucketCommand,
  GetObjectCommand,
  HeadBucketCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from "@aws-sdk/client-s3";

/** The S3-protocol store (s3rver) that holds the fake account's buckets, with its own keys. */
export interface ObjectStoreAddress {
  endpoint: string;
  accessKeyId: string;
  secretAccessKey: string;
}

/**
 * What the fake services do with S3 themselves: SageMaker checks that a channel has data and
 * uploads model artifacts; the fake inference container reads the images it is pointed at.
 */
export interface FakeS3Backend {
  address: ObjectStoreAddress;
  hasObjects(uri: string): Promise<boolean>;
  put(uri: string, body: Uint8Array | string, contentType?: string): Promise<void>;
  get(bucket: string, key: string): Promise<Uint8Array | null>;
  ensureBucket(bucket: string): Promise<void>;
  close(): void;
}

export function createS3Backend(address: ObjectStoreAddress): FakeS3Backend {
  const client = new S3Client({
    region: "us-east-1",
    endpoint: address.endpoint,
    forcePathStyle: true,
    credentials: { accessKeyId: address.accessKeyId, secretAccessKey: address.secretAccessKey },
    maxAttempts: 2,
  });
  return {
    address,
    async hasObjects(uri) {
      const { bucket, key } = splitS3Uri(uri);
      try {
        const page = await client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: key, MaxKeys: 1 }));
        return (page.KeyCount ?? page.Contents?.length ?? 0) > 0;
      } catch {
        return false;
      }
    },
    async put(uri, body, contentType) {
      const { bucket, key } = splitS3Uri(uri);
      await client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: contentType }));
    },
    async get(bucket, key) {
      try {
        const answer = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
        return answer.Body ? await answer.Body.transformToByteArray() : new Uint8Array(0);
      } catch {
        return null;
      }
    },
    async ensureBucket(bucket) {
      try {
        await client.send(new HeadBucketCommand({ Bucket: bucket }));
      } catch {
        await client.send(new CreateBucketCommand({ Bucket: bucket }));
      }
    },
    close: () => client.destroy(),
  };
}

export function splitS3Uri(uri: string): { bucket: string; key: string } {
  const match = /^(?:s3|https):\/\/([^/]+)\/?(.*)$/.exec(uri);
  if (!match) throw new Error(`not an S3 URI: ${uri}`);
  return { bucket: match[1]!, key: match[2]! };
}
