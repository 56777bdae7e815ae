#!/usr/bin/env node
'use strict';
// `npm run bench`: producer and consumer throughput against an embedded mock cluster running
// in a separate process (`kafka-napi mock`), or with `--broker kafka` against one real Apache
// Kafka node started by scripts/kafka.js; each measured run in a fresh process, with
// librdkafka's own rdkafka_performance run the same way in the same run as the baseline.
//
//   node bench/run.js [--broker mock|kafka] [--count 1000000] [--size 100] [--only produce|consume]
const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const readline = require('node:readline');
const { parseArgs } = require('node:util');

const root = path.join(__dirname, '..');
const { values: opts } = parseArgs({
  options: {
    count: { type: 'string', default: '1000000' },
    size: { type: 'string', default: '100' },
    only: { type: 'string' },
    broker: { type: 'string', default: 'mock' },
  },
});
if (!['mock', 'kafka'].includes(opts.broker)) throw new Error(`--broker must be mock or kafka, got ${opts.broker}`);
const count = Number(opts.count);
const size = Number(opts.size);
const perf = path.join(root, 'build/Release/rdkafka_performance');

function ensureBuilt() {
  if (!fs.existsSync(path.join(root, 'dist/index.js'))) {
    spawnSync('npm', ['run', 'build:ts'], { cwd: root, stdio: 'inherit' });
  }
  if (!fs.existsSync(perf)) {
    // librdkafka's objects are reused from the addon's build tree (see CMakeLists.txt).
    const r = spawnSync('cmake', ['--build', 'build/cmake', '--target', 'rdkafka_performance'], { cwd: root, stdio: 'inherit' });
    if (r.status !== 0) throw new Error('could not build rdkafka_performance (needs the addon built first: npm run build:native)');
  }
}

/** Starts `kafka-napi mock` as a child; resolves with its bootstrap servers. */
function startMock(topics) {
  const args = [path.join(root, 'dist/cli.js'), 'mock', '--brokers', '3'];
  for (const [name, partitions] of topics) args.push('--topic', `${name}:${partitions}`);
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`mock exited with ${code}`)));
    readline.createInterface({ input: child.stdout }).once('line', (line) => resolve({ child, bootstrap: line.trim() }));
  });
}

/**
 * One real Kafka node (scripts/kafka.js: fresh data dir, free ports, stopped afterwards), the
 * topics created with their partition counts (replication factor 1).
 */
async function startRealKafka(topics) {
  const { startKafka } = require('../scripts/kafka.js');
  const cluster = await startKafka({ nodes: 1, log: (m) => console.error(`kafka: ${m}`) });
  try {
    const bootstrap = cluster.env.KAFKA_BOOTSTRAP_SERVERS;
    const { AdminClientBuilder } = require('..');
    const admin = new AdminClientBuilder({ bootstrapServers: bootstrap }).build();
    try {
      await admin.createTopics(topics.map(([name, numPartitions]) => ({ name, numPartitions, replicationFactor: 1 })), { operationTimeoutMs: 60_000 });
    } finally {
      await admin.close();
    }
    return { bootstrap, stop: () => cluster.stop() };
  } catch (e) {
    await cluster.stop();
    throw e;
  }
}

async function startBroker(topics) {
  if (opts.broker === 'kafka') return startRealKafka(topics);
  const { child, bootstrap } = await startMock(topics);
  return { bootstrap, stop: async () => void child.kill('SIGTERM') };
}

