#!/usr/bin/env node
'use strict';
/**
 * A real Apache Kafka cluster (KRaft, combined broker+controller nodes) for the test suites,
 * started from the jars of scripts/kafka/pom.xml with the machine's JDK 17. No Docker, nothing
 * downloaded but through Maven (cached in ~/.m2).
 *
 *   node scripts/kafka.js [--nodes 1|3] [--json] [--write-env FILE] [--keep]
 *       starts the node(s), prints `export KAFKA_...=...` lines (or one JSON line), stays up until
 *       SIGINT/SIGTERM/SIGHUP, its parent going away or (when stdin is a pipe) stdin closing;
 *       then stops every JVM it started and removes the data dir.
 *   node scripts/kafka.js [--nodes 1|3] -- CMD ARGS...
 *       starts the node(s), runs CMD with the environment, stops them, exits with CMD's code.
 *   node scripts/kafka.js --jars
 *       only resolves the jars into build/kafka/lib (CI does this as its own step).
 *
 * Library: `const { startKafka, kafkaControl } = require('./scripts/kafka.js')`
 *   startKafka({ nodes, timeoutMs, keep, log }) → Promise<Cluster>
 *     cluster.env      the KAFKA_* variables (see README "Testing against real Kafka")
 *     cluster.info     { version, clusterId, dataDir, nodes: [{ id, pid, bootstrap, listeners, logFile }] }
 *     cluster.stop()   stops every node (SIGTERM, SIGKILL after a bound) and removes the data dir
 *     cluster.stop(id) / kill(id) (SIGKILL) / pause(id) (SIGSTOP) / resume(id) (SIGCONT) /
 *     start(id)        (restarts a stopped or killed node with its data dir and waits until it serves)
 *     cluster.node(id) the node's { id, pid, bootstrap, running, paused, ... }
 *   kafkaControl(url = process.env.KAFKA_CONTROL_URL) → the same per-node controls, over the
 *     loopback HTTP endpoint that every started cluster serves (for tests in another process).
 *
 * Safety: every JVM is registered with a detached watchdog process that holds a pipe to this
 * process; if this process dies without cleaning up (even by SIGKILL) the watchdog stops the JVMs
 * and removes the data dir.
 */
const { spawn } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const fsp = fs.promises;
const http = require('node:http');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const POM_DIR = path.join(__dirname, 'kafka');
const POM = path.join(POM_DIR, 'pom.xml');
const LOG4J = path.join(POM_DIR, 'log4j2.properties');
const LIB = path.join(ROOT, 'build', 'kafka', 'lib');
const KAFKA_VERSION = /<kafka\.version>([^<]+)</.exec(fs.readFileSync(POM, 'utf8'))[1];

const SUPERUSER = 'admin';
const SUPERUSER_PASSWORD = 'admin-secret';
const USER = 'alice';
const USER_PASSWORD = 'alice-secret';
const CLIENT_CN = 'kafka-napi-client';
const KEYSTORE_PASSWORD = 'kafka-napi-test';
/** Client-facing listeners (name → security protocol), then the controller's. */
const LISTENERS = {
  PLAINTEXT: 'PLAINTEXT',
  SASL_PLAINTEXT: 'SASL_PLAINTEXT',
  SSL: 'SSL',
  MTLS: 'SSL',
  SASL_SSL: 'SASL_SSL',
  SSL_BADHOST: 'SSL',
};
const ENV_OF_LISTENER = {
  PLAINTEXT: 'KAFKA_BOOTSTRAP_SERVERS',
  SASL_PLAINTEXT: 'KAFKA_SASL_BOOTSTRAP_SERVERS',
  SSL: 'KAFKA_SSL_BOOTSTRAP_SERVERS',
  MTLS: 'KAFKA_MTLS_BOOTSTRAP_SERVERS',
  SASL_SSL: 'KAFKA_SASL_SSL_BOOTSTRAP_SERVERS',
  SSL_BADHOST: 'KAFKA_SSL_BADHOST_BOOTSTRAP_SERVERS',
};
const STOP_GRACE_MS = 10_000;

// ---------------------------------------------------------------------------------------------
// small helpers

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function run(cmd, args, opts = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], ...opts });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('error', (e) => reject(new Error(`${cmd}: ${e.message}`)));
    child.on('close', (code, signal) => {
      if (code === 0) resolve(out);
      else reject(new Error(`${cmd} ${args.join(' ')} failed (${signal || code}):\n${out.slice(-4000)}`));
    });
  });
}

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function tail(file, lines = 60) {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return `(no ${file})`;
  }
}

/** Distinct free loopback ports: all bound at once to port 0, then released. */
async function freePorts(n) {
  const servers = [];
  try {
    for (let i = 0; i < n; i++) {
      const s = net.createServer();
      await new Promise((res, rej) => s.once('error', rej).listen(0, '127.0.0.1', res));
      servers.push(s);
    }
    return servers.map((s) => s.address().port);
  } finally {
    await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  }
}

