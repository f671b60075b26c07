/**
 * Storage fault injection for Worker tests: an `env` whose D1 and/or R2 fail on
 * chosen calls, over the REAL local bindings — every call that is not failed goes through, so
 * the test sees exactly what a real outage in the middle of a request leaves behind.
 *
 *   const f = faultyEnv(env, { db: (sql) => /^insert into "job"/i.test(sql) });
 *   await app.fetch(request, f.env, ctx);   // the job insert throws D1_ERROR, everything else works
 *   f.injected                              // how many failures were injected
 *
 * The errors look like the platform's: D1 throws `D1_ERROR: Network connection lost.` (wrapped by
 * drizzle like a real one), R2 throws an error named `R2Error` with a numeric code.
 */
import type { Env } from "../env";

export type R2Op = "put" | "get" | "head" | "delete" | "list";

export interface FaultPlan {
  /** Fail this D1 statement? `n` counts D1 executions (1-based) through this env. */
  db?: (sql: string, n: number) => boolean;
  /** Fail this R2 call? `key` is the key (first one for a multi-delete, prefix for list). */
  r2?: (op: R2Op, key: string, n: number) => boolean;
}

export interface FaultyEnv {
  env: Env;
  /** Failures injected so far. */
  readonly injected: number;
  /** Every D1 statement executed (or refused) through this env, in order. */
  readonly sql: string[];
  /** Stops injecting: the same env object becomes healthy (the outage is over). */
  heal(): void;
}

export function d1Outage(): Error {
  return new Error("D1_ERROR: Network connection lost.", { cause: new Error("Network connection lost.") });
}

export function r2Outage(op: string): Error {
  const e = new Error(`${op}: We encountered an internal error. Please try again. (10001)`);
  Object.defineProperties(e, { name: { value: "R2Error" }, code: { value: 10001 }, action: { value: op } });
  return e;
}

/** Keeps the real statement for `batch` (which needs the platform's own objects). */
class FaultyStatement {
  constructor(
    readonly real: D1PreparedStatement,
    readonly sql: string,
    private readonly check: (sql: string) => void,
  ) {}
  bind(...values: unknown[]): FaultyStatement {
    return new FaultyStatement(this.real.bind(...values), this.sql, this.check);
  }
  first(column?: string) {
    this.check(this.sql);
    return column === undefined ? this.real.first() : this.real.first(column);
  }
  run() {
    this.check(this.sql);
    return this.real.run();
  }
  all() {
    this.check(this.sql);
    return this.real.all();
  }
  raw(options?: { columnNames?: boolean }) {
    this.check(this.sql);
    return this.real.raw(options as { columnNames: true });
  }
}

export function faultyEnv(base: Env, plan: FaultPlan): FaultyEnv {
  let injected = 0;
  let healthy = false;
  let dbCalls = 0;
  let r2Calls = 0;
  const sql: string[] = [];

  const checkSql = (text: string) => {
    dbCalls++;
    sql.push(text);
    if (!healthy && plan.db?.(text, dbCalls)) {
      injected++;
      throw d1Outage();
    }
  };
  const db = {
    prepare: (text: string) => new FaultyStatement(base.DB.prepare(text), text, checkSql),
    batch: async (statements: FaultyStatement[]) => {
      for (const s of statements) checkSql(s.sql);
      return base.DB.batch(statements.map((s) => (s instanceof FaultyStatement ? s.real : (s as D1PreparedStatement))));
    },
    exec: (text: string) => {
      checkSql(text);
      return base.DB.exec(text);
    },
    withSession: () => db,
    dump: () => base.DB.dump(),
  } as unknown as D1Database;

  const checkR2 = (op: R2Op, key: string) => {
    r2Calls++;
    if (!healthy && plan.r2?.(op, key, r2Calls)) {
      injected++;
      throw r2Outage(op);
    }
  };
  const bucket = base.BLOBS;
  const blobs = {
    put: async (key: string, value: never, options?: R2PutOptions) => {
      checkR2("put", key);
      return bucket.put(key, value, options);
    },
    get: async (key: string, options?: R2GetOptions) => {
      checkR2("get", key);
      return bucket.get(key, options);
    },
    head: async (key: string) => {
      checkR2("head", key);
      return bucket.head(key);
    },
    delete: async (keys: string | string[]) => {
      checkR2("delete", Array.isArray(keys) ? (keys[0] ?? "") : keys);
      return bucket.delete(keys);
    },
    list: async (options?: R2ListOptions) => {
      checkR2("list", options?.prefix ?? "");
      return bucket.list(options);
    },
    createMultipartUpload: bucket.createMultipartUpload.bind(bucket),
    resumeMultipartUpload: bucket.resumeMultipartUpload.bind(bucket),
  } as unknown as R2Bucket;

  // Every other binding (Durable Objects, queues, vars) is the real one.
  const env = new Proxy(base, {
    get: (target, prop) => (prop === "DB" && plan.db ? db : prop === "BLOBS" && plan.r2 ? blobs : Reflect.get(target, prop)),
  });
  return {
    env,
    get injected() {
      return injected;
    },
    sql,
    heal: () => {
      healthy = true;
    },
  };
}
