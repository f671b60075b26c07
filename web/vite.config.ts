import { vitePlugin as remix } from "@remix-run/dev";
import { copyFileSync, mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { defineConfig, type Plugin } from "vite";
import { importAliases } from "../import-aliases";

/**
 * The API reference at /v1/docs (worker/api/docs.ts) is Swagger UI served from our own origin:
 * its bundle and stylesheet are copied from the pinned `swagger-ui-dist` package into the client
 * build beside our start script and colour corrections (web/api-docs/), so the page works offline and never loads
 * a third-party script.
 */
function apiDocsAssets(): Plugin {
  const dist = dirname(createRequire(import.meta.url).resolve("swagger-ui-dist/package.json"));
  let ssr = false;
  return {
    name: "evolve-api-docs-assets",
    apply: "build",
    configResolved(config) {
      ssr = Boolean(config.build.ssr);
    },
    closeBundle() {
      if (ssr) return;
      const out = join(import.meta.dirname, "build/client/api-docs");
      mkdirSync(out, { recursive: true });
      for (const file of ["swagger-ui-bundle.js", "swagger-ui.css"]) copyFileSync(join(dist, file), join(out, file));
      for (const file of ["init.js", "evolve.css"]) copyFileSync(join(import.meta.dirname, "api-docs", file), join(out, file));
      // The site icon, the start page's product picture and the assets' response headers (web/public/),
      // served (or, for _headers, read) by wrangler [assets].
      for (const file of ["favicon.ico", "favicon.svg", "landing-convergence.png", "_headers"])
        copyFileSync(join(import.meta.dirname, "public", file), join(import.meta.dirname, "build/client", file));
    },
  };
}

// Remix v2 with every v3 future flag on, so moving to React Router 7 stays mechanical.
// The build is served by the Worker (worker/web.ts) and its static assets by wrangler [assets].
export default defineConfig({
  root: import.meta.dirname,
  resolve: { alias: importAliases },
  plugins: [
    apiDocsAssets(),
    remix({
      appDirectory: `${import.meta.dirname}/app`,
      buildDirectory: `${import.meta.dirname}/build`,
      serverModuleFormat: "esm",
      future: {
        v3_fetcherPersist: true,
        v3_relativeSplatPath: true,
        v3_throwAbortReason: true,
        v3_lazyRouteDiscovery: true,
        v3_singleFetch: true,
        v3_routeConfig: false,
      },
    }),
  ],
  ssr: {
    target: "webworker",
    resolve: { conditions: ["workerd", "worker", "browser"], externalConditions: ["workerd", "worker"] },
  },
  build: {
    minify: true,
    // Loaders import the Worker's services, some of which load WASM (the QuickJS sandbox). Leave
    // those imports to wrangler, whose CompiledWasm rule bundles the module for workerd.
    rollupOptions: { external: [/quickjs-wasmfile-release-sync\/wasm$/, /\.wasm$/] },
  },
});
