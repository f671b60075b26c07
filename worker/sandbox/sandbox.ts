/**
 * One tenant objective inside its own QuickJS engine (WebAssembly), platform-neutral: the caller
 * passes how to instantiate QuickJS (workerd imports the .wasm as a module; Node reads the file).
 *
 * Isolation, from the outside in:
 * - every sandbox is a fresh WebAssembly instance with its own linear memory, capped by the
 *   memory's `maximum`: a tenant can neither read another job's heap nor grow the isolate's memory
 *   past the cap (QuickJS's own limit under Emscripten only stops single large allocations);
 * - the QuickJS context holds the ECMAScript built-ins and nothing else: no fetch, console,
 *   timers, modules, bindings or host functions. Nothing of the host is reachable, so
 *   `constructor.constructor("return this")()` yields the sandbox's own global;
 * - values cross only as bytes: points go in as one ArrayBuffer, results come out as one; results
 *   are type-checked *inside* the sandbox (`typeof v === "number"`), so the host never calls a
 *   tenant's valueOf/toString;
 * - time is an interrupt-tick budget per call and per chunk; recursion is bounded by the stack size.
 */
import type { QuickJSContext, QuickJSHandle, QuickJSRuntime, QuickJSWASMModule } from "quickjs-emscripten-core";
import { ObjectiveError, resolveLimits, type ObjectiveFailure, type SandboxLimits } from "./limits";

/** Instantiates QuickJS over the given memory (one call per sandbox). */
export type QuickJSLoader = (memory: WebAssembly.Memory) => Promise<QuickJSWASMModule>;

/** The module name errors are reported against ("objective.js:3:14"). */
export const OBJECTIVE_FILE = "objective.js";

/** What a failing point gets: `fail` aborts the batch, `penalty` writes the value (NaN → worst). */
export interface FailurePolicy {
  onError: "fail" | "penalty";
  penalty?: number;
}

/** Failure codes the driver stores in state[1] (kept in step with DRIVER below). */
const CODES: Record<number, ObjectiveFailure> = { 1: "threw", 2: "non-number", 3: "non-finite", 4: "stack", 5: "memory" };

/**
 * Evaluated before the tenant's module, so it captures pristine built-ins that the tenant's top
 * level might later replace. `state` is private to this closure and the host:
 *   [0] row being evaluated (read by the interrupt handler), [1] failure code, [2] message,
 *   [3] error stack, [4] output buffer.
 */
const DRIVER = `(function () {
  "use strict";
  const F64 = Float64Array, I32 = Int32Array, Arr = Array;
  const isFin = Number.isFinite, Str = String;
  const state = [-1, 0, "", "", null];
  let fitness = null, buf = null, out = null, dim = 0, ints = false;
  function describe(e) {
    try {
      if (e !== null && typeof e === "object") {
        const m = e.message, s = e.stack, n = e.name;
        state[2] = (typeof n === "string" ? n + ": " : "") + (typeof m === "string" ? m : "");
        state[3] = typeof s === "string" ? s : "";
        if (n === "InternalError" && m === "stack overflow") return 4;
        if (n === "InternalError" && m === "out of memory") return 5;
      } else {
        state[2] = "threw a non-error value: " + Str(e).slice(0, 200);
      }
    } catch (_) {
      state[2] = "threw a value whose description failed";
    }
    return 1;
  }
  return {
    state,
    bind(ns) { const f = ns.fitness; if (typeof f !== "function") return typeof f; fitness = f; return "function"; },
    prepare(b, count, d, asInts) { buf = b; dim = d; ints = asInts; out = new F64(count).fill(NaN); state[4] = out.buffer; },
    run(from, count, penalty) {
      for (let i = from; i < count; i++) {
        state[0] = i;
        // A fresh view per point (no copy): x is a Float64Array of the point's coordinates;
        // orderings arrive as a fresh plain Array of item indices (the tenant may sort or splice it).
        let x;
        if (ints) { const v = new I32(buf, i * dim * 4, dim); x = new Arr(dim); for (let j = 0; j < dim; j++) x[j] = v[j]; }
        else x = new F64(buf, i * dim * 8, dim);
        let v, code = 0;
        try { v = fitness(x); } catch (e) { code = describe(e); }
        if (code === 0) {
          if (typeof v !== "number") { code = 2; state[2] = "returned " + (v === null ? "null" : typeof v) + ", not a number"; state[3] = ""; }
          else if (!isFin(v)) { code = 3; state[2] = "returned " + Str(v) + ", not a finite number"; state[3] = ""; }
        }
        if (code === 0) out[i] = v;
        else if (penalty) out[i] = NaN;
        else { state[1] = code; return i; }
      }
      state[0] = -1;
      return count;
    },
  };
})()`;

