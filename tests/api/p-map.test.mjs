// p-map's own tests (sindresorhus/p-map, test.js), ported to map: p-map's
// `concurrency` is `workers`, `stopOnError` is `failFast`, and its mapper's
// second argument, the index, is `{ index, signal }`. Its timing bounds are
// kept as lower bounds and generous upper ones (the machine is shared). A
// test whose name says "differs on purpose" checks where map does better or
// otherwise; pMapSkip and pMapIterable have no counterpart.
import { test } from "node:test";
import assert from "node:assert/strict";
import { getEventListeners } from "node:events";
import { map, delay, timeSpan, randomInt, rejection, unhandledRejections } from "./harness.mjs";

const sharedInput = [[async () => 10, 300], [20, 200], Promise.resolve([30, 100])];

const errorInput1 = [
  [20, 200],
  [30, 100],
  [async () => { throw new Error("foo"); }, 10],
  [() => { throw new Error("bar"); }, 10],
];

const errorInput2 = [
  [20, 200],
  [async () => { throw new Error("bar"); }, 10],
  [30, 100],
  [() => { throw new Error("foo"); }, 10],
];

const mapper = async ([value, ms]) => {
  await delay(ms);
  return typeof value === "function" ? value() : value;
};

/** p-map's: an iterator that throws when asked for item `throwOnIndex`, and counts how often it was asked. */
class ThrowingIterator {
  index = 0;
  constructor(max, throwOnIndex) {
    this.max = max;
    this.throwOnIndex = throwOnIndex;
  }

  [Symbol.iterator]() {
    let index = 0;
    return {
      next: () => {
        try {
          if (index === this.throwOnIndex) throw new Error(`throwing on index ${index}`);
          return { value: index, done: index === this.max };
        } finally {
          index++;
          this.index = index;
        }
      },
    };
  }
}

/** p-map's: an async iterable with 10 ms between items. */
class AsyncTestData {
  constructor(data) {
    this.data = data;
  }

  async *[Symbol.asyncIterator]() {
    for (const item of this.data) {
      await delay(10);
      yield item;
    }
  }
}

for (const [name, of] of [["", (data) => data], ["asyncIterator - ", (data) => new AsyncTestData(data)]]) {
  test(`${name}main`, async () => {
    const end = timeSpan();
    assert.deepEqual(await map(of(sharedInput), mapper), [10, 20, 30]);
    const took = end();
    assert.ok(took >= 290 && took < 600, `${took} ms: the three ran at once`);
  });

  test(`${name}concurrency: 1`, async () => {
    const end = timeSpan();
    assert.deepEqual(await map(of(sharedInput), mapper, { workers: 1 }), [10, 20, 30]);
    assert.ok(end() >= 590, `${end()} ms: one at a time`);
  });

  test(`${name}concurrency: 4`, async () => {
    let running = 0;
    let most = 0;
    await map(of(Array.from({ length: 100 }).fill(0)), async () => {
      running++;
      most = Math.max(most, running);
      await delay(randomInt(30, 200));
      running--;
    }, { workers: 4 });
    assert.equal(most, 4);
  });

  test(`${name}handles empty iterable`, async () => {
    assert.deepEqual(await map(of([]), mapper), []);
  });

  for (const [sequence, input] of [
    ["random", Array.from({ length: 10 }, () => randomInt(0, 100))],
    ["problematic", [100, 200, 10, 36, 13, 45]],
    ["out of order", [200, 100, 50]],
  ]) {
    test(`${name}async with concurrency: 2 (${sequence} time sequence)`, async () => {
      assert.deepEqual(await map(of(input), (value) => delay(value, value), { workers: 2 }), input);
    });
  }

  test(`${name}enforce number in options.concurrency (differs on purpose: a RangeError that names workers, and no Infinity)`, async () => {
    for (const workers of [0, 1.5, Number.POSITIVE_INFINITY]) {
      const error = await rejection(map(of([]), () => {}, { workers }));
      assert.ok(error instanceof RangeError, String(error));
      assert.match(error.message, /^workers must be an integer from 1 to 10000, got /);
    }
    const error = await rejection(map(of([]), () => {}, { concurrency: 2 }));
    assert.ok(error instanceof TypeError);
    for (const workers of [1, 10, 10_000]) assert.deepEqual(await map(of([]), () => {}, { workers }), []);
  });

  test(`${name}immediately rejects when stopOnError is true`, async () => {
    assert.equal((await rejection(map(of(errorInput1), mapper, { workers: 1 }))).message, "foo");
    assert.equal((await rejection(map(of(errorInput2), mapper, { workers: 1 }))).message, "bar");
  });

  test(`${name}aggregate errors when stopOnError is false (differs on purpose: the message counts them)`, async () => {
    assert.deepEqual(await map(of(sharedInput), mapper, { workers: 1, failFast: false }), [10, 20, 30]);
    for (const [input, messages] of [[errorInput1, ["foo", "bar"]], [errorInput2, ["bar", "foo"]]]) {
      const error = await rejection(map(of(input), mapper, { workers: 1, failFast: false }));
      assert.ok(error instanceof AggregateError);
      assert.deepEqual(error.errors.map((e) => e.message), messages);
      assert.equal(error.message, "2 jobs failed");
    }
  });

  test(`${name}all mappers should run when concurrency is infinite, even after stop-on-error happened (differs on purpose: the running ones' signals are aborted)`, async () => {
    const input = [1, async () => delay(300, 2), 3];
    const mappedValues = [];
    const aborted = [];
    const error = await rejection(map(of(input), async (value, { signal }) => {
      signal.addEventListener("abort", () => aborted.push(value));
      value = typeof value === "function" ? await value() : value;
      mappedValues.push(value);
      if (value === 1) {
        await delay(100);
        throw new Error(`Oops! ${value}`);
      }
      await delay(1000, undefined);
    }, { workers: 10_000 }));
    assert.equal(error.message, "Oops! 1");
    await delay(500);
    // A mapper already called goes on with its own code: JS cannot stop it, but its signal says it was dropped.
    assert.deepEqual(mappedValues, [1, 3, 2]);
    assert.deepEqual(aborted.sort(), [3, input[1]].sort());
  });
}

