/**
 * Turns a user config (typed camelCase keys, enums, raw dotted keys) into the string pairs
 * librdkafka's `rd_kafka_conf_set` takes, and keeps secrets out of text meant for humans.
 *
 * Only what librdkafka cannot check is checked here (unknown camelCase keys, value kinds, enum
 * numbers); values themselves are validated by librdkafka at build time, with its own message.
 */
import { existsSync, readdirSync } from 'node:fs';
import { KafkaError, KafkaException } from './errors';
import { configProperties, type ConfigProperty } from './generated/config.gen';
import { ErrorCode } from './generated/error-code.gen';

/** The kind of client a config is meant for. */
export type ClientRole = 'producer' | 'consumer' | 'admin';

/** librdkafka property name (dotted or underscored) → its description. */
const byName: ReadonlyMap<string, ConfigProperty> = new Map(
  Object.values(configProperties).map((p) => [p.name, p] as const),
);

/** librdkafka names whose values are secrets (aliases of secrets included). */
const sensitiveNames: ReadonlySet<string> = new Set(
  Object.values(configProperties)
    .filter((p) => p.sensitive)
    .map((p) => p.name),
);

const REDACTED = '[redacted]';

const hasOwn = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

function invalid(message: string): KafkaException {
  return new KafkaException(new KafkaError(ErrorCode.Local_InvalidArg, message));
}

/**
 * Maps a user config to librdkafka's `name → string` pairs.
 *
 * - Typed camelCase keys map to their librdkafka name; an unknown camelCase key (one that is not a
 *   known property and contains no `.`) throws, with a "did you mean" suggestion when one is close.
 *   A key of another role (`groupId` on a producer) is passed on: librdkafka ignores it with a warning.
 * - Raw librdkafka names (`'linger.ms'`, `'log_level'`) pass through; librdkafka validates them.
 * - Booleans become `'true'` / `'false'`; numbers an invariant decimal string (integer properties
 *   reject non-integers); enum members their librdkafka string (a number outside the enum throws);
 *   arrays (`partitionAssignmentStrategy`, `bootstrapServers`, `debug` …) are comma-joined;
 *   strings are passed as is; `undefined` and `null` leave the property unset.
 *
 * @param config - a `ClientConfig`, `ProducerConfig`, `ConsumerConfig` or `AdminClientConfig`
 *   (any plain object).
 * @param role - the client the config is for; used in error messages.
 * @returns a fresh object of librdkafka names to string values, in the order of `config`'s keys.
 * @throws KafkaException with `ErrorCode.Local_InvalidArg`, naming the key as the user wrote it.
 */
export function toLibrdkafkaConfig(config: object, role: ClientRole): Record<string, string> {
  if (config === null || typeof config !== 'object' || Array.isArray(config)) {
    throw invalid(`Invalid ${role} config: expected an object, got ${describeKind(config)}`);
  }
  const out: Record<string, string> = Object.create(null);
  const origin: Record<string, string> = Object.create(null);
  for (const key of Object.keys(config)) {
    const value: unknown = (config as Record<string, unknown>)[key];
    if (value === undefined || value === null) continue;
    let prop: ConfigProperty | undefined;
    if (hasOwn(configProperties, key)) prop = configProperties[key];
    else {
      prop = byName.get(key);
      if (!prop && !key.includes('.')) {
        const suggestion = suggestKey(key);
        throw invalid(
          `Invalid ${role} config: unknown configuration key '${key}'` +
            (suggestion ? `. Did you mean '${suggestion}'?` : '') +
            ' (use the camelCase name of a librdkafka property, or its dotted name)',
        );
      }
    }
    const name = prop ? prop.name : key;
    const str = toConfigString(key, value, prop);
    // librdkafka takes C strings: a NUL would cut the key or value short there. The value
    // itself is never quoted (it may be a secret).
    if (key.includes('\u0000')) throw invalid(`Invalid ${role} config: the key ${JSON.stringify(key)} contains a NUL character`);
    if (str.includes('\u0000')) throw invalid(`Invalid value for config key '${key}': it contains a NUL character`);
    if (name in out && out[name] !== str) {
      throw invalid(
        `Invalid ${role} config: '${key}' and '${origin[name]}' both set '${name}' to different values`,
      );
    }
    out[name] = str;
    origin[name] = key;
  }
  return { ...out };
}

