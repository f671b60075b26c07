#!/usr/bin/env node
// `npm run reset`: wipes all local state (D1, R2, Durable Objects, queues) under .wrangler/state.
// The next `npm run dev` re-applies migrations and seeds the demo tenant again.
import { rmSync } from "node:fs";

rmSync(".wrangler/state", { recursive: true, force: true });
console.log("Local state wiped (.wrangler/state). Run npm run dev to start fresh.");
