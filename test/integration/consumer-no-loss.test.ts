/**
 * No message lost under at-least-once (issue 3 §4): three consumers in a group consume
 * 100,000 keyed messages while members join, leave and one (a child process) is killed
 * with SIGKILL. With commit-after-process (enableAutoOffsetStore false, storeOffset after
 * processing, auto-commit of what is stored), every message is processed at least once and
 * no offset is skipped: each partition's processed offsets cover it from 0 to its end, and
 * the group's committed offsets end at the end of every partition.
 */
import { fork, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { ConsumerBuilder, ProducerBuilder, type IConsumer } from '../../src/index';
import { startCluster, type TestCluster } from '../helpers/cluster';
import { consumerConfig, groupName, sleep } from '../helpers/consumer';
import { distIndex, ensureDist } from '../helpers/dist';

const TOTAL = 100_000;
const PARTITIONS = 12; // ~8,300 small messages each: far below the mock's 5 MiB per partition

let cluster: TestCluster;
beforeAll(async () => {
  ensureDist();
  cluster = await startCluster();
}, 120_000);
afterAll(async () => {
  await cluster?.close();
});

test('three members, joins, a leave and a SIGKILL: every message processed, nothing skipped', async () => {
  const topic = await cluster.topic(PARTITIONS, 'noloss');
  const groupId = groupName('noloss');
  const sessionTimeoutMs = cluster.mock ? 2000 : 6000;

  // 100,000 keyed messages; the value is the message's number.
  const producer = new ProducerBuilder({ bootstrapServers: cluster.bootstrapServers, lingerMs: 20 }).build();
  let delivered = 0;
  for (let i = 0; i < TOTAL; i++) {
    producer.produce(topic, { key: `key-${i % 997}`, value: String(i) }, (report) => {
      if (!report.error.isError) delivered++;
    });
    if (i % 10_000 === 9_999) await producer.flush();
  }
  expect(await producer.flush()).toBe(0);
  await producer.close();
  expect(delivered).toBe(TOTAL);

  // What has been processed, by anyone: per partition, the offsets; overall, the values.
  const offsets = Array.from({ length: PARTITIONS }, () => new Set<number>());
  const values = new Set<string>();
  let processedTotal = 0;
  const record = (partition: number, offset: number, value: string) => {
    offsets[partition].add(offset);
    values.add(value);
    processedTotal++;
  };

  // An in-process member: process (record), then store; auto-commit commits what is stored.
  const members: Array<{ consumer: IConsumer<Buffer | null, Buffer | null>; stop: boolean; done: Promise<void> }> = [];
  const startMember = () => {
    const consumer = new ConsumerBuilder(
      consumerConfig(cluster, { groupId, enableAutoOffsetStore: false, autoCommitIntervalMs: 200, sessionTimeoutMs }),
    ).build();
    consumer.subscribe(topic);
    const member = { consumer, stop: false, done: Promise.resolve() };
    member.done = (async () => {
      while (!member.stop) {
        const batch = await consumer.consumeBatch(100, 100);
        const last = new Map<number, (typeof batch)[number]>();
        for (const r of batch) {
          record(r.partition, r.offset, r.message!.value!.toString());
          last.set(r.partition, r);
        }
        for (const r of last.values()) {
          try {
            consumer.storeOffset(r);
          } catch {
            // revoked meanwhile: its next owner reads it again
          }
        }
        await sleep(10);
      }
    })();
    members.push(member);
    return member;
  };
  const stopMember = async (member: (typeof members)[number]) => {
    member.stop = true;
    await member.done;
    await member.consumer.close();
  };

  // The member that gets killed: a child process reporting what it processed over IPC.
  let child: ChildProcess | undefined;
  let childProcessed = 0;
  const childReady = new Promise<void>((resolve, reject) => {
    child = fork(path.join(__dirname, '..', 'fixtures', 'no-loss-member.cjs'), [cluster.bootstrapServers, topic, groupId, String(sessionTimeoutMs)], {
      env: { ...process.env, KN_DIST: distIndex },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    child.on('message', (m: { ready?: boolean; processed?: Array<[number, number, string]> }) => {
      if (m.ready) resolve();
      for (const [p, o, v] of m.processed ?? []) {
        record(p, o, v);
        childProcessed++;
      }
    });
    child.on('exit', (code, signal) => {
      if (signal !== 'SIGKILL') reject(new Error(`the child member exited early (code ${code}, signal ${signal})`));
    });
  });
  const childExited = () => new Promise<void>((resolve) => (child!.exitCode !== null || child!.signalCode !== null ? resolve() : child!.once('exit', () => resolve())));

  const progress = async (what: string, count: number, timeoutMs = 30_000) => {
    const deadline = Date.now() + timeoutMs;
    while (values.size < count) {
      if (Date.now() > deadline) throw new Error(`stuck at ${values.size} of ${count} before ${what}`);
      await sleep(20);
    }
  };

  let a: (typeof members)[number] | undefined;
  try {
    a = startMember();
    await childReady;
    await progress('the second member joins', 15_000);
    const b = startMember();
    await progress('the child is killed', 35_000);
    expect(childProcessed).toBeGreaterThan(0); // it had a share of the work when it died
    child!.kill('SIGKILL');
    await childExited();
    await progress('the third member joins', 50_000);
    const c = startMember();
    await progress('the third member leaves', 70_000);
    await stopMember(c);
    await progress('the end', TOTAL, 40_000);

    // Drained: both survivors own every partition and have nothing left to read.
    const deadline = Date.now() + 20_000;
    let idleSince = Date.now();
    let lastTotal = processedTotal;
    while (Date.now() - idleSince < 1000) {
      if (Date.now() > deadline) throw new Error('the survivors never settled');
      await sleep(50);
      const owned = a.consumer.assignment.length + b.consumer.assignment.length;
      if (processedTotal !== lastTotal || owned !== PARTITIONS) idleSince = Date.now();
      lastTotal = processedTotal;
    }
    await stopMember(a);
    await stopMember(b);

    expect(values.size).toBe(TOTAL);
    expect(processedTotal).toBeGreaterThanOrEqual(TOTAL); // at least once; the killed member's unstored work came again
    const verify = new ConsumerBuilder(consumerConfig(cluster, { groupId })).build();
    try {
      const tps = Array.from({ length: PARTITIONS }, (_, partition) => ({ topic, partition }));
      const committed = await verify.committed(tps, 10_000);
      let sum = 0;
      for (const [partition, set] of offsets.entries()) {
        const { high } = await verify.queryWatermarkOffsets({ topic, partition }, 10_000);
        sum += high;
        // Nothing skipped: every offset of the partition was processed.
        expect(set.size, `partition ${partition}`).toBe(high);
        expect(Math.max(...set), `partition ${partition}`).toBe(high - 1);
        expect(committed[partition].offset, `partition ${partition} committed`).toBe(high);
      }
      expect(sum).toBe(TOTAL);
    } finally {
      await verify.close();
    }
  } finally {
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    for (const m of members) {
      m.stop = true;
      await m.done.catch(() => {});
      await m.consumer.close().catch(() => {});
    }
  }
}, 90_000);
