/**
 * The import aliases of tsconfig.base.json `paths` (`@core/…`, `@worker/…`) for Vite and Vitest:
 * web/vite.config.ts, web/vitest.config.ts and worker/vitest.config.ts use this. Wrangler's
 * esbuild and tsx read the tsconfig paths themselves.
 */
const root = new URL(".", import.meta.url).pathname;

export const importAliases = {
  "@core": `${root}core`,
  "@worker": `${root}worker`,
};
