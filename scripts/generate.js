#!/usr/bin/env node
'use strict';
/**
 * Generates src/generated/*.gen.ts from the vendored librdkafka tree (and nothing else):
 *
 *   src/generated/config.gen.ts      <- deps/librdkafka/CONFIGURATION.md (+ src/rdkafka_conf.c for
 *                                       the _RK_SENSITIVE flag)
 *   src/generated/error-code.gen.ts  <- deps/librdkafka/src/rdkafka.h (rd_kafka_resp_err_t)
 *   src/generated/statistics.gen.ts  <- deps/librdkafka/STATISTICS.md (the statistics JSON's type)
 *
 * Usage: node scripts/generate.js           write the files that changed
 *        node scripts/generate.js --check   write nothing; exit 1 listing the files that would change
 *
 * All naming policy (the .NET member names of the config enums and of ErrorCode) lives in the
 * tables below, never in the generated output. Output is deterministic: no timestamps, stable order.
 */

const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const RDK = 'deps/librdkafka';
const CONFIGURATION_MD = `${RDK}/CONFIGURATION.md`;
const RDKAFKA_CONF_C = `${RDK}/src/rdkafka_conf.c`;
const RDKAFKA_H = `${RDK}/src/rdkafka.h`;
const OUT_CONFIG = 'src/generated/config.gen.ts';
const OUT_ERRORS = 'src/generated/error-code.gen.ts';
const STATISTICS_MD = `${RDK}/STATISTICS.md`;
const OUT_STATISTICS = 'src/generated/statistics.gen.ts';

class GenerateError extends Error {}

function fail(message) {
  throw new GenerateError(message);
}

function read(rel) {
  return fs.readFileSync(path.join(ROOT, rel), 'utf8');
}

// ---------------------------------------------------------------------------------------------
// Naming policy
// ---------------------------------------------------------------------------------------------

/**
 * The config enums of the .NET client (Config_gen.cs), with .NET's member names and integer values.
 *
 * - `members`: [.NET member name, integer value, librdkafka string]. Each string must still be listed
 *   by CONFIGURATION.md for the property in `valuesFrom`; the generator fails otherwise.
 * - `valuesFrom`: where CONFIGURATION.md lists the values (`range` column, or a regex over the
 *   description for properties librdkafka types as plain strings).
 * - Values CONFIGURATION.md lists that no member maps to are appended after .NET's members (next
 *   integer, PascalCase name, or the name in `names`) unless listed in `ignore`; `closed` enums
 *   (hand-specified like .NET's SaslMechanism and Acks) never grow.
 * - `properties`: the librdkafka properties typed with this enum.
 */
