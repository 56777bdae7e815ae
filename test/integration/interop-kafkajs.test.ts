/**
 * Interoperability with KafkaJS (a pure-JS client with its own protocol code): what
 * kafka-napi writes, a KafkaJS consumer group reads, and the other way round. The mock's
 * group API versions are capped for non-librdkafka clients, as documented (KafkaJS 2.2
 * happens to send versions the mock parses either way; other clients do not); the last test
 * checks that the cap is what the brokers advertise.
 */
import { Kafka, logLevel } from 'kafkajs';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { ConsumerBuilder, Deserializers, MockCluster, ProducerBuilder } from '../../src/index';
import { startCluster, type TestCluster } from '../helpers/cluster';
import { consumerConfig } from '../helpers/consumer';

let cluster: TestCluster;
let kafka: Kafka;
beforeAll(async () => {
  cluster = await startCluster();
  cluster.mock?.capApiVersionsForOtherClients();
  kafka = new Kafka({ clientId: 'interop', brokers: cluster.bootstrapServers.split(','), logLevel: logLevel.NOTHING });
});
afterAll(async () => {
  await cluster?.close();
});

test('KafkaJS reads what kafka-napi writes (keys, values, headers)', async () => {
  const topic = await cluster.topic(3, 'kjs');
  const producer = new ProducerBuilder({ bootstrapServers: cluster.bootstrapServers }).build();
  for (let i = 0; i < 50; i++) producer.produce(topic, { key: `k${i}`, value: `v${i}`, headers: [{ key: 'h', value: `x${i}` }] });
  expect(await producer.flush(10_000)).toBe(0);
  await producer.close();

  const consumer = kafka.consumer({ groupId: `kjs-${topic}`, sessionTimeout: 6000, heartbeatInterval: 500 });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  const seen = new Map<string, { value: string; header: string }>();
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`KafkaJS read ${seen.size} of 50`)), 30_000);
    consumer
      .run({
        eachMessage: async ({ message }) => {
          seen.set(message.key!.toString(), { value: message.value!.toString(), header: String(message.headers?.h) });
          if (seen.size === 50) {
            clearTimeout(timer);
            resolve();
          }
        },
      })
      .catch(reject);
  });
  await consumer.disconnect();
  for (let i = 0; i < 50; i++) expect(seen.get(`k${i}`)).toEqual({ value: `v${i}`, header: `x${i}` });
}, 60_000);

test('kafka-napi reads what KafkaJS writes', async () => {
  const topic = await cluster.topic(3, 'kjs');
  const producer = kafka.producer();
  await producer.connect();
  await producer.send({ topic, messages: Array.from({ length: 50 }, (_, i) => ({ key: `k${i}`, value: `v${i}`, headers: { h: `x${i}` } })) });
  await producer.disconnect();

  const consumer = new ConsumerBuilder(consumerConfig(cluster)).setKeyDeserializer(Deserializers.Utf8).setValueDeserializer(Deserializers.Utf8).build();
  consumer.subscribe(topic);
  const seen = new Map<string, { value: string | null; header: string }>();
  try {
    while (seen.size < 50) {
      const r = await consumer.consume(10_000);
      expect(r).not.toBeNull();
      seen.set(r!.message!.key!, { value: r!.message!.value, header: r!.message!.headers.getLastBytes('h')!.toString() });
    }
  } finally {
    await consumer.close();
  }
  for (let i = 0; i < 50; i++) expect(seen.get(`k${i}`)).toEqual({ value: `v${i}`, header: `x${i}` });
}, 60_000);

test('capApiVersionsForOtherClients: the brokers advertise JoinGroup <= 5, SyncGroup <= 3, LeaveGroup <= 2', async () => {
  const mock = new MockCluster();
  mock.capApiVersionsForOtherClients();
  const lines: string[] = [];
  const producer = new ProducerBuilder({ bootstrapServers: mock.bootstrapServers, debug: 'feature' })
    .setLogHandler((_p, log) => lines.push(log.message))
    .build();
  // Any request makes librdkafka connect and log the brokers' ApiVersions.
  producer.produceAsync('any', { value: 'x' }).catch(() => {});
  try {
    const deadline = Date.now() + 10_000;
    while (!lines.some((l) => /LeaveGroup \(13\)/.test(l)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    const versions = (api: string) => lines.find((l) => l.includes(`ApiKey ${api} Versions`));
    expect(versions('JoinGroup (11)')).toMatch(/Versions 0\.\.5\b/);
    expect(versions('SyncGroup (14)')).toMatch(/Versions 0\.\.3\b/);
    expect(versions('LeaveGroup (13)')).toMatch(/Versions 0\.\.2\b/);
  } finally {
    await producer.close({ timeoutMs: 100 });
    await mock.close();
  }
});