function run(cmd, args) {
  const r = spawnSync(cmd, args, { cwd: root, encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error(`${path.basename(cmd)} ${args.join(' ')} failed:\n${r.stderr}${r.stdout}`);
  return r.stdout;
}

function node(script, args) {
  const out = run(process.execPath, [path.join(__dirname, script), ...args]);
  return JSON.parse(out.trim().split('\n').pop());
}

// rdkafka_performance prints "% N messages ... in Tms: R msgs/s and X MB/s" (produce) or
// "% N messages (B bytes) consumed in Tms: R msgs/s (X MB/s)" (consume) on its last summary line.
function native(args) {
  const out = run(perf, args);
  const lines = out.split('\n').filter((l) => /msgs\/s/.test(l) && / in \d+ms/.test(l));
  const m = /in (\d+)ms: (\d+) msgs\/s.*?([\d.]+) MB\/s/.exec(lines[lines.length - 1] ?? '');
  if (!m) throw new Error(`unexpected rdkafka_performance output:\n${out}`);
  return { ms: Number(m[1]), msgsPerSec: Number(m[2]), mbPerSec: Number(m[3]) };
}

function row(name, r, base) {
  const ratio = base ? `${(r.msgsPerSec / base.msgsPerSec).toFixed(2)}x` : '1.00x';
  const cells = [
    name.padEnd(34),
    String(r.msgsPerSec.toLocaleString('en-US')).padStart(11),
    String(r.mbPerSec).padStart(7),
    ratio.padStart(7),
    String(r.peakRssMb ?? '-').padStart(8),
    String(r.eldP99Ms ?? '-').padStart(8),
    String(r.eldMaxMs ?? '-').padStart(8),
  ];
  console.log(cells.join(' '));
}

function header(title) {
  console.log(`\n${title}`);
  console.log(['run'.padEnd(34), 'msgs/s'.padStart(11), 'MB/s'.padStart(7), 'vs C'.padStart(7), 'RSS MB'.padStart(8), 'ELD p99'.padStart(8), 'ELD max'.padStart(8)].join(' '));
}

async function main() {
  ensureBuilt();
  const where = opts.broker === 'kafka' ? `Apache Kafka ${require('../scripts/kafka.js').KAFKA_VERSION} (one node, scripts/kafka.js)` : 'mock cluster (3 brokers) in a child process';
  console.log(`kafka-napi bench: ${count.toLocaleString('en-US')} messages of ${size} B, acks=1, linger.ms=5, ${where}, node ${process.version}`);
  const topics = [
    ['bench-native-p', 6], ['bench-handler-p', 6], ['bench-async-p', 6],
    // The mock keeps 5 MiB per partition: 32 partitions hold 1 M x 100 B (same layout on Kafka).
    ['bench-consume', 32],
  ];
  const broker = await startBroker(topics);
  const { bootstrap } = broker;
  try {
    if (opts.only !== 'consume') {
      header('produce');
      const base = native(['-P', '-t', 'bench-native-p', '-b', bootstrap, '-s', String(size), '-c', String(count), '-a', '1', '-X', 'linger.ms=5', '-q']);
      row('rdkafka_performance -P (C)', base);
      row('produce() + delivery handler', node('produce.js', ['handler', bootstrap, 'bench-handler-p', String(count), String(size)]), base);
      row('produceAsync() all, then awaited', node('produce.js', ['async', bootstrap, 'bench-async-p', String(count), String(size)]), base);
    }
    if (opts.only !== 'produce') {
      header('consume (32 partitions, group consumer from earliest)');
      // Pre-fill with librdkafka's producer (fast, and independent of the code under test).
      // No sticky partitioning: null-key messages would go to one partition for 10 ms at a
      // time and overflow the mock's 5 MiB per partition (it silently drops the oldest).
      native(['-P', '-t', 'bench-consume', '-b', bootstrap, '-s', String(size), '-c', String(count), '-a', '1', '-X', 'linger.ms=5', '-X', 'sticky.partitioning.linger.ms=0', '-q']);
      // rdkafka_performance's own settings (queued.min.messages=1000000: fast, ~300 MB), and
      // the settings the kafka-napi runs use (bounded 32 MiB prefetch, re-checked every 10 ms).
      row('rdkafka_performance -G (C), its defaults', native(['-G', 'bench-native-c1', '-t', 'bench-consume', '-b', bootstrap, '-c', String(count)]));
      const base = native(['-G', 'bench-native-c2', '-t', 'bench-consume', '-b', bootstrap, '-c', String(count),
        '-X', 'queued.min.messages=100000', '-X', 'queued.max.messages.kbytes=32768', '-X', 'fetch.queue.backoff.ms=10']);
      row('rdkafka_performance -G (C), same settings', base);
      row('consumeBatch(10000)', node('consume.js', ['batch', bootstrap, 'bench-consume', String(count), 'bench-batch']), base);
      row('for await (const r of consumer)', node('consume.js', ['iterator', bootstrap, 'bench-consume', String(count), 'bench-iter']), base);
      row('consume() one at a time', node('consume.js', ['single', bootstrap, 'bench-consume', String(count), 'bench-single']), base);
    }
  } finally {
    await broker.stop();
  }
}

main().catch((e) => {
  console.error(e.message ?? e);
  process.exit(1);
});
