import { readdirSync, readFileSync } from "node:fs";

/** Resident memory (MiB) of the workerd processes under the wrangler started for `stateDir`. */
export function workerMemoryMiB(stateDir: string | undefined): string {
  if (!stateDir) return "n/a";
  try {
    const procs = readdirSync("/proc").filter((p) => /^\d+$/.test(p));
    const parentOf = new Map<string, string>();
    const cmd = new Map<string, string>();
    for (const p of procs) {
      try {
        const stat = readFileSync(`/proc/${p}/stat`, "utf8");
        parentOf.set(p, stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
        cmd.set(p, readFileSync(`/proc/${p}/cmdline`, "utf8").replaceAll("\0", " "));
      } catch {
        // the process ended meanwhile
      }
    }
    const roots = new Set([...cmd].filter(([, c]) => c.includes("wrangler") && c.includes(stateDir)).map(([p]) => p));
    const under = (p: string): boolean => {
      for (let q = parentOf.get(p), i = 0; q && q !== "0" && i < 20; q = parentOf.get(q), i++) if (roots.has(q)) return true;
      return false;
    };
    let kb = 0;
    for (const [p, c] of cmd) {
      if (!c.includes("workerd") || !under(p)) continue;
      const m = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${p}/status`, "utf8"));
      kb += m ? Number(m[1]) : 0;
    }
    return kb ? `${(kb / 1024).toFixed(0)} MiB` : "n/a";
  } catch {
    return "n/a";
  }
}
