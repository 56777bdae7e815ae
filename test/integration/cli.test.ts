/**
 * The `kafka-napi` command line, run as users run it: `node dist/cli.js ...` in a child process.
 * dist/ is rebuilt first when older than src/, so the test exercises the current sources.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as readline from 'node:readline';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startCluster, type TestCluster } from '../helpers/cluster';
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

// ---- kcat habits and progress, against a MockCluster (or the real broker) in this process ----

describe('kcat habits: -K, -f, -o, --json', () => {
  let cluster: TestCluster;
  let b = '';
  let topic = '';
  beforeAll(async () => {
    cluster = await startCluster(1);
    b = cluster.bootstrapServers;
    topic = await cluster.topic(2, 'cli-kcat');
    // Four messages, all to partition 0 (offsets 0..3); partition 1 stays empty.
    const produced = await run(['produce', '-b', b, '-t', topic, '--partition', '0', '-K', ':', '--json', '-X', 'linger.ms=1'], {
      input: 'a:1\nb:2:two\n:empty-key\nno-delimiter\n',
    });
    expect(produced.stderr).toBe('');
    expect(produced.code).toBe(0);
    expect(JSON.parse(produced.stdout)).toMatchObject({ delivered: 4, failed: 0 }); // one JSON object
  }, 60_000);
  afterAll(() => cluster?.close());

  test('-f: kcat directives and escapes; -K split each line at the first delimiter', async () => {
    const r = await run(['consume', '-b', b, '-t', topic, '-o', 'beginning', '--count', '4', '-f', '%t|%p|%o|%k|%K|%s|%S|%h\\t%%\\n']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      [`${topic}|0|0|a|1|1|1|\t%`, `${topic}|0|1|b|1|2:two|5|\t%`, `${topic}|0|2||0|empty-key|9|\t%`, `${topic}|0|3||-1|no-delimiter|12|\t%`, ''].join('\n'),
    );
    const ts = await run(['consume', '-b', b, '-t', topic, '-o', 'beginning', '--count', '1', '-f', '%T']);
    expect(Math.abs(Number(ts.stdout) - Date.now())).toBeLessThan(10 * 60_000); // a CreateTime in ms
  });

  test('-o: an absolute offset, -N from the end, end, and stored (the group\'s commit)', async () => {
    const abs = await run(['consume', '-b', b, '-t', topic, '-o', '1', '--count', '3', '-f', '%o ']);
    expect(abs.stdout).toBe('1 2 3 ');
    const tail = await run(['consume', '-b', b, '-t', topic, '-o', '-2', '--count', '2', '-f', '%p:%o\n']);
    expect(tail.stdout).toBe('0:2\n0:3\n'); // partition 1 is empty: -2 clamps to its start
    const end = await run(['consume', '-b', b, '-t', topic, '-o', 'end', '--timeout-ms', '1500']);
    expect(end.code).toBe(0);
    expect(end.stdout).toBe('');

    const group = `cli-stored-${Date.now()}`;
    const first = await run(['consume', '-b', b, '-t', topic, '-g', group, '--from-beginning', '--count', '2', '-f', '%o\n', '--timeout-ms', '15000']);
    expect(first.stdout).toBe('0\n1\n'); // committed on the way out
    const stored = await run(['consume', '-b', b, '-t', topic, '-g', group, '-o', 'stored', '--count', '2', '-f', '%o\n']);
    expect(stored.stdout).toBe('2\n3\n');
  }, 60_000);

  test('--json: one object per message', async () => {
    const r = await run(['consume', '-b', b, '-t', topic, '-o', 'beginning', '--count', '4', '--json']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => [l.partition, l.offset, l.key, l.value])).toEqual([
      [0, 0, 'a', '1'],
      [0, 1, 'b', '2:two'],
      [0, 2, '', 'empty-key'],
      [0, 3, null, 'no-delimiter'],
    ]);
    expect(lines[0]).toMatchObject({ topic, headers: [] });
    expect(typeof lines[0].timestamp).toBe('number');
  });

  test('bad -f, -o and -K: usage, exit 2', async () => {
    const f = await run(['consume', '-b', b, '-t', topic, '-f', '%z']);
    expect(f.code).toBe(2);
    expect(f.stderr).toContain("unknown directive '%z'");
    const o = await run(['consume', '-b', b, '-t', topic, '-o', 'middle']);
    expect(o.code).toBe(2);
    expect(o.stderr).toContain('-o takes beginning, end, stored, an offset or -N');
    const both = await run(['consume', '-b', b, '-t', topic, '-f', '%s', '--json']);
    expect(both.code).toBe(2);
    const k = await run(['produce', '-b', b, '-t', topic, '-K', ':', '--count', '1']);
    expect(k.code).toBe(2);
  });
});

/**
 * A pseudo-terminal runner: util-linux's `script -qfec` (Linux; .ci/run's Debian has it in
 * bsdutils), BSD `script -q /dev/null sh -c` (macOS). None on Windows or BusyBox: skipped there.
 */
const pty = ((): ((cmd: string) => [string, string[]]) | undefined => {
  if (process.platform === 'darwin') return (cmd) => ['script', ['-q', '/dev/null', 'sh', '-c', cmd]];
  if (process.platform !== 'linux') return undefined;
  const v = spawnSync('script', ['--version'], { encoding: 'utf8' });
  return v.status === 0 && /util-linux/.test(v.stdout) ? (cmd) => ['script', ['-qfec', cmd, '/dev/null']] : undefined;
})();