/** A Kafka Uuid (16 random bytes, base64url without padding) as StorageTool random-uuid makes. */
function clusterId() {
  for (;;) {
    const id = crypto.randomBytes(16).toString('base64url');
    if (!id.startsWith('-')) return id;
  }
}

function javaBin() {
  return process.env.JAVA_HOME ? path.join(process.env.JAVA_HOME, 'bin', 'java') : 'java';
}

let javaChecked;
/** Kafka 4.x brokers need Java 17 or later: say so plainly instead of a class-version error. */
function checkJava() {
  javaChecked ??= run(javaBin(), ['-version']).then((out) => {
    const m = /version "(\d+)(?:\.(\d+))?/.exec(out);
    const major = m ? (m[1] === '1' ? Number(m[2]) : Number(m[1])) : 0;
    if (major < 17) throw new Error(`Kafka ${KAFKA_VERSION} needs Java 17 or later; ${javaBin()} is: ${out.split('\n')[0]}`);
  }, (e) => {
    throw new Error(`no Java to run Kafka (install a JDK 17, or set JAVA_HOME): ${e.message}`);
  });
  return javaChecked;
}

// ---------------------------------------------------------------------------------------------
// jars

/**
 * Resolves the broker's runtime jars into build/kafka/lib unless they are there for this pom.xml
 * already. Resolves into a temporary folder then renames, so a concurrent run never sees half a
 * lib folder.
 */
async function ensureJars() {
  // The pom without its comments and layout: editing a comment does not resolve again.
  const pom = fs.readFileSync(POM, 'utf8').replace(/<!--[\s\S]*?-->/g, '').replace(/\s+/g, ' ');
  const stamp = crypto.createHash('sha256').update(pom).digest('hex');
  const stampFile = path.join(LIB, '.pom-sha256');
  const current = () => {
    try {
      return fs.readFileSync(stampFile, 'utf8').trim() === stamp && fs.existsSync(path.join(LIB, `kafka_2.13-${KAFKA_VERSION}.jar`));
    } catch {
      return false;
    }
  };
  if (current()) return LIB;
  const tmp = `${LIB}.tmp-${process.pid}`;
  await fsp.rm(tmp, { recursive: true, force: true });
  await run('mvn', ['-B', '-q', '-f', POM, 'dependency:copy-dependencies', '-DincludeScope=runtime', `-DoutputDirectory=${tmp}`]);
  fs.writeFileSync(path.join(tmp, '.pom-sha256'), `${stamp}\n`);
  if (current()) {
    await fsp.rm(tmp, { recursive: true, force: true }); // someone else finished first
    return LIB;
  }
  const listing = (dir) => {
    try {
      return fs.readdirSync(dir).filter((x) => x.endsWith('.jar')).sort().map((x) => `${x}:${fs.statSync(path.join(dir, x)).size}`).join('\n');
    } catch {
      return undefined;
    }
  };
  if (listing(tmp) === listing(LIB)) {
    // Same jars: only the stamp was stale. Leave the folder that running brokers use alone.
    fs.copyFileSync(path.join(tmp, '.pom-sha256'), stampFile);
    await fsp.rm(tmp, { recursive: true, force: true });
    return LIB;
  }
  const old = `${LIB}.old-${process.pid}`;
  if (fs.existsSync(LIB)) fs.renameSync(LIB, old);
  fs.renameSync(tmp, LIB);
  await fsp.rm(old, { recursive: true, force: true });
  return LIB;
}

// ---------------------------------------------------------------------------------------------
// TLS material (openssl CLI)

/**
 * Writes into dir: ca.pem (the test CA), broker.p12 (SAN IP:127.0.0.1, DNS:localhost),
 * client.pem/client.key (CN=kafka-napi-client, for mTLS), badhost.p12 (signed by the test CA, SAN
 * DNS:wrong-host.invalid only), other-ca.pem (an unrelated CA) and other-client.pem/.key (a client
 * certificate signed by the unrelated CA). Keys are unencrypted PKCS#8 PEM.
 */
