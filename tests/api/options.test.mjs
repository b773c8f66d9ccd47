// run's options as the JS API checks them (checkOptions, which run uses):
// each kind of JS value is shown in the message as the checks tell it, from
// numbers (as JS's String(n) writes them) to symbols, typed arrays and
// DataViews; and what is not an object is no options.
import { test } from "node:test";
import assert from "node:assert/strict";
import "./harness.mjs";

const { checkOptions } = await import(new URL("../../pkg/api/dispatcher_demo_api.js", import.meta.url).href);

/** The error's kind and message for `options`, or null. */
const refusal = (options) => {
  const error = checkOptions(options);
  return error && `${error.name}: ${error.message}`;
};

test("each kind of value is shown as the checks tell it", () => {
  const cases = [
    [0.5, "RangeError: workers must be an integer from 1 to 10000, got 0.5"],
    [1e21, "RangeError: workers must be an integer from 1 to 10000, got 1e+21"],
    [-1e-7, "RangeError: workers must be an integer from 1 to 10000, got -1e-7"],
    [NaN, "RangeError: workers must be an integer from 1 to 10000, got NaN"],
    [-Infinity, "RangeError: workers must be an integer from 1 to 10000, got -Infinity"],
    [true, "TypeError: workers must be an integer from 1 to 10000, got true"],
    ["5", 'TypeError: workers must be an integer from 1 to 10000, got "5" (a string)'],
    ['a "b"\n', 'TypeError: workers must be an integer from 1 to 10000, got "a \\"b\\"\\n" (a string)'],
    [null, "TypeError: workers must be an integer from 1 to 10000, got null"],
    [[1], "TypeError: workers must be an integer from 1 to 10000, got an array"],
    [new Uint8Array(1), "TypeError: workers must be an integer from 1 to 10000, got an array"],
    [new DataView(new ArrayBuffer(1)), "TypeError: workers must be an integer from 1 to 10000, got an object"],
    [() => 1, "TypeError: workers must be an integer from 1 to 10000, got a function"],
    [1n, "TypeError: workers must be an integer from 1 to 10000, got a bigint"],
    [Symbol("s"), "TypeError: workers must be an integer from 1 to 10000, got a symbol"],
    [{}, "TypeError: workers must be an integer from 1 to 10000, got an object"],
  ];
  for (const [workers, message] of cases) assert.equal(refusal({ workers }), message, String(message));
  assert.equal(refusal({ workers: undefined }), null);
});

test("lists, numbers, flags and the options themselves", () => {
  assert.equal(refusal({ waits: new Uint32Array([1, 2]), jobs: 2 }), null);
  assert.equal(refusal({ waits: [1, "x"] }), 'TypeError: waits[1] must be an integer from 0 to 600000, got "x" (a string)');
  assert.equal(refusal({ waits: [1, 600001] }), "RangeError: waits[1] must be an integer from 0 to 600000, got 600001");
  assert.equal(refusal({ waits: 3 }), "TypeError: waits must be an array of integers from 0 to 600000, got 3");
  assert.equal(refusal({ jobs: 2, waits: [1] }), "RangeError: jobs is 2, but 1 waits are given, which set the number of jobs: leave jobs out");
  assert.equal(refusal({ speed: 5 }), "RangeError: speed must be a number from 0.1 to 4, got 5");
  assert.equal(refusal({ speed: 0.05 }), "RangeError: speed must be a number from 0.1 to 4, got 0.05");
  assert.equal(refusal({ failFast: 1 }), "TypeError: failFast must be true or false, got 1");
  assert.equal(refusal({ seed: 2 ** 53 }), "RangeError: seed must be an integer from 0 to 9007199254740991, got 9007199254740992");
  assert.equal(refusal({ signal: {} }), "TypeError: signal must be an AbortSignal, got an object");
  assert.equal(refusal({ pause: 1 }), "TypeError: pause must be a PauseController, got 1");
  assert.equal(refusal({ devtools: true }).split(";")[0], 'TypeError: unknown option "devtools"');
  assert.equal(refusal("x"), 'TypeError: options must be an object, got "x" (a string)');
  assert.equal(refusal([]), "TypeError: options must be an object, got an array");
  assert.equal(refusal(() => {}), "TypeError: options must be an object, got a function");
  // A typed array is an object: its keys are no options.
  assert.equal(refusal(new Float64Array(1)), 'TypeError: unknown option "0"; the options are workers, queueLength, jobs, maxWaitMs, thresholdMs, seed, waits, cancelInFlight, failFast, speed, signal, pause');
  assert.equal(refusal(null), null);
  assert.equal(refusal({}), null);
});