const ENUMS = [
  {
    name: 'Partitioner',
    doc: 'Partitioner used to map a message key to a partition (`partitioner`).',
    properties: ['partitioner'],
    valuesFrom: { property: 'partitioner', description: /`([a-z0-9_]+)` - /g },
    members: [
      ['Random', 0, 'random'],
      ['Consistent', 1, 'consistent'],
      ['ConsistentRandom', 2, 'consistent_random'],
      ['Murmur2', 3, 'murmur2'],
      ['Murmur2Random', 4, 'murmur2_random'],
    ],
    // librdkafka has these, .NET lacks them: appended after .NET's members.
    names: { fnv1a: 'Fnv1a', fnv1a_random: 'Fnv1aRandom' },
  },
  {
    name: 'AutoOffsetReset',
    doc: 'Action to take when there is no initial offset or the offset is out of range (`auto.offset.reset`).',
    properties: ['auto.offset.reset'],
    valuesFrom: { property: 'auto.offset.reset' },
    members: [
      ['Latest', 0, 'latest'],
      ['Earliest', 1, 'earliest'],
      ['Error', 2, 'error'],
    ],
    // librdkafka's synonyms of latest/earliest; .NET limits the enum to Latest/Earliest/Error.
    ignore: ['smallest', 'beginning', 'largest', 'end'],
  },
  {
    name: 'MetadataRecoveryStrategy',
    doc: 'How the client recovers when none of its known brokers is available (`metadata.recovery.strategy`).',
    properties: ['metadata.recovery.strategy'],
    valuesFrom: { property: 'metadata.recovery.strategy' },
    members: [
      ['None', 0, 'none'],
      ['Rebootstrap', 1, 'rebootstrap'],
    ],
  },
  {
    name: 'BrokerAddressFamily',
    doc: 'Allowed broker IP address families (`broker.address.family`).',
    properties: ['broker.address.family'],
    valuesFrom: { property: 'broker.address.family' },
    members: [
      ['Any', 0, 'any'],
      ['V4', 1, 'v4'],
      ['V6', 2, 'v6'],
    ],
  },
  {
    name: 'SecurityProtocol',
    doc: 'Protocol used to communicate with brokers (`security.protocol`).',
    properties: ['security.protocol'],
    valuesFrom: { property: 'security.protocol' },
    members: [
      ['Plaintext', 0, 'plaintext'],
      ['Ssl', 1, 'ssl'],
      ['SaslPlaintext', 2, 'sasl_plaintext'],
      ['SaslSsl', 3, 'sasl_ssl'],
    ],
  },
  {
    name: 'SslEndpointIdentificationAlgorithm',
    doc: 'Endpoint identification algorithm to validate the broker hostname (`ssl.endpoint.identification.algorithm`).',
    properties: ['ssl.endpoint.identification.algorithm'],
    valuesFrom: { property: 'ssl.endpoint.identification.algorithm' },
    members: [
      ['None', 0, 'none'],
      ['Https', 1, 'https'],
    ],
  },
  {
    name: 'SaslOauthbearerMethod',
    doc: 'Login method for OAUTHBEARER (`sasl.oauthbearer.method`).',
    properties: ['sasl.oauthbearer.method'],
    valuesFrom: { property: 'sasl.oauthbearer.method' },
    members: [
      ['Default', 0, 'default'],
      ['Oidc', 1, 'oidc'],
    ],
  },
  {
    name: 'SaslOauthbearerGrantType',
    doc:
      'OAuth grant type used with the identity provider (`sasl.oauthbearer.grant.type`). ' +
      "Unlike .NET's runtime table, each member maps to the string librdkafka expects.",
    properties: ['sasl.oauthbearer.grant.type'],
    valuesFrom: { property: 'sasl.oauthbearer.grant.type' },
    members: [
      ['ClientCredentials', 0, 'client_credentials'],
      ['JwtBearer', 1, 'urn:ietf:params:oauth:grant-type:jwt-bearer'],
    ],
  },
  {
    name: 'SaslOauthbearerAssertionAlgorithm',
    doc: 'Algorithm used to sign the JWT assertion (`sasl.oauthbearer.assertion.algorithm`).',
    properties: ['sasl.oauthbearer.assertion.algorithm'],
    valuesFrom: { property: 'sasl.oauthbearer.assertion.algorithm' },
    members: [
      ['RS256', 0, 'RS256'],
      ['ES256', 1, 'ES256'],
    ],
  },
  {
    name: 'SaslOauthbearerMetadataAuthenticationType',
    doc: 'Metadata-based authentication type for OAUTHBEARER (`sasl.oauthbearer.metadata.authentication.type`).',
    properties: ['sasl.oauthbearer.metadata.authentication.type'],
    valuesFrom: { property: 'sasl.oauthbearer.metadata.authentication.type' },
    members: [
      ['None', 0, 'none'],
      ['AzureIMDS', 1, 'azure_imds'],
      ['AwsIam', 2, 'aws_iam'],
    ],
  },
  {
    name: 'PartitionAssignmentStrategy',
    doc: 'Partition assignment strategy of the classic consumer group protocol (`partition.assignment.strategy`).',
    properties: ['partition.assignment.strategy'],
    valuesFrom: { property: 'partition.assignment.strategy', description: /Available strategies: ([^.]+)\./ },
    members: [
      ['Range', 0, 'range'],
      ['RoundRobin', 1, 'roundrobin'],
      ['CooperativeSticky', 2, 'cooperative-sticky'],
    ],
  },
  {
    name: 'GroupProtocol',
    doc: 'Consumer group protocol (`group.protocol`).',
    properties: ['group.protocol'],
    valuesFrom: { property: 'group.protocol' },
    members: [
      ['Classic', 0, 'classic'],
      ['Consumer', 1, 'consumer'],
    ],
  },
  {
    name: 'IsolationLevel',
    doc: 'How transactionally written messages are read (`isolation.level`).',
    properties: ['isolation.level'],
    valuesFrom: { property: 'isolation.level' },
    members: [
      ['ReadUncommitted', 0, 'read_uncommitted'],
      ['ReadCommitted', 1, 'read_committed'],
    ],
  },
  {
    name: 'CompressionType',
    doc: 'Compression codec for message sets (`compression.type` / `compression.codec`).',
    properties: ['compression.codec', 'compression.type'],
    valuesFrom: { property: 'compression.codec' },
    members: [
      ['None', 0, 'none'],
      ['Gzip', 1, 'gzip'],
      ['Snappy', 2, 'snappy'],
      ['Lz4', 3, 'lz4'],
      ['Zstd', 4, 'zstd'],
    ],
  },
  {
    name: 'ClientDnsLookup',
    doc: 'How the client uses DNS lookups (`client.dns.lookup`).',
    properties: ['client.dns.lookup'],
    valuesFrom: { property: 'client.dns.lookup' },
    members: [
      ['UseAllDnsIps', 0, 'use_all_dns_ips'],
      ['ResolveCanonicalBootstrapServersOnly', 1, 'resolve_canonical_bootstrap_servers_only'],
    ],
  },
  {
    // Hand-specified like .NET's (librdkafka types sasl.mechanisms as a plain string); checked
    // against the "Supported: ..." list of the description.
    name: 'SaslMechanism',
    doc: 'SASL mechanism used for authentication (`sasl.mechanism` / `sasl.mechanisms`).',
    properties: ['sasl.mechanisms', 'sasl.mechanism'],
    valuesFrom: { property: 'sasl.mechanisms', description: /Supported: ([^.]+)\./ },
    closed: true,
    members: [
      ['Gssapi', 0, 'GSSAPI'],
      ['Plain', 1, 'PLAIN'],
      ['ScramSha256', 2, 'SCRAM-SHA-256'],
      ['ScramSha512', 3, 'SCRAM-SHA-512'],
      ['OAuthBearer', 4, 'OAUTHBEARER'],
    ],
  },
  {
    // Hand-specified like .NET's: any other integer (number of acks) is passed through as is.
    name: 'Acks',
    doc:
      'Number of acknowledgements the leader must receive before answering a produce request ' +
      '(`acks` / `request.required.acks`). Any other integer in range is accepted too.',
    properties: ['request.required.acks', 'acks'],
    valuesFrom: null,
    closed: true,
    openInteger: true,
    members: [
      ['None', 0, '0'],
      ['Leader', 1, '1'],
      ['All', -1, '-1'],
    ],
    memberDocs: {
      None: 'The broker does not send any response/ack to the client.',
      Leader: 'Only the leader broker acknowledges the message.',
      All: 'All in-sync replicas acknowledge the message.',
    },
  },
];

/**
 * Of each alias pair one name is preferred and the other keeps its typed key marked `@deprecated`.
 * The preferred name is librdkafka's canonical one, except for these aliases, which are the names
 * the .NET client (and the Java client's vocabulary) uses and API.md promises.
 */
const PREFERRED_ALIASES = new Set([
  'bootstrap.servers',
  'max.in.flight',
  'max.partition.fetch.bytes',
  'linger.ms',
  'compression.type',
  'acks',
  'sasl.mechanism',
]);

