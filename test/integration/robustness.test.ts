/**
 * Failure paths found in review: nothing a user does (bad data that only fails later, a
 * handler returning nonsense, mutating a returned batch, slow processing) may crash the
 * process, wedge a client, or corrupt offsets.
 */
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { ConsumerBuilder, ErrorCode, Offset, ProducerBuilder, SaslMechanism, SecurityProtocol, type TopicPartitionOffset } from '../../src/index';
import { startCluster, type TestCluster } from '../helpers/cluster';
import { consumeN, consumerConfig, produce, sleep } from '../helpers/consumer';
import { distIndex, ensureDist, root } from '../helpers/dist';

let cluster: TestCluster;
beforeAll(async () => {
  cluster = await startCluster();
  ensureDist();
});
afterAll(async () => {
  await cluster?.close();
});

test.skipIf(!!process.env.KAFKA_BOOTSTRAP_SERVERS)('a produceAsync waiting for room with an invalid timestamp rejects at once; the others go on', async () => {
  const topic = await cluster.topic(1);
  cluster.mock!.setRoundTripTime(1, 300);
  cluster.mock!.setRoundTripTime(2, 300);
  cluster.mock!.setRoundTripTime(3, 300);
  const producer = new ProducerBuilder({ bootstrapServers: cluster.bootstrapServers, queueBufferingMaxMessages: 1 }).build();
  try {
    const first = producer.produceAsync(topic, { value: 'a' }); // fills the queue
    const bad = producer.produceAsync(topic, { value: 'b', timestamp: -1 }).catch((e: unknown) => e);
    const last = producer.produceAsync(topic, { value: 'c' });
    expect(await bad).toBeInstanceOf(TypeError);
    expect((await first).offset).toBeGreaterThanOrEqual(0);
    expect((await last).offset).toBeGreaterThanOrEqual(0);
  } finally {
    for (const b of [1, 2, 3]) cluster.mock!.setRoundTripTime(b, 0);
    await producer.close();
  }
});

test('producing from a delivery handler does not keep the process alive once all is delivered', async () => {
  const topic = await cluster.topic(1);
  const fixture = path.join(root, 'test/lifecycle/fixtures/produce-from-handler.cjs');
  const child = spawn(process.execPath, [fixture, distIndex, cluster.bootstrapServers, topic], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  const code = await new Promise<number | null>((resolve) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      resolve(null);
    }, 15_000);
    child.on('exit', (c) => {
      clearTimeout(timer);
      resolve(c);
    });
  });
  expect(out).toContain('delivered both');
  expect(code).toBe(0); // null: it had to be killed, the producer held the loop
});

test('an assigned handler returning nonsense: its error surfaces from consume, and consuming goes on', async () => {
  const topic = await cluster.topic(2);
  await produce(cluster, topic, 20);
  const consumer = new ConsumerBuilder(consumerConfig(cluster))
    .setPartitionsAssignedHandler(() => [null] as unknown as TopicPartitionOffset[])
    .build();
  consumer.subscribe(topic);
  try {
    let error: unknown;
    const got: unknown[] = [];
    const deadline = Date.now() + 15_000;
    while (got.length < 20 && Date.now() < deadline) {
      try {
        const r = await consumer.consume(1000);
        if (r) got.push(r);
      } catch (e) {
        error ??= e;
      }
    }
    expect(error).toBeInstanceOf(TypeError);
    expect(got).toHaveLength(20); // assigned as given, consumed from the start
  } finally {
    await consumer.close().catch(() => {});
  }
});

test('what the application does to a returned batch does not change the offsets stored', async () => {
  const topic = await cluster.topic(1);
  await produce(cluster, topic, 50, undefined, 0);
  const tp = { topic, partition: 0 };
  const consumer = new ConsumerBuilder(consumerConfig(cluster, { enableAutoCommit: false })).build();
  consumer.assign([{ ...tp, offset: Offset.Beginning }]);
  try {
    let batch = await consumer.consumeBatch(10, 10_000);
    while (batch.length < 10) batch = batch.concat(await consumer.consumeBatch(10 - batch.length, 10_000));
    batch.reverse();
    batch.length = 0;
    const committed = await consumer.commit();
    expect(committed).toHaveLength(1);
    expect(committed[0]).toMatchObject({ ...tp, offset: 10 });
  } finally {
    await consumer.close();
  }
});

test('slow processing of held messages does not exceed max.poll.interval.ms: the member stays', async () => {
  const topic = await cluster.topic(1);
  await produce(cluster, topic, 400, undefined, 0); // more than one fetch holds
  const maxPollIntervalMs = cluster.mock ? 2500 : 7000;
  // max.poll.interval.ms may not be below session.timeout.ms (librdkafka refuses the config).
  const consumer = new ConsumerBuilder(consumerConfig(cluster, { maxPollIntervalMs, sessionTimeoutMs: cluster.mock ? 2000 : 6000 })).build();
  consumer.subscribe(topic);
  try {
    await consumeN(consumer, 1); // the rest of the fetch is held by the client
    const offsets: number[] = [0];
    const until = Date.now() + maxPollIntervalMs * 1.6;
    while (Date.now() < until) {
      await sleep(250); // "processing" a message, well within max.poll.interval.ms
      const r = await consumer.consume(5000);
      offsets.push(r!.offset);
    }
    // Then the rest, which takes new fetches: an evicted member would get
    // Local_MaxPollExceeded (a ConsumeException) and restart from the committed offset.
    while (offsets.length < 400) offsets.push((await consumer.consume(5000))!.offset);
    expect(offsets).toEqual([...Array(400).keys()]);
  } finally {
    await consumer.close();
  }
}, 30_000);

test('OAUTHBEARER with the unsecured JWT: tokens are refreshed before they expire', async () => {
  // librdkafka's own refresh callback runs on its background thread; no broker is needed to
  // see it (a token of 2 s is refreshed every ~2 s).
  const created: number[] = [];
  const producer = new ProducerBuilder({
    bootstrapServers: '127.0.0.1:1',
    securityProtocol: SecurityProtocol.SaslPlaintext,
    saslMechanism: SaslMechanism.OAuthBearer,
    enableSaslOauthbearerUnsecureJwt: true,
    saslOauthbearerConfig: 'principal=alice lifeSeconds=2',
    debug: 'security',
  })
    .setLogHandler((_p, log) => {
      if (/Creating unsecured token/.test(log.message)) created.push(Date.now());
    })
    .build();
  try {
    const deadline = Date.now() + 10_000;
    while (created.length < 3 && Date.now() < deadline) await sleep(100);
    expect(created.length).toBeGreaterThanOrEqual(3); // the first token, then refreshes
  } finally {
    await producer.close({ timeoutMs: 0 });
  }
});

void ErrorCode;
