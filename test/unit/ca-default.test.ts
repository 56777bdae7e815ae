// The TLS CA default (withDefaultCaLocation): the system's hashed CA directory or librdkafka's
// `probe`, unless the application or OpenSSL's environment variables chose the CAs. The
// connection itself is tested against the real broker in test/kafka/security.test.ts.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
import { systemCaLocation, withDefaultCaLocation, toLibrdkafkaConfig } from '../../src/config';
import { SecurityProtocol } from '../../src/generated/config.gen';
import { ProducerBuilder } from '../../src/producer-builder';

const noEnv = {};
const probe = (): string => 'probe';

describe('withDefaultCaLocation', () => {
  test.each(['ssl', 'sasl_ssl', 'SSL', 'SASL_SSL'])('security.protocol=%s and no CA source: probe', (protocol) => {
    const config = { 'bootstrap.servers': 'b:9093', 'security.protocol': protocol };
    expect(withDefaultCaLocation(config, noEnv, 'linux', probe)).toEqual({ ...config, 'ssl.ca.location': 'probe' });
    expect(withDefaultCaLocation(config, noEnv, 'darwin', probe)['ssl.ca.location']).toBe('probe');
    expect(config).not.toHaveProperty(['ssl.ca.location']); // the input is not modified
  });

  test.each([undefined, 'plaintext', 'sasl_plaintext'])('security.protocol=%s: nothing added', (protocol) => {
    const config: Record<string, string> = { 'bootstrap.servers': 'b:9092' };
    if (protocol) config['security.protocol'] = protocol;
    expect(withDefaultCaLocation(config, noEnv, 'linux', probe)).toBe(config);
  });

  test.each([
    ['ssl.ca.location', '/etc/my/ca.pem'],
    ['ssl.ca.location', ''],
    ['ssl.ca.pem', '-----BEGIN CERTIFICATE-----'],
    ['ssl.ca.certificate.stores', 'Root'],
  ])('the application set %s: its choice wins', (name, value) => {
    const config = { 'security.protocol': 'ssl', [name]: value };
    expect(withDefaultCaLocation(config, noEnv, 'linux', probe)).toBe(config);
  });

  test.each(['SSL_CERT_FILE', 'SSL_CERT_DIR'])("%s set: OpenSSL's defaults (which read it) are kept", (variable) => {
    const config = { 'security.protocol': 'sasl_ssl' };
    expect(withDefaultCaLocation(config, { [variable]: '/corp/ca' }, 'linux', probe)).toBe(config);
    expect(withDefaultCaLocation(config, { [variable]: '' }, 'linux', probe)['ssl.ca.location']).toBe('probe');
  });

  test("Windows: librdkafka's default (the Windows ROOT store) is kept", () => {
    const config = { 'security.protocol': 'ssl' };
    expect(withDefaultCaLocation(config, noEnv, 'win32', probe)).toBe(config);
  });

  test('typed keys map first: SecurityProtocol.SaslSsl without sslCaLocation gets probe, with it keeps it', () => {
    const typed = toLibrdkafkaConfig({ securityProtocol: SecurityProtocol.SaslSsl }, 'producer');
    expect(withDefaultCaLocation(typed, noEnv, 'linux', () => '/etc/ssl/certs')['ssl.ca.location']).toBe('/etc/ssl/certs');
    const own = toLibrdkafkaConfig({ securityProtocol: SecurityProtocol.Ssl, sslCaLocation: '/ca.pem' }, 'producer');
    expect(withDefaultCaLocation(own, noEnv, 'linux', probe)['ssl.ca.location']).toBe('/ca.pem');
  });

  test('systemCaLocation: the first directory with OpenSSL hashed links, else probe', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'kafka-napi-ca-'));
    try {
      const bundleOnly = path.join(root, 'rhel-certs'); // a bundle, no hashed links
      const hashed = path.join(root, 'debian-certs');
      mkdirSync(bundleOnly);
      mkdirSync(hashed);
      writeFileSync(path.join(bundleOnly, 'ca-bundle.crt'), '');
      writeFileSync(path.join(hashed, 'ca-certificates.crt'), '');
      writeFileSync(path.join(hashed, '9d04f354.0'), '');
      expect(systemCaLocation([path.join(root, 'missing'), bundleOnly, hashed])).toBe(hashed);
      expect(systemCaLocation([bundleOnly, path.join(root, 'missing')])).toBe('probe');
      expect(systemCaLocation([])).toBe('probe');
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  test('a built client applies it (and shows it in toString)', async () => {
    const env = process.env;
    const saved = [env.SSL_CERT_FILE, env.SSL_CERT_DIR];
    delete env.SSL_CERT_FILE;
    delete env.SSL_CERT_DIR;
    try {
      const producer = new ProducerBuilder({ bootstrapServers: '127.0.0.1:1', securityProtocol: SecurityProtocol.Ssl }).build();
      try {
        if (process.platform === 'win32') expect(String(producer)).not.toContain('ssl.ca.location');
        else expect(String(producer)).toContain(`ssl.ca.location=${systemCaLocation()}`);
      } finally {
        await producer.close();
      }
    } finally {
      if (saved[0] !== undefined) env.SSL_CERT_FILE = saved[0];
      if (saved[1] !== undefined) env.SSL_CERT_DIR = saved[1];
    }
  });
});

describe('a TLS file that does not exist', () => {
  test.each([
    ['sslCaLocation', 'ssl.ca.location'],
    ['sslCertificateLocation', 'ssl.certificate.location'],
  ])('%s: build() says which file is missing', (key, name) => {
    const file = `/nonexistent/${randomName()}.pem`;
    let thrown: unknown;
    try {
      new ProducerBuilder({ bootstrapServers: '127.0.0.1:1', securityProtocol: SecurityProtocol.Ssl, [key]: file }).build();
    } catch (e) {
      thrown = e;
    }
    expect((thrown as Error).message).toContain(`${name} failed`);
    expect((thrown as Error).message).toContain(`'${file}' does not exist`);
  });

  test('sslKeyLocation (sensitive): said, with the path redacted', () => {
    const file = `/nonexistent/${randomName()}.key`;
    let thrown: unknown;
    try {
      new ProducerBuilder({ bootstrapServers: '127.0.0.1:1', securityProtocol: SecurityProtocol.Ssl, sslKeyLocation: file }).build();
    } catch (e) {
      thrown = e;
    }
    expect((thrown as Error).message).toContain('ssl.key.location failed');
    expect((thrown as Error).message).toContain("ssl.key.location '[redacted]' does not exist");
    expect((thrown as Error).message).not.toContain(file);
  });
});

function randomName(): string {
  return `kafka-napi-${Math.random().toString(36).slice(2)}`;
}