/**
 * ErrorCode members whose .NET name does not follow the general rule (strip RD_KAFKA_RESP_ERR_,
 * local codes get `Local_` + PascalCase, broker codes PascalCase). Keys are the librdkafka name
 * without the RD_KAFKA_RESP_ERR_ prefix, spelled as rd_kafka_get_err_descs() reports it.
 * Source: confluentinc/confluent-kafka-dotnet src/Confluent.Kafka/ErrorCode.cs.
 */
const ERROR_NAME_EXCEPTIONS = {
  _PARTITION_EOF: 'Local_PartitionEOF',
  _FS: 'Local_FS',
  _NOENT: 'Local_NoEnt',
  COORDINATOR_LOAD_IN_PROGRESS: 'GroupLoadInProgress',
  COORDINATOR_NOT_AVAILABLE: 'GroupCoordinatorNotAvailable',
  NOT_COORDINATOR: 'NotCoordinatorForGroup',
};

/** Extra .NET members that duplicate a value (kept for source compatibility, deprecated). */
const ERROR_ALIASES = [
  { name: 'GroupLoadInProress', of: 'GroupLoadInProgress', doc: 'Misspelled .NET name kept for compatibility.' },
];

/** Sentinels of rd_kafka_resp_err_t that are not error codes. */
const ERROR_SENTINELS = new Set(['_BEGIN', '_END', 'END_ALL']);

/** librdkafka error name (without RD_KAFKA_RESP_ERR_, e.g. `_MSG_TIMED_OUT`) → .NET ErrorCode name. */
function errorCodeName(rdName) {
  if (Object.prototype.hasOwnProperty.call(ERROR_NAME_EXCEPTIONS, rdName)) return ERROR_NAME_EXCEPTIONS[rdName];
  const local = rdName.startsWith('_');
  const pascal = rdName
    .split('_')
    .filter(Boolean)
    .map((w) => w[0].toUpperCase() + w.slice(1).toLowerCase())
    .join('');
  return local ? `Local_${pascal}` : pascal;
}

/** Dotted (or underscored) librdkafka property name → camelCase key. */
function camelCaseKey(name) {
  const parts = name.split(/[._-]/).filter(Boolean);
  return parts.map((p, i) => (i === 0 ? p.toLowerCase() : p[0].toUpperCase() + p.slice(1).toLowerCase())).join('');
}

/** General enum member naming for values .NET does not have: `fnv1a_random` → `Fnv1aRandom`. */
function pascalCase(value) {
  return value
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0].toUpperCase() + w.slice(1).toLowerCase())
    .join('');
}

// ---------------------------------------------------------------------------------------------
// Parsing
// ---------------------------------------------------------------------------------------------

const TYPE_MAP = {
  string: 'string',
  integer: 'integer',
  float: 'float',
  boolean: 'boolean',
  'enum value': 'enum',
  'CSV flags': 'csv',
  'pattern list': 'pattern',
  'see dedicated API': 'pointer',
};

