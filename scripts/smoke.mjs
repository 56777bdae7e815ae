// The round trip of an installed kafka-napi (scripts/check-package.sh locally, the workflow on
// every OS): run it with `node smoke.mjs` from a project that installed the packed tarball.
//  1. the ESM and CommonJS entries load the same addon, with every feature a prebuild must have;
//  2. produce/consume on an embedded MockCluster with each codec (none, gzip, snappy, lz4, zstd),
//     compressed by the producer and decompressed by the consumer in this binary;
//  3. a TLS handshake through librdkafka's SSL transport against a local `openssl s_server`
//     with a self-signed certificate (a MockCluster has no TLS): with that certificate as
//     ssl.ca.location the server completes the handshake; with another CA the client reports
//     "certificate verify failed" — so OpenSSL really runs (and verifies) inside the addon.
// Needs the `openssl` command line tool (SMOKE_OPENSSL names another one); SMOKE_NO_TLS=1
// skips step 3 (set nowhere by default).
import {
  MockCluster, ProducerBuilder, ConsumerBuilder, AutoOffsetReset, CompressionType,
  SecurityProtocol, Library,
} from 'kafka-napi';
import { createRequire } from 'node:module';
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname, relative, sep } from 'node:path';

const require = createRequire(import.meta.url);
const cjs = require('kafka-napi');
if (cjs.ProducerBuilder !== ProducerBuilder) throw new Error('ESM and CommonJS entries differ');
// Which binary node-gyp-build picked (the same resolution src/binding.ts makes): with
// SMOKE_EXPECT=prebuilds/linux-x64/kafka-napi.musl.node (say) anything else is a failure.
const pkgDir = dirname(require.resolve('kafka-napi/package.json'));
const addon = relative(pkgDir, require(require.resolve('node-gyp-build', { paths: [pkgDir] })).path(pkgDir))
  .split(sep).join('/');
// SMOKE_EXPECT=auto: the prebuild for this process, the libc told by Node itself (a glibc
// Node reports glibcVersionRuntime), independently of node-gyp-build's own detection.
let expect = process.env.SMOKE_EXPECT;
if (expect === 'auto') {
  const libc = process.platform !== 'linux' ? ''
    : process.report.getReport().header.glibcVersionRuntime ? '.glibc' : '.musl';
  expect = `prebuilds/${process.platform}-${process.arch}/kafka-napi${libc}.node`;
}
if (expect && addon !== expect) throw new Error(`loaded ${addon}, expected ${expect}`);
console.log(`addon: ${addon}`);
const need = ['gzip', 'snappy', 'lz4', 'zstd', 'ssl', 'sasl_scram', 'sasl_oauthbearer'];
const missing = need.filter((f) => !Library.features.includes(f));
if (missing.length) throw new Error(`features missing from this build: ${missing.join(',')}`);

// ---- 2. codecs on the embedded broker -------------------------------------------------------
const codecs = { none: CompressionType.None, gzip: CompressionType.Gzip, snappy: CompressionType.Snappy,
  lz4: CompressionType.Lz4, zstd: CompressionType.Zstd };
const cluster = new MockCluster();
const expected = new Map();
for (const [name, type] of Object.entries(codecs)) {
  const topic = `smoke-${name}`;
  cluster.createTopic(topic, 1);
  const producer = new ProducerBuilder({ bootstrapServers: cluster.bootstrapServers,
    compressionType: type, lingerMs: 5 }).build();
  const values = Array.from({ length: 50 }, (_, i) => `${name} ${i} ${'compressible '.repeat(40)}`);
  await Promise.all(values.map((v, i) => producer.produceAsync(topic, { key: `k${i}`, value: v })));
  await producer.close();
  expected.set(topic, values);
}
const consumer = new ConsumerBuilder({ bootstrapServers: cluster.bootstrapServers, groupId: 'smoke',
  autoOffsetReset: AutoOffsetReset.Earliest }).build();
