/**
 * Compact checkpoint encoding for plain-data run states.
 *
 * Layout: "EVK1" | u32 header length | header JSON (utf-8) | zero padding to 8 | typed-array bytes.
 * Typed arrays are stored raw (not as JSON numbers), so a 100 × 1000-city population is ~400 KB
 * as Int32Array and ~200 KB as Uint16Array, well under Durable Object value limits (2 MB).
 * Supported values: numbers (including NaN/±Infinity), strings, booleans, null, arrays, plain
 * objects and the typed arrays below.
 */

const MAGIC = 0x314b5645; // "EVK1" little-endian

const TYPED = {
  Float64Array,
  Float32Array,
  Int32Array,
  Uint32Array,
  Int16Array,
  Uint16Array,
  Int8Array,
  Uint8Array,
} as const;
type TypedName = keyof typeof TYPED;
type AnyTyped = InstanceType<(typeof TYPED)[TypedName]>;

interface TypedRef {
  $t: TypedName;
  o: number;
  n: number;
}

function typedName(v: unknown): TypedName | undefined {
  for (const name of Object.keys(TYPED) as TypedName[]) if (v instanceof TYPED[name]) return name;
  return undefined;
}

/** Encode a plain-data state into bytes. */
export function encodeState(state: unknown): Uint8Array {
  const chunks: AnyTyped[] = [];
  let offset = 0;
  const header = JSON.stringify(state, function (this: unknown, _key, value) {
    const name = typedName(value);
    if (name) {
      const arr = value as AnyTyped;
      offset = align(offset, 8);
      const ref: TypedRef = { $t: name, o: offset, n: arr.length };
      chunks.push(arr);
      offset += arr.byteLength;
      return ref;
    }
    if (typeof value === "number" && !Number.isFinite(value)) return { $n: String(value) };
    return value;
  });
  const headerBytes = new TextEncoder().encode(header);
  const dataStart = align(8 + headerBytes.length, 8);
  const out = new Uint8Array(dataStart + offset);
  const view = new DataView(out.buffer);
  view.setUint32(0, MAGIC, true);
  view.setUint32(4, headerBytes.length, true);
  out.set(headerBytes, 8);
  let at = 0;
  for (const arr of chunks) {
    at = align(at, 8);
    out.set(new Uint8Array(arr.buffer, arr.byteOffset, arr.byteLength), dataStart + at);
    at += arr.byteLength;
  }
  return out;
}

/** Decode bytes written by `encodeState`; typed arrays come back as fresh copies. */
export function decodeState<T = unknown>(bytes: Uint8Array): T {
  if (bytes.byteLength < 8) throw new CheckpointError("checkpoint is truncated");
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(0, true) !== MAGIC) throw new CheckpointError("not an Evolve checkpoint");
  const headerLength = view.getUint32(4, true);
  if (8 + headerLength > bytes.byteLength) throw new CheckpointError("checkpoint header is truncated");
  const header = new TextDecoder().decode(bytes.subarray(8, 8 + headerLength));
  const dataStart = align(8 + headerLength, 8);
  return JSON.parse(header, (_key, value) => {
    if (value && typeof value === "object" && typeof value.$t === "string" && value.$t in TYPED) {
      const ref = value as TypedRef;
      const Ctor = TYPED[ref.$t];
      const byteLength = ref.n * Ctor.BYTES_PER_ELEMENT;
      const start = dataStart + ref.o;
      if (start + byteLength > bytes.byteLength) throw new CheckpointError("checkpoint data is truncated");
      const copy = new Uint8Array(byteLength);
      copy.set(bytes.subarray(start, start + byteLength));
      return new Ctor(copy.buffer);
    }
    if (value && typeof value === "object" && typeof value.$n === "string" && Object.keys(value).length === 1) {
      return Number(value.$n);
    }
    return value;
  }) as T;
}

export class CheckpointError extends Error {
  override name = "CheckpointError";
}

function align(n: number, to: number): number {
  return (n + to - 1) & ~(to - 1);
}
