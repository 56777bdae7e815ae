#!/usr/bin/env node
/**
 * The `kafka-napi` command line: an embedded cluster (`mock`), `produce`, `consume`,
 * `metadata`, `groups`, `version`, the README's `demo` and `bench`. No dependencies: argument
 * parsing is node:util's parseArgs.
 *
 * Conventions: results on stdout, diagnostics on stderr; bad usage prints the usage on stderr
 * and exits 2; a failure prints one line (message and error code name) and exits 1, with the
 * stack only under --verbose.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as readline from 'node:readline';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { AdminClientBuilder } from './admin-client-builder';
import type { IAdminClient } from './admin-client';
import { ConsumerGroupState, ConsumerGroupType, OffsetSpec, type Metadata } from './admin-types';
import { ConsumerBuilder } from './consumer-builder';
import type { ConsumeResult } from './types';
import { KafkaException, type KafkaError } from './errors';
import { AutoOffsetReset, configProperties } from './generated/config.gen';
import { ErrorCode } from './generated/error-code.gen';
import { Library } from './library';
import { MockCluster } from './mock-cluster';
import { ProducerBuilder } from './producer-builder';
import { Offset, type LogMessage, type TopicPartition, type TopicPartitionOffset } from './types';
import { compileFormat, jsonLine } from './cli/format';
import { Progress } from './cli/progress';

type Options = NonNullable<ParseArgsConfig['options']>;
type Values = Record<string, string | boolean | Array<string | boolean> | undefined>;

interface Command {
  summary: string;
  usage: string;
  options: Options;
  run(values: Values, positionals: string[]): Promise<void>;
}

/** Bad usage: exit 2 with the command's usage on stderr. */
class UsageError extends Error {}

const PROG = 'kafka-napi';
const root = path.join(__dirname, '..');

const common: Options = {
  help: { type: 'boolean', short: 'h' },
  verbose: { type: 'boolean' },
};
const connection: Options = {
  'bootstrap-servers': { type: 'string', short: 'b' },
  config: { type: 'string', short: 'X', multiple: true },
};
const CONNECTION_HELP = `  -b, --bootstrap-servers <list>  brokers (host:port,...); default $KAFKA_BOOTSTRAP_SERVERS
  -X, --config <key=value>        a librdkafka property (dotted or camelCase name), repeatable`;
const COMMON_HELP = `  --verbose                       show librdkafka's logs and warnings, and stacks on errors
  -h, --help                      this help`;

// ---- helpers ---------------------------------------------------------------------------------

function str(v: Values, name: string): string | undefined {
  const x = v[name];
  return typeof x === 'string' ? x : undefined;
}

function int(v: Values, name: string, fallback: number, min = 0): number {
  const x = str(v, name);
  if (x === undefined) return fallback;
  if (!/^\d+$/.test(x) || Number(x) < min) throw new UsageError(`--${name} must be an integer >= ${min} (got '${x}')`);
  return Number(x);
}

function bootstrap(v: Values): string {
  const b = str(v, 'bootstrap-servers') ?? process.env.KAFKA_BOOTSTRAP_SERVERS;
  if (!b) throw new UsageError('--bootstrap-servers is required (or set KAFKA_BOOTSTRAP_SERVERS)');
  return b;
}

function required(v: Values, name: string): string {
  const x = str(v, name);
  if (!x) throw new UsageError(`--${name} is required`);
  return x;
}

/** `-X key=value` pairs, on top of the given base config. */
type AnyConfig = Record<string, string | number | boolean | undefined>;

/** `-X key=value` pairs over `base`; camelCase keys are mapped to librdkafka's names so -X wins. */
function clientConfig(v: Values, base: AnyConfig): AnyConfig {
  const dotted = (k: string) => (Object.hasOwn(configProperties, k) ? configProperties[k].name : k);
  const out: AnyConfig = {};
  for (const [k, x] of Object.entries(base)) out[dotted(k)] = x;
  for (const kv of (v.config as string[] | undefined) ?? []) {
    const eq = kv.indexOf('=');
    if (eq <= 0) throw new UsageError(`-X takes key=value (got '${kv}')`);
    out[dotted(kv.slice(0, eq))] = kv.slice(eq + 1);
  }
  return out;
}

/**
 * librdkafka's logs and error events are informational (it retries by itself): shown with
 * --verbose (or -X debug=...), so that a failing command prints one line, not a stream.
 */
function chatty(v: Values): boolean {
  return v.verbose === true || ((v.config as string[] | undefined) ?? []).some((kv) => kv.startsWith('debug='));
}

