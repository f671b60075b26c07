/** Benchmark report helpers: the machine header, order statistics, and saving tables. */
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));

/** Markdown lines naming the command and the machine, so figures can be compared fairly. */
export function machineHeader(command: string): string[] {
  const cpu = cpus();
  return [
    `Command: \`${command}\``,
    "",
    `Machine: ${cpu[0]?.model ?? "unknown CPU"} × ${cpu.length} cores, Node ${process.version}, load average at start ${loadavg()
      .map((x) => x.toFixed(1))
      .join(" / ")} (shared machine: other jobs may slow runs), ${new Date().toISOString().slice(0, 16)}Z. Single-threaded runs.`,
    "",
  ];
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
}

export function listOption(args: string[], name: string, fallback: string[]): string[] {
  const v = option(args, name);
  return v
    ? v
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean)
    : fallback;
}

/** Print a report and keep a copy in bench/results/<name>.md. */
export function publish(name: string, lines: string[]): void {
  const text = lines.join("\n") + "\n";
  console.log(text);
  const out = resolve(here, "results", `${name}.md`);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, text);
  console.error(`wrote ${out}`);
}