/** Parses the two property tables of CONFIGURATION.md. Returns rows in file order. */
function parseConfigurationMd(text) {
  const rows = [];
  let section = null;
  for (const line of text.split(/\r?\n/)) {
    if (/^## Global configuration properties/.test(line)) section = 'global';
    else if (/^## Topic configuration properties/.test(line)) section = 'topic';
    if (!section || !line.includes('|')) continue;
    if (/^Property\s*\|/.test(line) || /^-+\|/.test(line)) continue;
    const cells = line.split(/(?<!\\)\|/).map((c) => c.replace(/\\\|/g, '|').trim());
    if (cells.length < 6) fail(`${CONFIGURATION_MD}: cannot parse table row: ${line}`);
    const [name, cp, range, def, importance] = cells;
    let description = cells.slice(5).join('|');
    const m = /\s*<br>\*Type: ([^*]+)\*$/.exec(description);
    if (!m) fail(`${CONFIGURATION_MD}: no "<br>*Type: ...*" suffix for ${name}`);
    description = description.slice(0, m.index).trim();
    const rdType = m[1].trim();
    const type = TYPE_MAP[rdType];
    if (!type) fail(`${CONFIGURATION_MD}: unknown type "${rdType}" for ${name}`);
    if (!['*', 'P', 'C'].includes(cp)) fail(`${CONFIGURATION_MD}: unknown C/P "${cp}" for ${name}`);
    const alias = /^(?:\*\*DEPRECATED\*\* )?Alias for `([^`]+)`/.exec(description);
    rows.push({
      name,
      role: cp,
      range,
      default: def,
      importance,
      description,
      type,
      topic: section === 'topic',
      aliasOf: alias ? alias[1] : undefined,
      deprecated: /\*\*DEPRECATED\*\*/.test(description),
    });
  }
  if (!rows.some((r) => r.topic)) fail(`${CONFIGURATION_MD}: "Topic configuration properties" table not found`);
  return rows;
}

/** Names of properties carrying _RK_SENSITIVE in rdkafka_conf.c's property table. */
function parseSensitive(text) {
  const re = /\{\s*(_RK_[A-Z_]+(?:\s*\|\s*_RK_[A-Z_]+)*)\s*,\s*"([^"]+)"/g;
  const names = new Set();
  let m;
  while ((m = re.exec(text))) {
    if (/\b_RK_SENSITIVE\b/.test(m[1])) names.add(m[2]);
  }
  if (!names.has('sasl.password')) fail(`${RDKAFKA_CONF_C}: no _RK_SENSITIVE properties found (sasl.password expected)`);
  return names;
}

/** The rd_kafka_resp_err_t enum of rdkafka.h: [{ rdName, value, comment }] in header order. */
function parseErrorCodes(text) {
  const end = text.indexOf('} rd_kafka_resp_err_t;');
  if (end < 0) fail(`${RDKAFKA_H}: rd_kafka_resp_err_t not found`);
  const start = text.lastIndexOf('typedef enum {', end);
  const body = text.slice(start + 'typedef enum {'.length, end);
  const lines = body.split('\n');
  const codes = [];
  let pending;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line.startsWith('/**')) {
      let comment = line;
      while (!comment.includes('*/')) comment += '\n' + lines[++i].trim();
      pending = comment
        .replace(/^\/\*\*/, '')
        .replace(/\*\/$/, '')
        .split('\n')
        .map((l) => l.replace(/^\*\s?/, '').trim())
        .filter(Boolean)
        .join(' ')
        .trim();
      continue;
    }
    if (line.startsWith('/*')) {
      while (!lines[i].includes('*/')) i++;
      continue;
    }
    if (line.startsWith('#')) {
      // A #define alias (e.g. NOT_LEADER_OR_FOLLOWER); skip its continuation lines. Its comment
      // stays pending: it describes the next code when that code has no comment of its own.
      while (lines[i].trimEnd().endsWith('\\')) i++;
      continue;
    }
    const m = /^RD_KAFKA_RESP_ERR_(\w+)\s*(?:=\s*(-?\d+))?\s*,?$/.exec(line);
    if (m) {
      const rdName = m[1];
      if (!ERROR_SENTINELS.has(rdName)) {
        if (m[2] === undefined) fail(`${RDKAFKA_H}: RD_KAFKA_RESP_ERR_${rdName} has no explicit value`);
        codes.push({ rdName, value: Number(m[2]), comment: pending || '' });
      }
      pending = undefined;
      continue;
    }
    if (line) fail(`${RDKAFKA_H}: unexpected line in rd_kafka_resp_err_t: ${line}`);
  }
  if (codes.length < 100) fail(`${RDKAFKA_H}: only ${codes.length} error codes parsed`);
  return codes;
}

function parseVersion(text) {
  const m = /#define RD_KAFKA_VERSION\s+0x([0-9a-fA-F]{8})/.exec(text);
  if (!m) fail(`${RDKAFKA_H}: RD_KAFKA_VERSION not found`);
  const v = parseInt(m[1], 16);
  return `${(v >>> 24) & 0xff}.${(v >>> 16) & 0xff}.${(v >>> 8) & 0xff}`;
}

// ---------------------------------------------------------------------------------------------
// Model
// ---------------------------------------------------------------------------------------------

function splitList(s) {
  return s
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);
}

/** Resolves ENUMS against CONFIGURATION.md: final member list per enum; fails on vanished values. */
function buildEnums(rows) {
  const byName = new Map();
  for (const r of rows) if (!byName.has(r.name)) byName.set(r.name, r); // the global row wins over the topic one
  return ENUMS.map((spec) => {
    const members = spec.members.map(([name, value, str]) => ({ name, value, str }));
    if (spec.valuesFrom) {
      const row = byName.get(spec.valuesFrom.property);
      if (!row) fail(`${CONFIGURATION_MD}: property ${spec.valuesFrom.property} (enum ${spec.name}) not found`);
      let listed;
      const re = spec.valuesFrom.description;
      if (!re) {
        if (row.type !== 'enum') fail(`${CONFIGURATION_MD}: ${row.name} is no longer an enum value (enum ${spec.name})`);
        listed = splitList(row.range);
      } else if (re.global) {
        listed = [...row.description.matchAll(re)].map((m) => m[1]);
      } else {
        const m = re.exec(row.description);
        listed = m ? splitList(m[1]) : [];
      }
      if (listed.length === 0) fail(`${CONFIGURATION_MD}: no values found for ${row.name} (enum ${spec.name})`);
      for (const m of members) {
        if (!listed.includes(m.str)) {
          fail(
            `${CONFIGURATION_MD} no longer lists "${m.str}" for ${row.name}, ` +
              `but ${spec.name}.${m.name} maps to it (listed: ${listed.join(', ')})`,
          );
        }
      }
      if (!spec.closed) {
        let next = Math.max(...members.map((m) => m.value)) + 1;
        for (const str of listed) {
          if (members.some((m) => m.str === str) || (spec.ignore || []).includes(str)) continue;
          const name = (spec.names && spec.names[str]) || pascalCase(str);
          if (!/^[A-Za-z_]\w*$/.test(name) || members.some((m) => m.name === name)) {
            fail(`enum ${spec.name}: cannot derive a member name for "${str}"; add it to the naming table`);
          }
          members.push({ name, value: next++, str });
        }
      }
    }
    for (const p of spec.properties) {
      if (!byName.has(p)) fail(`${CONFIGURATION_MD}: property ${p} (enum ${spec.name}) not found`);
    }
    return { ...spec, members };
  });
}

function buildProperties(rows, enums, sensitive) {
  const enumOf = new Map();
  for (const e of enums) for (const p of e.properties) enumOf.set(p, e);
  const seen = new Map();
  const props = [];
  for (const r of rows) {
    if (r.type === 'pointer') continue;
    if (seen.has(r.name)) continue; // topic-level duplicate of a global property: global wins
    const key = camelCaseKey(r.name);
    const e = enumOf.get(r.name);
    const p = { ...r, key, enum: e };
    if (e && !e.openInteger) p.type = 'enum';
    p.sensitive = sensitive.has(r.name);
    seen.set(r.name, p);
    props.push(p);
  }
  const keys = new Map();
  for (const p of props) {
    if (keys.has(p.key)) fail(`camelCase key ${p.key} collides: ${keys.get(p.key).name} and ${p.name}`);
    keys.set(p.key, p);
  }
  for (const p of props) {
    if (!p.aliasOf) continue;
    const target = seen.get(p.aliasOf);
    if (!target) fail(`${CONFIGURATION_MD}: ${p.name} is an alias of unknown property ${p.aliasOf}`);
    // An alias of a secret is a secret.
    if (target.sensitive) p.sensitive = true;
    if (PREFERRED_ALIASES.has(p.name)) target.supersededBy = p.name;
    else p.supersededBy = target.name;
  }
  for (const name of PREFERRED_ALIASES) {
    const p = seen.get(name);
    if (!p || !p.aliasOf) fail(`PREFERRED_ALIASES: ${name} is not an alias in ${CONFIGURATION_MD}`);
  }
  return props;
}

// ---------------------------------------------------------------------------------------------
// Emitting
// ---------------------------------------------------------------------------------------------

function q(s) {
  return `'${String(s).replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n')}'`;
}

