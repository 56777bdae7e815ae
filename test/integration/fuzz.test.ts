/**
 * Argument fuzzing (issue 12): every public method of the producer, consumer, admin client,
 * MockCluster, the builders, Headers, the serdes and the error classes is called with
 * generated arguments — wrong types, extreme numbers, odd strings (NUL, huge, unicode), odd
 * objects, and near-valid shapes with one bad field. Each call must succeed, or throw/reject
 * a TypeError or a typed KafkaException: never crash the process, never hang (each call is
 * bounded), never a plain Error.
 *
 * Deterministic: a fixed seed (FUZZ_SEED overrides it, FUZZ_RUNS the number of runs); on a
 * failure fast-check prints the seed and the shrunk counterexample, and this file prints the
 * method and arguments. Methods are found on the prototypes, so new ones are fuzzed too.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, expect, test } from 'vitest';
import {
  AdminClientBuilder,
  ConsumerBuilder,
  Deserializers,
  Headers,
  KafkaError,
  KafkaException,
  MockCluster,
  ProducerBuilder,
  Serializers,
  type IAdminClient,
  type IConsumer,
  type IProducer,
} from '../../src/index';

const SEED = Number(process.env.FUZZ_SEED ?? 20261201);
const RUNS = Number(process.env.FUZZ_RUNS ?? 60);
// A call that has not settled by then hangs (or waits as asked: see WAITING).
const BOUND_MS = 5000;

let mock: MockCluster;
let topic: string;
let producer: IProducer<unknown, unknown>;
let consumer: IConsumer<unknown, unknown>;
let admin: IAdminClient;
const built: Array<{ close(): Promise<void> }> = [];
const pending: Array<Promise<unknown>> = [];
// Outcomes per method (FUZZ_STATS=1 prints them): shows that valid calls are reached too.
const stats = new Map<string, Record<string, number>>();
function count(what: string, outcome: string): void {
  const m = what.slice(0, what.indexOf('('));
  const s = stats.get(m) ?? {};
  s[outcome] = (s[outcome] ?? 0) + 1;
  stats.set(m, s);
}

beforeAll(async () => {
  mock = new MockCluster({ brokers: 1 });
  topic = 'fuzz';
  mock.createTopic(topic, 2);
  // Short socket timeouts: a well-formed request the mock does not answer fails in seconds.
  const common = { bootstrapServers: mock.bootstrapServers, socketTimeoutMs: 2000, logLevel: 0 };
  producer = new ProducerBuilder<unknown, unknown>({ ...common, messageTimeoutMs: 2000 })
    .setErrorHandler(() => {}).setLogHandler(() => {}).build();
  consumer = new ConsumerBuilder<unknown, unknown>({ ...common, groupId: 'fuzz', sessionTimeoutMs: 2000, enableAutoOffsetStore: false })
    .setErrorHandler(() => {}).setLogHandler(() => {}).build();
  admin = new AdminClientBuilder(common).setErrorHandler(() => {}).setLogHandler(() => {}).build();
});

afterAll(async () => {
  if (process.env.FUZZ_STATS) for (const [m, s] of [...stats].sort()) console.log(m, JSON.stringify(s));
  const closeAll = Promise.allSettled([producer?.close({ timeoutMs: 1000 }), consumer?.close({ timeoutMs: 1000 }), admin?.close(), ...built.map((c) => c.close())]);
  await bounded(closeAll, 30_000, 'closing the fuzzed clients');
  await bounded(Promise.allSettled(pending), 30_000, 'waiting calls after close');
  await mock?.close();
});

function bounded<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    p.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`hang: ${what} did not settle within ${ms} ms`)), ms);
    }),
  ]);
}

// ---- generated arguments -----------------------------------------------------------------

const numbers = fc.oneof(
  fc.constantFrom(0, -0, 1, -1, -2, -1000, -1001, 2 ** 31 - 1, 2 ** 31, 2 ** 32, 2 ** 32 + 1, 2 ** 53, -(2 ** 53), 1e20, 1e300,
    -1e300, Number.NaN, Infinity, -Infinity, 0.5, Number.MIN_VALUE, Number.EPSILON),
  fc.integer(),
  fc.double(),
);
const strings = fc.oneof(
  fc.constantFrom('', '\u0000', '\u0000zz', 'a\u0000b', 'x'.repeat(100_000), 'x'.repeat(250), '.', '..', 'a b', 'ü', '😀', '^regex.*', 'fuzz',
    'linger.ms', 'bootstrap.servers', '__proto__', 'constructor', 'toString'),
  fc.string(),
  fc.string({ unit: 'grapheme' }),
  fc.stringMatching(/^[a-zA-Z0-9._-]{1,20}$/),
);
const scalars = fc.oneof(
  fc.constantFrom(undefined, null, true, false, 10n, -1n, 2n ** 70n, Symbol('s')),
  numbers,
  strings,
);
const oddObjects = fc.oneof(
  fc.constantFrom(
    {}, [], Buffer.alloc(0), Buffer.from('abc'), new Uint8Array(3), new Date(Number.NaN), new Date(0), new Map(), new Set(),
    Object.create(null), () => {}, async () => {}, Promise.resolve(1), new ArrayBuffer(4), /re/, new Error('e'),
  ),
  fc.object({ maxDepth: 1, maxKeys: 4 }),
);
// Near-valid shapes: a topic partition (offset) or a message with some fields replaced by junk.
const junkLeaf = fc.oneof(scalars, oddObjects);
const tpo = fc.record(
  {
    topic: fc.oneof(fc.constant('fuzz'), junkLeaf),
    partition: fc.oneof(fc.constantFrom(0, 1), junkLeaf),
    offset: fc.oneof(fc.constantFrom(0, -2, -1), junkLeaf),
    leaderEpoch: junkLeaf,
    timestamp: fc.oneof(fc.constant(0), junkLeaf),
  },
  { requiredKeys: [] },
);
const message = fc.record(
  {
    key: fc.oneof(fc.constantFrom('k', null), junkLeaf),
    value: fc.oneof(fc.constantFrom('v', null), junkLeaf),
    headers: fc.oneof(fc.constant([{ key: 'h', value: 'v' }]), fc.array(fc.record({ key: junkLeaf, value: junkLeaf }), { maxLength: 2 }), junkLeaf),
    timestamp: fc.oneof(fc.constant(0), junkLeaf),
  },
  { requiredKeys: [] },
);
const junk: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: scalars },
  { weight: 2, arbitrary: oddObjects },
  { weight: 2, arbitrary: tpo },
  { weight: 1, arbitrary: message },
  { weight: 2, arbitrary: fc.array(fc.oneof(tpo, scalars), { maxLength: 3 }) },
  { weight: 1, arbitrary: fc.record({ timeoutMs: junkLeaf, requestTimeoutMs: junkLeaf, signal: junkLeaf }, { requiredKeys: [] }) },
);
const args = fc.array(junk, { maxLength: 4 });

// Near-valid argument lists per method: each position mostly valid, sometimes junk, so that
// the calls reach librdkafka and the mock, not only the first argument check.
const v = <T>(valid: fc.Arbitrary<T>): fc.Arbitrary<unknown> => fc.oneof({ weight: 4, arbitrary: valid }, { weight: 1, arbitrary: junk });
const c = (...values: unknown[]) => fc.constantFrom(...values);
const timeoutArb = v(c(0, 1, 10, 100));
const topicArb = v(c('fuzz'));
const partitionArb = v(c(0, 1));
const validTpo = fc.record({ topic: topicArb, partition: partitionArb, offset: v(c(0, 1, -2, -1, -1000, -1001)) }, { requiredKeys: ['topic', 'partition'] });
const tpoArb = v(validTpo);
const tpoList = v(fc.array(tpoArb, { minLength: 1, maxLength: 3 }));
const messageArb = v(fc.record(
  { key: v(c('k', null, Buffer.from('k'))), value: v(c('v', null, Buffer.from('v'), '')), headers: v(c([{ key: 'h', value: 'v' }], [])), timestamp: v(c(0, 1_700_000_000_000)) },
  { requiredKeys: ['value'] },
));
const TEMPLATES: Record<string, fc.Arbitrary<unknown[]>> = {
  produce: fc.tuple(v(fc.oneof(topicArb, fc.record({ topic: topicArb, partition: v(c(0, 1, -1)) }))), messageArb, v(c(undefined, () => {}))),
  produceAsync: fc.tuple(v(fc.oneof(topicArb, fc.record({ topic: topicArb, partition: v(c(0, 1, -1)) }))), messageArb),
  flush: fc.tuple(timeoutArb),
  subscribe: fc.tuple(v(c('fuzz', ['fuzz'], '^fu.*'))),
  assign: fc.tuple(v(fc.oneof(tpoArb, tpoList))),
  incrementalAssign: fc.tuple(tpoList),
  incrementalUnassign: fc.tuple(tpoList),
  pause: fc.tuple(tpoList),
  resume: fc.tuple(tpoList),
  consume: fc.tuple(v(fc.oneof(timeoutArb, fc.record({ timeoutMs: timeoutArb })))),
  consumeBatch: fc.tuple(v(c(1, 10, 1000)), timeoutArb),
  storeOffset: fc.tuple(tpoArb),
  seek: fc.tuple(tpoArb),
  position: fc.tuple(tpoArb),
  getWatermarkOffsets: fc.tuple(tpoArb),
  queryWatermarkOffsets: fc.tuple(tpoArb, timeoutArb),
  commit: fc.oneof(fc.constant([] as unknown[]), fc.tuple(tpoList)),
  committed: fc.tuple(tpoList, timeoutArb),
  offsetsForTimes: fc.tuple(v(fc.array(fc.record({ topic: topicArb, partition: partitionArb, timestamp: v(c(0, 1_700_000_000_000)) }), { maxLength: 2 })), timeoutArb),
  getMetadata: fc.tuple(timeoutArb, v(c(undefined, 'fuzz'))),
  createTopics: fc.tuple(v(fc.array(fc.record({ name: v(fc.stringMatching(/^fz-[a-z]{1,8}$/)), numPartitions: v(c(1, 2)), replicationFactor: v(c(1, -1)) }), { maxLength: 2 })), v(c(undefined, { operationTimeoutMs: 100 }))),
  deleteTopics: fc.tuple(v(c(['fz-none'], []))),
  describeTopics: fc.tuple(v(c(['fuzz'], []))),
  createTopic: fc.tuple(v(fc.stringMatching(/^fz-[a-z]{1,8}$/)), v(c(1, 2)), v(c(1, 2))),
  setPartitionLeader: fc.tuple(topicArb, partitionArb, v(c(1, 2))),
  setBrokerDown: fc.tuple(v(c(1, 2))),
  setBrokerUp: fc.tuple(v(c(1, 2))),
  setRoundTripTime: fc.tuple(v(c(1, 2)), v(c(0, 5))),
  pushRequestErrors: fc.tuple(v(c(0, 1, 3)), v(c([1], [], [-185]))),
  setApiVersion: fc.tuple(v(c(0, 3, 11)), v(c(0, 1)), v(c(3, 5))),
  add: fc.tuple(v(c('k', '')), v(c('v', null, Buffer.from('v')))),
  getLastBytes: fc.tuple(v(c('k', 'missing'))),
  tryGetLastBytes: fc.tuple(v(c('k', 'missing'))),
  remove: fc.tuple(v(c('k'))),
  at: fc.tuple(v(c(0, -1, 5))),
};
function argsFor(name: string): fc.Arbitrary<unknown[]> {
  const t = TEMPLATES[name];
  return t ? fc.oneof({ weight: 3, arbitrary: t as fc.Arbitrary<unknown[]> }, { weight: 1, arbitrary: args }) : args;
}

// ---- calling ------------------------------------------------------------------------------

// Methods that may legitimately wait as long as they were asked to (a valid timeout, or none):
// still pending after a short look, they are collected and must settle by the final close.
const WAITING = new Set(['consume', 'consumeBatch', 'flush', 'produceAsync', 'committed', 'offsetsForTimes',
  'queryWatermarkOffsets', 'commit', 'seek', 'initTransactions', 'commitTransaction', 'abortTransaction',
  'sendOffsetsToTransaction']);
// Not fuzzed on the shared clients: they end them (closed by afterAll, and closing is fuzzed
// on clients of their own below).
const SKIP = new Set(['constructor', 'close', 'toString']);

function acceptable(e: unknown, serdes = false): boolean {
  // The serdes document a RangeError for a value outside their encoding's range (as JS's own
  // DataView does); everywhere else it is a TypeError or a KafkaException.
  return e instanceof TypeError || e instanceof KafkaException || (serdes && e instanceof RangeError);
}

function describeArgs(a: unknown[]): string {
  return a.map((v) => {
    if (typeof v === 'string') return v.length > 60 ? `<string of ${v.length}>` : JSON.stringify(v);
    if (typeof v === 'bigint') return `${v}n`;
    if (typeof v === 'symbol' || typeof v === 'function') return String(v);
    try {
      const s = JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? `${x}n` : typeof x === 'string' && x.length > 60 ? `<string of ${x.length}>` : x));
      return s === undefined ? String(v) : s.length > 200 ? `${s.slice(0, 200)}…` : s;
    } catch {
      return Object.prototype.toString.call(v);
    }
  }).join(', ');
}

/** Calls `fn`, checking the outcome; returns a failure text, or undefined when it was fine. */
async function check(what: string, fn: () => unknown, waiting: boolean, serdes = false): Promise<string | undefined> {
  let r: unknown;
  try {
    r = fn();
  } catch (e) {
    count(what, e instanceof Error ? e.constructor.name : typeof e);
    return acceptable(e, serdes) ? undefined : `${what} threw ${describeError(e)}`;
  }
  if (!(r instanceof Promise)) {
    count(what, 'ok');
    return undefined;
  }
  r.catch(() => {}); // examined below; never an unhandled rejection
  const outcome = await Promise.race([
    r.then(() => 'ok', (e: unknown) => e),
    new Promise((resolve) => setTimeout(() => resolve('pending'), waiting ? 50 : BOUND_MS)),
  ]);
  count(what, outcome === 'ok' || outcome === 'pending' ? `async ${outcome}` : `rejected ${outcome instanceof Error ? outcome.constructor.name : typeof outcome}`);
  if (outcome === 'ok') return undefined;
  if (outcome === 'pending') {
    if (waiting) {
      pending.push(r.catch(() => {}));
      return undefined;
    }
    return `${what} did not settle within ${BOUND_MS} ms`;
  }
  return acceptable(outcome) ? undefined : `${what} rejected with ${describeError(outcome)}`;
}

