import { SLOW_WORKER_TESTS } from "../slow-tests";
import { workerProject } from "./test/vitest-project";

// The slow Worker tests (fuzzing every public input; slow-tests.ts), inside workerd like the rest.
// `npm test` runs them; `npm run test:fast` skips them.
export default await workerProject("slow-worker", SLOW_WORKER_TESTS);
