import { defineConfig } from "drizzle-kit";

// Migrations are generated here and applied with `wrangler d1 migrations apply DB --local`
// (npm run dev) or `applyD1Migrations` (tests); drizzle-kit never talks to a database.
export default defineConfig({
  dialect: "sqlite",
  schema: "./worker/db/schema.ts",
  out: "./migrations",
});
