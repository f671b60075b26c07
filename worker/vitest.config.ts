import { SLOW_WORKER_TESTS } from "../slow-tests";
import { workerProject } from "./test/vitest-project";

// Worker tests run inside workerd against real local D1, R2, Durable Objects and Queues
// (worker/test/vitest-project.ts). The fuzz tests (slow-tests.ts) are the `slow-worker` project.
export default await workerProject("worker", ["worker/**/*.test.ts"], SLOW_WORKER_TESTS);
