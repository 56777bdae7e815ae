#!/usr/bin/env bash
# Packaging check: builds the prebuild (prebuildify, incremental), packs the tarball,
# installs it into an empty project and verifies that the addon loads from prebuilds/
# (nothing compiled at install), that `ldd` shows only the C runtime, and that a produce /
# consume round trip works on the embedded broker.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
npm run prebuild --silent
node=$(ls prebuilds/linux-x64/*.node)
libs=$(ldd "$node" | awk '{print $1}' | grep -vE '^(linux-vdso|/lib64/ld-linux|libc\.so|libm\.so|libpthread\.so|libdl\.so|librt\.so)' || true)
if [ -n "$libs" ]; then echo "prebuild links unexpected libraries: $libs" >&2; exit 1; fi
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
tgz=$(npm pack --silent --pack-destination "$tmp" | tail -1)
cd "$tmp"
npm init -y >/dev/null
npm install --no-audit --no-fund --silent "./$tgz"
test ! -e node_modules/kafka-napi/build || { echo "install compiled the addon instead of using the prebuild" >&2; exit 1; }
cat > smoke.mjs <<'JS'
import { MockCluster, ProducerBuilder, ConsumerBuilder, AutoOffsetReset, Library } from 'kafka-napi';
import { createRequire } from 'node:module';
const cjs = createRequire(import.meta.url)('kafka-napi');
if (cjs.ProducerBuilder !== ProducerBuilder) throw new Error('ESM and CommonJS entries differ');
const cluster = new MockCluster();
cluster.createTopic('smoke', 1);
const producer = new ProducerBuilder({ bootstrapServers: cluster.bootstrapServers }).build();
await producer.produceAsync('smoke', { key: 'k', value: 'hello' });
await producer.close();
const consumer = new ConsumerBuilder({ bootstrapServers: cluster.bootstrapServers, groupId: 'smoke', autoOffsetReset: AutoOffsetReset.Earliest }).build();
consumer.subscribe('smoke');
const r = await consumer.consume(10000);
if (r?.message?.value?.toString() !== 'hello') throw new Error('round trip failed');
await consumer.close();
await cluster.close();
console.log(`package ok: librdkafka ${Library.versionString} (${Library.features.join(',')})`);
JS
node smoke.mjs
