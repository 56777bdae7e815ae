import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeConfig, redactSecrets, toLibrdkafkaConfig } from '../../src/config';
import { KafkaException } from '../../src/errors';
import * as gen from '../../src/generated/config.gen';
import {
  Acks,
  AutoOffsetReset,
  CompressionType,
  configProperties,
  PartitionAssignmentStrategy,
  Partitioner,
  SaslMechanism,
  SaslOauthbearerGrantType,
  SecurityProtocol,
  type ConsumerConfig,
  type ProducerConfig,
} from '../../src/generated/config.gen';
import { ErrorCode } from '../../src/generated/error-code.gen';

/** dotnet-api.md §7 "Every enum in Config_gen.cs": member → [value, librdkafka string]. */
const DOTNET_ENUMS: Record<string, Record<string, [number, string]>> = {
  Partitioner: {
    Random: [0, 'random'],
    Consistent: [1, 'consistent'],
    ConsistentRandom: [2, 'consistent_random'],
    Murmur2: [3, 'murmur2'],
    Murmur2Random: [4, 'murmur2_random'],
  },
  AutoOffsetReset: { Latest: [0, 'latest'], Earliest: [1, 'earliest'], Error: [2, 'error'] },
  MetadataRecoveryStrategy: { None: [0, 'none'], Rebootstrap: [1, 'rebootstrap'] },
  BrokerAddressFamily: { Any: [0, 'any'], V4: [1, 'v4'], V6: [2, 'v6'] },
  SecurityProtocol: {
    Plaintext: [0, 'plaintext'],
    Ssl: [1, 'ssl'],
    SaslPlaintext: [2, 'sasl_plaintext'],
    SaslSsl: [3, 'sasl_ssl'],
  },
  SslEndpointIdentificationAlgorithm: { None: [0, 'none'], Https: [1, 'https'] },
  SaslOauthbearerMethod: { Default: [0, 'default'], Oidc: [1, 'oidc'] },
  SaslOauthbearerGrantType: {
    ClientCredentials: [0, 'client_credentials'],
    JwtBearer: [1, 'urn:ietf:params:oauth:grant-type:jwt-bearer'],
  },
  // .NET sends "rs256"/"es256" (librdkafka matches case-insensitively); we send librdkafka's spelling.
  SaslOauthbearerAssertionAlgorithm: { RS256: [0, 'RS256'], ES256: [1, 'ES256'] },
  SaslOauthbearerMetadataAuthenticationType: { None: [0, 'none'], AzureIMDS: [1, 'azure_imds'], AwsIam: [2, 'aws_iam'] },
  PartitionAssignmentStrategy: { Range: [0, 'range'], RoundRobin: [1, 'roundrobin'], CooperativeSticky: [2, 'cooperative-sticky'] },
  GroupProtocol: { Classic: [0, 'classic'], Consumer: [1, 'consumer'] },
  IsolationLevel: { ReadUncommitted: [0, 'read_uncommitted'], ReadCommitted: [1, 'read_committed'] },
  CompressionType: { None: [0, 'none'], Gzip: [1, 'gzip'], Snappy: [2, 'snappy'], Lz4: [3, 'lz4'], Zstd: [4, 'zstd'] },
  ClientDnsLookup: {
    UseAllDnsIps: [0, 'use_all_dns_ips'],
    ResolveCanonicalBootstrapServersOnly: [1, 'resolve_canonical_bootstrap_servers_only'],
  },
  SaslMechanism: {
    Gssapi: [0, 'GSSAPI'],
    Plain: [1, 'PLAIN'],
    ScramSha256: [2, 'SCRAM-SHA-256'],
    ScramSha512: [3, 'SCRAM-SHA-512'],
    OAuthBearer: [4, 'OAUTHBEARER'],
  },
  Acks: { None: [0, '0'], Leader: [1, '1'], All: [-1, '-1'] },
};

