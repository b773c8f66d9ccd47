// What the JS API's tests share: the module with `map` (pkg/api/, which
// make wasm builds), instantiated once under node; timers; and a watch on
// unhandled rejections, which map must never leave.
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import process from "node:process";

const api = new URL("../../pkg/api/", import.meta.url);
const glue = await import(new URL("dispatcher_demo_api.js", api).href);
await glue.default({ module_or_path: await readFile(fileURLToPath(new URL("dispatcher_demo_api_bg.wasm", api))) });

export const { map, PauseController } = glue;

/** Resolves with `value` after `ms`. */
export const delay = (ms, value) => new Promise((resolve) => setTimeout(resolve, ms, value));

/** ms since `start()` was called, when the returned function is. */
export function timeSpan() {
  const started = performance.now();
  return () => performance.now() - started;
}

/** A whole number from `min` to `max`. */
export const randomInt = (min, max) => min + Math.floor(Math.random() * (max - min + 1));

const unhandled = [];
process.on("unhandledRejection", (reason) => unhandled.push(reason));

/** The rejections no one handled since the last call, after a macrotask for stragglers. */
export async function unhandledRejections() {
  await delay(0);
  return unhandled.splice(0);
}

/** What a promise rejects with (it must reject). */
export async function rejection(promise) {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("it resolved");
}
