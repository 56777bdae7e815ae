// Security against the real broker (scripts/kafka.js): every SASL mechanism, TLS, mTLS and
// SASL_SSL round trip; the negative paths (wrong password, unknown user, untrusted CA, hostname
// mismatch, mTLS without a client certificate) each surface a typed error through the error
// handler, settle every pending call within its timeout and leak no secret; and TLS with the
// machine's CA store and no sslCaLocation (the `probe` default, see src/config.ts).
// Real broker only: skipped unless `npm run test:kafka` (or the KAFKA_* variables) is in effect.
import { execFileSync, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  AdminClientBuilder,
  AutoOffsetReset,
  ConsumerBuilder,
  Deserializers,
  ErrorCode,
  KafkaError,
  KafkaException,
  ProduceException,
  ProducerBuilder,
  SaslMechanism,
  SecurityProtocol,
} from '../../src/index';
import type { ClientConfig } from '../../src/generated/config.gen';
import { startCluster, type TestCluster } from '../helpers/cluster';
import { distIndex, ensureDist } from '../helpers/dist';

const E = process.env;
const real = Boolean(E.KAFKA_SASL_BOOTSTRAP_SERVERS && E.KAFKA_SSL_BOOTSTRAP_SERVERS);

type Config = ClientConfig;

/** Fails (instead of hanging the file) when `p` has not settled after `ms`. */
async function settlesWithin<T>(p: Promise<T>, ms: number, what: string): Promise<{ value?: T; error?: unknown }> {
  let timer: NodeJS.Timeout | undefined;
  const bound = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not settle within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([p.then((value) => ({ value }), (error: unknown) => ({ error })), bound]);
  } finally {
    clearTimeout(timer);
  }
}

/** Resolves with the first error the handler saw that satisfies `pred`, or fails after `ms`. */
function waitForError(errors: KafkaError[], pred: (e: KafkaError) => boolean, ms: number): Promise<KafkaError> {
  const deadline = Date.now() + ms;
  return new Promise((resolve, reject) => {
    const check = (): void => {
      const hit = errors.find(pred);
      if (hit) return resolve(hit);
      if (Date.now() > deadline) {
        return reject(new Error(`no matching error within ${ms} ms; saw: ${errors.map((e) => `${ErrorCode[e.code]}: ${e.reason}`).join(' | ')}`));
      }
      setTimeout(check, 50);
    };
    check();
  });
}

const sasl = (mechanism: SaslMechanism, username: string, password: string): Config => ({
  bootstrapServers: E.KAFKA_SASL_BOOTSTRAP_SERVERS,
  securityProtocol: SecurityProtocol.SaslPlaintext,
  saslMechanism: mechanism,
  saslUsername: username,
  saslPassword: password,
});

const tls = (bootstrap: string | undefined, extra: Config = {}): Config => ({
  bootstrapServers: bootstrap,
  securityProtocol: SecurityProtocol.Ssl,
  sslCaLocation: E.KAFKA_SSL_CA_LOCATION,
  ...extra,
});

/**
 * Admin metadata, then produce and consume (through a consumer group) over `config`'s listener;
 * no error may reach any error handler.
 */
async function roundTrip(cluster: TestCluster, config: Config): Promise<void> {
  const topic = await cluster.topic(1, 'sec');
  const errors: string[] = [];
  const onError = (_: unknown, e: KafkaError): void => {
    errors.push(`${ErrorCode[e.code]}: ${e.reason}`);
  };
  const admin = new AdminClientBuilder({ ...config }).setErrorHandler(onError).build();
  const producer = new ProducerBuilder<string, string>({ ...config, lingerMs: 0 }).setErrorHandler(onError).build();
  const consumer = new ConsumerBuilder<string, string>({
    ...config,
    groupId: `sec-${randomUUID()}`,
    autoOffsetReset: AutoOffsetReset.Earliest,
  })
    .setValueDeserializer(Deserializers.Utf8)
    .setErrorHandler(onError)
    .build();
  try {
    const md = await admin.getMetadata(20_000, topic);
    expect(md.brokers.length).toBeGreaterThan(0);
    expect(md.topics.map((t) => t.topic)).toContain(topic);

    const sent = ['one', 'two', 'three'].map((v) => `${v}-${randomUUID()}`);
    for (const value of sent) {
      const dr = await producer.produceAsync(topic, { key: 'k', value });
      expect(dr.offset).toBeGreaterThanOrEqual(0);
    }

    consumer.subscribe(topic);
    const got: string[] = [];
    const deadline = Date.now() + 30_000;
    while (got.length < sent.length && Date.now() < deadline) {
      const r = await consumer.consume(1000);
      if (r?.message) got.push(r.message.value as string);
    }
    expect(got, `errors: ${errors.join(' | ')}`).toEqual(sent);
    expect(errors).toEqual([]);
  } finally {
    await Promise.all([consumer.close(), producer.close({ timeoutMs: 5000 }), admin.close()]);
  }
}

