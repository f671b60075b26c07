import { FRESH_RUNTIME_TESTS, workerProject } from "./test/vitest-project";

// Worker test files that need a runtime of their own (the reasons are in worker/test/vitest-project.ts).
export default await workerProject("worker-fresh", FRESH_RUNTIME_TESTS);
