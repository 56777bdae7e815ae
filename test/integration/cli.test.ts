/**
 * The `kafka-napi` command line, run as users run it: `node dist/cli.js ...` in a child process.
 * dist/ is rebuilt first when older than src/, so the test exercises the current sources.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as readline from 'node:readline';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { ensureDist, root } from '../helpers/dist';

const cli = path.join(root, 'dist', 'cli.js');

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

function run(args: string[], opts: { input?: string; timeoutMs?: number } = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args], { cwd: root, env: { ...process.env, KAFKA_BOOTSTRAP_SERVERS: '' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`kafka-napi ${args.join(' ')} did not exit in time\nstdout: ${stdout}\nstderr: ${stderr}`));
    }, opts.timeoutMs ?? 20_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
    child.stdin.end(opts.input ?? '');
  });
}

let mock: ChildProcess | undefined;
let bootstrap = '';

beforeAll(() => ensureDist(), 120_000); // dist/ not older than src/ (built under the shared tsc lock)

afterAll(() => {
  if (mock && mock.exitCode === null) mock.kill('SIGKILL');
});

test('version: package and librdkafka versions, features', async () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string };
  const r = await run(['version']);
  expect(r.code).toBe(0);
  const lines = r.stdout.trim().split('\n');
  expect(lines[0]).toBe(`kafka-napi ${pkg.version}`);
  expect(lines[1]).toMatch(/^librdkafka 2\.15\.1 \(0x020f01ff\)$/);
  expect(lines[2]).toMatch(/^features: .*\bzstd\b/);
  expect(r.stderr).toBe('');
});

test('bad usage: usage on stderr, exit 2', async () => {
  const none = await run([]);
  expect(none.code).toBe(2);
  expect(none.stderr).toContain('Usage: kafka-napi <command>');
  expect(none.stdout).toBe('');

  const unknown = await run(['frobnicate']);
  expect(unknown.code).toBe(2);
  expect(unknown.stderr).toContain("unknown command 'frobnicate'");

  const badOption = await run(['produce', '--bogus']);
  expect(badOption.code).toBe(2);
  expect(badOption.stderr).toMatch(/Unknown option '--bogus'/);
  expect(badOption.stderr).toContain('kafka-napi produce -b <brokers> -t <topic>');

  const missing = await run(['produce', '-b', '127.0.0.1:9092']);
  expect(missing.code).toBe(2);
  expect(missing.stderr).toContain('--topic is required');

  const notANumber = await run(['mock', '--brokers', 'three']);
  expect(notANumber.code).toBe(2);
  expect(notANumber.stderr).toContain('--brokers must be an integer');

  const badTopic = await run(['mock', '--topic', 'x:0']);
  expect(badTopic.code).toBe(2);
});

test('--help on every command: its usage on stdout, exit 0', async () => {
  const top = await run(['--help']);
  expect(top.code).toBe(0);
  const names = [...top.stdout.matchAll(/^ {2}(\w+) {2,}/gm)].map((m) => m[1]);
  expect(names).toEqual(['mock', 'produce', 'consume', 'metadata', 'groups', 'version', 'demo', 'bench']);
  const helps = await Promise.all(names.map((n) => run([n, '--help'])));
  helps.forEach((h, i) => {
    expect(h.code, names[i]).toBe(0);
    expect(h.stdout, names[i]).toContain(`kafka-napi ${names[i]}`);
  });
});

test('mock: first stdout line is the bootstrap list; produce, consume, metadata and groups against it; SIGTERM exits cleanly', async () => {
  const child = spawn(process.execPath, [cli, 'mock', '--brokers', '3', '--topic', 'cli:2', '--topic', 'other'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  mock = child;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const stdoutLines: string[] = [];
  const firstLine = new Promise<string>((resolve, reject) => {
    const rl = readline.createInterface({ input: child.stdout! });
    rl.on('line', (l) => {
      stdoutLines.push(l);
      if (stdoutLines.length === 1) resolve(l);
    });
    child.once('exit', () => reject(new Error(`mock exited early: ${stderr}`)));
  });
  bootstrap = await firstLine;
  expect(bootstrap).toMatch(/^127\.0\.0\.1:\d+(,127\.0\.0\.1:\d+){2}$/);

  const produced = await run(['produce', '-b', bootstrap, '-t', 'cli', '--key', 'k', '-X', 'linger.ms=1'], {
    input: 'one\ntwo\nthree\n',
  });
  expect(produced.stderr).toBe('');
  expect(produced.code).toBe(0);
  expect(produced.stdout).toMatch(/^delivered 3 message\(s\), 0 failed/);

  const generated = await run(['produce', '-b', bootstrap, '-t', 'other', '--count', '50', '--size', '8']);
  expect(generated.code).toBe(0);
  expect(generated.stdout).toMatch(/^delivered 50 message\(s\), 0 failed/);

  const consumed = await run(['consume', '-b', bootstrap, '-t', 'cli', '-g', 'cli-group', '--from-beginning', '--count', '3', '--timeout-ms', '15000']);
  expect(consumed.code).toBe(0);
  const lines = consumed.stdout.trim().split('\n');
  expect(lines).toHaveLength(3);
  for (const l of lines) expect(l).toMatch(/^[01] \d+ k (one|two|three)$/);
  expect(lines.map((l) => l.split(' ')[3]).sort()).toEqual(['one', 'three', 'two']);
  expect(consumed.stderr).toContain('consumed 3 message(s)');

  const idle = await run(['consume', '-b', bootstrap, '-t', 'cli', '-g', 'cli-group', '--timeout-ms', '1500']);
  expect(idle.code).toBe(0); // nothing new for the group: stops after the idle timeout
  expect(idle.stdout).toBe('');

  const md = await run(['metadata', '-b', bootstrap]);
  expect(md.code).toBe(0);
  expect(md.stdout).toContain('3 broker(s):');
  expect(md.stdout).toContain('topic "cli" with 2 partition(s)');
  expect(md.stdout).toContain('topic "other" with 1 partition(s)');
  const mdJson = await run(['metadata', '-b', bootstrap, '-t', 'other', '--json']);
  const parsed = JSON.parse(mdJson.stdout) as { brokers: unknown[]; topics: Array<{ topic: string; partitions: unknown[] }> };
  expect(parsed.brokers).toHaveLength(3);
  expect(parsed.topics.map((t) => [t.topic, t.partitions.length])).toEqual([['other', 1]]);

  // The mock has no DescribeGroups: members are reported unavailable, offsets and lag still shown.
  const groups = await run(['groups', '-b', bootstrap, '--describe', 'cli-group']);
  expect(groups.code).toBe(0);
  expect(groups.stdout).toMatch(/TOPIC +PARTITION +COMMITTED +END +LAG/);
  expect(groups.stdout).toContain('total lag 0');
  const committedRows = groups.stdout.split('\n').filter((l) => /^ {2}cli +\d/.test(l));
  expect(committedRows.length).toBeGreaterThan(0);
  // Listing groups needs ListGroups, which the mock lacks: one clear error line, exit 1.
  const list = await run(['groups', '-b', bootstrap]);
  expect(list.code).toBe(1);
  expect(list.stderr.trim().split('\n')).toHaveLength(1);
  expect(list.stderr).toMatch(/error: .*\(Local_Partial\)$/m);

  child.kill('SIGTERM');
  const end = await exited;
  expect(end).toEqual({ code: 0, signal: null });
  expect(stdoutLines).toEqual([bootstrap]);
}, 60_000);

test('errors: one line with the code name, exit 1; the stack only with --verbose', async () => {
  const r = await run(['metadata', '-b', '127.0.0.1:1', '--timeout-ms', '300']);
  expect(r.code).toBe(1);
  expect(r.stderr.trim().split('\n')).toHaveLength(1);
  expect(r.stderr).toMatch(/^kafka-napi metadata: error: .+ \((Local_Transport|Local_TimedOut)\)\n$/);
  const v = await run(['metadata', '-b', '127.0.0.1:1', '--timeout-ms', '300', '--verbose']);
  expect(v.code).toBe(1);
  expect(v.stderr).toMatch(/\n {4}at /);
  expect(v.stderr).toMatch(/Connect to .*127\.0\.0\.1:1 failed/); // librdkafka's own logs with --verbose

  const badConfig = await run(['produce', '-b', '127.0.0.1:1', '-t', 't', '--count', '1', '-X', 'no.such.property=1']);
  expect(badConfig.code).toBe(1);
  expect(badConfig.stderr).toMatch(/no\.such\.property/);
});

test('demo with a small --count: produce, consume and end-to-end figures, exit 0', async () => {
  const r = await run(['demo', '--count', '3000', '--size', '50'], { timeoutMs: 40_000 });
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  expect(r.stdout).toMatch(/3,000 messages of 50 B/);
  expect(r.stdout).toMatch(/^produce: +[\d,]+ msgs\/s +[\d.]+ MB\/s/m);
  expect(r.stdout).toMatch(/^consume: +[\d,]+ msgs\/s +[\d.]+ MB\/s/m);
  expect(r.stdout).toMatch(/^end to end: +[\d,]+ msgs\/s +[\d.]+ MB\/s/m);
}, 45_000);