function docText(s) {
  return s
    .replace(/<br>/g, ' ')
    .replace(/\*\//g, '*\\/')
    .replace(/@/g, '\\@')
    .replace(/\s+/g, ' ')
    .trim();
}

function wrap(text, width) {
  const out = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + 1 + word.length > width) {
      out.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) out.push(line);
  return out;
}

/** A TSDoc block: paragraphs (wrapped) and tag lines (not wrapped). */
function docBlock(indent, paragraphs, tags = []) {
  const lines = [];
  paragraphs.filter(Boolean).forEach((p, i) => {
    if (i > 0) lines.push('');
    lines.push(...wrap(p, 96 - indent.length));
  });
  for (const t of tags) lines.push(t);
  if (lines.length === 1) return `${indent}/** ${lines[0]} */\n`;
  return `${indent}/**\n${lines.map((l) => (l ? `${indent} * ${l}` : `${indent} *`)).join('\n')}\n${indent} */\n`;
}

function header(sources, version) {
  return (
    `// Generated by scripts/generate.js from ${sources.join(' and ')} (librdkafka ${version}).\n` +
    `// Do not edit by hand: change the generator (or the vendored tree) and run \`npm run generate\`.\n` +
    `/* eslint-disable */\n\n`
  );
}

function tsType(p) {
  if (p.name === 'partition.assignment.strategy') return `${p.enum.name} | ${p.enum.name}[] | string`;
  if (p.enum) return p.enum.openInteger ? `${p.enum.name} | number` : p.enum.name;
  switch (p.type) {
    case 'integer':
    case 'float':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'enum':
      return splitList(p.range)
        .map((v) => q(v))
        .join(' | ');
    default:
      return 'string';
  }
}

function propertyDoc(p) {
  const paragraphs = [docText(p.description)];
  const facts = [`librdkafka: \`${p.name}\``];
  if (p.range) facts.push(p.type === 'enum' || p.type === 'csv' || p.type === 'boolean' ? `values: \`${p.range}\`` : `range: \`${p.range}\``);
  facts.push(`importance: ${p.importance}`);
  if (p.topic) facts.push('topic-level property (applies to every topic)');
  if (p.sensitive) facts.push('sensitive (redacted in logs and errors)');
  paragraphs.push(docText(facts.join(' · ') + '.'));
  const tags = [`@defaultValue ${p.default ? `\`${docText(p.default).replace(/`/g, "'")}\`` : '_(unset)_'}`];
  if (p.supersededBy) {
    const k = camelCaseKey(p.supersededBy);
    const dotted = k === p.supersededBy ? '' : ` (\`${p.supersededBy}\`)`;
    tags.push(`@deprecated Use \`${k}\`${dotted}, of which this is an alias.`);
  } else if (p.deprecated) tags.push('@deprecated Deprecated by librdkafka.');
  return docBlock('  ', paragraphs, tags);
}

const INDEX_SIGNATURE =
  '  /**\n' +
  '   * Any librdkafka property by its raw dotted name (`\'linger.ms\': 5`), including properties\n' +
  '   * newer than this typing. Values are passed to librdkafka as strings; it validates them.\n' +
  '   */\n' +
  '  [dottedKey: `${string}.${string}`]: string | number | boolean | undefined;\n';

function emitConfig(rows, enums, props, version) {
  let out = header([CONFIGURATION_MD, RDKAFKA_CONF_C], version);

  for (const e of enums) {
    out += docBlock('', [e.doc]);
    out += `export enum ${e.name} {\n`;
    for (const m of e.members) {
      const memberDoc = (e.memberDocs && e.memberDocs[m.name]) || `librdkafka value \`${m.str}\`.`;
      out += docBlock('  ', [memberDoc]);
      out += `  ${m.name} = ${m.value},\n`;
    }
    out += '}\n\n';
    out += docBlock('', [`The librdkafka string each {@link ${e.name}} member is sent as.`]);
    out += `export const ${e.name}Values: Readonly<Record<${e.name}, string>> = Object.freeze({\n`;
    for (const m of e.members) out += `  [${e.name}.${m.name}]: ${q(m.str)},\n`;
    out += '});\n\n';
  }

  const groups = [
    ['ClientConfig', null, '*', 'Configuration common to producers, consumers and admin clients.'],
    ['ProducerConfig', 'ClientConfig', 'P', 'Producer configuration.'],
    ['ConsumerConfig', 'ClientConfig', 'C', 'Consumer configuration.'],
  ];
  for (const [name, base, role, doc] of groups) {
    out += docBlock('', [
      doc,
      'Keys are librdkafka property names in camelCase (`bootstrap.servers` → `bootstrapServers`); raw ' +
        'dotted names are accepted too. Unset (`undefined`) keys keep librdkafka\'s default.',
    ]);
    out += `export interface ${name}${base ? ` extends ${base}` : ''} {\n`;
    if (!base) out += INDEX_SIGNATURE + '\n';
    const members = props.filter((p) => p.role === role);
    members.forEach((p, i) => {
      if (i > 0) out += '\n';
      out += propertyDoc(p);
      out += `  ${p.key}?: ${tsType(p)};\n`;
    });
    out += '}\n\n';
  }
  out += docBlock('', ['Admin client configuration: the common properties only.']);
  out += 'export interface AdminClientConfig extends ClientConfig {}\n\n';

  out += docBlock('', ['Runtime description of one librdkafka configuration property.']);
  out +=
    'export interface ConfigProperty {\n' +
    '  /** librdkafka property name. */\n' +
    '  readonly name: string;\n' +
    "  /** `enum`: a fixed set of strings; with {@link ConfigProperty.values} numbers map through it. */\n" +
    "  readonly type: 'string' | 'integer' | 'float' | 'boolean' | 'enum' | 'csv' | 'pattern';\n" +
    '  /** `*` both, `P` producer, `C` consumer. */\n' +
    "  readonly role: '*' | 'P' | 'C';\n" +
    '  /** A topic-level property (set on the default topic configuration). */\n' +
    '  readonly topic: boolean;\n' +
    '  /** Enum member value → librdkafka string. */\n' +
    '  readonly values?: Readonly<Record<number, string>>;\n' +
    '  /** The value is a secret: never log it or put it in an error message. */\n' +
    '  readonly sensitive?: true;\n' +
    '  /** The librdkafka property this one is an alias of. */\n' +
    '  readonly aliasOf?: string;\n' +
    '  /** Deprecated by librdkafka, or the non-preferred name of an alias pair. */\n' +
    '  readonly deprecated?: true;\n' +
    '}\n\n';

  out += docBlock('', [
    'Every non-pointer property of CONFIGURATION.md, by camelCase key. A property listed both ' +
      'globally and per topic appears once, as the global one.',
  ]);
  out += 'export const configProperties: Readonly<Record<string, ConfigProperty>> = Object.freeze({\n';
  for (const p of props) {
    const fields = [`name: ${q(p.name)}`, `type: ${q(p.type)}`, `role: ${q(p.role)}`, `topic: ${p.topic}`];
    if (p.enum) fields.push(`values: ${p.enum.name}Values`);
    if (p.sensitive) fields.push('sensitive: true');
    if (p.aliasOf) fields.push(`aliasOf: ${q(p.aliasOf)}`);
    if (p.deprecated || p.supersededBy) fields.push('deprecated: true');
    out += `  ${p.key}: { ${fields.join(', ')} },\n`;
  }
  out += '});\n';
  return out;
}

