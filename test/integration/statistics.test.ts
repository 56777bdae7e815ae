/**
 * setStatisticsHandler hands out librdkafka's statistics parsed and typed from STATISTICS.md
 * (src/generated/statistics.gen.ts). A real emit is walked against the generated field table
 * (`statisticsFields`) in both directions: every field the type promises is there with the
 * promised JS type, and every field librdkafka emits is typed. A wrong generator output (a
 * missing field, a wrong nesting, a window object typed as a number) fails here.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  ConsumerBuilder,
  ProducerBuilder,
  statisticsFields,
  type IConsumer,
  type IProducer,
  type Statistics,
  type StatisticsTypeName,
} from '../../src/index';
import { startCluster, type TestCluster } from '../helpers/cluster';
import { consumeN, consumerConfig, produce, waitFor } from '../helpers/consumer';

let cluster: TestCluster;
beforeAll(async () => {
  cluster = await startCluster(3);
});
afterAll(async () => {
  await cluster?.close();
});

const jsType = { string: 'string', int: 'number', 'int gauge': 'number', bool: 'boolean', object: 'object' } as const;

/** Every mismatch between `value` and the generated description of `type`, as paths. */
function mismatches(value: unknown, type: StatisticsTypeName, path = '$'): string[] {
  const fields = statisticsFields[type];
  if (value === null || typeof value !== 'object') return [`${path}: not an object`];
  const obj = value as Record<string, unknown>;
  const out: string[] = [];
  for (const [name, f] of Object.entries(fields)) {
    const v = obj[name];
    const p = `${path}.${name}`;
    if (v === undefined) {
      if (!f.optional) out.push(`${p}: missing`);
      continue;
    }
    if (typeof v !== jsType[f.kind] || v === null) {
      out.push(`${p}: ${typeof v}, typed ${f.kind}`);
      continue;
    }
    if (f.kind !== 'object') continue;
    const entries = f.dict ? Object.entries(v as object) : [['', v] as [string, unknown]];
    for (const [k, x] of entries) {
      const px = f.dict ? `${p}[${JSON.stringify(k)}]` : p;
      if (f.of === 'number') {
        if (typeof x !== 'number') out.push(`${px}: ${typeof x}, typed number`);
      } else out.push(...mismatches(x, f.of!, px));
    }
  }
  for (const name of Object.keys(obj)) if (!Object.hasOwn(fields, name)) out.push(`${path}.${name}: emitted but not typed`);
  return out;
}

/** Waits for the first statistics event that satisfies `ready`; returns it with its raw JSON. */
function nextStats<E extends { stats: Statistics }>(events: E[], ready: (s: Statistics) => boolean, what: string, consumers: IConsumer<unknown, unknown>[] = []): Promise<E> {
  return waitFor(what, () => events.some((e) => ready(e.stats)), 20_000, consumers).then(() => events.find((e) => ready(e.stats))!);
}