/** Members we add beyond .NET's (librdkafka has them, .NET lacks them). */
const EXTRA_MEMBERS: Record<string, Record<string, [number, string]>> = {
  Partitioner: { Fnv1a: [5, 'fnv1a'], Fnv1aRandom: [6, 'fnv1a_random'] },
};

const generated = gen as unknown as Record<string, Record<string, unknown>>;

function numericMembers(e: Record<string, unknown>): Record<string, number> {
  return Object.fromEntries(Object.entries(e).filter((kv): kv is [string, number] => typeof kv[1] === 'number'));
}

/** Runs `fn` and returns the KafkaException it throws. */
function thrown(fn: () => unknown): KafkaException {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(KafkaException);
    const ex = e as KafkaException;
    expect(ex.error.code).toBe(ErrorCode.Local_InvalidArg);
    return ex;
  }
  throw new Error('expected a KafkaException');
}

describe('config enums', () => {
  for (const [name, expected] of Object.entries(DOTNET_ENUMS)) {
    it(`${name} has .NET's members and values, and an enum→librdkafka string table`, () => {
      const all = { ...expected, ...(EXTRA_MEMBERS[name] ?? {}) };
      expect(generated[name]).toBeDefined();
      expect(numericMembers(generated[name])).toEqual(Object.fromEntries(Object.entries(all).map(([m, [v]]) => [m, v])));
      const table = generated[`${name}Values`];
      expect(table).toEqual(Object.fromEntries(Object.values(all).map(([v, s]) => [String(v), s])));
    });
  }

  it('covers every enum of .NET Config_gen.cs and nothing else', () => {
    const enums = Object.keys(generated).filter((k) => `${k}Values` in generated);
    expect(enums.sort()).toEqual(Object.keys(DOTNET_ENUMS).sort());
  });

  it('maps the grant type and the cooperative assignor to the strings librdkafka expects', () => {
    expect(gen.SaslOauthbearerGrantTypeValues[SaslOauthbearerGrantType.JwtBearer]).toBe(
      'urn:ietf:params:oauth:grant-type:jwt-bearer',
    );
    expect(gen.SaslOauthbearerGrantTypeValues[SaslOauthbearerGrantType.ClientCredentials]).toBe('client_credentials');
    expect(gen.PartitionAssignmentStrategyValues[PartitionAssignmentStrategy.CooperativeSticky]).toBe('cooperative-sticky');
  });
});