function describeError(e: unknown): string {
  return e instanceof Error ? `${e.constructor.name}: ${e.message}\n${e.stack}` : String(e);
}

function methodsOf(obj: object): string[] {
  const names = new Set<string>();
  for (let p = Object.getPrototypeOf(obj); p && p !== Object.prototype; p = Object.getPrototypeOf(p)) {
    for (const n of Object.getOwnPropertyNames(p)) if (!SKIP.has(n)) names.add(n);
  }
  return [...names].sort();
}

// Getters are read, methods called with the generated arguments.
function invoke(obj: object, name: string, a: unknown[]): unknown {
  let p = Object.getPrototypeOf(obj);
  let d: PropertyDescriptor | undefined;
  while (p && !(d = Object.getOwnPropertyDescriptor(p, name))) p = Object.getPrototypeOf(p);
  if (d?.get) return (obj as Record<string, unknown>)[name];
  return ((obj as Record<string, (...x: unknown[]) => unknown>)[name])(...a);
}

async function fuzzObject(label: string, obj: () => object, runs = RUNS): Promise<void> {
  const names = methodsOf(obj());
  expect(names.length).toBeGreaterThan(0);
  await fc.assert(
    fc.asyncProperty(fc.constantFrom(...names).chain((name) => fc.tuple(fc.constant(name), argsFor(name))), async ([name, a]) => {
      const failure = await check(`${label}.${name}(${describeArgs(a)})`, () => invoke(obj(), name, a), WAITING.has(name));
      if (failure) throw new Error(failure);
    }),
    { seed: SEED, numRuns: runs * Math.max(1, Math.ceil(names.length / 8)), endOnFailure: true },
  );
}

