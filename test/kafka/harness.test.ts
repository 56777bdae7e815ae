/**
 * scripts/kafka.js leaves nothing behind: when the script itself is SIGKILLed (no chance to clean
 * up), its watchdog stops the broker JVM, then removes the data dir. Real-broker runs only
 * (`npm run test:kafka`): it starts a second, private broker.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';

const real = !!process.env.KAFKA_BOOTSTRAP_SERVERS;
const script = join(__dirname, '..', '..', 'scripts', 'kafka.js');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

test.skipIf(!real)('a SIGKILLed kafka.js leaves no JVM and no data dir behind', async () => {
  const tmp = mkdtempSync(join(tmpdir(), 'kafka-harness-'));
  const envFile = join(tmp, 'env');
  const child = spawn(process.execPath, [script, '--write-env', envFile], { stdio: ['pipe', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  try {
    const until = Date.now() + 150_000;
    while (!existsSync(envFile)) {
      expect(child.exitCode, stderr).toBeNull();
      expect(Date.now() < until, `no broker within 150 s:\n${stderr}`).toBe(true);
      await sleep(250);
    }
    const vars = Object.fromEntries(readFileSync(envFile, 'utf8').trim().split('\n').map((l) => l.replace(/^export /, '').split(/=(.*)/s).slice(0, 2)));
    const jvm = Number(vars.KAFKA_NODE_1_PID);
    const dataDir = vars.KAFKA_DATA_DIR.replace(/^'|'$/g, '');
    expect(alive(jvm)).toBe(true);
    expect(existsSync(dataDir)).toBe(true);

    child.kill('SIGKILL');
    // The JVM is stopped first, then its data dir removed: a broker whose dir vanished under it
    // would also die (log dir failure), which must not be what ends it.
    const gone = Date.now() + 30_000;
    let dirGoneUnderRunningJvm = false;
    while ((alive(jvm) || existsSync(dataDir)) && Date.now() < gone) {
      if (!existsSync(dataDir) && alive(jvm)) dirGoneUnderRunningJvm = true;
      await sleep(20);
    }
    expect(dirGoneUnderRunningJvm).toBe(false);
    expect(alive(jvm)).toBe(false);
    expect(existsSync(dataDir)).toBe(false);
  } finally {
    child.kill('SIGKILL');
    rmSync(tmp, { recursive: true, force: true });
  }
}, 200_000);