/**
 * The CA default for TLS connections: when the connection uses TLS (`security.protocol` `ssl` /
 * `sasl_ssl`), the application chose no CA source (`ssl.ca.location`, `ssl.ca.pem`,
 * `ssl.ca.certificate.stores`) and OpenSSL's own overrides (`SSL_CERT_FILE`, `SSL_CERT_DIR`) are
 * not set, `ssl.ca.location` becomes the system's store ({@link systemCaLocation}). Anything the
 * user set wins.
 *
 * Why: the addon uses Node's OpenSSL, whose default CA paths are compiled into the node binary
 * (official builds: OPENSSLDIR `/etc/ssl`, so `/etc/ssl/cert.pem` and the hashed directory
 * `/etc/ssl/certs`). That suits Debian/Ubuntu (hashed links) and Alpine (`cert.pem`), but not
 * RHEL/Fedora, whose bundle is `/etc/pki/tls/certs/ca-bundle.crt` with no hashed links in
 * `/etc/ssl/certs`: without this, a cloud cluster's certificate fails to verify there. The
 * variables are left to OpenSSL because librdkafka's `probe` bypasses its default paths, and
 * with them the variables. On Windows librdkafka's default (the Windows ROOT store) is kept.
 *
 * @param config - librdkafka names to values (the output of {@link toLibrdkafkaConfig}); not modified.
 * @returns `config` itself when nothing applies, else a copy with `ssl.ca.location` added.
 */
export function withDefaultCaLocation(
  config: Record<string, string>,
  env: Readonly<Record<string, string | undefined>> = process.env,
  platform: string = process.platform,
  caLocation: () => string = systemCaLocation,
): Record<string, string> {
  const protocol = (config['security.protocol'] ?? '').toLowerCase();
  if (protocol !== 'ssl' && protocol !== 'sasl_ssl') return config;
  if (platform === 'win32') return config;
  for (const name of ['ssl.ca.location', 'ssl.ca.pem', 'ssl.ca.certificate.stores']) {
    if (name in config) return config;
  }
  if (env.SSL_CERT_FILE || env.SSL_CERT_DIR) return config;
  return { ...config, 'ssl.ca.location': caLocation() };
}

/** Directories of hashed CA links (update-ca-certificates, c_rehash, update-ca-trust's directory-hash). */
export const HASHED_CA_DIRS: readonly string[] = ['/etc/ssl/certs', '/etc/pki/ca-trust/extracted/pem/directory-hash'];
const HASHED_NAME = /^[0-9a-f]{8}\.[0-9]+$/;
let cachedCaLocation: string | undefined;

/**
 * Where the system keeps its CA certificates, for `ssl.ca.location`: the first of `dirs` that
 * holds OpenSSL hashed links (Debian/Ubuntu's `/etc/ssl/certs`), else librdkafka's `probe`
 * (rdkafka_ssl.c `rd_kafka_ssl_probe_and_set_default_ca_location`: the first existing of the
 * well-known bundles and directories — RHEL's `/etc/pki/tls/certs/ca-bundle.crt`, then
 * `/etc/ssl/cert.pem` (Alpine, macOS), Debian's `ca-certificates.crt`, `/etc/ssl/certs`, BSD
 * paths — falling back to OpenSSL's defaults).
 *
 * A hashed directory comes first because OpenSSL reads it lazily, one certificate per lookup,
 * whereas a bundle is parsed whole when the client is built, on the JS thread: ~45 ms of CPU for
 * Debian's 140-certificate bundle with Node 20's OpenSSL 3.0, against ~1 ms. Looked up once
 * per process (the default directories); the links' contents are read at each handshake, so
 * CAs installed later are still seen.
 */
export function systemCaLocation(dirs: readonly string[] = HASHED_CA_DIRS): string {
  const isDefault = dirs === HASHED_CA_DIRS;
  if (isDefault && cachedCaLocation !== undefined) return cachedCaLocation;
  let found = 'probe';
  for (const dir of dirs) {
    try {
      if (readdirSync(dir).some((name) => HASHED_NAME.test(name))) {
        found = dir;
        break;
      }
    } catch {
      // missing or unreadable: try the next
    }
  }
  if (isDefault) cachedCaLocation = found;
  return found;
}

