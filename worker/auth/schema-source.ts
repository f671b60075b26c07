/**
 * The better-auth configuration that the database schema is generated from
 * (`npx auth@1.7.5 generate --config worker/auth/schema-source.ts --output worker/db/auth-schema.ts`).
 * Keep its plugin list in step with worker/auth/auth.ts: plugins add tables and columns.
 */
import { betterAuth } from "better-auth";
import { drizzleAdapter } from "better-auth/adapters/drizzle";
import { organization } from "better-auth/plugins";
import { apiKey } from "@better-auth/api-key";

export const auth = betterAuth({
  database: drizzleAdapter({} as never, { provider: "sqlite" }),
  emailAndPassword: { enabled: true },
  plugins: [organization(), apiKey()],
});