consumer.subscribe([...expected.keys()]);
const got = new Map([...expected.keys()].map((t) => [t, []]));
const total = [...expected.values()].reduce((n, v) => n + v.length, 0);
let count = 0;
const deadline = Date.now() + 60_000;
while (count < total && Date.now() < deadline) {
  const r = await consumer.consume(1000);
  if (!r?.message) continue;
  got.get(r.topic).push(r.message.value.toString());
  count++;
}
await consumer.close();
await cluster.close();
for (const [topic, values] of expected) {
  if (JSON.stringify(got.get(topic)) !== JSON.stringify(values)) {
    throw new Error(`${topic}: consumed ${got.get(topic).length} of ${values.length} messages, or not in order`);
  }
}
console.log(`codecs ok: ${Object.keys(codecs).join(', ')} (${total} messages)`);

// ---- 3. TLS handshake ---------------------------------------------------------------------
if (!process.env.SMOKE_NO_TLS) {
  const openssl = process.env.SMOKE_OPENSSL || 'openssl';
  const dir = mkdtempSync(join(tmpdir(), 'kafka-napi-tls-'));
  const server = { proc: null };
  try {
    // A config file rather than -addext: works with LibreSSL (macOS) as with OpenSSL.
    writeFileSync(join(dir, 'req.cnf'), [
      '[req]', 'distinguished_name = dn', 'x509_extensions = ext', 'prompt = no',
      '[dn]', 'CN = localhost',
      '[ext]', 'subjectAltName = IP:127.0.0.1, DNS:localhost', 'basicConstraints = critical, CA:TRUE',
    ].join('\n'));
    const cert = (name) => execFileSync(openssl, ['req', '-x509', '-newkey', 'rsa:2048', '-nodes',
      '-days', '2', '-config', join(dir, 'req.cnf'),
      '-keyout', join(dir, `${name}.key`), '-out', join(dir, `${name}.pem`)], { stdio: 'ignore' });
    cert('server');
    cert('other');
    server.proc = spawn(openssl, ['s_server', '-accept', '127.0.0.1:0',
      '-cert', join(dir, 'server.pem'), '-key', join(dir, 'server.key')], { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    server.proc.stdout.on('data', (d) => { out += d; });
    server.proc.stderr.on('data', (d) => { out += d; });
    const until = async (what, ms) => {
      const end = Date.now() + ms;
      while (Date.now() < end) {
        const hit = what();
        if (hit) return hit;
        await new Promise((r) => setTimeout(r, 50));
      }
      return null;
    };
    const port = (await until(() => /ACCEPT\s+\S*:(\d+)/.exec(out)?.[1], 15_000));
    if (!port) throw new Error(`openssl s_server did not start: ${out}`);

    const tlsClient = async (ca) => {
      const logs = [];
      const producer = new ProducerBuilder({ bootstrapServers: `127.0.0.1:${port}`,
        securityProtocol: SecurityProtocol.Ssl, sslCaLocation: ca, debug: 'security,broker' })
        .setLogHandler((_, log) => logs.push(log.message))
        .setErrorHandler((_, err) => logs.push(err.reason ?? String(err)))
        .build();
      return { producer, logs };
    };

    // The right CA: the server prints the negotiated cipher once the handshake is done.
    const good = await tlsClient(join(dir, 'server.pem'));
    const cipher = await until(() => /CIPHER is (\S+)/.exec(out)?.[1], 30_000);
    const goodFailed = good.logs.find((l) => /SSL handshake failed|certificate verify failed/.test(l));
    await good.producer.close();
    if (!cipher || goodFailed) {
      throw new Error(`TLS handshake did not complete: ${goodFailed ?? 'no cipher from s_server'}\n${good.logs.join('\n')}`);
    }
    // Another CA: this binary's OpenSSL must refuse the server's certificate.
    const bad = await tlsClient(join(dir, 'other.pem'));
    const refused = await until(() => bad.logs.find((l) => /certificate verify failed/.test(l)), 30_000);
    await bad.producer.close();
    if (!refused) throw new Error(`a certificate from another CA was not refused:\n${bad.logs.join('\n')}`);
    console.log(`tls ok: handshake ${cipher} with the right CA, "certificate verify failed" with another`);
  } finally {
    server.proc?.kill();
    rmSync(dir, { recursive: true, force: true });
  }
}
console.log(`smoke ok: node ${process.version} ${process.platform}-${process.arch}, librdkafka ${Library.versionString}`);