async function makeTls(dir) {
  await fsp.mkdir(dir, { recursive: true });
  const f = (name) => path.join(dir, name);
  const cnf = f('req.cnf');
  fs.writeFileSync(cnf, '[req]\ndistinguished_name=dn\nprompt=no\n[dn]\nCN=unused\n');
  const ext = (name, lines) => {
    fs.writeFileSync(f(name), `${lines.join('\n')}\n`);
    return f(name);
  };
  const caExt = ext('ca.ext', ['basicConstraints=critical,CA:TRUE', 'keyUsage=critical,keyCertSign,cRLSign', 'subjectKeyIdentifier=hash']);
  const openssl = (...args) => run('openssl', args);
  const makeCa = async (name, cn) => {
    await openssl('req', '-new', '-newkey', 'rsa:2048', '-nodes', '-config', cnf, '-subj', `/CN=${cn}`, '-keyout', f(`${name}.key`), '-out', f(`${name}.csr`));
    await openssl('x509', '-req', '-in', f(`${name}.csr`), '-signkey', f(`${name}.key`), '-days', '30', '-sha256', '-extfile', caExt, '-out', f(`${name}.pem`));
  };
  const makeLeaf = async (name, cn, ca, extLines) => {
    const e = ext(`${name}.ext`, ['basicConstraints=CA:FALSE', 'keyUsage=critical,digitalSignature,keyEncipherment', ...extLines]);
    await openssl('req', '-new', '-newkey', 'rsa:2048', '-nodes', '-config', cnf, '-subj', `/CN=${cn}`, '-keyout', f(`${name}.key`), '-out', f(`${name}.csr`));
    await openssl('x509', '-req', '-in', f(`${name}.csr`), '-CA', f(`${ca}.pem`), '-CAkey', f(`${ca}.key`), '-set_serial', `0x${crypto.randomBytes(8).toString('hex')}`,
      '-days', '30', '-sha256', '-extfile', e, '-out', f(`${name}.pem`));
  };
  const p12 = (name, ca) =>
    openssl('pkcs12', '-export', '-in', f(`${name}.pem`), '-inkey', f(`${name}.key`), '-certfile', f(`${ca}.pem`), '-name', name,
      '-passout', `pass:${KEYSTORE_PASSWORD}`, '-out', f(`${name}.p12`));

  await Promise.all([makeCa('ca', 'kafka-napi test CA'), makeCa('other-ca', 'kafka-napi unrelated CA')]);
  await Promise.all([
    makeLeaf('broker', 'localhost', 'ca', ['extendedKeyUsage=serverAuth,clientAuth', 'subjectAltName=IP:127.0.0.1,DNS:localhost']),
    makeLeaf('badhost', 'wrong-host.invalid', 'ca', ['extendedKeyUsage=serverAuth', 'subjectAltName=DNS:wrong-host.invalid']),
    makeLeaf('client', CLIENT_CN, 'ca', ['extendedKeyUsage=clientAuth']),
    makeLeaf('other-client', 'kafka-napi-stranger', 'other-ca', ['extendedKeyUsage=clientAuth']),
  ]);
  await Promise.all([p12('broker', 'ca'), p12('badhost', 'ca')]);
  for (const name of fs.readdirSync(dir)) if (/\.(csr|ext|cnf|srl)$/.test(name)) fs.rmSync(f(name));
  return {
    ca: f('ca.pem'),
    brokerKeystore: f('broker.p12'),
    badhostKeystore: f('badhost.p12'),
    clientCert: f('client.pem'),
    clientKey: f('client.key'),
    otherCa: f('other-ca.pem'),
    otherClientCert: f('other-client.pem'),
    otherClientKey: f('other-client.key'),
  };
}

// ---------------------------------------------------------------------------------------------
// Kafka protocol probe: ApiVersions v0, then Metadata (v4..v8, whose broker list layout is the same)

function request(port, apiKey, apiVersion, body, timeoutMs = 3000) {
  return new Promise((resolve, reject) => {
    const clientId = Buffer.from('kafka-napi-probe');
    const header = Buffer.alloc(10);
    header.writeInt16BE(apiKey, 0);
    header.writeInt16BE(apiVersion, 2);
    header.writeInt32BE(1, 4);
    header.writeInt16BE(clientId.length, 8);
    const payload = Buffer.concat([header, clientId, body]);
    const size = Buffer.alloc(4);
    size.writeInt32BE(payload.length);
    const sock = net.connect({ host: '127.0.0.1', port });
    let buf = Buffer.alloc(0);
    const timer = setTimeout(() => done(new Error('probe timed out')), timeoutMs);
    const done = (err, res) => {
      clearTimeout(timer);
      sock.destroy();
      if (err) reject(err);
      else resolve(res);
    };
    sock.on('connect', () => sock.write(Buffer.concat([size, payload])));
    sock.on('error', done);
    sock.on('close', () => done(new Error('connection closed')));
    sock.on('data', (d) => {
      buf = Buffer.concat([buf, d]);
      if (buf.length >= 4 && buf.length >= 4 + buf.readInt32BE(0)) done(null, buf.subarray(8, 4 + buf.readInt32BE(0)));
    });
  });
}

