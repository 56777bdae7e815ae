/**
 * Lifecycle storms: many worker_threads with producing producers (and consumers) terminated at
 * random points, in a child process that must survive and exit 0 on its own; and many clients
 * created and closed in a loop, after which the process's file descriptors (/proc/self/fd) and
 * threads (/proc/self/task) are back to their baseline.
 *
 * The first storm is issue 12's defect #1: terminating a worker whose producer is producing
 * aborted the whole process (a fatal error from node-addon-api once N-API calls in the dying
 * worker were refused; see CanRunJs in native/client.cc).
 */
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { AdminClientBuilder, ConsumerBuilder, ProducerBuilder } from '../../src/index';
import { startCluster, type TestCluster } from '../helpers/cluster';
import { consumerConfig, sleep } from '../helpers/consumer';
import { ensureDist, root } from '../helpers/dist';

const fixtures = path.join(__dirname, 'fixtures');
const onLinux = process.platform === 'linux';

let cluster: TestCluster;
beforeAll(async () => {
  ensureDist();
  cluster = await startCluster(1);
}, 120_000);
afterAll(async () => {
  await cluster?.close();
});

/** Runs storm-child.cjs; resolves with its exit and output (stderr is only shown on failure). */
function storm(args: string[], timeoutMs: number): Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(fixtures, 'storm-child.cjs'), ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`storm did not end within ${timeoutMs} ms\nstdout:\n${stdout}\nstderr:\n${stderr}`));
    }, timeoutMs);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

function expectSurvived(r: Awaited<ReturnType<typeof storm>>, rounds: number, workers: number, consuming: number): void {
  // The exit status first, with the output to explain it (a fatal error, a signal).
  expect({ code: r.code, signal: r.signal, out: r.code === 0 ? '' : `${r.stdout}\n${r.stderr}` }).toEqual({ code: 0, signal: null, out: '' });
  for (let i = 0; i < rounds; i++) expect(r.stdout).toContain(`round ${i} terminated ${workers} (${consuming} consuming)`);
  expect(r.stdout).toContain('main delivered true');
  expect(r.stdout).toContain('done');
}

it('30 workers producing, each terminated 50-210 ms into it, two rounds: the process survives and exits 0', async () => {
  const topic = await cluster.topic(4);
  const r = await storm([cluster.bootstrapServers, topic, '30', '2'], 90_000);
  expectSurvived(r, 2, 30, 0);
}, 120_000);

it('workers with producers and group consumers terminated at random points: the process survives and exits 0', async () => {
  const topic = await cluster.topic(4);
  const r = await storm([cluster.bootstrapServers, topic, '16', '2', 'consumers'], 90_000);
  expectSurvived(r, 2, 16, 8);
}, 120_000);

const count = (dir: string) => readdirSync(dir).length;

/** Polls until fds and threads are back to `base` (closing finishes on native threads). */
async function settle(base: { fds: number; threads: number }, timeoutMs: number): Promise<{ fds: number; threads: number }> {
  const deadline = Date.now() + timeoutMs;
  let now = { fds: count('/proc/self/fd'), threads: count('/proc/self/task') };
  while ((now.fds > base.fds || now.threads > base.threads) && Date.now() < deadline) {
    await sleep(50);
    now = { fds: count('/proc/self/fd'), threads: count('/proc/self/task') };
  }
  return now;
}

it.skipIf(!onLinux)('clients created and closed in a loop leave no file descriptor or thread behind', async () => {
  const topic = await cluster.topic(2);
  // One of each, the way the loop below uses them.
  const cycle = async (i: number) => {
    const p = new ProducerBuilder({ bootstrapServers: cluster.bootstrapServers, lingerMs: 1 }).setLogHandler(() => {}).build();
    const c = new ConsumerBuilder(consumerConfig(cluster)).setLogHandler(() => {}).build();
    const a = new AdminClientBuilder({ bootstrapServers: cluster.bootstrapServers }).setLogHandler(() => {}).build();
    c.subscribe(topic);
    const [r] = await Promise.all([p.produceAsync(topic, { value: `cycle-${i}` }), c.consume(i % 3 === 0 ? 200 : 0), a.getMetadata(5000, topic)]);
    expect(r.offset).toBeGreaterThanOrEqual(0);
    // Closed in a different order each time; some while a consume waits.
    const closes = [() => p.close(), () => c.close(), () => a.close()];
    if (i % 2) closes.reverse();
    await Promise.all(closes.map((f) => f()));
  };
  await cycle(0); // warm-up: whatever the process sets up once (thread pools, TLS) stays
  await sleep(200);
  const base = { fds: count('/proc/self/fd'), threads: count('/proc/self/task') };
  for (let i = 1; i <= 60; i += 4) await Promise.all([cycle(i), cycle(i + 1), cycle(i + 2), cycle(i + 3)]);
  expect(await settle(base, 10_000)).toEqual(base);
}, 120_000);
