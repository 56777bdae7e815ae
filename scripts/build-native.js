#!/usr/bin/env node
'use strict';
// Builds the addon with cmake-js (the build of record, CMakeLists.txt) into build/Release.
// Used by `npm run build:native`; by binding.gyp, so that node-gyp-build's fallback
// (`node-gyp rebuild` when no prebuild matches) builds the very same way; and by prebuildify
// (`--node-gyp scripts/build-native.js`), which calls it like node-gyp. Incremental: the cmake
// tree in build/cmake is reused, so librdkafka is compiled once per checkout. The addon uses
// N-API only, so node-gyp's per-Node-version arguments do not matter and are dropped.
const { spawnSync } = require('node:child_process');
const path = require('node:path');

const root = path.join(__dirname, '..');
const cmakeJs = require.resolve('cmake-js/bin/cmake-js');
const argv = process.argv.slice(2);
const calledAsNodeGyp = argv[0] === 'rebuild' || argv[0] === 'build';
const extra = calledAsNodeGyp ? [] : argv;
const jobs = String(Math.max(1, require('node:os').availableParallelism?.() ?? 2));
// scripts/prebuild.js passes its own --out (one tree per target) and a toolchain file.
const out = extra.includes('--out') ? [] : ['--out', 'build/cmake'];
// Windows: node.lib exports N-API only, so OpenSSL and zlib are linked statically from vcpkg
// (`vcpkg install openssl:x64-windows-static zlib:x64-windows-static`; the hosted runners
// carry vcpkg at VCPKG_INSTALLATION_ROOT). The static triplet matches cmake-js's static CRT.
const vcpkg = process.env.VCPKG_ROOT || process.env.VCPKG_INSTALLATION_ROOT;
if (process.platform === 'win32' && vcpkg && !extra.some((a) => a.startsWith('--CDCMAKE_TOOLCHAIN_FILE='))) {
  extra.push(`--CDCMAKE_TOOLCHAIN_FILE=${path.join(vcpkg, 'scripts', 'buildsystems', 'vcpkg.cmake')}`,
    `--CDVCPKG_TARGET_TRIPLET=${process.arch}-windows-static`);
}
const args = [cmakeJs, 'compile', ...out, '--parallel', jobs, ...extra];
// Build against the headers of the node that runs the build when it ships them (official
// tarballs do: <prefix>/include/node), so no header download is needed (npm's `nodedir`
// setting, when present, wins).
const env = { ...process.env };
const prefix = path.join(path.dirname(process.execPath), '..');
if (!env.npm_config_nodedir && require('node:fs').existsSync(path.join(prefix, 'include/node/node_api.h'))) {
  env.npm_config_nodedir = prefix;
}
const r = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit', env });
process.exit(r.status ?? 1);