export interface Sandbox {
  /**
   * f(x_i) → out[i] for a whole population in one crossing; throws ObjectiveError per policy.
   * Float64Array rows reach `fitness` as Float64Array views (points); Int32Array rows as plain
   * Arrays of integers (permutations).
   */
  evaluateBatch(xs: Float64Array | Int32Array, count: number, dim: number, out: Float64Array): void;
  /** Start a new chunk: the chunk tick budget counts from here. */
  startChunk(): void;
  /** Ticks used since the last startChunk (for calibration and tests). */
  readonly chunkTicksUsed: number;
  dispose(): void;
}

/**
 * Compile the tenant's module and bind its `fitness` export. Throws ObjectiveError with the
 * line/column for syntax errors, a throwing top level or a missing export.
 */
export async function createSandbox(load: QuickJSLoader, code: string, policy: FailurePolicy, partialLimits: Partial<SandboxLimits> = {}): Promise<Sandbox> {
  const limits = resolveLimits(partialLimits);
  const memory = new WebAssembly.Memory({ initial: 256, maximum: limits.memoryBytes / 65536 });
  const qjs = await load(memory);
  const runtime = qjs.newRuntime();
  const ctx = runtime.newContext();
  // The constructor disposes the engine itself when the code does not compile.
  return new QuickJSSandbox(runtime, ctx, memory, code, policy, limits);
}

class QuickJSSandbox implements Sandbox {
  private readonly driver: QuickJSHandle;
  /** Unset while the driver itself is being evaluated (ticks then count as row -1). */
  private readonly state: QuickJSHandle | undefined;
  private readonly prepareFn: QuickJSHandle;
  private readonly runFn: QuickJSHandle;
  private chunkTicks = 0;
  private callTicks = 0;
  private lastRow = -2;
  private interrupted: ObjectiveFailure | null = null;
  private disposed = false;

  constructor(
    private readonly runtime: QuickJSRuntime,
    private readonly ctx: QuickJSContext,
    private readonly memory: WebAssembly.Memory,
    code: string,
    private readonly policy: FailurePolicy,
    private readonly limits: SandboxLimits,
  ) {
    runtime.setMemoryLimit(limits.heapBytes);
    runtime.setMaxStackSize(limits.stackBytes);
    runtime.setInterruptHandler(() => this.onTick());
    // No module loader: `import` of anything fails inside the sandbox.
    this.driver = ctx.unwrapResult(ctx.evalCode(DRIVER, "driver.js", { type: "global", strict: true }));
    this.state = ctx.getProp(this.driver, "state");
    this.prepareFn = ctx.getProp(this.driver, "prepare");
    this.runFn = ctx.getProp(this.driver, "run");
    try {
      this.hardenGlobals();
      this.bindModule(code);
    } catch (e) {
      this.dispose();
      throw e;
    }
  }

  get chunkTicksUsed(): number {
    return this.chunkTicks;
  }

  startChunk(): void {
    this.chunkTicks = 0;
  }

  evaluateBatch(xs: Float64Array | Int32Array, count: number, dim: number, out: Float64Array): void {
    if (this.disposed) throw new Error("sandbox used after dispose");
    if (count <= 0) return;
    const ctx = this.ctx;
    const ints = xs instanceof Int32Array;
    // One copy in: the population's bytes become an ArrayBuffer inside the sandbox.
    const input = ctx.newArrayBuffer(new Uint8Array(xs.buffer, xs.byteOffset, count * dim * xs.BYTES_PER_ELEMENT).slice().buffer);
    const prepared = this.call(this.prepareFn, input, ctx.newNumber(count), ctx.newNumber(dim), ints ? ctx.true : ctx.false);
    if (prepared.kind === "interrupted") throw this.limitError(prepared.reason, -1);
    const penalty = this.policy.onError === "penalty";
    let from = 0;
    while (from < count) {
      this.lastRow = -2;
      const done = this.call(this.runFn, ctx.newNumber(from), ctx.newNumber(count), penalty ? ctx.true : ctx.false);
      if (done.kind === "returned") {
        if (done.value === count) break;
        throw this.failureAt(done.value);
      }
      // Interrupted mid-call: under "penalty" a call over its own limit costs that point only.
      const row = this.readRow();
      if (done.reason === "call-time" && penalty && row >= 0) {
        from = row + 1;
        continue;
      }
      throw this.limitError(done.reason, row);
    }
    // One copy out: the results' bytes, never values the tenant could attach behaviour to.
    const outBuf = ctx.getProp(this.state!, 4);
    try {
      const bytes = ctx.getArrayBuffer(outBuf);
      new Uint8Array(out.buffer, out.byteOffset, count * 8).set(bytes.value.subarray(0, count * 8));
      bytes.dispose();
    } finally {
      outBuf.dispose();
    }
    if (penalty) {
      const p = this.policy.penalty ?? Number.NaN;
      for (let i = 0; i < count; i++) if (Number.isNaN(out[i])) out[i] = p;
    }
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    try {
      for (const h of [this.runFn, this.prepareFn, this.state, this.driver]) if (h?.alive) h.dispose();
      this.ctx.dispose();
      this.runtime.dispose();
    } catch {
      // An engine that aborted cannot free itself; it is this sandbox's own WebAssembly instance,
      // so dropping it (to the host GC) frees everything and touches no other sandbox.
    }
  }

