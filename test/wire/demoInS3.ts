/** The abalone demo's objects (capture, ground truth, baselines) uploaded to moto, as an AWS account would hold them. */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { CreateBucketCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { buildDemoWorkspaceWithSummary } from '../../src/monitoring/demo/buildDemoWorkspace';
import { DEMO_BUCKET } from '../../src/monitoring/demo/demoScenario';
import { parseS3Uri } from '../../src/monitoring/objectStore';

export interface DemoInS3 {
  /** The local demo workspace the objects came from. */
  root: string;
  firstHour: Date;
  /** The local file of an S3 URI in that workspace. */
  local(uri: string): string;
}

export async function uploadDemo(s3: S3Client, hours = 3, now = new Date('2024-05-01T12:30:00Z')): Promise<DemoInS3> {
  const root = mkdtempSync(join(tmpdir(), 'model-monitor-demo-s3-'));
  const built = await buildDemoWorkspaceWithSummary(root, { hours, now });
  await s3.send(new CreateBucketCommand({ Bucket: DEMO_BUCKET }));
  const bucketFolder = join(root, 's3', DEMO_BUCKET);
  const files = readdirSync(bucketFolder, { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
  for (const entry of files) {
    const file = join(entry.parentPath, entry.name);
    const key = relative(bucketFolder, file).split(sep).join('/');
    await s3.send(new PutObjectCommand({ Bucket: DEMO_BUCKET, Key: key, Body: readFileSync(file) }));
  }
  return {
    root,
    firstHour: built.firstHour,
    local(uri) {
      const { bucket, key } = parseS3Uri(uri);
      return join(root, 's3', bucket, ...key.split('/'));
    },
  };
}