function logHandler(v: Values) {
  const show = chatty(v);
  return (_c: unknown, log: LogMessage) => {
    if (show) process.stderr.write(`%${log.level}|${log.facility}| ${log.message}\n`);
  };
}

function errorHandler(v: Values) {
  const show = chatty(v);
  return (_c: unknown, e: KafkaError) => {
    if (show || e.isFatal) process.stderr.write(`${PROG}: warning: ${e.reason} (${ErrorCode[e.code] ?? e.code})\n`);
  };
}

function admin(v: Values): IAdminClient {
  return new AdminClientBuilder(clientConfig(v, { bootstrapServers: bootstrap(v) }))
    .setErrorHandler(errorHandler(v))
    .setLogHandler(logHandler(v))
    .build();
}

/** The progress line currently on the terminal, cleared before data is written to it. */
let progress: Progress | undefined;

function write(text: string): void {
  if (progress && process.stdout.isTTY) progress.around(process.stdout, text);
  else process.stdout.write(text);
}

function out(line = ''): void {
  write(`${line}\n`);
}

/**
 * Where `consume -o` starts: kcat's `beginning`, `end`, `stored`, an absolute offset, or `-N`
 * (N before the end of each partition, clamped at its start).
 */
type StartOffset = { logical: number } | { absolute: number } | { fromEnd: number };

function startOffset(x: string): StartOffset {
  if (x === 'beginning') return { logical: Offset.Beginning };
  if (x === 'end') return { logical: Offset.End };
  if (x === 'stored') return { logical: Offset.Stored };
  if (/^\d+$/.test(x) && Number.isSafeInteger(Number(x))) return { absolute: Number(x) };
  if (/^-\d+$/.test(x) && Number.isSafeInteger(-Number(x)) && Number(x) < 0) return { fromEnd: -Number(x) };
  throw new UsageError(`-o takes beginning, end, stored, an offset or -N (got '${x}')`);
}

function rate(n: number, ms: number): string {
  return Math.round((n * 1000) / Math.max(ms, 1)).toLocaleString('en-US');
}

function mbps(bytes: number, ms: number): string {
  return ((bytes / (1024 * 1024)) * 1000 / Math.max(ms, 1)).toFixed(1);
}

/** Resolves on the first SIGINT/SIGTERM. */
function untilSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const on = (s: NodeJS.Signals) => {
      process.off('SIGINT', on);
      process.off('SIGTERM', on);
      // A second signal while shutting down ends the process at once.
      process.once('SIGINT', () => process.exit(130));
      process.once('SIGTERM', () => process.exit(143));
      resolve(s);
    };
    process.on('SIGINT', on);
    process.on('SIGTERM', on);
  });
}

