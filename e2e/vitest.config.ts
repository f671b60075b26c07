import { SLOW_BROWSER_TESTS } from "../slow-tests";
import { e2eProject, fromE2e } from "./project";

// End-to-end tests of the app's flows in real Chromium (e2e/project.ts). The route audits (every route at
// two widths with axe; slow-tests.ts) are the `slow-browser` project (e2e/vitest.slow.config.ts).
export default e2eProject("e2e", ["**/*.e2e.ts", "support/**/*.test.ts"], SLOW_BROWSER_TESTS.map(fromE2e));
