/**
 * npm run bench -- [tsp | continuous | timetabling | runtime | sandbox | permutation | fet | race] [flags]
 * With no suite: tsp then continuous. Each suite is a module exporting `run(args)`; a suite whose
 * module is missing (another engineer's, not written yet) is reported and skipped.
 */
const suites: Record<string, string> = {
  tsp: "./tsp",
  continuous: "./continuous",
  timetabling: "./timetabling",
  runtime: "./runtime",
  sandbox: "./sandbox",
  permutation: "./permutation",
  fet: "./fet",
  contribute: "./contribute",
  race: "./race",
};

const DEFAULT = ["tsp", "continuous"];

async function main(argv: string[]): Promise<void> {
  const first = argv[0];
  const chosen = first && !first.startsWith("--") ? [first] : DEFAULT;
  const args = first && !first.startsWith("--") ? argv.slice(1) : argv;
  for (const name of chosen) {
    const path = suites[name];
    if (!path) {
      console.error(`unknown benchmark "${name}" (expected one of: ${Object.keys(suites).join(", ")})`);
      process.exitCode = 2;
      return;
    }
    let mod: { run?: (args: string[]) => Promise<void> | void };
    try {
      mod = await import(path);
    } catch (e) {
      if ((e as { code?: string }).code === "ERR_MODULE_NOT_FOUND" || /Cannot find module/.test(String(e))) {
        console.error(`benchmark "${name}" is not available yet (bench/${name}.ts is missing); skipped`);
        continue;
      }
      throw e;
    }
    if (typeof mod.run !== "function") {
      console.error(`bench/${name}.ts does not export run(args); skipped`);
      continue;
    }
    await mod.run(args);
  }
}

main(process.argv.slice(2)).catch((e) => {
  console.error(e);
  process.exit(1);
});
