// workerd (and wrangler's CompiledWasm rule) hand a .wasm import over as a compiled module.
declare module "@jitl/quickjs-wasmfile-release-sync/wasm" {
  const module: WebAssembly.Module;
  export default module;
}
