// The Remix server bundle exists only after `npm run build`; its shape is Remix's ServerBuild.
declare module "*/web/build/server/index.js" {
  const build: import("@remix-run/server-runtime").ServerBuild;
  export = build;
}
