/**
 * The test broker of scripts/kafka.js is what it says: every listener it exports carries records
 * with the security it claims (PLAINTEXT, SASL_PLAINTEXT and SASL_SSL with PLAIN / SCRAM-SHA-256 /
 * SCRAM-SHA-512 / OAUTHBEARER, SSL with the test CA, mTLS with the client certificate), and the
 * TLS-only listeners refuse what they should (no client certificate on mTLS; the wrong-host
 * certificate under hostname verification). Real broker only (`npm run test:kafka`). The security
 * behaviour of the client itself (typed errors, timeouts, secrets) is test/kafka/security.test.ts.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  AdminClientBuilder,
  ConsumerBuilder,
  ErrorCode,
  Offset,
  ProducerBuilder,
  SaslMechanism,
  SecurityProtocol,
  type ClientConfig,
  type IAdminClient,
} from '../../src/index';

const env = process.env;
const real = !!env.KAFKA_BOOTSTRAP_SERVERS && !!env.KAFKA_SASL_BOOTSTRAP_SERVERS;
const admin = { saslUsername: env.KAFKA_SUPERUSER, saslPassword: env.KAFKA_SUPERUSER_PASSWORD };

const cases: Array<[string, ClientConfig]> = real
  ? [
      ['PLAINTEXT', { bootstrapServers: env.KAFKA_BOOTSTRAP_SERVERS }],
      ...(['Plain', 'ScramSha256', 'ScramSha512'] as const).map((m): [string, ClientConfig] => [
        `SASL_PLAINTEXT ${m}`,
        { bootstrapServers: env.KAFKA_SASL_BOOTSTRAP_SERVERS, securityProtocol: SecurityProtocol.SaslPlaintext, saslMechanism: SaslMechanism[m], ...admin },
      ]),
      ['SASL_PLAINTEXT OAuthBearer (unsecured JWT)', {
        bootstrapServers: env.KAFKA_SASL_BOOTSTRAP_SERVERS,
        securityProtocol: SecurityProtocol.SaslPlaintext,
        saslMechanism: SaslMechanism.OAuthBearer,
        enableSaslOauthbearerUnsecureJwt: true,
        saslOauthbearerConfig: `principal=${env.KAFKA_SUPERUSER}`,
      }],
      ['SSL with sslCaLocation', { bootstrapServers: env.KAFKA_SSL_BOOTSTRAP_SERVERS, securityProtocol: SecurityProtocol.Ssl, sslCaLocation: env.KAFKA_SSL_CA_LOCATION }],
      // Produces to a topic without ACLs: works only because the certificate's principal maps to
      // the super user User:kafka-napi-client (ssl.principal.mapping.rules).
      ['mTLS with a client certificate', {
        bootstrapServers: env.KAFKA_MTLS_BOOTSTRAP_SERVERS,
        securityProtocol: SecurityProtocol.Ssl,
        sslCaLocation: env.KAFKA_SSL_CA_LOCATION,
        sslCertificateLocation: env.KAFKA_SSL_CERT_LOCATION,
        sslKeyLocation: env.KAFKA_SSL_KEY_LOCATION,
      }],
      ...(['Plain', 'ScramSha256', 'ScramSha512'] as const).map((m): [string, ClientConfig] => [
        `SASL_SSL ${m}`,
        { bootstrapServers: env.KAFKA_SASL_SSL_BOOTSTRAP_SERVERS, securityProtocol: SecurityProtocol.SaslSsl, saslMechanism: SaslMechanism[m], sslCaLocation: env.KAFKA_SSL_CA_LOCATION, ...admin },
      ]),
      ['SASL_SSL OAuthBearer (unsecured JWT)', {
        bootstrapServers: env.KAFKA_SASL_SSL_BOOTSTRAP_SERVERS,
        securityProtocol: SecurityProtocol.SaslSsl,
        saslMechanism: SaslMechanism.OAuthBearer,
        sslCaLocation: env.KAFKA_SSL_CA_LOCATION,
        enableSaslOauthbearerUnsecureJwt: true,
        saslOauthbearerConfig: `principal=${env.KAFKA_SUPERUSER}`,
      }],
    ]
  : [];

let adminClient: IAdminClient;
beforeAll(() => {
  if (real) adminClient = new AdminClientBuilder({ bootstrapServers: env.KAFKA_BOOTSTRAP_SERVERS }).build();
});
afterAll(async () => {
  await adminClient?.close();
});

async function newTopic(): Promise<string> {
  const name = `broker-${Math.random().toString(36).slice(2)}`;
  await adminClient.createTopics([{ name, numPartitions: 1 }], { operationTimeoutMs: 30_000 });
  return name;
}

describe.skipIf(!real)('scripts/kafka.js broker listeners', () => {
  test.each(cases)('%s: produce and consume', async (_name, config) => {
    const topic = await newTopic();
    const producer = new ProducerBuilder({ ...config, messageTimeoutMs: 20_000 }).build();
    try {
      const r = await producer.produceAsync(topic, { key: 'k', value: `via ${_name}` });
      expect(r.offset).toBe(0);
    } finally {
      await producer.close();
    }
    const consumer = new ConsumerBuilder({ ...config, groupId: `broker-${topic}` }).build();
    try {
      consumer.assign([{ topic, partition: 0, offset: Offset.Beginning }]);
      const m = await consumer.consume(20_000);
      expect(m?.message?.value?.toString()).toBe(`via ${_name}`);
    } finally {
      await consumer.close();
    }
  });

  /** Produces one record with a short timeout and returns the error it failed with. */
  async function failure(config: ClientConfig): Promise<unknown> {
    const topic = await newTopic();
    const producer = new ProducerBuilder({ ...config, messageTimeoutMs: 3000 }).setErrorHandler(() => {}).setLogHandler(() => {}).build();
    try {
      return await producer.produceAsync(topic, { value: 'x' }).then(() => 'delivered', (e: unknown) => e);
    } finally {
      await producer.close();
    }
  }

  test('authorization is on: alice (authenticated, no ACLs) may not write where admin may', async () => {
    const e = await failure({
      bootstrapServers: env.KAFKA_SASL_BOOTSTRAP_SERVERS,
      securityProtocol: SecurityProtocol.SaslPlaintext,
      saslMechanism: SaslMechanism.ScramSha512,
      saslUsername: env.KAFKA_USER,
      saslPassword: env.KAFKA_USER_PASSWORD,
    });
    expect((e as { error?: { code: ErrorCode } }).error?.code).toBe(ErrorCode.TopicAuthorizationFailed);
  });

  test('the mTLS listener refuses a client without a certificate', async () => {
    const e = await failure({ bootstrapServers: env.KAFKA_MTLS_BOOTSTRAP_SERVERS, securityProtocol: SecurityProtocol.Ssl, sslCaLocation: env.KAFKA_SSL_CA_LOCATION });
    expect(e).not.toBe('delivered');
    expect((e as { error?: { code: ErrorCode } }).error?.code).toBe(ErrorCode.Local_MsgTimedOut);
  });

  test('the bad-host listener presents a certificate that fails hostname verification', async () => {
    const e = await failure({ bootstrapServers: env.KAFKA_SSL_BADHOST_BOOTSTRAP_SERVERS, securityProtocol: SecurityProtocol.Ssl, sslCaLocation: env.KAFKA_SSL_CA_LOCATION });
    expect(e).not.toBe('delivered');
  });

  test('the bad-host certificate is signed by the test CA: without hostname verification it connects', async () => {
    const e = await failure({
      bootstrapServers: env.KAFKA_SSL_BADHOST_BOOTSTRAP_SERVERS,
      securityProtocol: SecurityProtocol.Ssl,
      sslCaLocation: env.KAFKA_SSL_CA_LOCATION,
      'ssl.endpoint.identification.algorithm': 'none',
    } as ClientConfig);
    expect(e).toBe('delivered');
  });

  test('the SSL listener is not trusted with the unrelated CA', async () => {
    const e = await failure({ bootstrapServers: env.KAFKA_SSL_BOOTSTRAP_SERVERS, securityProtocol: SecurityProtocol.Ssl, sslCaLocation: env.KAFKA_SSL_OTHER_CA_LOCATION });
    expect(e).not.toBe('delivered');
  });
});
