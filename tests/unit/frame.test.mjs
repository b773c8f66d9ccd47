// www/frame.js under node's own test runner: one animation frame for every
// element on a page.
import { test } from "node:test";
import assert from "node:assert/strict";

test("frame.js draws every element in one animation frame, reads first, and leaves what is over budget to the next", async () => {
  const frames = [];
  globalThis.requestAnimationFrame = (callback) => frames.push(callback);
  const { requestFrame, cancelFrame, FRAME_BUDGET_MS } = await import("../../www/frame.js");
  const order = [];
  const draw = (name, ms = 0) => () => {
    order.push(name);
    const until = performance.now() + ms;
    while (performance.now() < until);
  };
  const a = draw("a"), b = draw("b", FRAME_BUDGET_MS + 2), c = draw("c"), d = draw("d");
  requestFrame(a, () => order.push("read a"));
  requestFrame(b, () => order.push("read b"));
  requestFrame(a);
  requestFrame(c);
  requestFrame(d);
  cancelFrame(d);
  assert.equal(frames.length, 1);
  frames.shift()();
  assert.deepEqual(order, ["read a", "read b", "a", "b"]);
  // c went over budget: it is first in the next frame.
  assert.equal(frames.length, 1);
  frames.shift()();
  assert.deepEqual(order.slice(4), ["c"]);
  assert.equal(frames.length, 0);
  delete globalThis.requestAnimationFrame;
});
