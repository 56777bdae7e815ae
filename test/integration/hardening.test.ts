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
