/**
 * Child-process and worker fixtures load the built package (dist/), as an application
 * would. This makes sure dist/ is there and not older than src/, building it otherwise
 * (under the same lock as `flock /tmp/kn-tsc.lock npm run build:ts`, so parallel test files
 * do not build at once).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';

export const root = path.join(__dirname, '..', '..');
export const distIndex = path.join(root, 'dist', 'index.js');

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(p) : statSync(p).mtimeMs);
  }
  return newest;
}

function stale(): boolean {
  return !existsSync(distIndex) || statSync(distIndex).mtimeMs < newestSource(path.join(root, 'src'));
}

export function ensureDist(): void {
  if (!stale()) return;
  const build = `test -f ${JSON.stringify(distIndex)} && [ -z "$(find ${JSON.stringify(path.join(root, 'src'))} -newer ${JSON.stringify(distIndex)} -print -quit)" ] || npm run build:ts`;
  const hasFlock = (() => {
    try {
      execFileSync('flock', ['--version'], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  })();
  const cmd = hasFlock ? ['flock', ['/tmp/kn-tsc.lock', 'sh', '-c', build]] as const : ['sh', ['-c', build]] as const;
  execFileSync(cmd[0], [...cmd[1]], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
}