function emitErrorCodes(codes, version) {
  let out = header([RDKAFKA_H], version);
  out += docBlock('', [
    'Local (librdkafka, negative below -1) and broker (positive) error codes: every value of ' +
      "librdkafka's `rd_kafka_resp_err_t`, spelled as in the .NET client's `ErrorCode`.",
  ]);
  out += 'export enum ErrorCode {\n';
  const names = new Map();
  const aliasesFor = new Map(ERROR_ALIASES.map((a) => [a.of, a]));
  codes.forEach((c, i) => {
    const name = errorCodeName(c.rdName);
    if (names.has(name)) fail(`ErrorCode name ${name} derived twice (${names.get(name)} and ${c.rdName})`);
    names.set(name, c.rdName);
    if (i > 0) out += '\n';
    const alias = aliasesFor.get(name);
    if (alias) {
      // Declared before the real name so that the reverse mapping ErrorCode[value] gives the real one.
      out += docBlock('  ', [`${docText(c.comment)}`], [`@deprecated ${alias.doc} Use {@link ErrorCode.${name}}.`]);
      out += `  ${alias.name} = ${c.value},\n`;
    }
    out += docBlock('  ', [`${docText(c.comment || c.rdName)} (\`RD_KAFKA_RESP_ERR_${c.rdName}\`)`]);
    out += `  ${name} = ${c.value},\n`;
  });
  for (const a of ERROR_ALIASES) if (!names.has(a.of)) fail(`ERROR_ALIASES: ${a.of} is not an ErrorCode member`);
  out += '}\n';
  return out;
}

// ---------------------------------------------------------------------------------------------
// Statistics (STATISTICS.md -> statistics.gen.ts)
// ---------------------------------------------------------------------------------------------

/**
 * Naming policy for the statistics JSON: STATISTICS.md section → TypeScript interface name. A
 * section the doc adds that is not listed here fails the generator (name it here).
 */
const STATS_SECTIONS = {
  'Top-level': 'Statistics',
  brokers: 'BrokerStatistics',
  'Window stats': 'WindowStatistics',
  'brokers.toppars': 'BrokerTopicPartitionStatistics',
  topics: 'TopicStatistics',
  partitions: 'PartitionStatistics',
  cgrp: 'ConsumerGroupStatistics',
  eos: 'EosStatistics',
};

/** `object` fields whose description names no section: their value type, by `section.field`. */
const STATS_OBJECT_FIELDS = {
  'brokers.req': { dictOf: 'number' },
};

/**
 * Fields rdkafka.c (rd_kafka_stats_emit_all) emits that STATISTICS.md does not document. Kept
 * small and checked by the statistics integration test against a real emit.
 */
const STATS_EXTRA_SECTIONS = [
  {
    section: 'fatal',
    doc: 'Present once the client raised a fatal error (emitted by rdkafka.c, not documented in STATISTICS.md).',
    fields: [
      { name: 'error', type: 'string', description: 'The fatal error code, as librdkafka names it (rd_kafka_err2str)' },
      { name: 'reason', type: 'string', description: 'The fatal error message' },
      { name: 'cnt', type: 'int', description: 'Number of fatal errors raised (only the first one is kept)' },
    ],
  },
];
STATS_SECTIONS.fatal = 'FatalErrorStatistics';
const STATS_EXTRA_FIELDS = {
  'Top-level': [
    {
      name: 'fatal',
      type: 'object',
      description: 'The first fatal error, present only after one was raised. See *fatal*',
      optional: true,
      undocumented: true,
    },
  ],
  partitions: [
    {
      name: 'commited_offset',
      type: 'int gauge',
      description: 'Misspelled duplicate of committed_offset that librdkafka still emits (its issue #80)',
      deprecated: 'Use `committed_offset`.',
      undocumented: true,
    },
  ],
};

const STATS_KINDS = { string: 'string', int: 'int', 'int gauge': 'int gauge', object: 'object', bool: 'bool' };

