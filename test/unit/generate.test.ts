import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
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

describe('scripts/generate.js statistics', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const gen = require('../../scripts/generate.js') as {
    parseStatisticsMd(text: string): unknown;
    buildStatistics(parsed: unknown): Array<{ section: string; typeName: string; fields: Array<{ name: string; ref?: string; dict?: boolean; optional?: boolean }> }>;
  };
  const md = fs.readFileSync(path.join(root, 'deps/librdkafka/STATISTICS.md'), 'utf8');

  it('nests brokers, topics, partitions and window stats as STATISTICS.md describes them', () => {
    const stats = gen.buildStatistics(gen.parseStatisticsMd(md));
    const field = (section: string, name: string) => stats.find((s) => s.section === section)!.fields.find((f) => f.name === name)!;
    expect(stats[0].typeName).toBe('Statistics');
    expect(field('Top-level', 'brokers')).toMatchObject({ ref: 'brokers', dict: true });
    expect(field('Top-level', 'topics')).toMatchObject({ ref: 'topics', dict: true });
    expect(field('Top-level', 'cgrp')).toMatchObject({ ref: 'cgrp', dict: false, optional: true });
    expect(field('Top-level', 'eos')).toMatchObject({ ref: 'eos', optional: true });
    expect(field('Top-level', 'tx').optional).toBeUndefined();
    expect(field('brokers', 'rtt')).toMatchObject({ ref: 'Window stats', dict: false });
    expect(field('brokers', 'toppars')).toMatchObject({ ref: 'brokers.toppars', dict: true });
    expect(field('topics', 'batchcnt')).toMatchObject({ ref: 'Window stats', dict: false });
    expect(field('topics', 'partitions')).toMatchObject({ ref: 'partitions', dict: true });
  });

  it('fails on a section it has no name for, and on an object field that names no section', () => {
    const extra = md.replace('## cgrp', '## newthing\n\nField | Type | Example | Description\n----- | ---- | ------- | -----------\nx | int | | X\n\n## cgrp');
    expect(() => gen.parseStatisticsMd(extra)).toThrow(/section "newthing" has no interface name/);
    const unnamed = md.replace('See *Window stats* below\nrtt', 'no reference\nrtt');
    expect(unnamed).not.toBe(md);
    expect(() => gen.buildStatistics(gen.parseStatisticsMd(unnamed))).toThrow(/outbuf_latency names no section/);
  });
});