/** The node ids a broker lists in its metadata (unfenced brokers). Throws while it cannot answer. */
async function metadataBrokers(port) {
  const av = await request(port, 18, 0, Buffer.alloc(0));
  if (av.readInt16BE(0) !== 0) throw new Error(`ApiVersions error ${av.readInt16BE(0)}`);
  let version = -1;
  for (let i = 0, n = av.readInt32BE(2); i < n; i++) {
    const o = 6 + i * 6;
    if (av.readInt16BE(o) === 3) version = Math.min(8, av.readInt16BE(o + 4));
  }
  if (version < 4) throw new Error('broker offers no Metadata v4..v8');
  const body = Buffer.alloc(version >= 8 ? 7 : 5);
  body.writeInt32BE(-1, 0); // all topics
  body.writeInt8(0, 4); // allow_auto_topic_creation
  const md = await request(port, 3, version, body);
  const ids = [];
  const count = md.readInt32BE(4); // after throttle_time_ms
  let o = 8;
  for (let i = 0; i < count; i++) {
    ids.push(md.readInt32BE(o));
    o += 4;
    o += 2 + md.readInt16BE(o); // host
    o += 4; // port
    const rack = md.readInt16BE(o);
    o += 2 + (rack > 0 ? rack : 0);
  }
  return ids;
}

// ---------------------------------------------------------------------------------------------
// watchdog: a detached process that cleans up if its parent dies without doing so

function startWatchdog() {
  const child = spawn(process.execPath, [__filename, '--watchdog'], { stdio: ['pipe', 'ignore', 'ignore'], detached: true });
  child.unref();
  child.stdin.unref?.();
  child.stdin.on('error', () => {});
  return {
    send: (line) => {
      if (!child.stdin.destroyed) child.stdin.write(`${line}\n`);
    },
    done: () => {
      if (!child.stdin.destroyed) child.stdin.end('done\n');
    },
  };
}

function watchdogMain() {
  for (const s of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(s, () => {});
  const pids = new Set();
  const dirs = new Set();
  let rest = '';
  let finished = false;
  process.stdin.on('data', (d) => {
    rest += d;
    const lines = rest.split('\n');
    rest = lines.pop();
    for (const line of lines) {
      const [cmd, arg] = [line.slice(0, line.indexOf(' ')), line.slice(line.indexOf(' ') + 1)];
      if (line === 'done') finished = true;
      else if (cmd === 'pid') pids.add(Number(arg));
      else if (cmd === 'gone') pids.delete(Number(arg));
      else if (cmd === 'dir') dirs.add(arg);
    }
  });
  process.stdin.on('close', async () => {
    if (!finished) {
      for (const pid of pids) {
        try {
          process.kill(pid, 'SIGCONT');
          process.kill(pid, 'SIGTERM');
        } catch {}
      }
      const until = Date.now() + STOP_GRACE_MS;
      while ([...pids].some(alive) && Date.now() < until) await sleep(200);
      for (const pid of pids) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {}
      }
      await sleep(200);
      for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
    }
    process.exit(0);
  });
}

// ---------------------------------------------------------------------------------------------
// the cluster

function jaas(listener, { scram }) {
  const lines = [];
  const plainUsers = `user_${SUPERUSER}="${SUPERUSER_PASSWORD}" user_${USER}="${USER_PASSWORD}"`;
  lines.push(`listener.name.${listener}.plain.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="${SUPERUSER}" password="${SUPERUSER_PASSWORD}" ${plainUsers};`);
  if (scram) {
    for (const m of ['scram-sha-256', 'scram-sha-512'])
      lines.push(`listener.name.${listener}.${m}.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required;`);
  }
  // Unsecured JWTs (alg "none"): the broker's default OAUTHBEARER validator accepts them.
  lines.push(`listener.name.${listener}.oauthbearer.sasl.jaas.config=org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule required unsecuredLoginStringClaim_sub="${SUPERUSER}";`);
  return lines;
}

