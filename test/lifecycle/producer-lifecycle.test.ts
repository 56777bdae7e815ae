/**
 * Producer lifecycle: worker_threads (two at once, one terminated mid-produce), garbage
 * collection of unclosed producers and process exit, close while a flush is pending, double
 * close and use after close.
 *
 * Workers and child processes load the built package (dist/, `npm run build:ts`); it is
 * rebuilt here first when older than src/.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ErrorCode,
  KafkaException,
  MockCluster,
  PersistenceStatus,
  ProduceException,
  ProducerBuilder,
  type DeliveryReport,
  type IProducer,
  type ProducerConfig,
} from '../../src/index';
import { realBootstrap, startCluster, type TestCluster } from '../helpers/cluster';
import { ensureDist, root } from '../helpers/dist';

const fixtures = path.join(__dirname, 'fixtures');
const itMock = it.skipIf(realBootstrap !== undefined);
type P = IProducer<string | Buffer | null, string | Buffer | null>;

let cluster: TestCluster;
beforeAll(async () => {
  ensureDist();
  cluster = await startCluster();
}, 120_000);
afterAll(async () => {
  await cluster?.close();
});

function producer(config: ProducerConfig = {}): P {
  return new ProducerBuilder({ bootstrapServers: cluster.bootstrapServers, ...config }).setLogHandler(() => {}).build();
}

/** Runs a fixture in a child node process; resolves with its exit and output. */
function runChild(args: string[], timeoutMs: number): Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string; ms: number }> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`child did not exit within ${timeoutMs} ms\nstdout:\n${stdout}\nstderr:\n${stderr}`));
    }, timeoutMs);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, ms: Date.now() - started });
    });
  });
}

interface WorkerReport {
  threadId: number;
  name: string;
  delivered: number;
  positions: string[];
  values: string[];
  error?: string;
}

describe('worker_threads', () => {
  it('two workers produce at once, each with its own producer', async () => {
    const topic = await cluster.topic(3);
    const count = 2000;
    const run = (tag: string) =>
      new Promise<WorkerReport>((resolve, reject) => {
        const w = new Worker(path.join(fixtures, 'produce-worker.cjs'), {
          workerData: { bootstrapServers: cluster.bootstrapServers, topic, count, tag },
        });
        w.once('message', resolve);
        w.once('error', reject);
        w.once('exit', (code) => reject(new Error(`worker exited (${code}) before reporting`)));
      });
    // The main thread produces meanwhile too.
    const main = producer();
    const [a, b, mine] = await Promise.all([
      run('a'),
      run('b'),
      Promise.all(Array.from({ length: 200 }, (_, i) => main.produceAsync(topic, { value: `main-${i}` }))),
    ]);
    await main.close();
    expect(a.error).toBeUndefined();
    expect(b.error).toBeUndefined();
    expect(a.delivered).toBe(count);
    expect(b.delivered).toBe(count);
    expect(a.threadId).not.toBe(b.threadId);
    expect(a.threadId).not.toBe(0);
    expect(a.name).not.toBe(b.name);
    expect(a.values).toEqual(Array.from({ length: count }, (_, i) => `a-${i}`));
    // Every message has a place of its own in the log.
    const positions = [...a.positions, ...b.positions, ...mine.map((r) => `${r.partition}:${r.offset}`)];
    expect(new Set(positions).size).toBe(2 * count + 200);
  });

  it('a worker terminated mid-produce: the main thread survives and a later producer works', async () => {
    const topic = await cluster.topic(2);
    for (let round = 0; round < 2; round++) {
      const w = new Worker(path.join(fixtures, 'terminated-worker.cjs'), {
        workerData: { bootstrapServers: cluster.bootstrapServers, topic },
      });
      let last = { inFlight: 0, delivered: 0 };
      await new Promise<void>((resolve, reject) => {
        w.on('message', (m: typeof last) => {
          last = m;
          if (m.inFlight >= 2000) resolve();
        });
        w.once('error', reject);
      });
      expect(last.inFlight).toBeGreaterThanOrEqual(2000);
      expect(await w.terminate()).toBe(1);
    }
    const p = producer();
    const r = await p.produceAsync(topic, { value: 'after' });
    expect(r.status).toBe(PersistenceStatus.Persisted);
    await p.close();
    // A new worker loads the addon again and works.
    const again = await new Promise<WorkerReport>((resolve, reject) => {
      const w = new Worker(path.join(fixtures, 'produce-worker.cjs'), {
        workerData: { bootstrapServers: cluster.bootstrapServers, topic, count: 50, tag: 'again' },
      });
      w.once('message', resolve);
      w.once('error', reject);
    });
    expect(again.delivered).toBe(50);
  });

  it('a process whose workers were terminated mid-produce exits cleanly on its own', async () => {
    const topic = await cluster.topic(2);
    const child = await runChild([path.join(fixtures, 'terminate-child.cjs'), cluster.bootstrapServers, topic], 20_000);
    expect(child.stdout).toContain('terminated 0 1');
    expect(child.stdout).toContain('terminated 1 1');
    expect(child.stdout).toContain('main delivered true');
    expect(child.stdout).toContain('done');
    expect({ code: child.code, signal: child.signal }).toEqual({ code: 0, signal: null });
  });
});

