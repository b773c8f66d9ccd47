// The consumer's own `run`, from its wasm module built for node: it must run
// the README's example, on the consumer's own allocator.
//   node tests/consumer/run.mjs target/consumer/node
import { writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { resolve } from "node:path";

const folder = resolve(process.argv[2]);
// wasm-bindgen's node glue is CommonJS, and reads its .wasm from the working directory.
writeFileSync(`${folder}/package.json`, '{ "type": "commonjs" }\n');
process.chdir(folder);
const consumer = createRequire(import.meta.url)(`${folder}/consumer.js`);
const sizes = Array.from(await consumer.run());
const allocated = consumer.allocated();
console.log(`consumer's run() = [${sizes}], its allocator handed out ${allocated} B`);
if (sizes.join() !== "500,500,400" || !(allocated > 0)) process.exit(1);
