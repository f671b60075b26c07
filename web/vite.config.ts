import { vitePlugin as remix } from "@remix-run/dev";
import { defineConfig } from "vite";
import { importAliases } from "../import-aliases";

// Remix v2 with every v3 future flag on, so moving to React Router 7 stays mechanical.
// The build is served by the Worker (worker/web.ts) and its static assets by wrangler [assets].
export default defineConfig({
  root: import.meta.dirname,
  resolve: { alias: importAliases },
  plugins: [
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