/**
 * librdkafka reports a TLS file it cannot load as "ssl.ca.location failed: error:05880002:x509
 * certificate routines::system lib": OpenSSL's text names neither the file nor the cause. When
 * the file the message is about does not exist, this says so (where the property is sensitive,
 * such as `ssl.key.location`, the path is then redacted with the other secrets).
 *
 * @param reason - librdkafka's message from a failed client creation.
 * @param config - the librdkafka config the client was created with.
 */
export function explainMissingFile(reason: string, config: Record<string, string>): string {
  const m = /\b((?:ssl|https)\.[a-z.]*location) failed\b/.exec(reason);
  if (!m) return reason;
  const file = config[m[1]];
  if (!file || file === 'probe' || existsSync(file)) return reason;
  return `${reason} (${m[1]} '${file}' does not exist)`;
}

function describeKind(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') {
    const ctor = (value as object).constructor;
    return ctor && ctor !== Object && typeof ctor.name === 'string' && ctor.name ? `a ${ctor.name}` : 'an object';
  }
  return `a ${typeof value}`;
}

function enumNumberToString(key: string, value: number, prop: ConfigProperty): string | undefined {
  const values = prop.values;
  if (!values) return undefined;
  if (Number.isInteger(value) && hasOwn(values, String(value))) return values[value];
  if (prop.type !== 'enum') return undefined; // e.g. acks: any integer is accepted as is
  const allowed = Object.keys(values)
    .map((n) => `${n} ('${values[Number(n)]}')`)
    .join(', ');
  throw invalid(`Invalid value for config key '${key}': ${value} is not a valid enum member; expected one of ${allowed}`);
}

function numberToString(key: string, value: number, prop: ConfigProperty | undefined): string {
  if (!Number.isFinite(value)) throw invalid(`Invalid value for config key '${key}': ${value} is not a finite number`);
  if (prop) {
    const mapped = enumNumberToString(key, value, prop);
    if (mapped !== undefined) return mapped;
    if (prop.type === 'integer' && !Number.isInteger(value)) {
      throw invalid(`Invalid value for config key '${key}': expected an integer, got ${value}`);
    }
  }
  // String(number) is locale-independent; -0 prints as "0".
  return String(value);
}

/** Properties whose librdkafka value is a comma-separated list, so an array value makes sense. */
function acceptsList(prop: ConfigProperty | undefined): boolean {
  if (!prop) return true;
  if (prop.name === 'partition.assignment.strategy') return true;
  return prop.type === 'csv' || prop.type === 'pattern' || prop.type === 'string';
}

function toConfigString(key: string, value: unknown, prop: ConfigProperty | undefined): string {
  switch (typeof value) {
    case 'string':
      return value;
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      return numberToString(key, value, prop);
    case 'object':
      if (Array.isArray(value)) {
        if (!acceptsList(prop)) {
          throw invalid(`Invalid value for config key '${key}': this property does not take a list (got an array)`);
        }
        return value
          .map((item: unknown, i) => {
            if (typeof item === 'string') return item;
            if (typeof item === 'number') return numberToString(key, item, prop);
            throw invalid(
              `Invalid value for config key '${key}': array element ${i} must be a string or number, got ${describeKind(item)}`,
            );
          })
          .join(',');
      }
      break;
  }
  throw invalid(
    `Invalid value for config key '${key}': expected a string, number or boolean, got ${describeKind(value)}`,
  );
}

/** Lowercase letters and digits only: `bootstrap_servers`, `BootstrapServers` → `bootstrapservers`. */
function normalize(key: string): string {
  return key.toLowerCase().replace(/[^a-z0-9]/g, '');
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return row[b.length];
}

/** The known camelCase key closest to `key`, if close enough to be a plausible typo. */
function suggestKey(key: string): string | undefined {
  const n = normalize(key);
  if (!n) return undefined;
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of Object.keys(configProperties)) {
    const d = editDistance(n, normalize(candidate));
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return bestDistance <= Math.max(2, Math.floor(n.length / 4)) ? best : undefined;
}

function isSensitive(key: string): boolean {
  if (sensitiveNames.has(key)) return true;
  return hasOwn(configProperties, key) && configProperties[key].sensitive === true;
}

