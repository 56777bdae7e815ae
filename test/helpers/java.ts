/**
 * The reference Java client (test/java/Interop.java against build/kafka/lib, the jars
 * scripts/kafka/pom.xml resolves), compiled once with plain javac into build/java.
 */
import { execFile, execFileSync, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';

const root = path.join(__dirname, '../..');
const source = path.join(root, 'test/java/Interop.java');
const out = path.join(root, 'build/java');
const lib = path.join(root, 'build/kafka/lib');
const classpath = `${out}${path.delimiter}${path.join(lib, '*')}`;

/** Whether javac and the Kafka jars are there (false: the Java interop tests are skipped). */
export const hasJava =
  existsSync(path.join(lib, 'kafka-clients-4.1.1.jar')) &&
  (() => {
    try {
      execFileSync('javac', ['-version'], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  })();

/** Compiles Interop.java when its class is missing or older than the source. */
export function compileJava(): void {
  const cls = path.join(out, 'Interop.class');
  if (existsSync(cls) && statSync(cls).mtimeMs >= statSync(source).mtimeMs) return;
  mkdirSync(out, { recursive: true });
  execFileSync('javac', ['-encoding', 'UTF-8', '-cp', classpath, '-d', out, source], { stdio: 'inherit' });
}

const javaArgs = ['-Xmx256m', '-XX:+UseSerialGC', '-XX:TieredStopAtLevel=1', '-cp', classpath, 'Interop'];

/** Runs one Interop command to its end; resolves with its stdout lines parsed as JSON. */
export function java<T = Record<string, unknown>>(args: string[], input?: unknown[], timeoutMs = 60_000): Promise<T[]> {
  return new Promise((resolve, reject) => {
    const child = execFile('java', [...javaArgs, ...args], { timeout: timeoutMs, maxBuffer: 64 << 20 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`java Interop ${args[0]} failed: ${error.message}\n${stderr}`));
      else
        resolve(
          stdout
            .split('\n')
            .filter((l) => l.trim() !== '')
            .map((l) => JSON.parse(l) as T),
        );
    });
    child.stdin!.end(input === undefined ? '' : input.map((r) => JSON.stringify(r)).join('\n') + '\n');
  });
}

/** A long-running Interop command (a group member): its stdout as parsed JSON lines. */
export function spawnJava(args: string[], onLine: (line: Record<string, unknown>) => void): ChildProcessWithoutNullStreams {
  const child = spawn('java', [...javaArgs, ...args], { stdio: 'pipe' });
  readline.createInterface({ input: child.stdout }).on('line', (l) => {
    if (l.trim() !== '') onLine(JSON.parse(l) as Record<string, unknown>);
  });
  child.stderr.on('data', (d: Buffer) => process.stderr.write(d));
  return child;
}
