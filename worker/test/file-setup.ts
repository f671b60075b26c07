// Runs before every worker test file, inside workerd, after apply-migrations.ts: files share one
// runtime (worker/test/vitest-project.ts, `isolate: false`), so each starts with a client address
// of its own for the per-client rate limits (worker/test/fixtures.ts, `call`).
import { newClientIpForThisFile, quietInfoLogs } from "./fixtures";

newClientIpForThisFile();
quietInfoLogs();