/** Limits outstanding promises (produceAsync backpressure without one promise per message alive). */
class Window {
  #inFlight = 0;
  #waiter?: () => void;
  constructor(private readonly max: number) {}
  async acquire(): Promise<void> {
    while (this.#inFlight >= this.max) await new Promise<void>((r) => (this.#waiter = r));
    this.#inFlight++;
  }
  release(): void {
    this.#inFlight--;
    const w = this.#waiter;
    this.#waiter = undefined;
    w?.();
  }
  async drain(): Promise<void> {
    while (this.#inFlight > 0) await new Promise<void>((r) => (this.#waiter = r));
  }
}

// ---- commands --------------------------------------------------------------------------------

const commands: Record<string, Command> = {
  mock: {
    summary: 'run an embedded mock cluster; prints its bootstrap servers, stays up until SIGINT/SIGTERM',
    usage: `${PROG} mock [--brokers N] [--topic name[:partitions]]...

Starts librdkafka's mock cluster in this process and prints its bootstrap servers as the
first line on stdout. Runs until SIGINT or SIGTERM, then closes cleanly.

  --brokers <n>                   number of brokers (default 1)
  --topic <name[:partitions]>     create a topic (default 1 partition), repeatable
${COMMON_HELP}`,
    options: { brokers: { type: 'string' }, topic: { type: 'string', multiple: true } },
    async run(v) {
      const brokers = int(v, 'brokers', 1, 1);
      const topics = ((v.topic as string[] | undefined) ?? []).map((t) => {
        const m = /^([^:]+)(?::(\d+))?$/.exec(t);
        if (!m || (m[2] !== undefined && Number(m[2]) < 1)) throw new UsageError(`--topic takes name[:partitions] (got '${t}')`);
        return { name: m[1], partitions: m[2] === undefined ? 1 : Number(m[2]) };
      });
      const cluster = new MockCluster({ brokers });
      try {
        for (const t of topics) cluster.createTopic(t.name, t.partitions, Math.min(brokers, 3));
        out(cluster.bootstrapServers);
        process.stderr.write(`${PROG}: mock cluster with ${brokers} broker(s) up; SIGINT/SIGTERM to stop\n`);
        // The mock's threads do not keep the event loop alive; this does, until a signal.
        const keepAlive = setInterval(() => {}, 1 << 30);
        await untilSignal();
        clearInterval(keepAlive);
      } finally {
        await cluster.close();
      }
    },
  },

  produce: {
    summary: 'produce stdin lines, or --count generated messages, to a topic',
    usage: `${PROG} produce -b <brokers> -t <topic> [--count N --size B] [--key K | -K delim] [--json] [-X key=value]...

Produces each line of stdin as a message value, or, with --count, N generated values of
--size bytes. Prints the number delivered and failed; exits 1 if any failed. With --count
on a terminal, a progress line (rate, total, ETA) is shown on stderr.

  -t, --topic <name>              topic (required)
  --count <n>                     produce n generated messages instead of reading stdin
  --size <bytes>                  size of generated values (default 100)
  --key <key>                     key of every message (default: none)
  -K, --key-delimiter <delim>     split each stdin line at the first <delim> into key and value
                                  (kcat's -K; a line without it is a value with no key)
  --partition <p>                 partition (default: the partitioner's choice)
  --json                          print the summary as one JSON object
${CONNECTION_HELP}
${COMMON_HELP}`,
    options: {
      ...connection,
      topic: { type: 'string', short: 't' },
      count: { type: 'string' },
      size: { type: 'string' },
      key: { type: 'string' },
      'key-delimiter': { type: 'string', short: 'K' },
      partition: { type: 'string' },
      json: { type: 'boolean' },
    },
    async run(v) {
      const topic = required(v, 'topic');
      const count = str(v, 'count') === undefined ? undefined : int(v, 'count', 0);
      const size = int(v, 'size', 100);
      const key = str(v, 'key');
      const delimiter = str(v, 'key-delimiter');
      if (delimiter === '') throw new UsageError('-K takes a non-empty delimiter');
      if (delimiter !== undefined && (key !== undefined || count !== undefined)) throw new UsageError('-K splits stdin lines: not with --key or --count');
      const partition = str(v, 'partition') === undefined ? undefined : int(v, 'partition', 0);
      const target = partition === undefined ? topic : { topic, partition };
      const producer = new ProducerBuilder(clientConfig(v, { bootstrapServers: bootstrap(v), lingerMs: 5 }))
        .setErrorHandler(errorHandler(v))
        .setLogHandler(logHandler(v))
        .build();
      let delivered = 0;
      let failed = 0;
      const window = new Window(50_000);
      const started = Date.now();
      const send = async (value: string | Buffer, k: string | undefined = key) => {
        await window.acquire();
        producer.produceAsync(target, { key: k, value }).then(
          () => {
            delivered++;
            progress?.add(1, value.length);
            window.release();
          },
          (e: unknown) => {
            if (failed++ < 5) {
              progress?.clear();
              process.stderr.write(`${PROG}: delivery failed: ${describe(e)}\n`);
            }
            window.release();
          },
        );
      };
      try {
        if (count !== undefined) {
          progress = new Progress({ verb: 'produced', total: count });
          const value = Buffer.alloc(size, 'x');
          for (let i = 0; i < count; i++) await send(value);
        } else {
          const rl = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
          for await (const line of rl) {
            const at = delimiter === undefined ? -1 : line.indexOf(delimiter);
            if (at < 0) await send(line);
            else await send(line.slice(at + delimiter!.length), line.slice(0, at));
          }
        }
        await window.drain();
      } finally {
        progress?.done();
        progress = undefined;
        await producer.close();
      }
      const ms = Date.now() - started;
      if (v.json) out(JSON.stringify({ delivered, failed, ms }));
      else out(`delivered ${delivered} message(s), ${failed} failed, in ${ms} ms (${rate(delivered, ms)} msgs/s)`);
      if (failed > 0) process.exitCode = 1;
    },
  },

  consume: {
    summary: 'consume a topic through a consumer group, printing "partition offset key value"',
    usage: `${PROG} consume -b <brokers> -t <topic> [-g group] [--from-beginning | -o offset] [--count N] [--timeout-ms T] [-f fmt | --json]

Prints one line per message: partition, offset, key and value (UTF-8; null as "null"),
separated by spaces. Stops after --count messages, when no message arrived for --timeout-ms,
or on SIGINT/SIGTERM; offsets are committed on the way out. With --count on a terminal, a
progress line (rate, total, ETA) is shown on stderr; off a terminal none is drawn.

  -t, --topic <name>              topic, repeatable (required)
  -g, --group <id>                consumer group (default: a new random group)
  --from-beginning                start from the earliest offset when the group has none
  -o, --offset <where>            start every partition at: beginning, end, stored (the group's
                                  commit, else auto.offset.reset), an offset, or -N (N before the
                                  end); the partitions are assigned, not subscribed (kcat's -o)
  -f, --format <fmt>              kcat's format: %t topic, %p partition, %o offset, %k key,
                                  %s value, %K / %S key / value size (-1 for null), %T timestamp
                                  (ms, -1 if none), %h headers (name=value,...), %% and the
                                  escapes \\n \\t \\r \\\\; no newline is added
  --json                          one JSON object per message: topic, partition, offset,
                                  timestamp, key, value (UTF-8 or null), headers
  --count <n>                     stop after n messages
  --timeout-ms <ms>               stop when no message arrived for this long
${CONNECTION_HELP}
${COMMON_HELP}`,
    options: {
      ...connection,
      topic: { type: 'string', short: 't', multiple: true },
      group: { type: 'string', short: 'g' },
      'from-beginning': { type: 'boolean' },
      offset: { type: 'string', short: 'o' },
      format: { type: 'string', short: 'f' },
      json: { type: 'boolean' },
      count: { type: 'string' },
      'timeout-ms': { type: 'string' },
    },
    async run(v) {
      const topics = (v.topic as string[] | undefined) ?? [];
      if (topics.length === 0) throw new UsageError('--topic is required');
      const count = str(v, 'count') === undefined ? Infinity : int(v, 'count', 1, 1);
      const idleMs = str(v, 'timeout-ms') === undefined ? undefined : int(v, 'timeout-ms', 0);
      const start = str(v, 'offset') === undefined ? undefined : startOffset(str(v, 'offset')!);
      if (start && v['from-beginning']) throw new UsageError('--from-beginning and -o exclude each other (use -o beginning)');
      const fmt = str(v, 'format');
      if (fmt !== undefined && v.json) throw new UsageError('-f and --json exclude each other');
      let format: (r: ConsumeResult<Buffer | null, Buffer | null>) => string;
      try {
        format = v.json
          ? (r) => `${jsonLine(r)}\n`
          : fmt !== undefined
            ? compileFormat(fmt)
            : (r) => `${r.partition} ${r.offset} ${r.message?.key ? r.message.key.toString() : 'null'} ${r.message?.value ? r.message.value.toString() : 'null'}\n`;
      } catch (e) {
        throw new UsageError((e as Error).message);
      }
      // -o assigns every partition of the topics, at positions worked out before consuming.
      const assignment = start ? await startPositions(v, topics, start) : undefined;
      const consumer = new ConsumerBuilder(
        clientConfig(v, {
          bootstrapServers: bootstrap(v),
          groupId: str(v, 'group') ?? `${PROG}-${randomUUID()}`,
          autoOffsetReset: v['from-beginning'] ? AutoOffsetReset.Earliest : AutoOffsetReset.Latest,
        }),
      )
        .setErrorHandler(errorHandler(v))
        .setLogHandler(logHandler(v))
        .build();
      const stop = new AbortController();
      const onSignal = () => stop.abort();
      process.once('SIGINT', onSignal);
      process.once('SIGTERM', onSignal);
      let n = 0;
      if (count !== Infinity) progress = new Progress({ verb: 'consumed', total: count });
      try {
        if (assignment) {
          const resolved: TopicPartitionOffset[] = [];
          for (const p of assignment) {
            if (!('fromEnd' in p)) {
              resolved.push(p);
              continue;
            }
            const w = await consumer.queryWatermarkOffsets(p, 10_000);
            resolved.push({ topic: p.topic, partition: p.partition, offset: Math.max(w.low, w.high - p.fromEnd) });
          }
          consumer.assign(resolved);
        } else consumer.subscribe(topics);
        while (n < count && !stop.signal.aborted) {
          const r = await consumer.consume({ timeoutMs: idleMs, signal: stop.signal }).catch((e: unknown) => {
            if (stop.signal.aborted) return null;
            throw e;
          });
          if (!r) break;
          if (!r.message) continue;
          write(format(r));
          n++;
          progress?.add(1, (r.message.value?.length ?? 0) + (r.message.key?.length ?? 0));
        }
      } finally {
        progress?.done();
        progress = undefined;
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
        await consumer.close();
      }
      process.stderr.write(`${PROG}: consumed ${n} message(s)\n`);
    },
  },

  metadata: {
    summary: 'show brokers, topics and partitions',
    usage: `${PROG} metadata -b <brokers> [-t topic] [--json]

  -t, --topic <name>              only this topic
  --json                          print the Metadata object as JSON
  --timeout-ms <ms>               default 10000
${CONNECTION_HELP}
${COMMON_HELP}`,
    options: { ...connection, topic: { type: 'string', short: 't' }, json: { type: 'boolean' }, 'timeout-ms': { type: 'string' } },
    async run(v) {
      const a = admin(v);
      let md: Metadata;
      try {
        md = await a.getMetadata(int(v, 'timeout-ms', 10_000), str(v, 'topic'));
      } finally {
        await a.close();
      }
      if (v.json) {
        out(JSON.stringify(md, (k, x) => (k === 'error' ? { code: x.code, reason: x.reason } : x), 2));
        return;
      }
      out(`metadata from broker ${md.originatingBrokerId} (${md.originatingBrokerName})`);
      out(`${md.brokers.length} broker(s):`);
      for (const b of [...md.brokers].sort((x, y) => x.brokerId - y.brokerId)) out(`  broker ${b.brokerId} at ${b.host}:${b.port}`);
      out(`${md.topics.length} topic(s):`);
      for (const t of [...md.topics].sort((x, y) => x.topic.localeCompare(y.topic))) {
        const err = t.error.isError ? `  error: ${t.error.reason} (${ErrorCode[t.error.code]})` : '';
        out(`  topic "${t.topic}" with ${t.partitions.length} partition(s)${err}`);
        for (const p of [...t.partitions].sort((x, y) => x.partitionId - y.partitionId)) {
          const perr = p.error.isError ? `  error: ${ErrorCode[p.error.code]}` : '';
          out(`    partition ${p.partitionId}  leader ${p.leader}  replicas [${p.replicas.join(',')}]  isr [${p.inSyncReplicas.join(',')}]${perr}`);
        }
      }
    },
  },

  groups: {
    summary: 'list consumer groups, or describe one (members, committed offsets, lag)',
    usage: `${PROG} groups -b <brokers> [--describe <group>] [-t topic]

Without --describe: lists the cluster's consumer groups. With --describe: the group's
state, members and their assignments, and its committed offsets with the lag per partition.

  --describe <group>              describe this group
  -t, --topic <name>              with --describe: only this topic's offsets
${CONNECTION_HELP}
${COMMON_HELP}`,
    options: { ...connection, describe: { type: 'string' }, topic: { type: 'string', short: 't' } },
    async run(v) {
      const a = admin(v);
      try {
        const group = str(v, 'describe');
        if (group === undefined) await listGroups(a);
        else await describeGroup(a, group, str(v, 'topic'));
      } finally {
        await a.close();
      }
    },
  },

  version: {
    summary: 'print the kafka-napi and librdkafka versions and features',
    usage: `${PROG} version

${COMMON_HELP}`,
    options: {},
    async run() {
      const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string };
      out(`kafka-napi ${pkg.version}`);
      out(`librdkafka ${Library.versionString} (0x${Library.version.toString(16).padStart(8, '0')})`);
      out(`features: ${Library.features.join(', ')}`);
      out(`node ${process.version} (${process.platform}-${process.arch}, N-API ${process.versions.napi})`);
    },
  },

  demo: {
    summary: 'embedded cluster: produce a stream, consume it back through a group, print throughput',
    usage: `${PROG} demo [--count N] [--size B] [--partitions P] [--brokers N]

Starts an embedded mock cluster, creates a topic, produces N messages with produceAsync,
then consumes them all through a consumer group and commits; prints msgs/s and MB/s for
produce, consume and end to end.

  --count <n>                     messages (default 200000)
  --size <bytes>                  value size (default 100)
  --partitions <p>                topic partitions (default: enough for the mock's 5 MiB per partition)
  --brokers <n>                   brokers (default 3)
${COMMON_HELP}`,
    options: { count: { type: 'string' }, size: { type: 'string' }, partitions: { type: 'string' }, brokers: { type: 'string' } },
    async run(v) {
      await demo(v, int(v, 'count', 200_000, 1), int(v, 'size', 100), v.partitions === undefined ? undefined : int(v, 'partitions', 1, 1), int(v, 'brokers', 3, 1));
    },
  },

  bench: {
    summary: 'run the benchmarks (bench/run.js), passing the arguments through',
    usage: `${PROG} bench [args...]

Runs node bench/run.js from the kafka-napi source tree, passing the arguments through
(use '${PROG} bench -- --help' for the benchmark's own options).`,
    options: {},
    async run(_v, positionals) {
      const script = path.join(root, 'bench', 'run.js');
      if (!fs.existsSync(script)) {
        process.stderr.write(`${PROG}: bench: ${script} not found; the benchmarks ship with the source repository, not the npm package\n`);
        process.exitCode = 1;
        return;
      }
      // On a terminal: the run's output passes through line by line, under a progress line
      // counting the finished runs (bench/run.js prints one table row per run).
      const tty = process.stderr.isTTY === true;
      const child = spawn(process.execPath, [script, ...positionals], { stdio: ['inherit', tty ? 'pipe' : 'inherit', 'inherit'] });
      if (tty) {
        const only = /--only[= ](produce|consume)\b/.exec(positionals.join(' '))?.[1];
        progress = new Progress({ verb: 'bench runs', total: (only === 'consume' ? 0 : 3) + (only === 'produce' ? 0 : 5), rate: false });
        const rl = readline.createInterface({ input: child.stdout! });
        rl.on('line', (line) => {
          out(line);
          if (/^.{34} +[\d,]+ +[\d.]+ +[\d.]+x /.test(line)) progress?.add(1);
        });
      }
      const forward = (s: NodeJS.Signals) => child.kill(s);
      process.on('SIGINT', forward);
      process.on('SIGTERM', forward);
      const code = await new Promise<number>((resolve) =>
        child.on('exit', (c, s) => resolve(c ?? 128 + (s ? (os.constants.signals[s] ?? 0) : 0))),
      );
      process.off('SIGINT', forward);
      process.off('SIGTERM', forward);
      progress?.done();
      progress = undefined;
      process.exitCode = code;
    },
  },
};

/** Every partition of `topics` with where `-o` starts it (`fromEnd` resolved by the consumer). */
async function startPositions(v: Values, topics: string[], start: StartOffset): Promise<Array<TopicPartitionOffset | (TopicPartition & { fromEnd: number })>> {
  const a = admin(v);
  try {
    const out: Array<TopicPartitionOffset | (TopicPartition & { fromEnd: number })> = [];
    for (const topic of topics) {
      const t = (await a.getMetadata(10_000, topic)).topics.find((x) => x.topic === topic);
      if (!t || t.error.isError || t.partitions.length === 0) {
        throw new KafkaException(t?.error.isError ? t.error : ErrorCode.UnknownTopicOrPart);
      }
      for (const p of [...t.partitions].sort((x, y) => x.partitionId - y.partitionId)) {
        const tp = { topic, partition: p.partitionId };
        if ('fromEnd' in start) out.push({ ...tp, fromEnd: start.fromEnd });
        else out.push({ ...tp, offset: 'logical' in start ? start.logical : start.absolute });
      }
    }
    return out;
  } finally {
    await a.close();
  }
}

async function listGroups(a: IAdminClient): Promise<void> {
  let valid;
  try {
    ({ valid } = await a.listConsumerGroups());
  } catch (e) {
    // Some brokers failed: show what was listed, then fail with the reason.
    const partial = (e as { results?: { valid: typeof valid } }).results;
    if (partial?.valid?.length) printGroups(partial.valid);
    throw e;
  }
  printGroups(valid);
}

function printGroups(valid: Array<{ groupId: string; state: ConsumerGroupState; type: ConsumerGroupType }>): void {
  if (valid.length === 0) out('no consumer groups');
  for (const g of [...valid].sort((x, y) => x.groupId.localeCompare(y.groupId))) {
    out(`${g.groupId}  ${ConsumerGroupState[g.state] ?? g.state}  ${ConsumerGroupType[g.type] ?? g.type}`);
  }
}

async function describeGroup(a: IAdminClient, group: string, topic: string | undefined): Promise<void> {
  out(`group ${group}`);
  try {
    const [d] = (await a.describeConsumerGroups([group])).consumerGroupDescriptions;
    out(`  state ${ConsumerGroupState[d.state]}, type ${ConsumerGroupType[d.groupType]}, assignor ${d.partitionAssignor || '-'}, coordinator ${d.coordinator ? d.coordinator.id : '-'}`);
    out(`  ${d.members.length} member(s):`);
    for (const m of d.members) {
      const parts = m.assignment.topicPartitions.map((p) => `${p.topic}[${p.partition}]`).join(' ');
      out(`    ${m.consumerId} (client ${m.clientId}, host ${m.host}): ${parts || 'no partitions'}`);
    }
  } catch (e) {
    // e.g. brokers without DescribeGroups (the mock cluster): offsets can still be shown.
    const r = (e as { results?: { consumerGroupDescriptions?: Array<{ error: KafkaError }> } }).results;
    const reason = r?.consumerGroupDescriptions?.[0]?.error.reason ?? describe(e);
    process.stderr.write(`${PROG}: cannot describe members: ${reason}\n`);
  }

  let committed = (await a.listConsumerGroupOffsets([{ group, partitions: null }]))[0].partitions;
  if (topic !== undefined) committed = committed.filter((p) => p.topic === topic);
  if (committed.length === 0) {
    // Some brokers (the mock) answer "all partitions" with none: ask for each partition.
    const md = await a.getMetadata(10_000, topic);
    const all: TopicPartition[] = md.topics.flatMap((t) => t.partitions.map((p) => ({ topic: t.topic, partition: p.partitionId })));
    if (all.length > 0) committed = (await a.listConsumerGroupOffsets([{ group, partitions: all }]))[0].partitions;
    committed = committed.filter((p) => p.offset >= 0);
  }
  if (committed.length === 0) {
    out('  no committed offsets');
    return;
  }
  const ends = await a.listOffsets(committed.map((p) => ({ topic: p.topic, partition: p.partition, offsetSpec: OffsetSpec.latest() })));
  const end = new Map(ends.resultInfos.map((i) => [`${i.topicPartitionOffsetError.topic}\0${i.topicPartitionOffsetError.partition}`, i.topicPartitionOffsetError.offset]));
  const rows = [...committed].sort((x, y) => x.topic.localeCompare(y.topic) || x.partition - y.partition);
  const width = Math.max(5, ...rows.map((r) => r.topic.length));
  out(`  ${'TOPIC'.padEnd(width)}  PARTITION  COMMITTED        END        LAG`);
  let total = 0;
  for (const p of rows as TopicPartitionOffset[]) {
    const high = end.get(`${p.topic}\0${p.partition}`) ?? -1;
    const lag = p.offset >= 0 && high >= 0 ? Math.max(0, high - p.offset) : undefined;
    if (lag !== undefined) total += lag;
    out(`  ${p.topic.padEnd(width)}  ${String(p.partition).padStart(9)}  ${String(p.offset >= 0 ? p.offset : '-').padStart(9)}  ${String(high).padStart(9)}  ${String(lag ?? '-').padStart(9)}`);
  }
  out(`  total lag ${total}`);
}

async function demo(v: Values, count: number, size: number, partitionsArg: number | undefined, brokers: number): Promise<void> {
  // The mock keeps 5 MiB per partition and drops older data: size the topic so all of it fits.
  const partitions = partitionsArg ?? Math.max(4, Math.ceil((count * (size + 60)) / (3 * 1024 * 1024)));
  const topic = 'demo';
  const bytes = count * size;
  const cluster = new MockCluster({ brokers });
  try {
    cluster.createTopic(topic, partitions, Math.min(brokers, 3));
    out(`kafka-napi demo: ${count.toLocaleString('en-US')} messages of ${size} B to "${topic}" (${partitions} partitions) on an embedded ${brokers}-broker cluster at ${cluster.bootstrapServers}`);

    const producer = new ProducerBuilder({ bootstrapServers: cluster.bootstrapServers, lingerMs: 5 })
      .setErrorHandler(errorHandler(v))
      .setLogHandler(logHandler(v))
      .build();
    const value = Buffer.alloc(size, 'x');
    const t0 = performance.now();
    let results: PromiseSettledResult<unknown>[];
    try {
      // produceAsync waits for room itself when librdkafka's queue is full (backpressure):
      // issue everything, yielding to the event loop now and then, then await it all.
      const pending: Promise<unknown>[] = [];
      for (let i = 0; i < count; i++) {
        pending.push(producer.produceAsync(topic, { key: `k${i % 1000}`, value }));
        if (i % 5000 === 4999) await new Promise((r) => setImmediate(r));
      }
      results = await Promise.allSettled(pending);
    } finally {
      await producer.close();
    }
    const t1 = performance.now();
    const failure = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failure) throw failure.reason;
    out(`produce:     ${rate(count, t1 - t0).padStart(11)} msgs/s  ${mbps(bytes, t1 - t0).padStart(7)} MB/s  (${Math.round(t1 - t0)} ms, produceAsync, all acknowledged)`);

    const consumer = new ConsumerBuilder({
      bootstrapServers: cluster.bootstrapServers,
      groupId: 'kafka-napi-demo',
      autoOffsetReset: AutoOffsetReset.Earliest,
      enableAutoCommit: false,
      // A bounded prefetch, re-checked every 10 ms (librdkafka's default waits 1 s once over it).
      fetchQueueBackoffMs: 10,
      queuedMaxMessagesKbytes: 32768,
    })
      .setErrorHandler(errorHandler(v))
      .setLogHandler(logHandler(v))
      .build();
    let consumed = 0;
    let consumedBytes = 0;
    const t2 = performance.now();
    try {
      consumer.subscribe(topic);
      while (consumed < count) {
        const batch = await consumer.consumeBatch(10_000, 10_000);
        if (batch.length === 0) throw new KafkaException(ErrorCode.Local_TimedOut);
        for (const r of batch) {
          if (!r.message) continue;
          consumed++;
          consumedBytes += r.message.value?.length ?? 0;
        }
      }
      await consumer.commit();
    } finally {
      await consumer.close();
    }
    const t3 = performance.now();
    out(`consume:     ${rate(consumed, t3 - t2).padStart(11)} msgs/s  ${mbps(consumedBytes, t3 - t2).padStart(7)} MB/s  (${Math.round(t3 - t2)} ms, consumer group, committed)`);
    out(`end to end:  ${rate(count, t3 - t0).padStart(11)} msgs/s  ${mbps(bytes, t3 - t0).padStart(7)} MB/s  (${Math.round(t3 - t0)} ms, produce + consume)`);
    if (consumed !== count) throw new Error(`consumed ${consumed} of ${count} messages`);
  } finally {
    await cluster.close();
  }
}