  /** The interrupt handler: charges one tick to the current call and to the chunk. */
  private onTick(): boolean {
    this.chunkTicks++;
    const row = this.readRow();
    if (row !== this.lastRow) {
      this.lastRow = row;
      this.callTicks = 0;
    }
    this.callTicks++;
    if (this.chunkTicks > this.limits.chunkTicks) this.interrupted = "chunk-time";
    else if (this.callTicks > this.limits.callTicks) this.interrupted = "call-time";
    return this.interrupted !== null;
  }

  private readRow(): number {
    return this.readNumber(0);
  }

  private readNumber(index: number): number {
    if (!this.state) return -1;
    const h = this.ctx.getProp(this.state, index);
    const n = this.ctx.typeof(h) === "number" ? this.ctx.getNumber(h) : -1;
    h.dispose();
    return n;
  }

  private nearCap(): boolean {
    return this.memory.buffer.byteLength >= this.limits.memoryBytes - 4 * 65536;
  }

  /** Call a driver function; turns QuickJS exceptions into ObjectiveErrors. Args are consumed. */
  private call(fn: QuickJSHandle, ...args: QuickJSHandle[]): { kind: "returned"; value: number } | { kind: "interrupted"; reason: ObjectiveFailure } {
    this.interrupted = null;
    const result = this.ctx.callFunction(fn, this.ctx.undefined, ...args);
    for (const a of args) if (a.alive && a !== this.ctx.true && a !== this.ctx.false) a.dispose();
    if (result.error) {
      const err = this.describeError(result.error);
      result.error.dispose();
      if (this.interrupted) return { kind: "interrupted", reason: this.interrupted };
      if (this.outOfMemory(err)) return { kind: "interrupted", reason: "memory" };
      throw new ObjectiveError("threw", `sandbox driver failed: ${err.message}`);
    }
    const value = this.ctx.typeof(result.value) === "number" ? this.ctx.getNumber(result.value) : 0;
    result.value.dispose();
    return { kind: "returned", value };
  }

  /** Build the failure of the point at `row` from what the driver recorded. */
  private failureAt(row: number): ObjectiveError {
    let reason = CODES[this.readNumber(1)] ?? "threw";
    // A failed allocation at the cap may leave no room for the error object (`throw null`-like).
    if (reason === "threw" && this.nearCap()) reason = "memory";
    const message = this.readString(2);
    const pos = positionIn(this.readString(3));
    const what: Record<string, string> = {
      threw: "fitness threw",
      "non-number": "fitness",
      "non-finite": "fitness",
      stack: "fitness exceeded the stack limit (recursion too deep)",
      memory: `fitness exceeded the memory limit (${mib(this.limits.memoryBytes)})`,
    };
    const text = reason === "stack" || reason === "memory" ? what[reason] : `${what[reason]} ${message}`.trim();
    return new ObjectiveError(reason, `point ${row}: ${text}${pos ? ` at line ${pos.line}:${pos.column}` : ""}`, pos?.line, pos?.column, row);
  }

  private limitError(reason: ObjectiveFailure, row: number): ObjectiveError {
    const at = row >= 0 ? `point ${row}: ` : "";
    if (reason === "memory") return new ObjectiveError("memory", `${at}fitness exceeded the memory limit (${mib(this.limits.memoryBytes)})`, undefined, undefined, row);
    if (reason === "chunk-time") {
      return new ObjectiveError("chunk-time", `${at}objective calls exceeded the chunk time limit (${this.limits.chunkTicks} ticks)`, undefined, undefined, row);
    }
    return new ObjectiveError("call-time", `${at}fitness ran past its time limit (${this.limits.callTicks} ticks per call)`, undefined, undefined, row);
  }

  private readString(index: number): string {
    if (!this.state) return "";
    const h = this.ctx.getProp(this.state, index);
    const s = this.ctx.typeof(h) === "string" ? this.ctx.getString(h) : "";
    h.dispose();
    return s.slice(0, 500);
  }