/** The sections of STATISTICS.md with their tables, in file order. */
function parseStatisticsMd(text) {
  const general = /## General structure[\s\S]*?```([\s\S]*?)```/.exec(text);
  if (!general) fail(`${STATISTICS_MD}: "General structure" block not found`);
  // `[, "cgrp": { ... } ]` in the structure block: a top-level object that is not always present.
  const optionalTop = new Set([...general[1].matchAll(/\[,\s*"(\w+)"/g)].map((m) => m[1]));
  if (!optionalTop.has('cgrp')) fail(`${STATISTICS_MD}: optional "cgrp" not found in the General structure block`);
  const body = text.slice(0, text.search(/^# Example output/m) >>> 0 || text.length);
  const sections = [];
  let cur = null;
  for (const line of body.split(/\r?\n/)) {
    const h = /^## (.+?)\s*$/.exec(line);
    if (h) {
      cur = { section: h[1], intro: [], fields: [], inTable: false };
      sections.push(cur);
      continue;
    }
    if (!cur) continue;
    if (/^Field\s*\|/.test(line)) {
      cur.inTable = true;
      continue;
    }
    if (cur.inTable && /^-+\s*\|/.test(line)) continue;
    if (cur.inTable && line.includes('|')) {
      const cells = line.split('|').map((c) => c.trim());
      if (cells.length < 4) fail(`${STATISTICS_MD}: cannot parse row in "${cur.section}": ${line}`);
      const [name, type, example] = cells;
      const description = cells.slice(3).join('|').trim();
      if (!/^\w+$/.test(name)) fail(`${STATISTICS_MD}: bad field name "${name}" in "${cur.section}"`);
      if (!STATS_KINDS[type]) fail(`${STATISTICS_MD}: unknown type "${type}" for ${cur.section}.${name}`);
      cur.fields.push({ name, type, example: example.replace(/^`|`$/g, '').replace(/^"(.*)"$/, '"$1"'), description });
      continue;
    }
    if (cur.inTable && !line.trim()) {
      cur.inTable = false;
      continue;
    }
    if (!cur.inTable && cur.fields.length === 0 && line.trim()) cur.intro.push(line.trim());
  }
  const tables = sections.filter((s) => s.fields.length > 0);
  for (const s of tables) if (!STATS_SECTIONS[s.section]) fail(`${STATISTICS_MD}: section "${s.section}" has no interface name in STATS_SECTIONS`);
  for (const name of Object.keys(STATS_SECTIONS)) {
    if (!tables.some((s) => s.section === name) && !STATS_EXTRA_SECTIONS.some((x) => x.section === name)) {
      fail(`${STATISTICS_MD}: section "${name}" (STATS_SECTIONS) not found`);
    }
  }
  return { sections: tables, optionalTop };
}

/** Resolves each field's value type; `object` fields through "See **section**" or STATS_OBJECT_FIELDS. */
function buildStatistics({ sections, optionalTop }) {
  const all = [
    ...sections.map((s) => ({ ...s, doc: s.intro.join(' ') })),
    ...STATS_EXTRA_SECTIONS.map((x) => ({ ...x, intro: [], undocumented: true })),
  ];
  const names = new Set(all.map((s) => s.section));
  for (const s of all) {
    s.typeName = STATS_SECTIONS[s.section];
    s.fields = [...s.fields, ...(STATS_EXTRA_FIELDS[s.section] || [])];
    const seen = new Set();
    for (const f of s.fields) {
      if (seen.has(f.name)) fail(`${STATISTICS_MD}: ${s.section}.${f.name} listed twice`);
      seen.add(f.name);
      if (s.section === 'Top-level' && optionalTop.has(f.name)) f.optional = true;
      if (f.type !== 'object') continue;
      const override = STATS_OBJECT_FIELDS[`${s.section}.${f.name}`];
      if (override) {
        f.dictOf = override.dictOf;
        continue;
      }
      const see = /See \*{1,2}([^*]+?)\*{1,2}/.exec(f.description);
      if (!see) fail(`${STATISTICS_MD}: object field ${s.section}.${f.name} names no section ("See ...") and is not in STATS_OBJECT_FIELDS`);
      if (!names.has(see[1])) fail(`${STATISTICS_MD}: ${s.section}.${f.name} refers to unknown section "${see[1]}"`);
      f.ref = see[1];
      // "Dict of brokers, key is ...", "Partitions dict, key is partition id", "Key is "topic-partition"".
      f.dict = /\bdict\b|\bkey is\b/i.test(f.description);
    }
  }
  for (const name of optionalTop) {
    const top = all.find((s) => s.section === 'Top-level');
    if (!top.fields.some((f) => f.name === name)) fail(`${STATISTICS_MD}: optional top-level "${name}" has no row`);
  }
  // Order: the top level first, then in order of reference, so the file reads top-down.
  const order = [];
  const visit = (section) => {
    if (order.includes(section)) return;
    order.push(section);
    for (const f of all.find((s) => s.section === section).fields) if (f.ref) visit(f.ref);
  };
  visit('Top-level');
  for (const s of all) if (!order.includes(s.section)) fail(`${STATISTICS_MD}: section "${s.section}" is not reachable from the top level`);
  return order.map((n) => all.find((s) => s.section === n));
}

function statsTsType(f, byName) {
  switch (f.type) {
    case 'string':
      return 'string';
    case 'bool':
      return 'boolean';
    case 'int':
    case 'int gauge':
      return 'number';
    default: {
      const inner = f.dictOf || byName.get(f.ref).typeName;
      return f.dict || f.dictOf ? `Record<string, ${inner}>` : inner;
    }
  }
}

function statsFieldDoc(s, f) {
  let d = docText(f.description.replace(/\s*See \*{1,2}[^*]+?\*{1,2}( below)?[.·]?\s*$/, '').replace(/·/g, ''));
  if (d && !/[.)]$/.test(d)) d += '.';
  // docText escapes `@`, so the {@link} is added after it.
  const facts = [`\`${f.type}\``];
  if (f.example) facts.push(docText(`e.g. \`${f.example.replace(/`/g, '')}\``));
  if (f.ref) facts.push(`${f.dict ? 'keyed by name, ' : ''}see {@link ${STATS_SECTIONS[f.ref]}}`);
  if (f.optional) facts.push('absent when not applicable');
  if (f.undocumented) facts.push('emitted by librdkafka but not in STATISTICS.md');
  const tags = f.deprecated ? [`@deprecated ${f.deprecated}`] : [];
  return docBlock('  ', [d, facts.join(' · ') + '.'], tags);
}