test('producer methods', async () => {
  await fuzzObject('producer', () => producer);
}, 120_000);

test('consumer methods', async () => {
  await fuzzObject('consumer', () => consumer);
}, 120_000);

test('admin client methods', async () => {
  await fuzzObject('admin', () => admin);
}, 120_000);

test('MockCluster: constructor and methods (on a cluster of its own)', async () => {
  const own = new MockCluster({ brokers: 2 });
  try {
    await fuzzObject('mockCluster', () => own);
    await fc.assert(fc.asyncProperty(junk, async (o) => {
      const failure = await check(`new MockCluster(${describeArgs([o])})`, () => {
        const m = new MockCluster(o as never);
        void m.close();
      }, false);
      if (failure) throw new Error(failure);
    }), { seed: SEED, numRuns: RUNS, endOnFailure: true });
  } finally {
    await own.close();
  }
}, 120_000);

test('builders: constructors, setters, build() and close of what they build', async () => {
  const builders = [
    (c: unknown) => new ProducerBuilder(c as never),
    (c: unknown) => new ConsumerBuilder(c as never),
    (c: unknown) => new AdminClientBuilder(c as never),
  ];
  const config = fc.oneof(
    junk,
    fc.dictionary(fc.oneof(strings, fc.constantFrom('lingerMs', 'groupId', 'acks', 'bootstrapServers', 'debug', 'deliveryReportOnlyError')), junkLeaf, { maxKeys: 3 }),
    fc.record({ bootstrapServers: fc.constant('localhost:1'), groupId: fc.constant('g') }).chain((base) =>
      fc.dictionary(fc.constantFrom('lingerMs', 'messageTimeoutMs', 'enablePartitionEof', 'acks', 'compressionType', 'partitionAssignmentStrategy', 'socketTimeoutMs'), junkLeaf, { maxKeys: 2 })
        .map((extra) => ({ ...base, ...extra }))),
  );
  await fc.assert(
    fc.asyncProperty(fc.integer({ min: 0, max: 2 }), config, fc.array(fc.tuple(fc.string(), args), { maxLength: 3 }), async (which, c, setters) => {
      const failure = await check(`builder[${which}](${describeArgs([c])})`, () => {
        const b = builders[which](c) as unknown as Record<string, (...x: unknown[]) => unknown>;
        const names = methodsOf(b).filter((n) => n.startsWith('set'));
        for (const [pick, a] of setters) {
          const name = names[Math.abs(hash(pick)) % names.length];
          try {
            b[name](...a);
          } catch (e) {
            if (!acceptable(e)) throw new Error(`${name}(${describeArgs(a)}) threw ${describeError(e)}`);
          }
        }
        const client = b.build() as unknown as { close(o?: unknown): Promise<void> };
        built.push(client);
        return client.close({ timeoutMs: 0 });
      }, false);
      if (failure) throw new Error(failure);
    }),
    { seed: SEED, numRuns: RUNS * 2, endOnFailure: true },
  );
}, 120_000);

