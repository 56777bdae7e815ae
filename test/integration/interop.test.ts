/**
 * Interoperability with other Kafka clients: what `kcat` (Debian package) writes is read
 * correctly, and what kafka-napi writes is read by `kcat` and, when the Debian package
 * python3-confluent-kafka is installed, by confluent-kafka-python (both librdkafka-based,
 * but other builds and versions of it, with their own record encoding paths).
 */
import { execFile, spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ConsumerBuilder, Deserializers, Headers, Offset, ProducerBuilder } from '../../src/index';
import { startCluster, type TestCluster } from '../helpers/cluster';
import { consumeN, consumerConfig } from '../helpers/consumer';

const hasKcat = spawnSync('kcat', ['-V'], { stdio: 'ignore' }).status === 0;
// The system python: the Debian package installs the module there (a pyenv python on PATH
// does not see it).
const systemPython = '/usr/bin/python3';
const hasPythonClient = spawnSync(systemPython, ['-c', 'import confluent_kafka'], { stdio: 'ignore' }).status === 0;

let cluster: TestCluster;
beforeAll(async () => {
  cluster = await startCluster();
});
afterAll(async () => {
  await cluster?.close();
});

function run(cmd: string, args: string[], input?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(cmd, args, { timeout: 30_000, maxBuffer: 16 << 20 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${cmd} failed: ${error.message}\n${stderr}`));
      else resolve(stdout);
    });
    if (input !== undefined) child.stdin!.end(input);
  });
}

// Written by kafka-napi, for the other clients to read.
const ours = [
  { key: 'k-0', value: 'plain', headers: [{ key: 'trace', value: 'abc' }] },
  { key: 'clé-1', value: 'välue ✓ 1', headers: [{ key: 'h', value: 'x' }, { key: 'h', value: 'y' }, { key: 'ünï', value: 'ß' }] },
  { key: null, value: 'no key', headers: [] },
  { key: 'k-3', value: '', headers: [{ key: 'empty', value: '' }] },
];

async function writeOurs(topic: string): Promise<void> {
  const producer = new ProducerBuilder({ bootstrapServers: cluster.bootstrapServers }).build();
  try {
    for (const m of ours) await producer.produceAsync({ topic, partition: 0 }, m);
  } finally {
    await producer.close();
  }
}

describe.skipIf(!hasKcat)(hasKcat ? 'kcat' : 'kcat (skipped: `kcat` is not installed; CI installs the Debian package)', () => {
  test('messages written by kcat (keys, values, headers) are read correctly', async () => {
    const topic = await cluster.topic(1, 'kcat-in');
    const lines = ['k1:v1', 'clé 2:välue ✓ 2', 'k3:a:b:c'];
    await run('kcat', ['-P', '-b', cluster.bootstrapServers, '-t', topic, '-p', '0', '-K:', '-H', 'h1=v1', '-H', 'h2=héllo', '-H', 'h1=again'], lines.join('\n') + '\n');
    const c = new ConsumerBuilder(consumerConfig(cluster)).setKeyDeserializer(Deserializers.Utf8).setValueDeserializer(Deserializers.Utf8).build();
    try {
      c.assign({ topic, partition: 0, offset: Offset.Beginning });
      const got = await consumeN(c, 3);
      expect(got.map((r) => [r.offset, r.message!.key, r.message!.value])).toEqual([
        [0, 'k1', 'v1'],
        [1, 'clé 2', 'välue ✓ 2'],
        [2, 'k3', 'a:b:c'],
      ]);
      for (const r of got) {
        const h = r.message!.headers;
        expect(h).toBeInstanceOf(Headers);
        expect(h.backingList.map((x) => [x.key, Buffer.from(x.value!).toString()])).toEqual([
          ['h1', 'v1'],
          ['h2', 'héllo'],
          ['h1', 'again'],
        ]);
        expect(h.getLastBytes('h1')!.toString()).toBe('again');
      }
    } finally {
      await c.close();
    }
  });

  test('what kafka-napi writes is read by kcat', async () => {
    const topic = await cluster.topic(1, 'kcat-out');
    await writeOurs(topic);
    const out = await run('kcat', ['-C', '-e', '-q', '-J', '-b', cluster.bootstrapServers, '-t', topic, '-p', '0', '-o', 'beginning']);
    const read = out.trim().split('\n').map((l) => JSON.parse(l) as { offset: number; key: string | null; payload: string | null; headers?: string[] });
    expect(read.map((r) => r.offset)).toEqual([0, 1, 2, 3]);
    expect(read.map((r) => r.key)).toEqual(['k-0', 'clé-1', null, 'k-3']);
    expect(read.map((r) => r.payload)).toEqual(['plain', 'välue ✓ 1', 'no key', '']);
    expect(read.map((r) => r.headers ?? [])).toEqual(ours.map((m) => m.headers.flatMap((h) => [h.key, h.value])));
    // And with kcat's format string, as a person would use it.
    const formatted = await run('kcat', ['-C', '-e', '-q', '-b', cluster.bootstrapServers, '-t', topic, '-p', '0', '-o', 'beginning', '-f', '%k|%s|%h\n']);
    expect(formatted.split('\n')[0]).toBe('k-0|plain|trace=abc');
  });
});

describe.skipIf(!hasPythonClient)(
  hasPythonClient ? 'confluent-kafka-python' : 'confluent-kafka-python (skipped: /usr/bin/python3 cannot import confluent_kafka; apt install python3-confluent-kafka)',
  () => {
    test('what kafka-napi writes is read by confluent_kafka (system python3)', async () => {
      const topic = await cluster.topic(1, 'py-out');
      await writeOurs(topic);
      const script = `
import json, sys
from confluent_kafka import Consumer, TopicPartition, OFFSET_BEGINNING
c = Consumer({'bootstrap.servers': sys.argv[1], 'group.id': 'interop-py', 'enable.auto.commit': False})
c.assign([TopicPartition(sys.argv[2], 0, OFFSET_BEGINNING)])
out = []
while len(out) < int(sys.argv[3]):
    m = c.poll(10.0)
    if m is None:
        break
    if m.error():
        raise Exception(str(m.error()))
    dec = lambda b: None if b is None else b.decode('utf-8')
    out.append({'offset': m.offset(), 'key': dec(m.key()), 'value': dec(m.value()),
                'headers': [[k, dec(v)] for k, v in (m.headers() or [])]})
c.close()
print(json.dumps(out))
`;
      const out = await run(systemPython, ['-c', script, cluster.bootstrapServers, topic, String(ours.length)]);
      const read = JSON.parse(out) as Array<{ offset: number; key: string | null; value: string | null; headers: string[][] }>;
      expect(read).toEqual(
        ours.map((m, offset) => ({ offset, key: m.key, value: m.value, headers: m.headers.map((h) => [h.key, h.value]) })),
      );
    });
  },
);
