import { workerProject } from "./test/vitest-project";

// Worker tests run inside workerd against real local D1, R2, Durable Objects and Queues
// (worker/test/vitest-project.ts), the files of one Vitest worker in one shared runtime, the fuzz
// tests of the public API (worker/ops/fuzz/) with them.
export default await workerProject("worker", ["worker/**/*.test.ts"], [], { isolate: false });
