import { SLOW_WORKER_TESTS } from "../slow-tests";
import { FRESH_RUNTIME_TESTS, workerProject } from "./test/vitest-project";

// Worker tests run inside workerd against real local D1, R2, Durable Objects and Queues
// (worker/test/vitest-project.ts), the files of one Vitest worker in one shared runtime. The fuzz
// tests (slow-tests.ts) are the `slow-worker` project; the few files that need a fresh runtime
// (FRESH_RUNTIME_TESTS) are `worker-fresh` (worker/vitest.fresh.config.ts).
export default await workerProject("worker", ["worker/**/*.test.ts"], [...SLOW_WORKER_TESTS, ...FRESH_RUNTIME_TESTS], { isolate: false });