  /** Reads name/message/stack of a thrown value without running tenant code (own data only). */
  private describeError(h: QuickJSHandle): { message: string; stack: string; lineNumber?: number } {
    const ctx = this.ctx;
    if (ctx.typeof(h) !== "object") return { message: "unknown error", stack: "" };
    const read = (k: string) => {
      try {
        const v = ctx.getProp(h, k);
        const s = ctx.typeof(v) === "string" ? ctx.getString(v) : ctx.typeof(v) === "number" ? String(ctx.getNumber(v)) : "";
        v.dispose();
        return s.slice(0, 2000);
      } catch {
        return "";
      }
    };
    const name = read("name");
    const lineNumber = Number(read("lineNumber")) || undefined;
    return { message: `${name ? `${name}: ` : ""}${read("message")}`, stack: read("stack"), lineNumber };
  }

  private outOfMemory(err: { message: string }): boolean {
    // A failed allocation near the cap may leave no room to build the error object itself.
    return err.message.includes("out of memory") || err.message === "unknown error" || this.nearCap();
  }

  /** Remove the sources of non-determinism (Math.random, Date.now, new Date()): objectives must be pure functions of x. */
  private hardenGlobals(): void {
    const r = this.ctx.evalCode(
      `(() => { const no = (what) => function () { throw new TypeError(what + " is not available in objectives: they must be deterministic functions of x"); };
        Object.defineProperty(Math, "random", { value: no("Math.random"), writable: false, configurable: false });
        Object.defineProperty(Date, "now", { value: no("Date.now"), writable: false, configurable: false });
        // new Date() and Date() read the clock too; a Date of a given time still works.
        const RealDate = Date;
        const clock = no("The current time (new Date() without arguments, Date())");
        function SafeDate(...args) {
          if (new.target === undefined || args.length === 0) clock();
          return Reflect.construct(RealDate, args, new.target);
        }
        for (const key of ["UTC", "parse", "now"]) Object.defineProperty(SafeDate, key, { value: RealDate[key], writable: false, configurable: false });
        Object.defineProperty(SafeDate, "prototype", { value: RealDate.prototype, writable: false, configurable: false });
        Object.defineProperty(RealDate.prototype, "constructor", { value: SafeDate, writable: false, configurable: false });
        Object.defineProperty(globalThis, "Date", { value: SafeDate, writable: false, configurable: false, enumerable: false }); })()`,
      "harden.js",
    );
    this.ctx.unwrapResult(r).dispose();
  }

  /** Evaluate the tenant's ES module and bind its `fitness` export. */
  private bindModule(code: string): void {
    const ctx = this.ctx;
    this.interrupted = null;
    this.lastRow = -2;
    const result = ctx.evalCode(code, OBJECTIVE_FILE, { type: "module", strict: true });
    if (result.error) {
      const err = this.describeError(result.error);
      result.error.dispose();
      if (this.interrupted) throw this.limitError(this.interrupted, -1);
      if (this.outOfMemory(err)) throw new ObjectiveError("memory", `module exceeded the memory limit (${mib(this.limits.memoryBytes)})`);
      const pos = positionIn(err.stack) ?? (err.lineNumber ? { line: err.lineNumber, column: 1 } : undefined);
      const syntax = err.message.startsWith("SyntaxError");
      throw new ObjectiveError(syntax ? "syntax" : "module", `${syntax ? "" : "module top level threw "}${err.message}${pos ? ` at line ${pos.line}:${pos.column}` : ""}`, pos?.line, pos?.column);
    }
    const ns = result.value;
    try {
      if (ctx.typeof(ns) !== "object") throw new ObjectiveError("module", "the module's top level must not use top-level await");
      const bind = ctx.getProp(this.driver, "bind");
      const kind = ctx.unwrapResult(ctx.callFunction(bind, ctx.undefined, ns)).consume((h) => ctx.getString(h));
      bind.dispose();
      if (kind !== "function") {
        throw new ObjectiveError(
          "missing-export",
          kind === "undefined" ? "the module must export a function named fitness: export function fitness(x) { ... }" : `export fitness must be a function, got ${kind}`,
        );
      }
    } finally {
      ns.dispose();
    }
  }
}

/** First "objective.js:L:C" in a QuickJS stack: where in the tenant's code it happened. */
export function positionIn(stack: string): { line: number; column: number } | undefined {
  const m = new RegExp(`${OBJECTIVE_FILE.replace(".", "\\.")}:(\\d+)(?::(\\d+))?`).exec(stack);
  if (!m) return undefined;
  return { line: Number(m[1]), column: m[2] ? Number(m[2]) : 1 };
}

function mib(bytes: number): string {
  return `${Math.round(bytes / 1048576)} MiB`;
}
