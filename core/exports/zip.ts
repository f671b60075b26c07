/**
 * ZIP archives with fflate (pure JS, runs in workerd). Entries get a fixed timestamp so the same
 * job always yields byte-identical archives (cacheable, comparable).
 */
import { zipSync, type Zippable } from "fflate";

const encoder = new TextEncoder();

export function zipFiles(files: Record<string, string | Uint8Array>, mtime: Date): Uint8Array {
  const tree: Zippable = {};
  for (const [name, body] of Object.entries(files)) {
    const bytes = typeof body === "string" ? encoder.encode(body) : body;
    // Already-compressed formats are stored, not deflated again.
    const level = /\.(xlsx|zip|png)$/.test(name) ? 0 : 6;
    tree[name] = [bytes, { level, mtime }];
  }
  return zipSync(tree);
}