describe('configProperties', () => {
  it('maps camelCase keys to librdkafka names', () => {
    expect(configProperties.bootstrapServers.name).toBe('bootstrap.servers');
    expect(configProperties.socketKeepaliveEnable).toMatchObject({ name: 'socket.keepalive.enable', type: 'boolean', role: '*' });
    expect(configProperties.logLevel).toMatchObject({ name: 'log_level', type: 'integer' });
    expect(configProperties.lingerMs).toMatchObject({ name: 'linger.ms', type: 'float', role: 'P', aliasOf: 'queue.buffering.max.ms' });
    expect(configProperties.groupId).toMatchObject({ name: 'group.id', type: 'string', role: 'C', topic: false });
    expect(configProperties.enableAutoCommit).toMatchObject({ name: 'enable.auto.commit', type: 'boolean', topic: false });
    expect(configProperties.acks).toMatchObject({ name: 'acks', role: 'P', topic: true, values: gen.AcksValues });
    expect(configProperties.autoOffsetReset).toMatchObject({ type: 'enum', role: 'C', topic: true, values: gen.AutoOffsetResetValues });
    expect(configProperties.partitionAssignmentStrategy.values).toBe(gen.PartitionAssignmentStrategyValues);
    expect(configProperties.debug.type).toBe('csv');
    expect(configProperties.topicBlacklist.type).toBe('pattern');
    expect(configProperties.securityProtocol.values).toBe(gen.SecurityProtocolValues);
  });

  it('skips pointer-typed properties', () => {
    const names = new Set(Object.values(configProperties).map((p) => p.name));
    for (const ptr of ['dr_msg_cb', 'opaque', 'error_cb', 'default_topic_conf', 'ssl.certificate.verify_cb']) {
      expect(names.has(ptr)).toBe(false);
    }
  });

  it('flags secrets as sensitive', () => {
    expect(configProperties.saslPassword.sensitive).toBe(true);
    expect(configProperties.sslKeyPassword.sensitive).toBe(true);
    expect(configProperties.saslOauthbearerClientSecret.sensitive).toBe(true);
    expect(configProperties.saslOauthbearerClientCredentialsClientSecret.sensitive).toBe(true); // alias of a secret
    expect(configProperties.sslKeystorePassword.sensitive).toBe(true);
    expect(configProperties.bootstrapServers.sensitive).toBeUndefined();
    expect(configProperties.clientId.sensitive).toBeUndefined();
  });

  it('covers every non-pointer property of CONFIGURATION.md', () => {
    const md = fs.readFileSync(path.resolve(__dirname, '../../deps/librdkafka/CONFIGURATION.md'), 'utf8');
    const expected = new Map<string, string>();
    for (const line of md.split('\n')) {
      const m = /^([a-z][\w.]*)\s+\|\s+[*CP]\s+\|.*<br>\*Type: ([^*]+)\*\s*$/.exec(line);
      if (m && m[2] !== 'see dedicated API') expected.set(m[1], m[2]);
    }
    expect(expected.size).toBeGreaterThan(150);
    const byName = new Map(Object.entries(configProperties).map(([k, p]) => [p.name, k]));
    const missing = [...expected.keys()].filter((n) => !byName.has(n));
    expect(missing).toEqual([]);
    expect(byName.size).toBe(expected.size);
    for (const [name, key] of byName) {
      const camel = name.split(/[._]/).map((w, i) => (i ? w[0].toUpperCase() + w.slice(1) : w)).join('');
      expect(key).toBe(camel);
    }
  });
});

