import { SLOW_BROWSER_TESTS } from "../slow-tests";
import { e2eProject, fromE2e } from "./project";

// The route audits (slow-tests.ts): every route of the app at 1280 and 390 px, each opened in a fresh tab and
// checked for horizontal overflow, console errors and serious axe-core findings. `npm run test:slow` runs them
// (CI too, after `npm test`); `npm test` leaves them out.
export default e2eProject("slow-browser", SLOW_BROWSER_TESTS.map(fromE2e));