function serverProperties(node, all, tls, n) {
  const listenerNames = [...Object.keys(LISTENERS), 'CONTROLLER'];
  const minIsr = n >= 3 ? 2 : 1;
  return [
    `# kafka-napi test broker, node ${node.id} of ${n} (written by scripts/kafka.js)`,
    'process.roles=broker,controller',
    `node.id=${node.id}`,
    `controller.quorum.voters=${all.map((x) => `${x.id}@127.0.0.1:${x.ports.CONTROLLER}`).join(',')}`,
    `listeners=${listenerNames.map((l) => `${l}://127.0.0.1:${node.ports[l]}`).join(',')}`,
    `advertised.listeners=${Object.keys(LISTENERS).map((l) => `${l}://127.0.0.1:${node.ports[l]}`).join(',')}`,
    `listener.security.protocol.map=${Object.entries(LISTENERS).map(([l, p]) => `${l}:${p}`).join(',')},CONTROLLER:PLAINTEXT`,
    'inter.broker.listener.name=PLAINTEXT',
    'controller.listener.names=CONTROLLER',
    `log.dirs=${node.dataDir}`,
    // replication
    'num.partitions=1',
    `default.replication.factor=${n}`,
    `min.insync.replicas=${minIsr}`,
    `offsets.topic.replication.factor=${n}`,
    'offsets.topic.num.partitions=10',
    `transaction.state.log.replication.factor=${n}`,
    `transaction.state.log.min.isr=${minIsr}`,
    'transaction.state.log.num.partitions=10',
    `share.coordinator.state.topic.replication.factor=${n}`,
    `share.coordinator.state.topic.min.isr=${minIsr}`,
    'auto.create.topics.enable=true',
    // groups, tuned for tests
    'group.initial.rebalance.delay.ms=0',
    'group.coordinator.rebalance.protocols=classic,consumer',
    'group.min.session.timeout.ms=1000',
    'group.consumer.session.timeout.ms=10000',
    'group.consumer.min.session.timeout.ms=1000',
    'group.consumer.heartbeat.interval.ms=1000',
    'group.consumer.min.heartbeat.interval.ms=500',
    // authorization
    'authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer',
    `super.users=User:${SUPERUSER};User:ANONYMOUS;User:${CLIENT_CN}`,
    'allow.everyone.if.no.acl.found=false',
    // SASL
    'sasl.enabled.mechanisms=PLAIN,SCRAM-SHA-256,SCRAM-SHA-512,OAUTHBEARER',
    ...jaas('sasl_plaintext', { scram: true }),
    ...jaas('sasl_ssl', { scram: true }),
    // TLS: PKCS12 keystores, the test CA as a PEM truststore
    'ssl.keystore.type=PKCS12',
    `ssl.keystore.location=${tls.brokerKeystore}`,
    `ssl.keystore.password=${KEYSTORE_PASSWORD}`,
    `ssl.key.password=${KEYSTORE_PASSWORD}`,
    'ssl.truststore.type=PEM',
    `ssl.truststore.location=${tls.ca}`,
    'ssl.client.auth=none',
    'listener.name.mtls.ssl.client.auth=required',
    'listener.name.ssl_badhost.ssl.keystore.type=PKCS12',
    `listener.name.ssl_badhost.ssl.keystore.location=${tls.badhostKeystore}`,
    `listener.name.ssl_badhost.ssl.keystore.password=${KEYSTORE_PASSWORD}`,
    `listener.name.ssl_badhost.ssl.key.password=${KEYSTORE_PASSWORD}`,
    // the mTLS principal is the certificate's CN (User:kafka-napi-client), not the whole DN
    'ssl.principal.mapping.rules=RULE:^CN=([^,]+)(,.*)?$/$1/,DEFAULT',
    '',
  ].join('\n');
}

function jvmArgs(node, heap) {
  return [
    ...heap,
    '-XX:+UseG1GC',
    '-XX:MaxGCPauseMillis=20',
    '-Djava.awt.headless=true',
    `-Dlog4j2.configurationFile=${LOG4J}`,
    `-Dkafka.logs.dir=${node.logDir}`,
    '-cp',
    path.join(LIB, '*'),
  ];
}

/**
 * Starts a cluster of `nodes` combined broker+controller nodes (1 or 3) on free loopback ports in a
 * fresh data dir, and resolves once every node answers a metadata request listing all of them.
 * A port picked free can be taken before the JVM binds it (other brokers and clients share the
 * machine): then it starts again on new ports, up to three times.
 */
async function startKafka(opts = {}) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startKafkaOnce(opts);
    } catch (e) {
      if (attempt >= 3 || !/BindException|Address already in use/.test(e.message)) throw e;
      (opts.log ?? (() => {}))(`a port was taken before the broker bound it; starting again (${e.message.split('\n')[0]})`);
    }
  }
}