describe('toLibrdkafkaConfig', () => {
  it('converts booleans, numbers, enums, arrays and strings', () => {
    const config: ProducerConfig = {
      bootstrapServers: 'localhost:9092',
      enableIdempotence: true,
      socketKeepaliveEnable: false,
      lingerMs: 0.5,
      batchNumMessages: 1000,
      acks: Acks.All,
      compressionType: CompressionType.Zstd,
      partitioner: Partitioner.Murmur2Random,
      securityProtocol: SecurityProtocol.SaslSsl,
      saslMechanism: SaslMechanism.ScramSha512,
      saslOauthbearerGrantType: SaslOauthbearerGrantType.JwtBearer,
      logLevel: 7,
    };
    expect(toLibrdkafkaConfig(config, 'producer')).toEqual({
      'bootstrap.servers': 'localhost:9092',
      'enable.idempotence': 'true',
      'socket.keepalive.enable': 'false',
      'linger.ms': '0.5',
      'batch.num.messages': '1000',
      acks: '-1',
      'compression.type': 'zstd',
      partitioner: 'murmur2_random',
      'security.protocol': 'sasl_ssl',
      'sasl.mechanism': 'SCRAM-SHA-512',
      'sasl.oauthbearer.grant.type': 'urn:ietf:params:oauth:grant-type:jwt-bearer',
      log_level: '7',
    });
  });

  it('passes integer acks that are not Acks members through', () => {
    expect(toLibrdkafkaConfig({ acks: 2 }, 'producer')).toEqual({ acks: '2' });
    expect(toLibrdkafkaConfig({ acks: Acks.None }, 'producer')).toEqual({ acks: '0' });
  });

  it('comma-joins arrays, mapping enum members', () => {
    const config: ConsumerConfig = {
      groupId: 'g',
      partitionAssignmentStrategy: [PartitionAssignmentStrategy.Range, PartitionAssignmentStrategy.RoundRobin],
      autoOffsetReset: AutoOffsetReset.Earliest,
    };
    expect(toLibrdkafkaConfig(config, 'consumer')).toEqual({
      'group.id': 'g',
      'partition.assignment.strategy': 'range,roundrobin',
      'auto.offset.reset': 'earliest',
    });
    expect(
      toLibrdkafkaConfig({ partitionAssignmentStrategy: PartitionAssignmentStrategy.CooperativeSticky }, 'consumer'),
    ).toEqual({ 'partition.assignment.strategy': 'cooperative-sticky' });
    expect(toLibrdkafkaConfig({ bootstrapServers: ['a:1', 'b:2'] }, 'admin')).toEqual({ 'bootstrap.servers': 'a:1,b:2' });
  });

  it('passes raw dotted keys through, converting values', () => {
    const config: ProducerConfig = { 'linger.ms': 5, 'enable.idempotence': true, 'some.future.property': 'x' };
    expect(toLibrdkafkaConfig(config, 'producer')).toEqual({
      'linger.ms': '5',
      'enable.idempotence': 'true',
      'some.future.property': 'x',
    });
    expect(toLibrdkafkaConfig({ 'auto.offset.reset': AutoOffsetReset.Error, log_level: 3 }, 'consumer')).toEqual({
      'auto.offset.reset': 'error',
      log_level: '3',
    });
  });

  it('passes strings as is, even for enum properties', () => {
    expect(toLibrdkafkaConfig({ 'auto.offset.reset': 'smallest', debug: 'all' }, 'consumer')).toEqual({
      'auto.offset.reset': 'smallest',
      debug: 'all',
    });
  });

  it('skips null and undefined', () => {
    expect(toLibrdkafkaConfig({ groupId: undefined, clientId: null, 'linger.ms': undefined, bootstrapServers: 'b' }, 'consumer')).toEqual({
      'bootstrap.servers': 'b',
    });
  });

  it('passes a key of another role on (librdkafka ignores it)', () => {
    expect(toLibrdkafkaConfig({ groupId: 'g' }, 'producer')).toEqual({ 'group.id': 'g' });
  });

  it('rejects an unknown camelCase key, suggesting a close one', () => {
    const ex = thrown(() => toLibrdkafkaConfig({ bootstrapServer: 'x' }, 'producer'));
    expect(ex.message).toContain("'bootstrapServer'");
    expect(ex.message).toContain("Did you mean 'bootstrapServers'?");
    expect(thrown(() => toLibrdkafkaConfig({ BootstrapServers: 'x' }, 'producer')).message).toContain("'bootstrapServers'");
    expect(thrown(() => toLibrdkafkaConfig({ group_id: 'x' }, 'consumer')).message).toContain("Did you mean 'groupId'?");
    const far = thrown(() => toLibrdkafkaConfig({ zqxwvut: 1 }, 'admin'));
    expect(far.message).toContain("'zqxwvut'");
    expect(far.message).not.toContain('Did you mean');
  });

  it('rejects values of the wrong type, naming the key', () => {
    const cases: Array<[string, unknown]> = [
      ['clientId', { a: 1 }],
      ['lingerMs', () => 5],
      ['clientId', Symbol('s')],
      ['batchSize', 10n],
      ['clientId', new Date(0)],
      ['enableIdempotence', [true]],
    ];
    for (const [key, value] of cases) {
      expect(thrown(() => toLibrdkafkaConfig({ [key]: value }, 'producer')).message).toContain(`'${key}'`);
    }
    expect(thrown(() => toLibrdkafkaConfig({ 'my.raw.key': {} }, 'producer')).message).toContain("'my.raw.key'");
  });

  it('rejects non-finite numbers, non-integers for integer properties, and numbers outside an enum', () => {
    expect(thrown(() => toLibrdkafkaConfig({ lingerMs: NaN }, 'producer')).message).toContain("'lingerMs'");
    expect(thrown(() => toLibrdkafkaConfig({ 'linger.ms': Infinity }, 'producer')).message).toContain("'linger.ms'");
    expect(thrown(() => toLibrdkafkaConfig({ batchSize: 1.5 }, 'producer')).message).toContain('integer');
    const ex = thrown(() => toLibrdkafkaConfig({ autoOffsetReset: 7 as AutoOffsetReset }, 'consumer'));
    expect(ex.message).toContain("'autoOffsetReset'");
    expect(ex.message).toContain("'earliest'");
    expect(thrown(() => toLibrdkafkaConfig({ partitionAssignmentStrategy: [0, 9] }, 'consumer')).message).toContain(
      "'partitionAssignmentStrategy'",
    );
    expect(thrown(() => toLibrdkafkaConfig({ securityProtocol: 1.5 }, 'consumer')).message).toContain("'securityProtocol'");
  });

  it('rejects the same property set twice with different values', () => {
    expect(thrown(() => toLibrdkafkaConfig({ lingerMs: 1, 'linger.ms': 2 }, 'producer')).message).toContain("'linger.ms'");
    expect(toLibrdkafkaConfig({ lingerMs: 1, 'linger.ms': '1' }, 'producer')).toEqual({ 'linger.ms': '1' });
  });

  it('rejects a config that is not an object', () => {
    thrown(() => toLibrdkafkaConfig(null as unknown as object, 'producer'));
    thrown(() => toLibrdkafkaConfig([] as unknown as object, 'producer'));
  });
});

