/**
 * Defects found by the independent reliability probe (issue 12), one block per defect: each
 * test failed before its fix. Bad input gets a TypeError or a typed KafkaException, never a
 * crash, a plain Error, a silent coercion or a call that never settles.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  ConsumerBuilder,
  ErrorCode,
  KafkaException,
  MockCluster,
  Offset,
  ProducerBuilder,
} from '../../src/index';
import { startCluster, type TestCluster } from '../helpers/cluster';

let cluster: TestCluster;
beforeAll(async () => {
  cluster = await startCluster();
});
afterAll(async () => {
  await cluster?.close();
});

/** Settles within `ms` or fails the test (a hang is a defect too). */
function bounded<T>(p: Promise<T>, ms = 5000, what = 'call'): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    p.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} did not settle within ${ms} ms`)), ms);
    }),
  ]);
}

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  return undefined;
}

const unreachable = 'localhost:1'; // nothing listens: validation never needs a broker

describe('#4 MockCluster refuses counts beyond int32', () => {
  test('createTopic with 2^32-1 partitions is a TypeError (it wrapped to -1 and crashed the next metadata request)', async () => {
    const mc = new MockCluster();
    try {
      expect(thrown(() => mc.createTopic('big', 4294967295))).toBeInstanceOf(TypeError);
      expect(thrown(() => mc.createTopic('big', 2 ** 31))).toBeInstanceOf(TypeError);
      expect(thrown(() => mc.createTopic('big', 1, 2 ** 32 + 1))).toBeInstanceOf(TypeError);
      expect(thrown(() => mc.setBrokerDown(2 ** 32 + 1))).toBeInstanceOf(TypeError);
      expect(thrown(() => mc.setRoundTripTime(1, 2 ** 40))).toBeInstanceOf(TypeError);
      expect(thrown(() => mc.setPartitionLeader('big', 2 ** 32, 1))).toBeInstanceOf(TypeError);
      // the mock's own refusals are typed too (they were plain Errors)
      mc.createTopic('dup', 1);
      const dup = thrown(() => mc.createTopic('dup', 1));
      expect(dup).toBeInstanceOf(KafkaException);
      expect((dup as KafkaException).code).toBe(ErrorCode.TopicAlreadyExists);
      expect(thrown(() => mc.setBrokerDown(99))).toBeInstanceOf(KafkaException);
      // and the cluster still answers metadata
      mc.createTopic('fine', 2);
      const producer = new ProducerBuilder({ bootstrapServers: mc.bootstrapServers }).build();
      try {
        const dr = await bounded(producer.produceAsync({ topic: 'fine', partition: 1 }, { value: 'x' }));
        expect(dr.partition).toBe(1);
      } finally {
        await producer.close();
      }
    } finally {
      await mc.close();
    }
  });
});

describe('#8 #9 #10 producer arguments', () => {
  test('#8 a timestamp beyond int64 (1e20), a fraction or NaN is a TypeError, not a wrapped int64', async () => {
    const producer = new ProducerBuilder({ bootstrapServers: unreachable }).build();
    try {
      for (const timestamp of [1e20, 2 ** 53, Number.NaN, Infinity, 1.5, -1]) {
        expect(thrown(() => producer.produce('t', { value: 'x', timestamp }))).toBeInstanceOf(TypeError);
        await expect(bounded(producer.produceAsync('t', { value: 'x', timestamp }))).rejects.toBeInstanceOf(TypeError);
        const ts = { type: 1, unixTimestampMs: timestamp };
        await expect(bounded(producer.produceAsync('t', { value: 'x', timestamp: ts }))).rejects.toBeInstanceOf(TypeError);
      }
    } finally {
      await producer.close({ timeoutMs: 0 });
    }
  });

  test('#9 #10 topic names: NUL, too long, illegal characters are TypeErrors (NUL landed on topic "", 100k chars escaped as a plain Error)', async () => {
    const producer = new ProducerBuilder({ bootstrapServers: unreachable }).build();
    try {
      for (const topic of ['\u0000zz', 'a\u0000b', 'x'.repeat(100_000), 'x'.repeat(250), 'a b', 'ü', '.', '..', '']) {
        expect(thrown(() => producer.produce(topic, { value: 'x' }))).toBeInstanceOf(TypeError);
        expect(thrown(() => producer.produce({ topic, partition: 0 }, { value: 'x' }))).toBeInstanceOf(TypeError);
        await expect(bounded(producer.produceAsync(topic, { value: 'x' }))).rejects.toBeInstanceOf(TypeError);
      }
      // the longest legal name is fine
      producer.produce('x'.repeat(249), { value: 'x' });
    } finally {
      await producer.close({ timeoutMs: 0 });
    }
  });

  test('#10 lingerMs above messageTimeoutMs is refused at build() with a KafkaException naming the properties', () => {
    const e = thrown(() => new ProducerBuilder({ bootstrapServers: unreachable, lingerMs: 900_000 }).build());
    expect(e).toBeInstanceOf(KafkaException);
    expect((e as KafkaException).message).toMatch(/linger\.ms/);
    expect((e as KafkaException).message).toMatch(/message\.timeout\.ms/);
    const e2 = thrown(() => new ProducerBuilder({ bootstrapServers: unreachable, lingerMs: 2000, messageTimeoutMs: 1000 }).build());
    expect(e2).toBeInstanceOf(KafkaException);
  });

  test('#10 partitions beyond int32 are TypeErrors', async () => {
    const producer = new ProducerBuilder({ bootstrapServers: unreachable }).build();
    try {
      for (const partition of [2 ** 31, -2, 1.5, Number.NaN]) {
        expect(thrown(() => producer.produce({ topic: 't', partition }, { value: 'x' }))).toBeInstanceOf(TypeError);
      }
    } finally {
      await producer.close({ timeoutMs: 0 });
    }
  });
});
