// Which prebuild node-gyp-build picks from the layout scripts/prebuild.js writes
// (prebuilds/linux-<arch>/kafka-napi.glibc.node and .musl.node side by side). node-gyp-build
// decides the libc once, when it is loaded: from LIBC, else musl iff /etc/alpine-release
// exists. Each case therefore runs in a fresh node process (the LIBC path here; the Alpine
// detection path is exercised by the workflow's Alpine jobs, which install the real tarball).
import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, dirname } from 'node:path';

const { prebuildPath } = require('../../scripts/prebuild.js') as { prebuildPath: (t: string) => string };
const nodeGypBuild = require.resolve('node-gyp-build');
const root = join(__dirname, '..', '..');

let pkg: string;

function layout(dir: string, targets: string[]): void {
  rmSync(join(dir, 'prebuilds'), { recursive: true, force: true });
  for (const t of targets) {
    const file = join(dir, relative(root, prebuildPath(t)));
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, '');
  }
}

function pick(env: Record<string, string>): string {
  const childEnv: Record<string, string | undefined> = { ...process.env, PREBUILDS_ONLY: '1', ...env };
  if (!('LIBC' in env)) delete childEnv.LIBC;
  delete childEnv.KAFKA_NAPI_PREBUILD; // set by npm run test:asan: it would override the layout under test
  const out = execFileSync(process.execPath, ['-e',
    `try { console.log(require(${JSON.stringify(nodeGypBuild)}).path(${JSON.stringify(pkg)})) }
     catch (e) { console.log('ERROR ' + e.message.split('\\n')[0]) }`], { env: childEnv, encoding: 'utf8' }).trim();
  return out.startsWith('ERROR') ? out : relative(pkg, out).split('\\').join('/');
}

const all = ['linux-x64-glibc', 'linux-x64-musl', 'linux-arm64-glibc', 'linux-arm64-musl'];

describe('prebuild pick (node-gyp-build --tag-libc names)', () => {
  beforeAll(() => {
    pkg = mkdtempSync(join(tmpdir(), 'kafka-napi-pick-'));
    writeFileSync(join(pkg, 'package.json'), JSON.stringify({ name: 'kafka-napi' }));
  });
  afterAll(() => rmSync(pkg, { recursive: true, force: true }));

  it.each([
    ['x64', 'glibc', 'prebuilds/linux-x64/kafka-napi.glibc.node'],
    ['x64', 'musl', 'prebuilds/linux-x64/kafka-napi.musl.node'],
    ['arm64', 'glibc', 'prebuilds/linux-arm64/kafka-napi.glibc.node'],
    ['arm64', 'musl', 'prebuilds/linux-arm64/kafka-napi.musl.node'],
  ])('linux %s with LIBC=%s loads %s', (arch, libc, expected) => {
    layout(pkg, all);
    expect(pick({ npm_config_platform: 'linux', npm_config_arch: arch, LIBC: libc })).toBe(expected);
  });

  it('without LIBC, on a system without /etc/alpine-release, picks glibc', () => {
    layout(pkg, all);
    // The detection node-gyp-build uses; on an Alpine CI box this case is the musl one.
    const alpine = existsSync('/etc/alpine-release');
    expect(pick({ npm_config_platform: 'linux', npm_config_arch: 'x64' }))
      .toBe(`prebuilds/linux-x64/kafka-napi.${alpine ? 'musl' : 'glibc'}.node`);
  });

  it('never hands a musl process the glibc binary (or the reverse): no match is an error', () => {
    layout(pkg, ['linux-x64-glibc', 'linux-arm64-musl']);
    expect(pick({ npm_config_platform: 'linux', npm_config_arch: 'x64', LIBC: 'musl' }))
      .toMatch(/^ERROR No native build was found for platform=linux arch=x64 .*libc=musl/);
    expect(pick({ npm_config_platform: 'linux', npm_config_arch: 'arm64', LIBC: 'glibc' }))
      .toMatch(/^ERROR No native build was found for platform=linux arch=arm64 .*libc=glibc/);
  });

  it('darwin and win32 prebuilds carry no libc tag and are picked on their platform', () => {
    layout(pkg, [...all, 'darwin-arm64', 'darwin-x64', 'win32-x64']);
    expect(pick({ npm_config_platform: 'darwin', npm_config_arch: 'arm64' })).toBe('prebuilds/darwin-arm64/kafka-napi.node');
    expect(pick({ npm_config_platform: 'darwin', npm_config_arch: 'x64' })).toBe('prebuilds/darwin-x64/kafka-napi.node');
    expect(pick({ npm_config_platform: 'win32', npm_config_arch: 'x64' })).toBe('prebuilds/win32-x64/kafka-napi.node');
  });
});
