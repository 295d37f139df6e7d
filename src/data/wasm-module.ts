import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// Node's WebAssembly global, typed here as far as povrisk uses it (TypeScript types it in the
// DOM library, which this project does not load).
declare const WebAssembly: {
  Module: new (bytes: Uint8Array) => WasmModule;
  Instance: new (module: WasmModule, imports: object) => { exports: object };
};
type WasmModule = { readonly kind: 'WebAssembly.Module' };

/** A WebAssembly instance's memory. */
export interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}

const compiled = new Map<string, WasmModule>();

/**
 * A new instance of one of povrisk's WebAssembly modules (dist/wasm/NAME.wasm, compiled from
 * wasm/NAME.ts by AssemblyScript at `npm run build`), its exports typed as `T`. The module is
 * compiled once per thread. Throws when it has not been built.
 * @example const wasm = wasmExports<{ memory: WasmMemory }>('format-csv', {})
 */
export function wasmExports<T>(name: string, imports: object): T {
  let module = compiled.get(name);
  if (module === undefined) {
    // From src/data or dist/data alike: the package's dist/wasm.
    const path = fileURLToPath(new URL(`../../dist/wasm/${name}.wasm`, import.meta.url));
    if (!existsSync(path)) throw new Error(`${path} is missing; run npm run build`);
    module = new WebAssembly.Module(readFileSync(path));
    compiled.set(name, module);
  }
  return new WebAssembly.Instance(module, imports).exports as T;
}

/**
 * Grows a WebAssembly memory so that it holds at least `bytes` bytes (views on its old buffer
 * are detached when it grows).
 * @example ensureMemory(wasm.memory, base + size)
 */
export function ensureMemory(memory: WasmMemory, bytes: number): void {
  const missing = bytes - memory.buffer.byteLength;
  if (missing > 0) memory.grow(Math.ceil(missing / 65536));
}
