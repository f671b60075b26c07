import { SLOW_WORKER_TESTS } from "../slow-tests";
import { workerProject } from "./test/vitest-project";

// The Worker's fuzz tests (every public input; slow-tests.ts), inside workerd like the rest, each file in a
// runtime of its own: their thousands of requests leave jobs running in the background, and in the shared
// `worker` runtime two clean-clone runs of four then hung when Vitest closed the runtime after every file
// had passed (bench/results/test-suite.md). `npm run test:slow` runs them (CI too); `npm test` leaves them out.
export default await workerProject("slow-worker", SLOW_WORKER_TESTS);
