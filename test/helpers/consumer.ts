/**
 * Helpers for the consumer tests: unique group names, a producer that fills topics, and
 * small waiting utilities (bounded, so a broken behaviour fails instead of hanging).
 */
import { randomUUID } from 'node:crypto';
import { ProducerBuilder, type ConsumerConfig, type IConsumer, type ConsumeResult, type Message, AutoOffsetReset } from '../../src/index';
import type { TestCluster } from './cluster';

export function groupName(prefix = 'g'): string {
  return `${prefix}-${randomUUID()}`;
}

/**
 * A consumer config for tests: earliest, a fresh group, short heartbeats. The mock's
 * classic-protocol coordinator waits `session.timeout.ms - 1 s` in every rebalance of a
 * non-empty group (rdkafka_mock_cgrp.c), so a short session keeps group tests quick there; a
 * real broker rebalances at once when a member joins or leaves, so there the tests run with
 * librdkafka's default session timeout (45 s), as applications do (a real broker also refuses
 * sessions under its group.min.session.timeout.ms, 6 s by default).
 */
export function consumerConfig(cluster: TestCluster, extra: ConsumerConfig = {}): ConsumerConfig {
  return {
    bootstrapServers: cluster.bootstrapServers,
    groupId: groupName(),
    autoOffsetReset: AutoOffsetReset.Earliest,
    sessionTimeoutMs: cluster.mock ? 2000 : undefined,
    heartbeatIntervalMs: 200,
    ...extra,
  };
}

/**
 * Produces `count` messages (built by `make`) and waits for every delivery. Messages go to
 * `partition` when given, else to the partitioner.
 */
export async function produce(
  cluster: TestCluster,
  topic: string,
  count: number,
  make: (i: number) => Message<string | Buffer | null, string | Buffer | null> = (i) => ({ key: `k${i}`, value: `v${i}` }),
  partition?: number,
): Promise<void> {
  const producer = new ProducerBuilder({ bootstrapServers: cluster.bootstrapServers, lingerMs: 5 }).build();
  try {
    const target = partition === undefined ? topic : { topic, partition };
    const chunk = 5000;
    for (let start = 0; start < count; start += chunk) {
      const end = Math.min(count, start + chunk);
      const all: Promise<unknown>[] = [];
      for (let i = start; i < end; i++) all.push(producer.produceAsync(target, make(i)));
      await Promise.all(all);
    }
  } finally {
    await producer.close();
  }
}

/** Consumes exactly `n` messages (failing if one consume waits longer than `timeoutMs`). */
export async function consumeN<K, V>(consumer: IConsumer<K, V>, n: number, timeoutMs = 10_000): Promise<ConsumeResult<K, V>[]> {
  const out: ConsumeResult<K, V>[] = [];
  while (out.length < n) {
    const r = await consumer.consume(timeoutMs);
    if (r === null) throw new Error(`timed out after ${out.length} of ${n} messages`);
    if (!r.isPartitionEOF) out.push(r);
  }
  return out;
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * Waits until `cond()` is true, consuming (and discarding) with `consumers` meanwhile so
 * that their rebalance events are served. Throws `what` after `timeoutMs`.
 */
export async function waitFor(
  what: string,
  cond: () => boolean | Promise<boolean>,
  timeoutMs = 15_000,
  consumers: IConsumer<unknown, unknown>[] = [],
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await cond()) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    if (consumers.length > 0) await Promise.all(consumers.map((c) => c.consume(50).catch(() => null)));
    else await sleep(20);
  }
}

export function key(tp: { topic: string; partition: number }): string {
  return `${tp.topic}[${tp.partition}]`;
}

export function sortedKeys(list: Array<{ topic: string; partition: number }>): string[] {
  return list.map(key).sort();
}