describe('garbage collection and process exit', () => {
  it('unclosed producers are collected when dropped, crash nothing, and do not keep an idle process alive', async () => {
    const topic = await cluster.topic(1);
    const child = await runChild(['--expose-gc', path.join(fixtures, 'gc-child.cjs'), cluster.bootstrapServers, topic], 20_000);
    const out = child.stdout;
    expect(out).toContain('delivered idle true');
    expect(out).toContain('collected idle true');
    expect(out).toContain('delivered busy true');
    expect(out).toContain('collected busy true');
    expect(out).toContain('done');
    // The unclosed, still referenced producer kept the process up only until its message was delivered.
    expect(out).toContain('delivered at-exit true');
    expect(out.indexOf('delivered at-exit')).toBeGreaterThan(out.indexOf('done'));
    expect({ code: child.code, signal: child.signal, stderr: child.stderr }).toEqual({ code: 0, signal: null, stderr: '' });
  });
});

describe('close', () => {
  itMock('close() while a flush() without timeout is pending on a down broker: both settle', async () => {
    const mc = new MockCluster({ brokers: 1 });
    const topic = `t-${randomUUID()}`;
    mc.createTopic(topic, 1);
    try {
      const p = new ProducerBuilder({
        bootstrapServers: mc.bootstrapServers,
        messageTimeoutMs: 120_000,
        reconnectBackoffMs: 10,
        reconnectBackoffMaxMs: 50,
      })
        .setLogHandler(() => {})
        .build();
      await p.produceAsync(topic, { value: 'connected' });
      mc.setBrokerDown(1);
      const reports: DeliveryReport<string | Buffer | null, string | Buffer | null>[] = [];
      for (let i = 0; i < 20; i++) p.produce(topic, { value: `v${i}` }, (r) => reports.push(r));
      const pendingAsync = p.produceAsync(topic, { value: 'async' }).catch((e: unknown) => e);
      let flushed: number | undefined;
      const flush = p.flush().then((n) => (flushed = n));
      await new Promise((r) => setTimeout(r, 100));
      expect(flushed).toBeUndefined(); // the broker is down: nothing can be delivered
      await Promise.all([p.close({ timeoutMs: 500 }), flush]);
      expect(flushed).toBe(0); // nothing is outstanding any more: everything failed
      expect(reports).toHaveLength(20);
      for (const r of reports) expect([ErrorCode.Local_PurgeQueue, ErrorCode.Local_PurgeInflight]).toContain(r.error.code);
      const e = await pendingAsync;
      expect(e).toBeInstanceOf(ProduceException);
    } finally {
      await mc.close();
    }
  });

  it('double close: concurrent and repeated calls share one close', async () => {
    const topic = await cluster.topic(1);
    const p = producer({ lingerMs: 50 });
    const delivered: number[] = [];
    for (let i = 0; i < 50; i++) p.produce(topic, { value: `v${i}` }, (r) => !r.error.isError && delivered.push(i));
    const first = p.close();
    const second = p.close({ timeoutMs: 1 }); // options of later calls do not change the first close
    expect(second).toBe(first);
    await Promise.all([first, second]);
    expect(delivered).toHaveLength(50);
    expect(p.close()).toBe(first);
    await p[Symbol.asyncDispose]();
  });

  it('closing an idle producer, and one whose brokers cannot be reached, settles', async () => {
    await producer().close();
    const unreachable = new ProducerBuilder({ bootstrapServers: '127.0.0.1:9', reconnectBackoffMs: 10, messageTimeoutMs: 60_000 })
      .setLogHandler(() => {})
      .build();
    const rejected = unreachable.produceAsync('nowhere', { value: 'x' }).catch((e: unknown) => e);
    await unreachable.close({ timeoutMs: 100 });
    const e = await rejected;
    expect(e).toBeInstanceOf(ProduceException);
    expect([ErrorCode.Local_PurgeQueue, ErrorCode.Local_PurgeInflight]).toContain((e as ProduceException<unknown, unknown>).error.code);
  });

  it('use after close: every method fails with a clear KafkaException (Local_Destroy), never a crash', async () => {
    const topic = await cluster.topic(1);
    const p = producer();
    await p.produceAsync(topic, { value: 'x' });
    await p.close();
    const failures: unknown[] = [];
    const calls: Array<() => unknown> = [
      () => p.produce(topic, { value: 'x' }),
      () => p.produce({ topic, partition: 0 }, { value: 'x' }, () => {}),
    ];
    for (const call of calls) {
      try {
        call();
        failures.push(undefined);
      } catch (e) {
        failures.push(e);
      }
    }
    failures.push(await p.produceAsync(topic, { value: 'x' }).catch((e: unknown) => e));
    // Promise-returning methods reject rather than throw.
    failures.push(await p.flush().catch((e: unknown) => e));
    failures.push(await p.flush(0).catch((e: unknown) => e));
    for (const e of failures) {
      expect(e).toBeInstanceOf(KafkaException);
      expect(e).not.toBeInstanceOf(TypeError);
      expect((e as KafkaException).error.code).toBe(ErrorCode.Local_Destroy);
      expect((e as KafkaException).message).toContain(p.name);
    }
    expect(p.name).toMatch(/^rdkafka#producer-\d+$/);
    expect(String(p)).toContain(p.name);
  });

  itMock('a producer outlives its MockCluster and still closes', async () => {
    const mc = new MockCluster({ brokers: 1 });
    const topic = `t-${randomUUID()}`;
    mc.createTopic(topic, 1);
    const p = new ProducerBuilder({ bootstrapServers: mc.bootstrapServers }).setLogHandler(() => {}).build();
    await p.produceAsync(topic, { value: 'x' });
    await mc.close();
    const lost = p.produceAsync(topic, { value: 'y' }).catch((e: unknown) => e);
    await p.close({ timeoutMs: 100 });
    expect(await lost).toBeInstanceOf(ProduceException);
  });
});