test("catches exception from source iterator - 1st item", async () => {
  const input = new ThrowingIterator(100, 0);
  const mappedValues = [];
  const error = await rejection(map(input, async (value) => {
    mappedValues.push(value);
    await delay(100);
    return value;
  }, { workers: 1, failFast: true }));
  assert.equal(error.message, "throwing on index 0");
  assert.equal(input.index, 1);
  await delay(300);
  assert.deepEqual(mappedValues, []);
});

// p-map asks for the next item only when a mapper may start: map does so with
// an unbuffered queue (queueLength 0); with a queue, it asks while there is room.
test("catches exception from source iterator - 2nd item", async () => {
  const input = new ThrowingIterator(100, 1);
  const mappedValues = [];
  await rejection(map(input, async (value) => {
    mappedValues.push(value);
    await delay(100);
    return value;
  }, { workers: 1, queueLength: 0, failFast: true }));
  await delay(300);
  assert.equal(input.index, 2);
  assert.deepEqual(mappedValues, [0]);
});

test("catches exception from source iterator - 2nd item after 1st item mapper throw", async () => {
  const input = new ThrowingIterator(100, 1);
  const mappedValues = [];
  const error = await rejection(map(input, async (value) => {
    mappedValues.push(value);
    await delay(100);
    throw new Error("mapper threw error");
  }, { workers: 1, queueLength: 0, failFast: false }));
  await delay(300);
  assert.equal(error.message, "throwing on index 1");
  assert.equal(input.index, 2);
  assert.deepEqual(mappedValues, [0]);
});

test("asyncIterator - get the correct exception after stop-on-error", async () => {
  const input = [1, async () => delay(200, 2), async () => delay(300, 3)];
  const mappedValues = [];
  // Its rejection is taken at once: the test's await comes later.
  const task = rejection(map(new AsyncTestData(input), async (value) => {
    if (typeof value === "function") value = await value();
    mappedValues.push(value);
    await delay(100);
    throw new Error(`Oops! ${value}`);
  }));
  await delay(500);
  assert.equal((await task).message, "Oops! 1");
  assert.deepEqual(mappedValues, [1, 2, 3]);
});

test("incorrect input type (differs on purpose: the message is the JS API's)", async () => {
  let mapperCalled = false;
  const task = rejection(map(123_456, async () => {
    mapperCalled = true;
  }));
  await delay(100);
  const error = await task;
  assert.ok(error instanceof TypeError);
  assert.equal(error.message, "input must be an iterable or an async iterable, got 123456");
  assert.equal(mapperCalled, false);
});

test("no unhandled rejected promises from mapper throws - infinite concurrency (differs on purpose: no Infinity, so 10,000 workers)", async () => {
  const mappedValues = [];
  const error = await rejection(map([1, 2, 3], async (value) => {
    mappedValues.push(value);
    await delay(100);
    throw new Error(`Oops! ${value}`);
  }, { workers: 10_000 }));
  assert.equal(error.message, "Oops! 1");
  assert.deepEqual(mappedValues, [1, 2, 3]);
  await delay(50);
  assert.deepEqual(await unhandledRejections(), []);
});

test("no unhandled rejected promises from mapper throws - concurrency 1", async () => {
  const mappedValues = [];
  const error = await rejection(map([1, 2, 3], async (value) => {
    mappedValues.push(value);
    await delay(100);
    throw new Error(`Oops! ${value}`);
  }, { workers: 1 }));
  assert.equal(error.message, "Oops! 1");
  assert.deepEqual(mappedValues, [1]);
  assert.deepEqual(await unhandledRejections(), []);
});

test("invalid mapper (differs on purpose: the message names the argument)", async () => {
  const error = await rejection(map([], "invalid mapper", { workers: 2 }));
  assert.ok(error instanceof TypeError);
  assert.equal(error.message, 'mapper must be a function, got "invalid mapper" (a string)');
});

test("abort by AbortController", async () => {
  const controller = new AbortController();
  setTimeout(() => controller.abort(), 100);
  const error = await rejection(map([delay(1000), new AsyncTestData(100), 100], async (value) => value, { signal: controller.signal }));
  assert.equal(error.name, "AbortError");
});

test("already aborted signal", async () => {
  const controller = new AbortController();
  controller.abort();
  let called = 0;
  const error = await rejection(map([delay(1000), new AsyncTestData(100), 100], async (value) => called++, { signal: controller.signal }));
  assert.equal(error.name, "AbortError");
  assert.equal(getEventListeners(controller.signal, "abort").length, 0);
  assert.equal(called, 0);
});

test("a signal that never aborts keeps no listener after the run (map's own)", async () => {
  const controller = new AbortController();
  assert.deepEqual(await map([1, 2], async (value) => value, { signal: controller.signal }), [1, 2]);
  assert.equal(getEventListeners(controller.signal, "abort").length, 0);
});