async function startKafkaOnce(opts) {
  const n = Number(opts.nodes ?? 1);
  if (!Number.isInteger(n) || n < 1 || n > 9) throw new TypeError(`nodes must be 1..9, got ${opts.nodes}`);
  const timeoutMs = Number(opts.timeoutMs ?? process.env.KAFKA_START_TIMEOUT_MS ?? 90_000);
  const log = opts.log ?? (() => {});
  const t0 = Date.now();

  await Promise.all([ensureJars(), checkJava()]);
  const dataDir = await fsp.mkdtemp(path.join(os.tmpdir(), 'kafka-napi-broker-'));
  const watchdog = startWatchdog();
  if (!opts.keep) watchdog.send(`dir ${dataDir}`);

  const nodes = [];
  let stopped = false;
  let control;
  const onExit = () => {
    // last resort on a synchronous exit: no time for a graceful stop
    for (const node of nodes) if (node.proc && node.running) try { process.kill(node.proc.pid, 'SIGKILL'); } catch {}
    if (!opts.keep) fs.rmSync(dataDir, { recursive: true, force: true });
  };
  process.on('exit', onExit);

  const stopAll = async () => {
    if (stopped) return;
    stopped = true;
    control?.close();
    await Promise.all(nodes.map((node) => stopNode(node, 'SIGTERM')));
    process.removeListener('exit', onExit);
    if (!opts.keep) await fsp.rm(dataDir, { recursive: true, force: true });
    watchdog.done();
  };

  try {
    const tls = await makeTls(path.join(dataDir, 'tls'));
    const names = [...Object.keys(LISTENERS), 'CONTROLLER'];
    const ports = await freePorts(n * names.length);
    for (let i = 0; i < n; i++) {
      const dir = path.join(dataDir, `node-${i + 1}`);
      nodes.push({
        id: i + 1,
        dir,
        dataDir: path.join(dir, 'data'),
        logDir: path.join(dir, 'logs'),
        config: path.join(dir, 'server.properties'),
        ports: Object.fromEntries(names.map((l, j) => [l, ports[i * names.length + j]])),
        proc: undefined,
        running: false,
        paused: false,
      });
    }
    const id = clusterId();
    const scram = [];
    for (const m of ['SCRAM-SHA-256', 'SCRAM-SHA-512'])
      for (const [u, p] of [[SUPERUSER, SUPERUSER_PASSWORD], [USER, USER_PASSWORD]]) scram.push('--add-scram', `${m}=[name=${u},password=${p}]`);
    await Promise.all(nodes.map(async (node) => {
      await fsp.mkdir(node.logDir, { recursive: true });
      fs.writeFileSync(node.config, serverProperties(node, nodes, tls, n));
      await run(javaBin(), [...jvmArgs(node, ['-Xmx256m', '-XX:TieredStopAtLevel=1']), 'kafka.tools.StorageTool', 'format', '-t', id, '-c', node.config, ...scram]);
    }));
    log(`formatted ${n} node(s) in ${Date.now() - t0} ms`);

    const spawnNode = (node) => {
      const out = fs.openSync(path.join(node.logDir, 'jvm.log'), 'a');
      const proc = spawn(javaBin(), [...jvmArgs(node, ['-Xms256m', '-Xmx512m']), 'kafka.Kafka', node.config], {
        stdio: ['ignore', out, out],
        detached: true, // its own process group: a terminal's ^C reaches this script, which stops it
      });
      fs.closeSync(out);
      node.proc = proc;
      node.running = true;
      node.paused = false;
      watchdog.send(`pid ${proc.pid}`);
      node.exited = new Promise((resolve) => proc.on('exit', (code, signal) => {
        node.running = false;
        node.paused = false;
        node.exitStatus = signal || code;
        watchdog.send(`gone ${proc.pid}`);
        resolve();
      }));
      proc.on('error', () => {});
    };

    const waitReady = async (node, expect, deadline) => {
      for (;;) {
        if (!node.running) throw new Error(`Kafka node ${node.id} exited (${node.exitStatus}) while starting; its log:\n${tail(path.join(node.logDir, 'server.log'))}\n${tail(path.join(node.logDir, 'jvm.log'), 20)}`);
        try {
          const ids = await metadataBrokers(node.ports.PLAINTEXT);
          if (expect.every((x) => ids.includes(x))) return;
        } catch {}
        if (Date.now() > deadline) throw new Error(`Kafka node ${node.id} did not list brokers ${expect} within ${timeoutMs} ms; its log:\n${tail(path.join(node.logDir, 'server.log'))}\n${tail(path.join(node.logDir, 'jvm.log'), 20)}`);
        await sleep(250);
      }
    };

    for (const node of nodes) spawnNode(node);
    const deadline = Date.now() + timeoutMs;
    await Promise.all(nodes.map((node) => waitReady(node, nodes.map((x) => x.id), deadline)));
    log(`${n} node(s) serving after ${Date.now() - t0} ms`);

    const nodeOf = (nid) => {
      const node = nodes.find((x) => x.id === Number(nid));
      if (!node) throw new RangeError(`no Kafka node ${nid} (nodes are 1..${n})`);
      return node;
    };
    const view = (node) => ({
      id: node.id,
      pid: node.running ? node.proc.pid : undefined,
      running: node.running,
      paused: node.paused,
      bootstrap: `127.0.0.1:${node.ports.PLAINTEXT}`,
      listeners: Object.fromEntries(Object.keys(LISTENERS).map((l) => [l, `127.0.0.1:${node.ports[l]}`])),
      controller: `127.0.0.1:${node.ports.CONTROLLER}`,
      logFile: path.join(node.logDir, 'server.log'),
      dir: node.dir,
    });
    const bootstrap = (l) => nodes.map((x) => `127.0.0.1:${x.ports[l]}`).join(',');
    const env = {
      ...Object.fromEntries(Object.entries(ENV_OF_LISTENER).map(([l, e]) => [e, bootstrap(l)])),
      KAFKA_SSL_CA_LOCATION: tls.ca,
      KAFKA_SSL_CERT_LOCATION: tls.clientCert,
      KAFKA_SSL_KEY_LOCATION: tls.clientKey,
      KAFKA_SSL_OTHER_CA_LOCATION: tls.otherCa,
      KAFKA_SSL_OTHER_CERT_LOCATION: tls.otherClientCert,
      KAFKA_SSL_OTHER_KEY_LOCATION: tls.otherClientKey,
      KAFKA_SSL_CLIENT_PRINCIPAL: `User:${CLIENT_CN}`,
      KAFKA_SUPERUSER: SUPERUSER,
      KAFKA_SUPERUSER_PASSWORD: SUPERUSER_PASSWORD,
      KAFKA_USER: USER,
      KAFKA_USER_PASSWORD: USER_PASSWORD,
      KAFKA_NODES: String(n),
      KAFKA_VERSION,
      KAFKA_CLUSTER_ID: id,
      KAFKA_CLASSPATH: path.join(LIB, '*'),
      KAFKA_DATA_DIR: dataDir,
    };
    for (const node of nodes) env[`KAFKA_NODE_${node.id}_PID`] = String(node.proc.pid);

    const cluster = {
      env,
      info: { version: KAFKA_VERSION, clusterId: id, dataDir, get nodes() { return nodes.map(view); } },
      node: (nid) => view(nodeOf(nid)),
      /** stop() stops everything and removes the data dir; stop(id) stops one node (SIGTERM). */
      stop: (nid) => (nid === undefined ? stopAll() : stopNode(nodeOf(nid), 'SIGTERM')),
      close: () => stopAll(),
      kill: (nid) => stopNode(nodeOf(nid), 'SIGKILL'),
      pause: async (nid) => {
        const node = nodeOf(nid);
        if (!node.running) throw new Error(`Kafka node ${nid} is not running`);
        process.kill(node.proc.pid, 'SIGSTOP');
        node.paused = true;
      },
      resume: async (nid) => {
        const node = nodeOf(nid);
        if (!node.running) throw new Error(`Kafka node ${nid} is not running`);
        process.kill(node.proc.pid, 'SIGCONT');
        node.paused = false;
      },
      /** Restarts a stopped/killed node on its data dir and ports; resolves once it serves metadata. */
      start: async (nid, startOpts = {}) => {
        const node = nodeOf(nid);
        if (stopped) throw new Error('the cluster was stopped');
        if (node.running) throw new Error(`Kafka node ${nid} is running`);
        spawnNode(node);
        env[`KAFKA_NODE_${node.id}_PID`] = String(node.proc.pid);
        await waitReady(node, [node.id], Date.now() + (startOpts.timeoutMs ?? timeoutMs));
        return view(node);
      },
    };
    control = await serveControl(cluster);
    env.KAFKA_CONTROL_URL = control.url;
    return cluster;
  } catch (e) {
    await stopAll();
    throw e;
  }
}

