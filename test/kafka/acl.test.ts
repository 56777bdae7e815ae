// ACLs on the real broker (StandardAuthorizer; scripts/kafka.js: super users admin, ANONYMOUS
// and the mTLS client; alice has no ACL, allow.everyone.if.no.acl.found=false). As alice over
// SASL_PLAINTEXT: without WRITE on a topic produce fails with TopicAuthorizationFailed; without
// READ on a group consume fails with GroupAuthorizationFailed; once granted, both work.
//
// The ACLs are created with KafkaJS's admin client (a devDependency already, in-process, over
// the PLAINTEXT listener whose ANONYMOUS principal is a super user): kafka-napi has no
// createAcls yet, Debian's python3-confluent-kafka (1.7.0) predates create_acls, and a Java
// program costs a JVM start per call (20+ s on a loaded 2-core machine).
import { randomUUID } from 'node:crypto';
import {
  AclOperationTypes,
  AclPermissionTypes,
  AclResourceTypes,
  Kafka,
  logLevel,
  ResourcePatternTypes,
  type Admin as KafkaJsAdmin,
} from 'kafkajs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  AutoOffsetReset,
  ConsumeException,
  ConsumerBuilder,
  Deserializers,
  ErrorCode,
  KafkaError,
  ProduceException,
  ProducerBuilder,
  SaslMechanism,
  SecurityProtocol,
} from '../../src/index';
import type { ClientConfig } from '../../src/generated/config.gen';
import { startCluster, type TestCluster } from '../helpers/cluster';

const E = process.env;
const real = Boolean(E.KAFKA_SASL_BOOTSTRAP_SERVERS && E.KAFKA_USER);

const alice = (): ClientConfig => ({
  bootstrapServers: E.KAFKA_SASL_BOOTSTRAP_SERVERS,
  securityProtocol: SecurityProtocol.SaslPlaintext,
  saslMechanism: SaslMechanism.ScramSha256,
  saslUsername: E.KAFKA_USER,
  saslPassword: E.KAFKA_USER_PASSWORD,
});

type Grant = { type: 'TOPIC' | 'GROUP'; name: string; operation: 'WRITE' | 'READ' | 'DESCRIBE' };

const binding = (g: Grant) => ({
  resourceType: AclResourceTypes[g.type],
  resourceName: g.name,
  resourcePatternType: ResourcePatternTypes.LITERAL,
  principal: `User:${E.KAFKA_USER}`,
  host: '*',
  operation: AclOperationTypes[g.operation],
  permissionType: AclPermissionTypes.ALLOW,
});

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