describe('statistics', () => {
  test('the checker fails on a wrong shape (so the checks below can fail)', () => {
    const window = Object.fromEntries(Object.keys(statisticsFields.WindowStatistics).map((k) => [k, 0]));
    expect(mismatches(window, 'WindowStatistics')).toEqual([]);
    const { p99: _, ...noP99 } = window;
    expect(mismatches(noP99, 'WindowStatistics')).toEqual(['$.p99: missing']);
    expect(mismatches({ ...window, p50: '1' }, 'WindowStatistics')).toEqual(['$.p50: string, typed int gauge']);
    expect(mismatches({ ...window, extra: 1 }, 'WindowStatistics')).toEqual(['$.extra: emitted but not typed']);
  });

  test('producer (idempotent): a real emit matches the generated type, nested brokers/topics/partitions/windows/eos', async () => {
    const topic = await cluster.topic(2, 'stats');
    const events: Array<{ client: unknown; stats: Statistics; json: string }> = [];
    const producer: IProducer<string | Buffer | null, string | Buffer | null> = new ProducerBuilder({
      bootstrapServers: cluster.bootstrapServers,
      statisticsIntervalMs: 100,
      enableIdempotence: true,
      lingerMs: 5,
    })
      .setStatisticsHandler((client, stats, json) => events.push({ client, stats, json }))
      .build();
    try {
      for (let i = 0; i < 20; i++) await producer.produceAsync({ topic, partition: i % 2 }, { key: `k${i}`, value: `v${i}` });
      const e = await nextStats(
        events,
        (s) => s.topics[topic] !== undefined && (s.topics[topic].partitions['0']?.txmsgs ?? 0) >= 10 && (s.topics[topic].partitions['1']?.txmsgs ?? 0) >= 10,
        'a statistics event counting the produced messages',
      );
      expect(e.client).toBe(producer);
      expect(e.stats).toEqual(JSON.parse(e.json)); // the raw string is the same emit
      expect(mismatches(e.stats, 'Statistics')).toEqual([]);

      const s = e.stats;
      expect(s.type).toBe('producer');
      expect(s.txmsgs).toBeGreaterThanOrEqual(20);
      const brokers = Object.values(s.brokers).filter((b) => b.nodeid >= 0);
      expect(brokers.length).toBeGreaterThan(0);
      const up = brokers.find((b) => b.state === 'UP' && b.rtt.cnt > 0)!;
      expect(up).toBeDefined();
      expect(up.rtt.max).toBeGreaterThanOrEqual(up.rtt.min);
      expect(up.rtt.p99).toBeGreaterThanOrEqual(up.rtt.p50);
      expect(typeof up.int_latency.p99_99).toBe('number');
      expect(typeof up.req.Produce).toBe('number');
      const leaders = brokers.flatMap((b) => Object.values(b.toppars)).filter((tp) => tp.topic === topic);
      expect(leaders.map((tp) => tp.partition).sort()).toEqual([0, 1]);
      const t = s.topics[topic];
      expect(t.topic).toBe(topic);
      expect(t.batchcnt.cnt).toBeGreaterThan(0);
      expect(Object.keys(t.partitions).sort()).toEqual(['-1', '0', '1']); // -1: the UA partition
      expect(t.partitions['0'].partition).toBe(0);
      expect(typeof t.partitions['0'].desired).toBe('boolean');
      expect(s.eos?.idemp_state).toBe('Assigned');
      expect(s.eos!.producer_id).toBeGreaterThanOrEqual(0);
      expect(s.cgrp).toBeUndefined(); // a producer has no consumer group
    } finally {
      await producer.close();
    }
  });

  test('consumer: cgrp and the fetch side of partitions are typed and present', async () => {
    const topic = await cluster.topic(2, 'stats');
    await produce(cluster, topic, 10);
    const events: Array<{ stats: Statistics; json: string }> = [];
    const consumer = new ConsumerBuilder(consumerConfig(cluster, { statisticsIntervalMs: 100 }))
      .setStatisticsHandler((_c, stats, json) => events.push({ stats, json }))
      .build();
    try {
      consumer.subscribe(topic);
      await consumeN(consumer, 10, 20_000);
      events.length = 0; // only emits after the messages were handed out
      const e = await nextStats(
        events,
        (s) =>
          s.cgrp?.assignment_size === 2 &&
          ['0', '1'].every((p) => s.topics[topic]?.partitions[p]?.fetch_state === 'active' && s.topics[topic].partitions[p].hi_offset >= 0),
        'a statistics event with the assignment',
        [consumer as IConsumer<unknown, unknown>],
      );
      expect(mismatches(e.stats, 'Statistics')).toEqual([]);
      const s = e.stats;
      expect(s.type).toBe('consumer');
      expect(s.cgrp!.state).toBe('up');
      expect(s.cgrp!.rebalance_cnt).toBeGreaterThan(0);
      expect(s.eos).toBeUndefined();
      const p = Object.values(s.topics[topic].partitions).filter((x) => x.partition >= 0);
      expect(p.reduce((n, x) => n + x.rxmsgs, 0)).toBeGreaterThanOrEqual(10);
      expect(p.every((x) => x.lo_offset >= 0 && x.lo_offset <= x.hi_offset)).toBe(true);
    } finally {
      await consumer.close();
    }
  });
});
