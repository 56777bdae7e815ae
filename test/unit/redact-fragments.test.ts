// Structured secrets whose parts librdkafka quotes on their own (src/config.ts secretFragments).
// The error path itself is tested against the real broker in test/kafka/security.test.ts.
import { describe, expect, test } from 'vitest';
import { secretRedactor, toLibrdkafkaConfig } from '../../src/config';

describe('secretRedactor: sasl.oauthbearer.config', () => {
  const config = toLibrdkafkaConfig(
    { saslOauthbearerConfig: 'principal=svc-reporting bogus=TopSecretValue123 extension_tenant=Ext3nsionSecret lifeSeconds=12x' },
    'producer',
  );
  const redact = secretRedactor(config);

  test.each([
    // librdkafka's texts (rdkafka_sasl_oauthbearer.c), as a failed token refresh reports them
    'Failed to acquire SASL OAUTHBEARER token: Unrecognized sasl.oauthbearer.config beginning at: bogus=TopSecretValue123 extension_tenant=Ext3nsionSecret lifeSeconds=12x',
    "Invalid sasl.oauthbearer.config: non-integral 'lifeSeconds': 12x",
    'SASL/OAUTHBEARER extension values must only consist of ...: Ext3nsionSecret (\t)',
  ])('no part of it survives in %j', (text) => {
    const out = redact(text);
    for (const part of ['TopSecretValue123', 'Ext3nsionSecret', 'svc-reporting', 'bogus=', '12x']) expect(out).not.toContain(part);
    expect(out).toContain('[redacted]');
  });

  test('the surrounding text is kept', () => {
    expect(redact("Invalid sasl.oauthbearer.config: non-integral 'lifeSeconds': 12x")).toBe(
      "Invalid sasl.oauthbearer.config: non-integral 'lifeSeconds': [redacted]",
    );
  });

  test('other secrets are redacted whole only, as before', () => {
    const r = secretRedactor({ 'sasl.password': 'correct horse battery staple' });
    expect(r('the horse is correct')).toBe('the horse is correct');
    expect(r('pw=correct horse battery staple')).toBe('pw=[redacted]');
  });
});
