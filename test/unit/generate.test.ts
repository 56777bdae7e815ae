import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../..');

describe('scripts/generate.js', () => {
  it('--check reports the committed generated files as up to date', () => {
    const r = spawnSync(process.execPath, ['scripts/generate.js', '--check'], { cwd: root, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('up to date');
  });
});
