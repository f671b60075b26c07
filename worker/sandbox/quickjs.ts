/**
 * QuickJS for workerd. Workers cannot compile WebAssembly from bytes at run time, so the engine
 * arrives precompiled as a module import (wrangler's CompiledWasm rule, STACK.md); each sandbox
 * instantiates it over its own capped memory (see sandbox.ts for why one instance per sandbox).
 */
import releaseSync from "@jitl/quickjs-wasmfile-release-sync";
import wasm from "@jitl/quickjs-wasmfile-release-sync/wasm";
import { newQuickJSWASMModuleFromVariant, newVariant } from "quickjs-emscripten-core";
import type { QuickJSLoader } from "./sandbox";

export const loadQuickJS: QuickJSLoader = (memory) => newQuickJSWASMModuleFromVariant(newVariant(releaseSync, { wasmModule: wasm, wasmMemory: memory }));
