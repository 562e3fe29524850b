/**
 * The bundle: name it by its SHA-256, upload it once.
 */
import { createHash } from 'node:crypto';
import { HeadObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';

/** Hex SHA-256 of the bundle bytes. */
function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * True when S3 may not have the object: 404, or 403, which S3 answers for a missing object when the
 * caller lacks s3:ListBucket. A real denial then shows up, clearly, on the PutObject that follows.
 */
function isMissing(error: unknown): boolean {
  const details = error as { name?: string; $metadata?: { httpStatusCode?: number } } | null;
  const status = details?.$metadata?.httpStatusCode;
  return details?.name === 'NotFound' || status === 404 || status === 403;
}

/**
 * Uploads the bundle unless an object with the same content-addressed key is already there.
 * Returns true when it uploaded.
 * @example
 * await uploadBundle(s3, { bucket: 'artifacts', key: 'crkit/handler/ab12.zip', body: bytes });
 */
async function uploadBundle(
  s3: S3Client,
  target: { bucket: string; key: string; body: Uint8Array },
): Promise<boolean> {
  try {
    await s3.send(new HeadObjectCommand({ Bucket: target.bucket, Key: target.key }));
    return false;
  } catch (error) {
    if (!isMissing(error)) throw error;
  }
  await s3.send(
    new PutObjectCommand({
      Bucket: target.bucket,
      Key: target.key,
      Body: target.body,
      ContentType: 'application/zip',
    }),
  );
  return true;
}

export { sha256Hex, uploadBundle };
