import { SLOW_WORKER_TESTS } from "../slow-tests";
import { workerProject } from "./test/vitest-project";

// Worker tests run inside workerd against real local D1, R2, Durable Objects and Queues
// (worker/test/vitest-project.ts), the files of one Vitest worker in one shared runtime; the fuzz
// tests of the public API (worker/ops/fuzz/) are the `slow-worker` project (worker/vitest.slow.config.ts).
export default await workerProject("worker", ["worker/**/*.test.ts"], SLOW_WORKER_TESTS, { isolate: false });
