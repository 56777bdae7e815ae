/**
 * librdkafka properties that would silently break one of this client's API contracts
 * (a promise that never settles, a handler that never runs, a signal handler taken from
 * Node). Each is either refused at build() with a KafkaException naming it, or overridden by
 * the native layer (`enabled_events`, `log.queue`: see native/client.cc); the README lists
 * them all with what the client does. Checked on librdkafka's names (after
 * toLibrdkafkaConfig), so the camelCase and dotted spellings are both covered.
 * @internal
 */
import { KafkaError, KafkaException } from '../errors';
import { configProperties } from '../generated/config.gen';
import { ErrorCode } from '../generated/error-code.gen';

type Role = 'producer' | 'consumer' | 'admin';

interface Refusal {
  name: string;
  roles: readonly Role[];
  /** Whether the (librdkafka-string) value breaks the contract. */
  breaks(value: string): boolean;
  why: string;
}

// librdkafka's boolean parser (rdkafka_conf.c) takes true/t/1 (case-insensitively for the words).
const isTrue = (v: string): boolean => /^(true|t|1)$/i.test(v.trim());

const REFUSED: readonly Refusal[] = [
  {
    name: 'delivery.report.only.error',
    roles: ['producer'],
    breaks: isTrue,
    why: 'librdkafka then reports only failed deliveries, so produceAsync() of a delivered message would never settle, flush() never resolve and close() fail messages the broker has',
  },
  {
    name: 'internal.termination.signal',
    roles: ['producer', 'consumer', 'admin'],
    breaks: (v) => v.trim() !== '' && v.trim() !== '0',
    why: "librdkafka would install a process-wide handler for that signal, replacing Node's own (process.on(signal) handlers would stop firing); Node needs no termination signal to destroy clients promptly",
  },
  {
    name: 'offset.store.method',
    roles: ['consumer'],
    breaks: (v) => v.trim().toLowerCase() !== 'broker',
    why: "the deprecated local offset file store is the legacy simple consumer's; this client's commit(), committed() and group semantics need the broker's offset store",
  },
];

function userKeyOf(userConfig: object, name: string): string {
  const key = Object.keys(userConfig).find((k) =>
    Object.prototype.hasOwnProperty.call(configProperties, k) ? configProperties[k].name === name : k === name);
  return key === undefined || key === name ? `'${name}'` : `'${key}' (${name})`;
}

/**
 * Throws a KafkaException (Local_InvalidArg) naming the first property of `config` (librdkafka
 * names → string values) that would break an API contract.
 */
export function refuseContractBreakers(config: Record<string, string>, userConfig: object, role: Role): void {
  for (const r of REFUSED) {
    if (!r.roles.includes(role)) continue;
    const value = config[r.name];
    if (value === undefined || !r.breaks(value)) continue;
    throw new KafkaException(new KafkaError(ErrorCode.Local_InvalidArg,
      `Invalid ${role} config: ${userKeyOf(userConfig, r.name)}=${value} is not supported: ${r.why}`));
  }
}