test('close() with generated options, on clients of their own', async () => {
  await fc.assert(
    fc.asyncProperty(fc.integer({ min: 0, max: 2 }), junk, async (which, o) => {
      const base = { bootstrapServers: mock.bootstrapServers, logLevel: 0 };
      const client = [
        () => new ProducerBuilder(base).setLogHandler(() => {}).build(),
        () => new ConsumerBuilder({ ...base, groupId: 'g' }).setLogHandler(() => {}).build(),
        () => new AdminClientBuilder(base).setLogHandler(() => {}).build(),
      ][which]() as unknown as { close(o?: unknown): Promise<void> };
      built.push(client);
      // a valid timeout of any length is honoured: close() ends in time anyway (nothing is pending)
      const failure = await check(`close(${describeArgs([o])})`, () => client.close(o), false);
      if (failure) throw new Error(failure);
    }),
    { seed: SEED, numRuns: RUNS, endOnFailure: true },
  );
}, 120_000);

test('Headers, serdes and error classes', async () => {
  const h = new Headers();
  const targets: Array<[string, () => object]> = [
    ['headers', () => h],
  ];
  for (const [label, obj] of targets) await fuzzObject(label, obj);
  const statics: Array<[string, (...a: unknown[]) => unknown]> = [
    ['Headers.from', (...a) => Headers.from(...(a as [never]))],
    ['new Headers', (...a) => new Headers(...(a as []))],
    ['new KafkaError', (...a) => new KafkaError(...(a as [never]))],
    ['new KafkaException', (...a) => new KafkaException(...(a as [never]))],
    ...Object.entries(Serializers).map(([n, s]) =>
      [`Serializers.${n}.serialize`, (...a: unknown[]) => (s as { serialize(...x: unknown[]): unknown }).serialize(...a)] as [string, (...a: unknown[]) => unknown]),
    ...Object.entries(Deserializers).map(([n, d]) =>
      [`Deserializers.${n}.deserialize`, (...a: unknown[]) => (d as { deserialize(...x: unknown[]): unknown }).deserialize(...a)] as [string, (...a: unknown[]) => unknown]),
  ];
  await fc.assert(
    fc.asyncProperty(fc.integer({ min: 0, max: statics.length - 1 }), args, async (i, a) => {
      const [name, fn] = statics[i];
      const failure = await check(`${name}(${describeArgs(a)})`, () => fn(...a), false, /serializ/i.test(name));
      if (failure) throw new Error(failure);
    }),
    { seed: SEED, numRuns: RUNS * 4, endOnFailure: true },
  );
}, 120_000);

function hash(s: string): number {
  let x = 0;
  for (let i = 0; i < s.length; i++) x = (x * 31 + s.charCodeAt(i)) | 0;
  return x;
}