describe.skipIf(!real)('ACLs on the real broker (alice over SASL SCRAM-SHA-256)', () => {
  let cluster: TestCluster;
  let acls: KafkaJsAdmin;
  const granted: Grant[] = [];

  async function grant(...grants: Grant[]): Promise<void> {
    await acls.createAcls({ acl: grants.map(binding) });
    granted.push(...grants);
  }

  beforeAll(async () => {
    cluster = await startCluster();
    const kafka = new Kafka({ brokers: E.KAFKA_BOOTSTRAP_SERVERS!.split(','), logLevel: logLevel.NOTHING });
    acls = kafka.admin();
    await acls.connect();
  });
  afterAll(async () => {
    try {
      if (granted.length > 0 && acls) await acls.deleteAcls({ filters: granted.map(binding) });
    } finally {
      await acls?.disconnect();
      await cluster?.close();
    }
  });

  test('produce without WRITE on the topic: ProduceException TopicAuthorizationFailed, bounded; with WRITE it is delivered', async () => {
    const topic = await cluster.topic(1, 'acl');
    const errors: KafkaError[] = [];
    // messageTimeoutMs bounds the wait should the authorization error never arrive.
    const producer = new ProducerBuilder<string, string>({ ...alice(), messageTimeoutMs: 20_000 })
      .setErrorHandler((_, e) => errors.push(e))
      .build();
    try {
      const denied = await settlesWithin(producer.produceAsync(topic, { key: 'k', value: 'denied' }), 30_000, 'produceAsync');
      expect(denied.error).toBeInstanceOf(ProduceException);
      const pe = denied.error as ProduceException<string, string>;
      expect(pe.code, `${ErrorCode[pe.code]}: ${pe.message}`).toBe(ErrorCode.TopicAuthorizationFailed);
      expect(pe.deliveryResult.message.value).toBe('denied');
      expect(pe.error.isBrokerError).toBe(true);
    } finally {
      await producer.close({ timeoutMs: 5000 });
    }

    // DESCRIBE but not WRITE: the topic's metadata is visible, the Produce request is refused.
    await grant({ type: 'TOPIC', name: topic, operation: 'DESCRIBE' });
    const deadline0 = Date.now() + 30_000;
    let refused: ProduceException<string, string> | undefined;
    while (!refused && Date.now() < deadline0) {
      const p = new ProducerBuilder<string, string>({ ...alice(), messageTimeoutMs: 10_000 }).build();
      try {
        const r = await settlesWithin(p.produceAsync(topic, { value: 'denied again' }), 20_000, 'produceAsync');
        expect(r.value, 'delivered without WRITE').toBeUndefined();
        refused = r.error as ProduceException<string, string>;
      } finally {
        await p.close({ timeoutMs: 5000 });
      }
    }
    expect(refused).toBeInstanceOf(ProduceException);
    expect(refused!.code).toBe(ErrorCode.TopicAuthorizationFailed);

    await grant({ type: 'TOPIC', name: topic, operation: 'WRITE' });
    // ACLs reach the broker through the metadata log: retry a fresh producer for a bounded time.
    const deadline = Date.now() + 30_000;
    let delivered = false;
    let last = '';
    while (!delivered && Date.now() < deadline) {
      const p = new ProducerBuilder<string, string>({ ...alice(), messageTimeoutMs: 10_000 }).build();
      try {
        const dr = await p.produceAsync(topic, { key: 'k', value: 'allowed' });
        delivered = dr.offset >= 0;
      } catch (e) {
        last = String(e);
        await new Promise((r) => setTimeout(r, 500));
      } finally {
        await p.close({ timeoutMs: 5000 });
      }
    }
    expect(delivered, last).toBe(true);
  }, 120_000);

  test('consume without READ on the group: ConsumeException GroupAuthorizationFailed, bounded; with READ it consumes', async () => {
    const topic = await cluster.topic(1, 'acl');
    const group = `acl-${randomUUID()}`;
    const admin = new ProducerBuilder<string, string>({ bootstrapServers: cluster.bootstrapServers }).build();
    try {
      await admin.produceAsync(topic, { key: 'k', value: 'for alice' });
    } finally {
      await admin.close();
    }
    // READ on the topic but nothing on the group: only the group is refused.
    await grant({ type: 'TOPIC', name: topic, operation: 'READ' });

    const errors: KafkaError[] = [];
    const consumer = new ConsumerBuilder<string, string>({ ...alice(), groupId: group, autoOffsetReset: AutoOffsetReset.Earliest })
      .setValueDeserializer(Deserializers.Utf8)
      .setErrorHandler((_, e) => errors.push(e))
      .build();
    let refusal: unknown;
    try {
      consumer.subscribe(topic);
      const deadline = Date.now() + 30_000;
      while (refusal === undefined && Date.now() < deadline) {
        const r = await settlesWithin(consumer.consume(1000), 11_000, 'consume(1000)');
        if (r.error) refusal = r.error;
        else expect(r.value ?? null).toBeNull(); // never a message
      }
    } finally {
      const closed = await settlesWithin(consumer.close(), 30_000, 'consumer.close()');
      expect(closed.error).toBeUndefined();
    }
    expect(refusal, `error handler saw: ${errors.map((e) => ErrorCode[e.code]).join(', ')}`).toBeInstanceOf(ConsumeException);
    expect((refusal as ConsumeException).code).toBe(ErrorCode.GroupAuthorizationFailed);
    expect((refusal as ConsumeException).error.isBrokerError).toBe(true);

    await grant({ type: 'GROUP', name: group, operation: 'READ' });
    const deadline = Date.now() + 40_000;
    let got: string | null = null;
    let last = '';
    while (got === null && Date.now() < deadline) {
      const c = new ConsumerBuilder<string, string>({ ...alice(), groupId: group, autoOffsetReset: AutoOffsetReset.Earliest })
        .setValueDeserializer(Deserializers.Utf8)
        .build();
      try {
        c.subscribe(topic);
        const until = Date.now() + 10_000;
        while (got === null && Date.now() < until) {
          const r = await c.consume(1000).catch((e: unknown) => ((last = String(e)), null));
          if (r?.message) got = r.message.value;
        }
        if (got !== null) await c.commit();
      } finally {
        await c.close();
      }
    }
    expect(got, last).toBe('for alice');
  }, 120_000);

  test('consume with READ on the group but not on the topic: ConsumeException TopicAuthorizationFailed, bounded', async () => {
    const topic = await cluster.topic(1, 'acl');
    const group = `acl-${randomUUID()}`;
    await grant({ type: 'GROUP', name: group, operation: 'READ' });
    const consumer = new ConsumerBuilder<string, string>({ ...alice(), groupId: group, autoOffsetReset: AutoOffsetReset.Earliest }).build();
    let refusal: unknown;
    try {
      consumer.subscribe(topic);
      const deadline = Date.now() + 30_000;
      while (refusal === undefined && Date.now() < deadline) {
        const r = await settlesWithin(consumer.consume(1000), 11_000, 'consume(1000)');
        if (r.error) refusal = r.error;
        else expect(r.value ?? null).toBeNull();
      }
    } finally {
      await settlesWithin(consumer.close(), 30_000, 'consumer.close()');
    }
    expect(refusal).toBeInstanceOf(ConsumeException);
    expect((refusal as ConsumeException).code).toBe(ErrorCode.TopicAuthorizationFailed);
  }, 120_000);
});