// ---- main ------------------------------------------------------------------------------------

function describe(e: unknown): string {
  if (e instanceof KafkaException) return `${e.message} (${ErrorCode[e.code] ?? e.code})`;
  if (e instanceof Error) return e.message;
  return String(e);
}

function usage(): string {
  const width = Math.max(...Object.keys(commands).map((c) => c.length));
  const lines = Object.entries(commands).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`);
  return `Usage: ${PROG} <command> [options]

Commands:
${lines.join('\n')}

Run '${PROG} <command> --help' for a command's options.`;
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    const stream = name === undefined ? process.stderr : process.stdout;
    stream.write(`${usage()}\n`);
    return name === undefined ? 2 : 0;
  }
  const cmd = Object.hasOwn(commands, name) ? commands[name] : undefined;
  if (!cmd) {
    process.stderr.write(`${PROG}: unknown command '${name}'\n\n${usage()}\n`);
    return 2;
  }
  const verbose = rest.includes('--verbose');
  let values: Values;
  let positionals: string[];
  try {
    if (name === 'bench') {
      // Everything but a lone --help goes to bench/run.js ('--' passes the rest as is).
      values = rest.length === 1 && (rest[0] === '--help' || rest[0] === '-h') ? { help: true } : {};
      positionals = rest[0] === '--' ? rest.slice(1) : rest;
    } else {
      // kcat's `-o -5`: parseArgs refuses an option value that starts with a dash.
      for (let i = 0; i + 1 < rest.length; i++) {
        if ((rest[i] === '-o' || rest[i] === '--offset') && /^-\d+$/.test(rest[i + 1])) rest.splice(i, 2, `--offset=${rest[i + 1]}`);
      }
      ({ values, positionals } = parseArgs({ args: rest, options: { ...common, ...cmd.options }, allowPositionals: false, strict: true }));
    }
  } catch (e) {
    process.stderr.write(`${PROG} ${name}: ${(e as Error).message}\n\n${cmd.usage}\n`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(`${cmd.usage}\n`);
    return 0;
  }
  try {
    await cmd.run(values, positionals);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`${PROG} ${name}: ${e.message}\n\n${cmd.usage}\n`);
      return 2;
    }
    process.stderr.write(`${PROG} ${name}: error: ${describe(e)}\n`);
    if (verbose && e instanceof Error && e.stack) process.stderr.write(`${e.stack}\n`);
    return 1;
  }
}

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
  // Every client is closed by now, so the process ends by itself; should anything still hold
  // the event loop, do not hang the shell.
  setTimeout(() => process.exit(code), 5_000).unref();
});