/** SIGTERM (graceful, SIGKILL after STOP_GRACE_MS) or SIGKILL a node and wait until it is gone. */
async function stopNode(node, signal) {
  if (!node.proc || !node.running) return;
  const pid = node.proc.pid;
  try {
    if (node.paused) process.kill(pid, 'SIGCONT');
    process.kill(pid, signal);
  } catch {}
  const timer = setTimeout(() => { try { process.kill(pid, 'SIGKILL'); } catch {} }, signal === 'SIGKILL' ? 0 : STOP_GRACE_MS);
  await node.exited;
  clearTimeout(timer);
}

// ---------------------------------------------------------------------------------------------
// control over loopback HTTP: POST /nodes/<id>/<stop|kill|pause|resume|start>, GET /nodes

async function serveControl(cluster) {
  const server = http.createServer(async (req, res) => {
    const reply = (status, body) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    try {
      const m = /^\/nodes(?:\/(\d+)\/(stop|kill|pause|resume|start))?$/.exec(req.url);
      if (!m) return reply(404, { error: `no route ${req.url}` });
      if (!m[1]) return reply(200, cluster.info.nodes);
      if (req.method !== 'POST') return reply(405, { error: 'POST only' });
      await cluster[m[2]](Number(m[1]));
      reply(200, cluster.node(Number(m[1])));
    } catch (e) {
      reply(500, { error: e.message });
    }
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  server.unref();
  return { url: `http://127.0.0.1:${server.address().port}`, close: () => server.close() };
}

/** Per-node control of a cluster started by another process (KAFKA_CONTROL_URL). */
function kafkaControl(url = process.env.KAFKA_CONTROL_URL) {
  if (!url) throw new Error('KAFKA_CONTROL_URL is not set: start the cluster with scripts/kafka.js');
  const call = (method, p) => new Promise((resolve, reject) => {
    const req = http.request(`${url}${p}`, { method }, (res) => {
      let body = '';
      res.on('data', (d) => (body += d));
      res.on('end', () => {
        let v;
        try {
          v = JSON.parse(body);
        } catch {
          return reject(new Error(`kafka control ${p}: HTTP ${res.statusCode} ${body.slice(0, 200)}`));
        }
        if (res.statusCode === 200) resolve(v);
        else reject(new Error(v.error));
      });
    });
    req.on('error', reject);
    req.end();
  });
  const op = (name) => (id) => call('POST', `/nodes/${id}/${name}`);
  return { nodes: () => call('GET', '/nodes'), stop: op('stop'), kill: op('kill'), pause: op('pause'), resume: op('resume'), start: op('start') };
}

// ---------------------------------------------------------------------------------------------
// CLI

function shellQuote(v) {
  return /^[\w@%+=:,./*-]*$/.test(v) ? v : `'${v.replace(/'/g, `'\\''`)}'`;
}

async function main(argv) {
  if (argv[0] === '--watchdog') return watchdogMain();
  const sep = argv.indexOf('--');
  const cmd = sep >= 0 ? argv.slice(sep + 1) : [];
  const args = sep >= 0 ? argv.slice(0, sep) : argv;
  const opt = { nodes: 1, json: false, envFile: undefined, keep: false };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--jars') {
      process.stdout.write(`${await ensureJars()}\n`);
      return;
    } else if (a === '--nodes') opt.nodes = Number(args[++i]);
    else if (a.startsWith('--nodes=')) opt.nodes = Number(a.slice(8));
    else if (a === '--json') opt.json = true;
    else if (a === '--keep') opt.keep = true;
    else if (a === '--write-env') opt.envFile = args[++i];
    else if (a === '--help' || a === '-h') {
      process.stdout.write(fs.readFileSync(__filename, 'utf8').split('\n').slice(2, 14).join('\n') + '\n');
      return;
    } else throw new Error(`unknown argument ${a} (try --help)`);
  }
  const say = (m) => process.stderr.write(`kafka: ${m}\n`);
  let cluster;
  let stopping = false;
  const shutdown = async (code) => {
    if (stopping) return;
    stopping = true;
    if (cluster) await cluster.stop().catch((e) => say(`stop: ${e.message}`));
    process.exit(code);
  };
  for (const s of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(s, () => (cmd.length ? undefined : shutdown(s === 'SIGINT' ? 130 : 143)));

  say(`starting Apache Kafka ${KAFKA_VERSION}, ${opt.nodes} node(s)`);
  cluster = await startKafka({ nodes: opt.nodes, keep: opt.keep, log: say });
  const lines = Object.entries(cluster.env).map(([k, v]) => `export ${k}=${shellQuote(v)}`);
  if (opt.envFile) fs.writeFileSync(opt.envFile, `${lines.join('\n')}\n`);

  if (cmd.length) {
    say(`running ${cmd.join(' ')}`);
    let stdin = 'inherit';
    try {
      fs.fstatSync(0);
    } catch {
      stdin = 'ignore'; // CI may run us with no standard input at all
    }
    const child = spawn(cmd[0], cmd.slice(1), { stdio: [stdin, 'inherit', 'inherit'], env: { ...process.env, ...cluster.env } });
    // ^C reaches the command too (same process group); forward TERM/HUP, then stop after it ends.
    for (const s of ['SIGTERM', 'SIGHUP']) process.on(s, () => child.kill(s));
    const code = await new Promise((resolve) => {
      child.on('error', (e) => { say(`${cmd[0]}: ${e.message}`); resolve(127); });
      child.on('exit', (c, sig) => resolve(c ?? (sig ? 128 + (os.constants.signals[sig] ?? 0) : 1)));
    });
    await cluster.stop();
    process.exit(code);
  }

  if (opt.json) process.stdout.write(`${JSON.stringify({ env: cluster.env, version: KAFKA_VERSION, dataDir: cluster.info.dataDir, nodes: cluster.info.nodes })}\n`);
  else {
    process.stdout.write(`${lines.join('\n')}\n`);
    for (const node of cluster.info.nodes) process.stdout.write(`# node ${node.id}: pid ${node.pid}, log ${node.logFile}\n`);
    process.stdout.write('# ready; stop with ^C / SIGTERM\n');
  }
  // Stop when the parent goes away: it is re-parented (ppid changes) or, when stdin is a pipe, it closes.
  const ppid = process.ppid;
  setInterval(() => { if (process.ppid !== ppid) shutdown(0); }, 1000);
  try {
    if (fs.fstatSync(0).isFIFO()) {
      process.stdin.on('end', () => shutdown(0));
      process.stdin.on('close', () => shutdown(0));
      process.stdin.resume();
    }
  } catch {}
}

module.exports = { startKafka, kafkaControl, ensureJars, KAFKA_VERSION };

if (require.main === module) {
  main(process.argv.slice(2)).catch((e) => {
    process.stderr.write(`kafka: ${e.stack || e.message}\n`);
    process.exit(1);
  });
}
