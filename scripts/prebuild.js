#!/usr/bin/env node
'use strict';
// `npm run prebuild [-- target...]`: builds the prebuilt binaries into
// prebuilds/<platform>-<arch>/kafka-napi.<libc>.node (node-gyp-build's --tag-libc names;
// win32/darwin carry no libc tag), stripped. Every target goes through the build of record
// (scripts/build-native.js → cmake-js → CMakeLists.txt) in its own tree build/prebuild-<target>,
// so the development build in build/cmake and build/Release is never touched.
//
// On Linux every Linux target is built from this one host with zig (scripts/zig-toolchain.cmake):
// glibc targets against glibc 2.28 (the floor of the official Node binaries), musl targets
// against zig's musl. On macOS and Windows (the workflow's runners) the host's own target is
// built with the host's compiler.
//
//   node scripts/prebuild.js                 every target this host builds
//   node scripts/prebuild.js linux-arm64-musl
//   node scripts/prebuild.js --list          the targets this host builds
const { spawnSync, execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');

// The glibc floor, checked by scripts/check-glibc-floor.sh on every glibc binary.
const GLIBC_FLOOR = '2.28';
const LINUX_TARGETS = {
  'linux-x64-glibc': `x86_64-linux-gnu.${GLIBC_FLOOR}`,
  'linux-arm64-glibc': `aarch64-linux-gnu.${GLIBC_FLOOR}`,
  'linux-x64-musl': 'x86_64-linux-musl',
  'linux-arm64-musl': 'aarch64-linux-musl',
};

function hostTargets() {
  if (process.platform === 'linux') return Object.keys(LINUX_TARGETS);
  return [`${process.platform}-${process.arch}`];
}

function prebuildPath(target) {
  const [platform, arch, libc] = target.split('-');
  const name = libc ? `kafka-napi.${libc}.node` : 'kafka-napi.node';
  return path.join(root, 'prebuilds', `${platform}-${arch}`, name);
}

function run(cmd, args, env) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env });
  if (r.status !== 0) {
    console.error(`prebuild: ${cmd} ${args.join(' ')} failed (${r.status ?? r.signal})`);
    process.exit(1);
  }
}

function build(target) {
  const tree = path.join('build', `prebuild-${target}`);
  const outDir = path.join(root, tree, 'Release');
  const args = [path.join(__dirname, 'build-native.js'), '--out', tree, `--CDKN_OUTPUT_DIR=${outDir}`];
  const env = { ...process.env };
  if (LINUX_TARGETS[target]) {
    const zig = execFileSync('bash', [path.join(__dirname, 'zig.sh')], { encoding: 'utf8' }).trim();
    Object.assign(env, {
      KN_ZIG: zig,
      KN_ZIG_TARGET: LINUX_TARGETS[target],
      // zig's caches (its libc/libc++ builds per target) live with the build trees.
      ZIG_GLOBAL_CACHE_DIR: path.join(root, 'build', 'tools', 'zig-cache'),
      ZIG_LOCAL_CACHE_DIR: path.join(root, 'build', 'tools', 'zig-cache'),
    });
    args.push(`--CDCMAKE_TOOLCHAIN_FILE=${path.join(__dirname, 'zig-toolchain.cmake')}`);
  }
  console.log(`== prebuild ${target}${env.KN_ZIG_TARGET ? ` (zig cc -target ${env.KN_ZIG_TARGET})` : ''}`);
  run(process.execPath, args, env);

  const built = path.join(outDir, 'kafka_napi.node');
  const dest = prebuildPath(target);
  fs.mkdirSync(path.dirname(dest), { recursive: true });
  fs.copyFileSync(built, dest);
  // Stripped: the zig toolchain links with -s; macOS strip -x keeps the exported symbols.
  if (process.platform === 'darwin') run('strip', ['-x', dest], env);
  console.log(`   ${path.relative(root, dest)}  ${fs.statSync(dest).size} bytes`);
}

function main(argv) {
  if (argv.includes('--list')) {
    console.log(hostTargets().join('\n'));
    return;
  }
  const targets = argv.length ? argv : hostTargets();
  for (const t of targets) {
    if (!hostTargets().includes(t)) {
      console.error(`prebuild: ${t} is not built on this host (${hostTargets().join(', ')})`);
      process.exit(2);
    }
  }
  for (const t of targets) build(t);
}

if (require.main === module) main(process.argv.slice(2));
module.exports = { prebuildPath, hostTargets, GLIBC_FLOOR };
