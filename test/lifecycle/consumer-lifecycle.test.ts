/**
 * The consumer's native lifecycle: inside worker_threads, close while a consume waits,
 * garbage collection of a consumer that was never closed, double close.
 */
import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { ConsumerBuilder, KafkaException, Offset } from '../../src/index';
import { startCluster, type TestCluster } from '../helpers/cluster';
import { consumeN, consumerConfig, groupName, produce } from '../helpers/consumer';
import { distIndex, ensureDist } from '../helpers/dist';

const fixtures = path.join(__dirname, '..', 'fixtures');

let cluster: TestCluster;
beforeAll(async () => {
  ensureDist();
  cluster = await startCluster();
}, 120_000);
afterAll(async () => {
  await cluster?.close();
});

function runWorker(data: object): Promise<{ result: { consumed?: number; distinct?: number; error?: string }; exitCode: number }> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(path.join(fixtures, 'consumer-worker.cjs'), { workerData: { dist: distIndex, ...data } });
    let result: { consumed?: number; distinct?: number; error?: string } = { error: 'no message from the worker' };
    worker.on('message', (m) => (result = m));
    worker.on('error', reject);
    worker.on('exit', (exitCode) => resolve({ result, exitCode }));
  });
}

test('consumers inside worker_threads consume and exit cleanly (two at once, then one more)', async () => {
  const topic = await cluster.topic(4);
  await produce(cluster, topic, 2000);
  const [one, two] = await Promise.all([
    runWorker({ bootstrapServers: cluster.bootstrapServers, topic, groupId: groupName(), count: 2000 }),
    runWorker({ bootstrapServers: cluster.bootstrapServers, topic, groupId: groupName(), count: 2000 }),
  ]);
  for (const w of [one, two]) {
    expect(w.result).toEqual({ consumed: 2000, distinct: 2000 });
    expect(w.exitCode).toBe(0);
  }
  // The addon loads again in a fresh worker after the others were torn down.
  const three = await runWorker({ bootstrapServers: cluster.bootstrapServers, topic, groupId: groupName(), count: 2000 });
  expect(three).toEqual({ result: { consumed: 2000, distinct: 2000 }, exitCode: 0 });
});

test('a worker terminated while its consumer waits does not take the process down', async () => {
  const topic = await cluster.topic(1);
  const worker = new Worker(path.join(fixtures, 'consumer-worker.cjs'), {
    workerData: { dist: distIndex, bootstrapServers: cluster.bootstrapServers, topic, groupId: groupName(), count: 1 },
  });
  await new Promise((r) => setTimeout(r, 1000)); // subscribed, waiting for a message that never comes
  expect(await worker.terminate()).toBe(1);
});

test('close() while consume() and consumeBatch() wait: they settle (null / []), no crash', async () => {
  const topic = await cluster.topic(1);
  const c = new ConsumerBuilder(consumerConfig(cluster)).build();
  c.subscribe(topic);
  const waiting = c.consume(); // no timeout: only close can end it
  const waitingBatch = c.consumeBatch(10); // likewise
  const waitingSignal = c.consume({ signal: new AbortController().signal });
  await new Promise((r) => setTimeout(r, 300));
  const closing = c.close();
  await expect(waiting).resolves.toBeNull();
  await expect(waitingBatch).resolves.toEqual([]);
  await expect(waitingSignal).resolves.toBeNull();
  await closing;
  await expect(c.consume(10)).rejects.toBeInstanceOf(KafkaException);
});

test('close() twice, concurrently and after it finished, and from an async dispose', async () => {
  const topic = await cluster.topic(1);
  await produce(cluster, topic, 3);
  const c = new ConsumerBuilder(consumerConfig(cluster)).build();
  c.assign({ topic, partition: 0, offset: Offset.Beginning });
  await consumeN(c, 3);
  await Promise.all([c.close(), c.close()]);
  await c.close();
  await c[Symbol.asyncDispose]();
  {
    await using d = new ConsumerBuilder(consumerConfig(cluster)).build();
    d.subscribe(topic);
    await consumeN(d, 1);
  }
});

test('a consumer that is garbage-collected without close() is destroyed, and the process exits by itself', async () => {
  const { code, stdout, stderr } = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = execFile(process.execPath, ['--expose-gc', path.join(fixtures, 'consumer-gc.cjs')], {
      env: { ...process.env, KN_DIST: distIndex },
      timeout: 30_000,
    }, (error, stdout, stderr) => resolve({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr }));
    void child;
  });
  expect(stderr).not.toMatch(/Error|Assertion|Segmentation/);
  expect(code).toBe(0); // a timeout (process kept alive) gives null
  expect(JSON.parse(stdout.trim())).toEqual({ built: 3, collected: 3 });
});