describe.skipIf(!real)('security on the real broker: round trips', () => {
  let cluster: TestCluster;
  beforeAll(async () => {
    cluster = await startCluster();
  });
  afterAll(async () => {
    await cluster?.close();
  });

  test.each([
    ['PLAIN', SaslMechanism.Plain],
    ['SCRAM-SHA-256', SaslMechanism.ScramSha256],
    ['SCRAM-SHA-512', SaslMechanism.ScramSha512],
  ])('SASL_PLAINTEXT %s', async (_, mechanism) => {
    await roundTrip(cluster, sasl(mechanism, E.KAFKA_SUPERUSER!, E.KAFKA_SUPERUSER_PASSWORD!));
  }, 90_000);

  test("SASL_PLAINTEXT OAUTHBEARER (librdkafka's unsecured JWT)", async () => {
    await roundTrip(cluster, {
      bootstrapServers: E.KAFKA_SASL_BOOTSTRAP_SERVERS,
      securityProtocol: SecurityProtocol.SaslPlaintext,
      saslMechanism: SaslMechanism.OAuthBearer,
      enableSaslOauthbearerUnsecureJwt: true,
      saslOauthbearerConfig: `principal=${E.KAFKA_SUPERUSER}`,
    });
  }, 90_000);

  test('SSL with sslCaLocation', async () => {
    await roundTrip(cluster, tls(E.KAFKA_SSL_BOOTSTRAP_SERVERS));
  }, 90_000);

  test('SSL with sslCaPem (the CA as a string)', async () => {
    await roundTrip(cluster, {
      bootstrapServers: E.KAFKA_SSL_BOOTSTRAP_SERVERS,
      securityProtocol: SecurityProtocol.Ssl,
      sslCaPem: readFileSync(E.KAFKA_SSL_CA_LOCATION!, 'utf8'),
    });
  }, 90_000);

  test('mTLS (sslCertificateLocation + sslKeyLocation)', async () => {
    await roundTrip(
      cluster,
      tls(E.KAFKA_MTLS_BOOTSTRAP_SERVERS, {
        sslCertificateLocation: E.KAFKA_SSL_CERT_LOCATION,
        sslKeyLocation: E.KAFKA_SSL_KEY_LOCATION,
      }),
    );
  }, 90_000);

  test('mTLS with the certificate and key as PEM strings (sslCertificatePem + sslKeyPem)', async () => {
    await roundTrip(
      cluster,
      tls(E.KAFKA_MTLS_BOOTSTRAP_SERVERS, {
        sslCertificatePem: readFileSync(E.KAFKA_SSL_CERT_LOCATION!, 'utf8'),
        sslKeyPem: readFileSync(E.KAFKA_SSL_KEY_LOCATION!, 'utf8'),
      }),
    );
  }, 90_000);

  test('mTLS with an encrypted key: sslKeyPassword works; a wrong one fails at build() without showing it', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kafka-napi-key-'));
    try {
      const passphrase = `Key-Pass-${randomUUID().slice(0, 8)}`;
      const wrongPassphrase = `Not-The-Key-Pass-${randomUUID().slice(0, 8)}`;
      const encrypted = path.join(dir, 'client-enc.key');
      execFileSync('openssl', ['pkcs8', '-topk8', '-v2', 'aes-256-cbc', '-in', E.KAFKA_SSL_KEY_LOCATION!, '-out', encrypted, '-passout', `pass:${passphrase}`]);
      const mtls = (password: string): Config =>
        tls(E.KAFKA_MTLS_BOOTSTRAP_SERVERS, {
          sslCertificateLocation: E.KAFKA_SSL_CERT_LOCATION,
          sslKeyLocation: encrypted,
          sslKeyPassword: password,
        });
      await roundTrip(cluster, mtls(passphrase));
      let thrown: unknown;
      try {
        new ProducerBuilder(mtls(wrongPassphrase)).build();
      } catch (e) {
        thrown = e;
      }
      expect(thrown).toBeInstanceOf(KafkaException);
      expect((thrown as KafkaException).message).toMatch(/ssl\.key|private key|decrypt/i);
      expect(`${(thrown as Error).stack} ${inspect(thrown)}`).not.toContain(wrongPassphrase);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 90_000);

  test.each([
    ['SCRAM-SHA-512', SaslMechanism.ScramSha512],
    ['PLAIN', SaslMechanism.Plain],
  ])('SASL_SSL %s', async (_, mechanism) => {
    await roundTrip(cluster, {
      ...sasl(mechanism, E.KAFKA_SUPERUSER!, E.KAFKA_SUPERUSER_PASSWORD!),
      bootstrapServers: E.KAFKA_SASL_SSL_BOOTSTRAP_SERVERS,
      securityProtocol: SecurityProtocol.SaslSsl,
      sslCaLocation: E.KAFKA_SSL_CA_LOCATION,
    });
  }, 90_000);
});

// Every text the application can see: error handler reasons, log lines (debug on, so that
// librdkafka's most talkative paths run), rejections (message and stack), toString() and
// util.inspect() of each client. The secret must be in none of them.
interface Seen {
  errors: KafkaError[];
  texts: string[];
}

/**
 * Runs every kind of pending call against a listener that refuses the connection and checks
 * that each settles within its timeout, that the error handler got a typed error matching
 * `expected`, and that `secret` (when given) shows up nowhere.
 */
async function refused(
  config: Config,
  expected: { codes: ErrorCode[]; reason: RegExp },
  secret?: string,
): Promise<Seen> {
  const seen: Seen = { errors: [], texts: [] };
  const onError = (_: unknown, e: KafkaError): void => {
    seen.errors.push(e);
    seen.texts.push(e.reason, String(e));
  };
  const onLog = (_: unknown, l: { facility: string; message: string }): void => {
    seen.texts.push(`${l.facility} ${l.message}`);
  };
  const rejection = (e: unknown): void => {
    if (e instanceof Error) seen.texts.push(e.message, e.stack ?? '', inspect(e, { depth: 5 }));
  };
  const debug = secret ? 'security,broker,protocol,conf' : undefined;
  const admin = new AdminClientBuilder({ ...config, debug }).setErrorHandler(onError).setLogHandler(onLog).build();
  const producer = new ProducerBuilder<string, string>({ ...config, debug, messageTimeoutMs: 4000 })
    .setErrorHandler(onError)
    .setLogHandler(onLog)
    .build();
  const consumer = new ConsumerBuilder<string, string>({
    ...config,
    debug,
    groupId: `sec-${randomUUID()}`,
    autoOffsetReset: AutoOffsetReset.Earliest,
  })
    .setErrorHandler(onError)
    .setLogHandler(onLog)
    .build();
  for (const c of [admin, producer, consumer]) seen.texts.push(String(c), inspect(c, { depth: 10, showHidden: true }));
  const topic = `sec-refused-${randomUUID()}`;
  try {
    // The error handler: a typed error, the one librdkafka gives for this failure.
    const first = await waitForError(seen.errors, (e) => expected.codes.includes(e.code), 20_000);
    expect(first).toBeInstanceOf(KafkaError);
    expect(first.reason).toMatch(expected.reason);
    expect(first.isFatal).toBe(false); // librdkafka keeps retrying: the application decides

    // Admin: rejects with a KafkaException once its timeout is over.
    const md = await settlesWithin(admin.getMetadata(3000), 3000 + 10_000, 'getMetadata(3000)');
    expect(md.error).toBeInstanceOf(KafkaException);
    rejection(md.error);
    // And a request that needs the controller (librdkafka's admin queue), by its requestTimeoutMs.
    const created = await settlesWithin(
      admin.createTopics([{ name: topic, numPartitions: 1 }], { requestTimeoutMs: 3000 }),
      3000 + 10_000,
      'createTopics({ requestTimeoutMs: 3000 })',
    );
    expect(created.error).toBeInstanceOf(KafkaException);
    expect((created.error as KafkaException).code).toBe(ErrorCode.Local_TimedOut);
    rejection(created.error);

    // Producer: the message times out (messageTimeoutMs), a flush comes back with what is left,
    // and close() fails what it could not deliver.
    const timedOut = producer.produceAsync(topic, { value: 'never delivered' });
    const r1 = await settlesWithin(timedOut, 4000 + 10_000, 'produceAsync (messageTimeoutMs 4000)');
    expect(r1.error).toBeInstanceOf(ProduceException);
    expect((r1.error as ProduceException<string, string>).code).toBe(ErrorCode.Local_MsgTimedOut);
    rejection(r1.error);
    // Settled (and its rejection handled) from now on: close() fails it before it is awaited.
    const pending = settlesWithin(producer.produceAsync(topic, { value: 'still pending at close' }), 60_000, 'produceAsync pending');
    const flushed = await settlesWithin(producer.flush(500), 500 + 10_000, 'flush(500)');
    expect(flushed.value).toBe(1);

    // Consumer: a consume with a timeout resolves null; one without settles at close().
    const c1 = await settlesWithin(consumer.consume(1000), 1000 + 10_000, 'consume(1000)');
    expect(c1.error).toBeUndefined();
    expect(c1.value).toBeNull();
    consumer.subscribe(topic);
    const c2 = await settlesWithin(consumer.consume(1000), 1000 + 10_000, 'consume(1000) after subscribe');
    expect(c2.value).toBeNull();
    const forever = settlesWithin(consumer.consume(), 60_000, 'consume() pending at close');

    const closes = await settlesWithin(
      Promise.all([producer.close({ timeoutMs: 1000 }), consumer.close(), admin.close()]),
      30_000,
      'close() of all three clients',
    );
    expect(closes.error).toBeUndefined();
    const r2 = await pending;
    expect(r2.error).toBeInstanceOf(ProduceException);
    rejection(r2.error);
    const c3 = await forever;
    expect(c3.error).toBeUndefined();
    expect(c3.value ?? null).toBeNull();
  } finally {
    await Promise.allSettled([producer.close({ timeoutMs: 0 }), consumer.close(), admin.close()]);
  }
  if (secret) {
    expect(seen.texts.length).toBeGreaterThan(10);
    const forms = [secret, Buffer.from(secret).toString('hex'), Buffer.from(secret).toString('base64').replace(/=+$/, '')];
    for (const text of seen.texts) for (const form of forms) expect(text).not.toContain(form);
  }
  return seen;
}

// Concurrent: each case mostly waits for its timeouts.
describe.skipIf(!real).concurrent('security on the real broker: refused connections', () => {
  // Distinct, long enough to be redacted wherever it stands, and nowhere in librdkafka's texts.
  const wrong = `Wr0ng-Passw0rd-${randomUUID().slice(0, 8)}`;
  const auth = { codes: [ErrorCode.Local_Authentication], reason: /SASL authentication error/ };

  test.each([
    ['PLAIN', SaslMechanism.Plain],
    ['SCRAM-SHA-256', SaslMechanism.ScramSha256],
    ['SCRAM-SHA-512', SaslMechanism.ScramSha512],
  ])('a wrong password (%s): Local_Authentication, every call settles, the password is nowhere', async (_, mechanism) => {
    await refused(sasl(mechanism, E.KAFKA_SUPERUSER!, wrong), auth, wrong);
  }, 90_000);

  test('an unknown user (SCRAM-SHA-256): Local_Authentication, every call settles, no secret', async () => {
    await refused(sasl(SaslMechanism.ScramSha256, `nobody-${randomUUID().slice(0, 8)}`, wrong), auth, wrong);
  }, 90_000);

  test('a wrong password over SASL_SSL: Local_Authentication, no secret', async () => {
    await refused(
      {
        ...sasl(SaslMechanism.ScramSha512, E.KAFKA_SUPERUSER!, wrong),
        bootstrapServers: E.KAFKA_SASL_SSL_BOOTSTRAP_SERVERS,
        securityProtocol: SecurityProtocol.SaslSsl,
        sslCaLocation: E.KAFKA_SSL_CA_LOCATION,
      },
      auth,
      wrong,
    );
  }, 90_000);

  test('a malformed saslOauthbearerConfig: Local_Authentication, and no part of that config in any text', async () => {
    // librdkafka quotes the config from the entry it does not know to the end.
    const secretPart = `TopSecret${randomUUID().slice(0, 8)}`;
    await refused(
      {
        bootstrapServers: E.KAFKA_SASL_BOOTSTRAP_SERVERS,
        securityProtocol: SecurityProtocol.SaslPlaintext,
        saslMechanism: SaslMechanism.OAuthBearer,
        enableSaslOauthbearerUnsecureJwt: true,
        saslOauthbearerConfig: `principal=${E.KAFKA_SUPERUSER} bogus=${secretPart}`,
      },
      { codes: [ErrorCode.Local_Authentication], reason: /OAUTHBEARER token.*\[redacted\]/ },
      secretPart,
    );
  }, 90_000);

  // The reasons carry OpenSSL's verify result (deps/patches/librdkafka/0002-...): an untrusted
  // CA and a hostname mismatch are told apart.
  test('an untrusted broker certificate (another CA): Local_Ssl "certificate verify failed (<why>)"', async () => {
    await refused(tls(E.KAFKA_SSL_BOOTSTRAP_SERVERS, { sslCaLocation: E.KAFKA_SSL_OTHER_CA_LOCATION }), {
      codes: [ErrorCode.Local_Ssl],
      reason: /certificate verify failed \((self-signed certificate in certificate chain|unable to get local issuer certificate)\): broker certificate could not be verified/,
    });
  }, 90_000);

  test('a hostname mismatch (certificate for wrong-host.invalid): Local_Ssl "certificate verify failed (IP address mismatch)"', async () => {
    // librdkafka connects to 127.0.0.1 and checks the certificate's IP SANs.
    await refused(tls(E.KAFKA_SSL_BADHOST_BOOTSTRAP_SERVERS), {
      codes: [ErrorCode.Local_Ssl],
      reason: /certificate verify failed \((IP address|hostname) mismatch\): the broker certificate does not name the address/,
    });
  }, 90_000);

  test('mTLS without a client certificate: the broker\'s "bad certificate" alert (Local_Transport)', async () => {
    // TLS 1.3: the broker checks the client certificate after the handshake, so librdkafka
    // sees the alert on its first read (ApiVersion) and reports a transport error.
    await refused(tls(E.KAFKA_MTLS_BOOTSTRAP_SERVERS), {
      codes: [ErrorCode.Local_Transport, ErrorCode.Local_Ssl],
      reason: /alert bad certificate|certificate required|SSL handshake failed/,
    });
  }, 90_000);

  test('mTLS with a client certificate of another CA: refused the same way', async () => {
    await refused(
      tls(E.KAFKA_MTLS_BOOTSTRAP_SERVERS, {
        sslCertificateLocation: E.KAFKA_SSL_OTHER_CERT_LOCATION,
        sslKeyLocation: E.KAFKA_SSL_OTHER_KEY_LOCATION,
      }),
      { codes: [ErrorCode.Local_Transport, ErrorCode.Local_Ssl], reason: /alert bad certificate|certificate required|SSL handshake failed/ },
    );
  }, 90_000);

  test('the SASL password is not in toString() / inspect() of a client, nor in a config error', async () => {
    const config = sasl(SaslMechanism.ScramSha256, E.KAFKA_SUPERUSER!, wrong);
    const producer = new ProducerBuilder(config).build();
    try {
      expect(String(producer)).toContain('sasl.password=[redacted]');
      expect(String(producer)).not.toContain(wrong);
      expect(inspect(producer, { depth: 10, showHidden: true })).not.toContain(wrong);
    } finally {
      await producer.close({ timeoutMs: 0 });
    }
    let thrown: unknown;
    try {
      // The password also appears in a bad value: librdkafka's message quotes the value.
      new ProducerBuilder({ ...config, saslMechanism: undefined, 'sasl.mechanisms': `BAD-${wrong}` }).build();
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(KafkaException);
    expect((thrown as Error).message).toMatch(/SASL mechanism/);
    expect((thrown as Error).message).not.toContain(wrong);
    expect(inspect(thrown)).not.toContain(wrong);
  });
});

// ---------------------------------------------------------------------------------------------
// TLS with the machine's CA store and no sslCaLocation, as a user connecting to a cloud cluster
// does. Each connection runs in a child process (fixtures/ca-store-child.cjs) so that its
// environment, and for the other distributions' layouts its /etc, can be set up for it alone.

interface ChildResult {
  connected: boolean;
  brokers: number;
  failure?: string;
  config: string;
  errors: Array<{ code: ErrorCode; name: string; reason: string }>;
  caLogs: string[];
  crashed?: string;
}

const fixture = path.join(__dirname, 'fixtures', 'ca-store-child.cjs');
const isRoot = process.platform === 'linux' && process.getuid?.() === 0;
const hasUpdateCaCertificates = existsSync('/usr/sbin/update-ca-certificates');
const canUnshare = isRoot && spawnSync('unshare', ['-m', '--propagation', 'private', 'true']).status === 0;
const debianBundle = '/etc/ssl/certs/ca-certificates.crt';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The environment of a user who set nothing: without OpenSSL's SSL_CERT_FILE / SSL_CERT_DIR. */
function plainEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = { ...process.env, ...extra };
  if (!('SSL_CERT_FILE' in extra)) delete env.SSL_CERT_FILE;
  if (!('SSL_CERT_DIR' in extra)) delete env.SSL_CERT_DIR;
  return env;
}

/** Runs the fixture (inside a mount namespace whose /etc is `etc`, when given). */
function connectWithoutCa(env: NodeJS.ProcessEnv, etc?: string, outcome: 'trusted' | 'untrusted' = 'trusted'): ChildResult {
  ensureDist();
  // Where the connection should fail, a short metadata timeout; where it should work, room for
  // a loaded machine.
  const timeoutMs = outcome === 'trusted' ? 20_000 : 5000;
  const node = [process.execPath, fixture, distIndex, E.KAFKA_SSL_BOOTSTRAP_SERVERS!, String(timeoutMs)];
  const [cmd, ...args] = etc
    ? ['unshare', '-m', '--propagation', 'private', 'sh', '-c', 'mount --bind "$0" /etc && exec "$@"', etc, ...node]
    : node;
  const r = spawnSync(cmd, args, { env, encoding: 'utf8', timeout: timeoutMs + 40_000 });
  const line = r.stdout.trim().split('\n').pop() ?? '';
  if (!line.startsWith('{')) throw new Error(`fixture failed (status ${r.status}): ${r.stdout}\n${r.stderr}`);
  const result = JSON.parse(line) as ChildResult;
  if (result.crashed) throw new Error(`fixture crashed: ${result.crashed}`);
  return result;
}

const untrusted = (r: ChildResult): boolean =>
  !r.connected && r.errors.some((e) => e.code === ErrorCode.Local_Ssl && /certificate verify failed/.test(e.reason));

/**
 * A copy of this machine's /etc whose /etc/ssl (and /etc/pki) follow another distribution's
 * layout, with a system bundle made of Debian's bundle plus the test CA (what that
 * distribution's own tool, update-ca-trust or update-ca-certificates, would produce).
 */
function fakeEtc(layout: 'rhel' | 'alpine'): string {
  const root = mkdtempSync(path.join(tmpdir(), `kafka-napi-etc-${layout}-`));
  const etc = path.join(root, 'etc');
  execFileSync('cp', ['-a', '/etc/.', `${etc}/`]);
  rmSync(path.join(etc, 'ssl'), { recursive: true, force: true });
  rmSync(path.join(etc, 'pki'), { recursive: true, force: true });
  const bundle = readFileSync(debianBundle, 'utf8') + readFileSync(E.KAFKA_SSL_CA_LOCATION!, 'utf8');
  mkdirSync(path.join(etc, 'ssl'), { recursive: true });
  if (layout === 'rhel') {
    // RHEL 8/9, CentOS, Fedora ≤ 41: update-ca-trust extracts one PEM bundle; /etc/pki/tls/certs
    // has no hashed links; /etc/ssl/certs is a symlink to it; there is no /etc/ssl/cert.pem.
    const extracted = path.join(etc, 'pki', 'ca-trust', 'extracted', 'pem');
    mkdirSync(extracted, { recursive: true });
    writeFileSync(path.join(extracted, 'tls-ca-bundle.pem'), bundle);
    mkdirSync(path.join(etc, 'pki', 'tls', 'certs'), { recursive: true });
    symlinkSync('/etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem', path.join(etc, 'pki', 'tls', 'certs', 'ca-bundle.crt'));
    symlinkSync('/etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem', path.join(etc, 'pki', 'tls', 'cert.pem'));
    symlinkSync('../pki/tls/certs', path.join(etc, 'ssl', 'certs'));
  } else {
    // Alpine (ca-certificates-bundle): one bundle, and /etc/ssl/cert.pem pointing at it.
    mkdirSync(path.join(etc, 'ssl', 'certs'));
    writeFileSync(path.join(etc, 'ssl', 'certs', 'ca-certificates.crt'), bundle);
    symlinkSync('certs/ca-certificates.crt', path.join(etc, 'ssl', 'cert.pem'));
  }
  return root;
}

describe.skipIf(!real)("TLS with the machine's CA store and no sslCaLocation", () => {
  test.skipIf(!isRoot || !hasUpdateCaCertificates)(
    'Debian/Ubuntu: the test CA installed with update-ca-certificates is trusted (the hashed directory /etc/ssl/certs), and not once removed (needs root)',
    () => {
      const before = connectWithoutCa(plainEnv(), undefined, 'untrusted');
      expect(before.config).toMatch(/ssl\.ca\.location=\/etc\/ssl\/certs[,)]/);
      expect(untrusted(before), JSON.stringify(before)).toBe(true);

      // A run killed mid-test leaves its CA behind: remove those of processes that are gone.
      const store = '/usr/local/share/ca-certificates';
      for (const name of readdirSync(store)) {
        const pid = /^kafka-napi-test-(\d+)-/.exec(name)?.[1];
        if (pid && !isAlive(Number(pid))) unlinkSync(path.join(store, name));
      }
      const installed = `${store}/kafka-napi-test-${process.pid}-${randomUUID().slice(0, 8)}.crt`;
      copyFileSync(E.KAFKA_SSL_CA_LOCATION!, installed);
      try {
        execFileSync('update-ca-certificates', { stdio: 'ignore' });
        const after = connectWithoutCa(plainEnv());
        expect(after.connected, JSON.stringify(after)).toBe(true);
        expect(after.brokers).toBeGreaterThan(0);
        // OpenSSL's own variables, when set, are honoured instead (no probe).
        const viaEnv = connectWithoutCa(plainEnv({ SSL_CERT_FILE: debianBundle }));
        expect(viaEnv.config).not.toContain('ssl.ca.location');
        expect(viaEnv.connected, JSON.stringify(viaEnv)).toBe(true);
      } finally {
        unlinkSync(installed);
        execFileSync('update-ca-certificates', { stdio: 'ignore' });
      }
      expect(untrusted(connectWithoutCa(plainEnv(), undefined, 'untrusted'))).toBe(true);
    },
    120_000,
  );

  test.skipIf(!canUnshare)(
    'RHEL layout (emulated in a mount namespace): probe finds /etc/pki/tls/certs/ca-bundle.crt; Node\'s OpenSSL defaults (/etc/ssl) alone would not (needs root)',
    () => {
      const root = fakeEtc('rhel');
      try {
        const etc = path.join(root, 'etc');
        const probed = connectWithoutCa(plainEnv(), etc);
        expect(probed.config).toContain('ssl.ca.location=probe');
        expect(probed.connected, JSON.stringify(probed)).toBe(true);
        expect(probed.caLogs.join('\n')).toContain('"/etc/pki/tls/certs/ca-bundle.crt"');
        // What librdkafka does without the probe: OpenSSL's compiled-in defaults, which for
        // Node's OpenSSL are /etc/ssl/cert.pem and /etc/ssl/certs (setting SSL_CERT_DIR to that
        // same directory turns the probe off and changes nothing else).
        const defaults = connectWithoutCa(plainEnv({ SSL_CERT_DIR: '/etc/ssl/certs' }), etc, 'untrusted');
        expect(defaults.config).not.toContain('ssl.ca.location');
        expect(untrusted(defaults), JSON.stringify(defaults)).toBe(true);
      } finally {
        rmSync(root, { recursive: true, force: true });
      }
    },
    120_000,
  );

  test.skipIf(!canUnshare)(
    'Alpine layout (emulated in a mount namespace): probe finds /etc/ssl/cert.pem (needs root)',
    () => {
      const root = fakeEtc('alpine');
      try {
        const probed = connectWithoutCa(plainEnv(), path.join(root, 'etc'));
        expect(probed.connected, JSON.stringify(probed)).toBe(true);
        expect(probed.caLogs.join('\n')).toContain('"/etc/ssl/cert.pem"');
      } finally {
        rmSync(root, { recursive: true, force: true });
      }
    },
    120_000,
  );
});