/**
 * Replaces every occurrence in `text` of the value of a sensitive property of `config` (by
 * librdkafka name, e.g. `sasl.password`; camelCase keys work too) with `[redacted]`. Empty values
 * are ignored. Use it on any text built from user input or librdkafka messages before it reaches
 * an error message or a log.
 */
export function redactSecrets(text: string, config: Record<string, string>): string {
  return secretRedactor(config)(text);
}

// Below this length a secret is only redacted where it stands as a token of its own: a
// one-letter `sasl.username` must not turn "Configuration" into "Config[redacted]ration".
const SHORT_SECRET = 8;
const isWordChar = (c: string | undefined): boolean => c !== undefined && /[A-Za-z0-9_]/.test(c);

/**
 * The parts of a structured secret that librdkafka quotes on their own. `sasl.oauthbearer.config`
 * ("principal=… scope=… lifeSeconds=… extension_k=v"): a failed token refresh quotes the config
 * from an unrecognized entry to its end ("Unrecognized sasl.oauthbearer.config beginning at: …"),
 * or one value ("non-integral 'lifeSeconds': …", an extension value), so each entry and each
 * value is a secret of its own.
 */
const secretFragments: Readonly<Record<string, (value: string) => string[]>> = {
  'sasl.oauthbearer.config': (value) =>
    value.split(/\s+/).flatMap((entry) => {
      const eq = entry.indexOf('=');
      return eq > 0 ? [entry, entry.slice(eq + 1)] : [entry];
    }),
};

/**
 * {@link redactSecrets} for one config, prepared once (for text that keeps coming: error
 * events, logs). With no secret in the config it returns the text unchanged at no cost.
 */
export function secretRedactor(config: Record<string, string>): (text: string) => string {
  const found = new Set<string>();
  for (const k of Object.keys(config)) {
    const value = config[k];
    if (!isSensitive(k) || typeof value !== 'string' || value === '') continue;
    found.add(value);
    for (const part of secretFragments[k]?.(value) ?? []) if (part !== '') found.add(part);
  }
  // Longest first, so a secret that contains another is replaced whole.
  const secrets = [...found].sort((a, b) => b.length - a.length);
  if (secrets.length === 0) return (text) => text;
  return (text) => {
    let out = text;
    for (const secret of secrets) {
      if (secret.length >= SHORT_SECRET) {
        out = out.split(secret).join(REDACTED);
        continue;
      }
      let from = 0;
      for (let at = out.indexOf(secret); at >= 0; at = out.indexOf(secret, from)) {
        const end = at + secret.length;
        const standsAlone =
          !(isWordChar(secret[0]) && isWordChar(out[at - 1])) && !(isWordChar(secret[secret.length - 1]) && isWordChar(out[end]));
        if (standsAlone) {
          out = out.slice(0, at) + REDACTED + out.slice(end);
          from = at + REDACTED.length;
        } else {
          from = at + 1;
        }
      }
    }
    return out;
  };
}

/**
 * Names the property a librdkafka configuration error is about as the user wrote it
 * (`lingerMs`, not only librdkafka's `queue.buffering.max.ms` alias target), unless the
 * message already does.
 *
 * @param message - librdkafka's message (trailing whitespace is dropped).
 * @param name - the librdkafka property name the error was raised for.
 * @param userConfig - the config as the user gave it.
 */
export function nameConfigKey(message: string, name: string, userConfig: object, role: ClientRole): string {
  const text = message.trim();
  const userKey =
    Object.keys(userConfig).find((k) => (hasOwn(configProperties, k) ? configProperties[k].name === name : k === name)) ??
    name;
  if (text.includes(`"${userKey}"`) || text.includes(`'${userKey}'`)) return text;
  const alias = userKey === name ? '' : ` (${name})`;
  return `Invalid ${role} config key '${userKey}'${alias}: ${text}`;
}

/**
 * A one-line description of a librdkafka config (`name=value, …`) for `toString()` and logs:
 * values of sensitive properties are shown as `[redacted]`, and any secret that also appears in
 * another value is redacted there too.
 */
export function describeConfig(config: Record<string, string>): string {
  const text = Object.keys(config)
    .map((k) => `${k}=${isSensitive(k) ? REDACTED : config[k]}`)
    .join(', ');
  return redactSecrets(text, config);
}