describe.skipIf(!pty)('progress: on a terminal only', () => {
  let cluster: TestCluster;
  let b = '';
  beforeAll(async () => {
    cluster = await startCluster(1);
    b = cluster.bootstrapServers;
  }, 60_000);
  afterAll(() => cluster?.close());

  const quote = (a: string) => `'${a.replace(/'/g, `'\\''`)}'`;
  /** Runs the CLI under a pseudo-terminal (util-linux `script`): stdout and stderr are the TTY. */
  function runTty(args: string[], timeoutMs = 60_000): Promise<Run & { ms: number }> {
    const started = Date.now();
    const cmd = [process.execPath, cli, ...args].map(quote).join(' ');
    return new Promise((resolve, reject) => {
      const [bin, argv] = pty!(cmd);
      const child = spawn(bin, argv, { cwd: root, env: { ...process.env, KAFKA_BOOTSTRAP_SERVERS: '' } });
      let stdout = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stdout += d.toString()));
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`script ${cmd} did not exit in time\n${stdout}`));
      }, timeoutMs);
      child.on('error', reject);
      child.on('close', (code, signal) => {
        clearTimeout(timer);
        resolve({ code, signal, stdout, stderr: '', ms: Date.now() - started });
      });
      child.stdin.end();
    });
  }

  const frames = (text: string, verb: string) => [...text.matchAll(new RegExp(`\\r\\x1b\\[K(${verb} [^\\r\\n]*)`, 'g'))].map((m) => m[1]);

  test('produce --count: rate, total and ETA redrawn in place on a TTY, at most a few times a second; nothing on a pipe', async () => {
    const topic = await cluster.topic(4, 'cli-progress');
    const tty = await runTty(['produce', '-b', b, '-t', topic, '--count', '300000', '--size', '10']);
    expect(tty.code).toBe(0);
    const shown = frames(tty.stdout, 'produced');
    expect(shown.length).toBeGreaterThan(0);
    expect(shown.some((f) => /^produced [1-9][\d,]*\/300,000 \(\d+%\) · [\d,]+ msgs\/s · [\d.]+ [KMG]iB · \d+s elapsed · ETA (\d+s|\d+m\d+s)$/.test(f))).toBe(true);
    expect(shown.length).toBeLessThanOrEqual(Math.ceil(tty.ms / 250) + 2); // a timer, not per message
    expect(tty.stdout).toMatch(/\r\x1b\[K(\r\n)?delivered 300000 message\(s\), 0 failed/); // the line is cleared first

    // As long as on the TTY (several timer ticks), so a line drawn on a pipe would show.
    const pipe = await run(['produce', '-b', b, '-t', topic, '--count', '300000', '--size', '10'], { timeoutMs: 60_000 });
    expect(pipe.code).toBe(0);
    expect(pipe.stderr).toBe('');
    expect(pipe.stdout).toMatch(/^delivered 300000 message\(s\), 0 failed[^\n]*\n$/);
    expect(pipe.stdout).not.toContain('\x1b');
  }, 90_000);

  test('consume --count: the data on stdout, the progress line around it on a TTY; on a pipe only the data', async () => {
    const topic = await cluster.topic(1, 'cli-progress');
    await run(['produce', '-b', b, '-t', topic, '--count', '100000', '--size', '4']);
    const tty = await runTty(['consume', '-b', b, '-t', topic, '-o', 'beginning', '--count', '100000', '-f', '%o\\n']);
    expect(tty.code).toBe(0);
    const shown = frames(tty.stdout, 'consumed');
    expect(shown.length).toBeGreaterThan(0);
    expect(shown.every((f) => /^consumed [\d,]+\/100,000 \(\d+%\) · [\d,]+ msgs\/s/.test(f))).toBe(true);
    // Every offset is there once, in order, despite the line drawn around the data.
    // What the terminal shows per line: the last segment after a carriage return (each data
    // write is preceded by an erase, so no remnant of the progress line is left on it).
    const visible = tty.stdout.split('\n').map((l) => (l.split('\r').filter(Boolean).pop() ?? '').replace('\x1b[K', ''));
    const data = visible.filter((l) => /^\d+$/.test(l));
    expect(data.length).toBe(100000);
    expect(data[99999]).toBe('99999');

    const pipe = await run(['consume', '-b', b, '-t', topic, '-o', 'beginning', '--count', '100000', '-f', '%o\\n'], { timeoutMs: 60_000 });
    expect(pipe.code).toBe(0);
    expect(pipe.stdout.split('\n')).toHaveLength(100001);
    expect(pipe.stdout).not.toContain('\x1b');
    expect(pipe.stderr).toBe('kafka-napi: consumed 100000 message(s)\n');
  }, 90_000);

  // bench needs librdkafka's rdkafka_performance, built beside the addon (npm run build:native).
  test.skipIf(!fs.existsSync(path.join(root, 'build/Release/rdkafka_performance')))(
    'bench: finished runs counted under the passed-through table on a TTY; the table alone on a pipe',
    async () => {
      const args = ['bench', '--', '--count', '2000', '--only', 'produce'];
      const tty = await runTty(args, 120_000);
      expect(tty.code).toBe(0);
      const shown = frames(tty.stdout, 'bench runs');
      expect(shown.length).toBeGreaterThan(0);
      expect(shown.every((f) => /^bench runs [0-3]\/3 \(\d+%\) · \d+s elapsed · ETA/.test(f))).toBe(true);
      expect(shown.some((f) => f.startsWith('bench runs 2/3'))).toBe(true); // counted from the rows
      expect(tty.stdout).toMatch(/produceAsync\(\) all, then awaited/);

      const pipe = await run(args, { timeoutMs: 120_000 });
      expect(pipe.code).toBe(0);
      expect(pipe.stdout).toMatch(/^produceAsync\(\) all, then awaited/m);
      expect(pipe.stdout + pipe.stderr).not.toContain('bench runs');
    },
    240_000,
  );
});
