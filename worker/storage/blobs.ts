/**
 * R2 access for job data. Every key starts with the tenant (`t/<tenantId>/...`), so a tenant's
 * data can be listed, exported or wiped by prefix, and no code path builds a key without one.
 */

/** The prefix of everything one job stores. */
export function jobPrefix(tenantId: string, jobId: string): string {
  if (!tenantId || !jobId || tenantId.includes("/") || jobId.includes("/")) {
    throw new Error(`invalid tenant or job id for an R2 key: ${tenantId}/${jobId}`);
  }
  return `t/${tenantId}/jobs/${jobId}/`;
}

export const jobKeys = {
  input: (tenantId: string, jobId: string) => `${jobPrefix(tenantId, jobId)}input.json`,
  result: (tenantId: string, jobId: string) => `${jobPrefix(tenantId, jobId)}result.json`,
  export: (tenantId: string, jobId: string, name: string) => `${jobPrefix(tenantId, jobId)}exports/${name}`,
  /** A page's view of a finished job, built once (web/app/server/results.server.ts `resultViewOfJob`). */
  view: (tenantId: string, jobId: string, name: string) => `${jobPrefix(tenantId, jobId)}views/${name}`,
  /** A checkpoint too large for a Durable Object value; `tag` keeps old and new apart until committed. */
  checkpoint: (tenantId: string, jobId: string, island: number, tag: string | number) => `${jobPrefix(tenantId, jobId)}islands/${island}-${tag}.bin`,
};

export async function putJson(bucket: R2Bucket, key: string, value: unknown): Promise<number> {
  const body = JSON.stringify(value);
  await bucket.put(key, body, { httpMetadata: { contentType: "application/json" } });
  return body.length;
}

export async function getJson<T>(bucket: R2Bucket, key: string): Promise<T | null> {
  const obj = await bucket.get(key);
  return obj ? ((await obj.json()) as T) : null;
}

export async function putBytes(bucket: R2Bucket, key: string, bytes: Uint8Array): Promise<void> {
  await bucket.put(key, bytes, { httpMetadata: { contentType: "application/octet-stream" } });
}

export async function getBytes(bucket: R2Bucket, key: string): Promise<Uint8Array | null> {
  const obj = await bucket.get(key);
  return obj ? new Uint8Array(await obj.arrayBuffer()) : null;
}

/** Delete everything under a job's prefix (R2 lists at most 1000 keys per page). */
export async function deleteJobBlobs(bucket: R2Bucket, tenantId: string, jobId: string): Promise<void> {
  const prefix = jobPrefix(tenantId, jobId);
  let cursor: string | undefined;
  do {
    const page = await bucket.list({ prefix, cursor });
    if (page.objects.length) await bucket.delete(page.objects.map((o) => o.key));
    cursor = page.truncated ? page.cursor : undefined;
  } while (cursor);
}