function emitStatistics(stats, version) {
  const byName = new Map(stats.map((s) => [s.section, s]));
  let out = header([STATISTICS_MD], version);
  for (const s of stats) {
    const intro =
      s.section === 'Top-level'
        ? "librdkafka's statistics, as emitted every `statisticsIntervalMs` (the parsed JSON). " +
          'Sizes are in bytes unless noted; the values may not be consistent between brokers, ' +
          'partitions and totals (librdkafka gathers them asynchronously). Field types as STATISTICS.md ' +
          'names them: `int` a 64-bit integer (counters ever increasing), `int gauge` a 64-bit gauge, ' +
          '`bool`, `string`, `object` a nested object.'
        : s.doc || `The \`${s.section}\` object of the statistics.`;
    const from = s.undocumented ? 'Not in STATISTICS.md: from rdkafka.c.' : `STATISTICS.md section "${s.section}".`;
    out += docBlock('', [docText(intro), from]);
    out += `export interface ${s.typeName} {\n`;
    s.fields.forEach((f, i) => {
      if (i > 0) out += '\n';
      out += statsFieldDoc(s, f);
      out += `  ${f.name}${f.optional ? '?' : ''}: ${statsTsType(f, byName)};\n`;
    });
    out += '}\n\n';
  }
  out += docBlock('', ['Names of the statistics interfaces (keys of {@link statisticsFields}).']);
  out += `export type StatisticsTypeName = ${stats.map((s) => q(s.typeName)).join(' | ')};\n\n`;
  out += docBlock('', [
    'How one statistics field is typed: `kind` is STATISTICS.md\'s type (`int` counters and ids, ' +
      '`int gauge` values reset at each emit), `of` the interface (or `number`) an `object` holds, ' +
      '`dict` when it is keyed by name.',
  ]);
  out +=
    'export interface StatisticsField {\n' +
    "  readonly kind: 'string' | 'int' | 'int gauge' | 'bool' | 'object';\n" +
    "  readonly of?: StatisticsTypeName | 'number';\n" +
    '  readonly dict?: true;\n' +
    '  readonly optional?: true;\n' +
    '  readonly deprecated?: true;\n' +
    '}\n\n';
  out += docBlock('', [
    'Runtime description of every statistics field, per interface (for exporters that need to ' +
      'tell counters from gauges, and for tests that check a real emit against the type).',
  ]);
  out += 'export const statisticsFields: Readonly<Record<StatisticsTypeName, Readonly<Record<string, StatisticsField>>>> = Object.freeze({\n';
  for (const s of stats) {
    out += `  ${s.typeName}: Object.freeze<Record<string, StatisticsField>>({\n`;
    for (const f of s.fields) {
      const parts = [`kind: ${q(f.type)}`];
      if (f.ref) parts.push(`of: ${q(STATS_SECTIONS[f.ref])}`);
      if (f.dictOf) parts.push(`of: ${q(f.dictOf)}`);
      if (f.dict || f.dictOf) parts.push('dict: true');
      if (f.optional) parts.push('optional: true');
      if (f.deprecated) parts.push('deprecated: true');
      out += `    ${f.name}: { ${parts.join(', ')} },\n`;
    }
    out += '  }),\n';
  }
  out += '});\n';
  return out;
}

function generate() {
  const confMd = read(CONFIGURATION_MD);
  const confC = read(RDKAFKA_CONF_C);
  const rdkafkaH = read(RDKAFKA_H);
  const version = parseVersion(rdkafkaH);
  const rows = parseConfigurationMd(confMd);
  const enums = buildEnums(rows);
  const props = buildProperties(rows, enums, parseSensitive(confC));
  return new Map([
    [OUT_CONFIG, emitConfig(rows, enums, props, version)],
    [OUT_ERRORS, emitErrorCodes(parseErrorCodes(rdkafkaH), version)],
    [OUT_STATISTICS, emitStatistics(buildStatistics(parseStatisticsMd(read(STATISTICS_MD))), version)],
  ]);
}

function main(argv) {
  const check = argv.includes('--check');
  let files;
  try {
    files = generate();
  } catch (err) {
    if (!(err instanceof GenerateError)) throw err;
    process.stderr.write(`generate: ${err.message}\n`);
    return 2;
  }
  const changed = [];
  for (const [rel, content] of files) {
    const abs = path.join(ROOT, rel);
    const current = fs.existsSync(abs) ? fs.readFileSync(abs, 'utf8') : null;
    if (current === content) continue;
    changed.push(rel);
    if (!check) {
      fs.mkdirSync(path.dirname(abs), { recursive: true });
      fs.writeFileSync(abs, content);
    }
  }
  if (check) {
    if (changed.length) {
      process.stderr.write(`generate --check: out of date (run \`npm run generate\`):\n${changed.map((f) => `  ${f}\n`).join('')}`);
      return 1;
    }
    process.stdout.write('generate --check: up to date\n');
    return 0;
  }
  process.stdout.write(changed.length ? changed.map((f) => `wrote ${f}\n`).join('') : 'generate: nothing to do\n');
  return 0;
}

module.exports = { errorCodeName, camelCaseKey, ERROR_NAME_EXCEPTIONS, ERROR_SENTINELS, generate, parseStatisticsMd, buildStatistics };

if (require.main === module) process.exitCode = main(process.argv.slice(2));