describe('secrets', () => {
  const secret = 's3cr3t-P@ss';
  const config = toLibrdkafkaConfig(
    {
      bootstrapServers: 'localhost:9092',
      saslUsername: 'alice',
      saslPassword: secret,
      sslKeyPassword: 'key-pass-123',
      saslOauthbearerClientSecret: 'oauth-secret-xyz',
      'sasl.oauthbearer.client.credentials.client.secret': 'alias-secret-456',
      clientId: `app-${secret}`,
      sslKeystorePassword: '',
    },
    'producer',
  );

  it('redactSecrets replaces every secret value in a text', () => {
    const text =
      `Failed: password=${secret} (again ${secret}), key-pass-123, oauth-secret-xyz, alias-secret-456, ` +
      'server localhost:9092';
    const out = redactSecrets(text, config);
    for (const s of [secret, 'key-pass-123', 'oauth-secret-xyz', 'alias-secret-456']) expect(out).not.toContain(s);
    expect(out).toContain('password=[redacted] (again [redacted])');
    expect(out).toContain('localhost:9092');
    expect(redactSecrets('nothing here', config)).toBe('nothing here');
  });

  it('redactSecrets ignores empty values', () => {
    expect(redactSecrets('abc', { 'sasl.password': '' })).toBe('abc');
  });

  it('describeConfig never shows a secret', () => {
    const text = describeConfig(config);
    for (const s of [secret, 'key-pass-123', 'oauth-secret-xyz', 'alias-secret-456']) expect(text).not.toContain(s);
    expect(text).toContain('sasl.password=[redacted]');
    expect(text).toContain('ssl.key.password=[redacted]');
    expect(text).toContain('bootstrap.servers=localhost:9092');
    // a secret repeated in a non-sensitive value is redacted there too
    expect(text).toContain('client.id=app-[redacted]');
  });
});

// Compile-time checks (tsc --noEmit and vitest typecheck): typed keys keep their types next to the
// raw dotted index signature.
export const typeChecks: ProducerConfig[] = [
  { bootstrapServers: 'b', 'linger.ms': 5, 'enable.idempotence': true, acks: Acks.Leader },
  // @ts-expect-error lingerMs is a number
  { lingerMs: 'five' },
  // @ts-expect-error unknown camelCase key
  { bootstrapServer: 'b' },
  // @ts-expect-error raw dotted values are primitives
  { 'linger.ms': { ms: 5 } },
  // @ts-expect-error compressionType takes CompressionType
  { compressionType: SecurityProtocol.Ssl },
];
