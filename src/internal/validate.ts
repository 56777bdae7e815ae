/**
 * The one set of argument rules every public method uses (DESIGN rule 5: validation and its
 * wording live in TypeScript; native code only re-checks what protects memory). One rule per
 * kind of argument, so that producer, consumer, admin client and MockCluster agree:
 *
 * - timeouts: integers 0 .. 2^31-1 ms (what Node's timers and librdkafka's `int timeout_ms`
 *   hold), or `Infinity` = no limit where the call can honour it (.NET's
 *   `Timeout.InfiniteTimeSpan`; librdkafka's -1);
 * - partitions and other int32 counts/ids: integers in librdkafka's int32 range;
 * - offsets: safe integers (int64 values a JS number holds exactly) >= 0, or a special
 *   {@link Offset} value;
 * - leader epochs: integers 0 .. 2^31-1;
 * - timestamps: safe integers of milliseconds since the epoch, >= 0;
 * - topic names: non-empty, at most 249 characters of Kafka's legal set `[a-zA-Z0-9._-]`,
 *   not `.` or `..` (what every Kafka broker enforces); a subscription pattern (`^...`) only
 *   needs to be a string without NUL;
 * - strings handed to librdkafka as C strings: no NUL (librdkafka would cut them short there).
 *
 * Every failure is a TypeError whose message names the argument.
 * @internal
 */

export const INT32_MAX = 0x7fffffff;

/** librdkafka's "no limit" timeout (RD_POLL_INFINITE). */
export const NO_TIMEOUT = -1;

/** The librdkafka special offsets (Offset.End/Beginning/Stored/Unset). */
const SPECIAL_OFFSETS: ReadonlySet<number> = new Set([-1, -2, -1000, -1001]);

/** Kafka's own limit (org.apache.kafka.common.internals.Topic.MAX_NAME_LENGTH). */
export const MAX_TOPIC_LENGTH = 249;
const LEGAL_TOPIC = /^[a-zA-Z0-9._-]+$/;

function kind(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return value.length > 40 ? `a string of ${value.length} characters` : JSON.stringify(value);
  return `a ${typeof value}`;
}

export interface TimeoutRule {
  /** Infinity (no limit) is accepted and returned as {@link NO_TIMEOUT}. */
  infinite?: boolean;
  /** -1 is accepted as librdkafka's "no limit" too (a default some calls already had). */
  minusOne?: boolean;
}

/**
 * A timeout in milliseconds: an integer from 0 to 2^31-1 (about 24.8 days: Node's timers and
 * librdkafka's int timeouts hold no more), or, with `infinite`, `Infinity` = no limit, which
 * is returned as {@link NO_TIMEOUT} (-1).
 */
export function timeoutMs(value: unknown, what = 'timeoutMs', rule: TimeoutRule = {}): number {
  if (typeof value === 'number') {
    if (Number.isInteger(value) && value >= 0 && value <= INT32_MAX) return value;
    if (value === Infinity && rule.infinite) return NO_TIMEOUT;
    if (value === -1 && rule.minusOne) return NO_TIMEOUT;
  }
  throw new TypeError(
    `${what} must be an integer number of milliseconds from 0 to ${INT32_MAX}` +
      (rule.infinite ? ', or Infinity for no limit' : ' (this call cannot wait without a limit)') +
      `, got ${kind(value)}`,
  );
}

/** {@link timeoutMs}, or undefined when not given. */
export function optionalTimeoutMs(value: unknown, what = 'timeoutMs', rule: TimeoutRule = {}): number | undefined {
  return value === undefined ? undefined : timeoutMs(value, what, rule);
}

/**
 * setTimeout for a validated timeout: none for {@link NO_TIMEOUT} (Node's timers fire at once
 * for anything above 2^31-1, so an unlimited wait must have no timer at all).
 */
export function timerFor(ms: number | undefined, fn: () => void): NodeJS.Timeout | undefined {
  if (ms === undefined || ms < 0) return undefined;
  return setTimeout(fn, ms);
}

/** An integer in [min, max] (defaults: 0 .. 2^31-1). */
export function int32(value: unknown, what: string, min = 0, max = INT32_MAX): number {
  if (typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max) return value;
  throw new TypeError(`${what} must be an integer from ${min} to ${max}, got ${kind(value)}`);
}

/** A partition: 0 .. 2^31-1, or with `any`, Partition.Any (-1). */
export function partition(value: unknown, what = 'partition', any = false): number {
  if (typeof value === 'number' && Number.isInteger(value) && value >= (any ? -1 : 0) && value <= INT32_MAX) return value;
  throw new TypeError(
    `${what} must be an integer from 0 to ${INT32_MAX}${any ? ' (or Partition.Any)' : ''}, got ${kind(value)}`,
  );
}

/** An offset: a safe integer >= 0, or Offset.Beginning / End / Stored / Unset. */
export function offset(value: unknown, what = 'offset'): number {
  if (typeof value === 'number' && Number.isSafeInteger(value) && (value >= 0 || SPECIAL_OFFSETS.has(value))) return value;
  throw new TypeError(
    `${what} must be a safe integer >= 0 or an Offset (Beginning, End, Stored, Unset), got ${kind(value)}`,
  );
}

/** A leader epoch (0 .. 2^31-1), or undefined (none); -1 also means none, as in librdkafka. */
export function leaderEpoch(value: unknown, what = 'leaderEpoch'): number | undefined {
  if (value === undefined || value === null || value === -1) return undefined;
  return int32(value, what);
}

/** A timestamp: a safe integer of milliseconds since the epoch, >= 0. */
export function timestampMs(value: unknown, what = 'timestamp'): number {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return value;
  throw new TypeError(`${what} must be a safe integer of milliseconds since the epoch (>= 0), got ${kind(value)}`);
}

/** A string librdkafka can take as a C string: no NUL (it would end the string there). */
export function cString(value: unknown, what: string, nonEmpty = true): string {
  if (typeof value !== 'string' || (nonEmpty && value.length === 0)) {
    throw new TypeError(`${what} must be a ${nonEmpty ? 'non-empty ' : ''}string, got ${kind(value)}`);
  }
  if (value.includes('\u0000')) throw new TypeError(`${what} must not contain a NUL character`);
  return value;
}

/**
 * A topic name as every Kafka broker accepts it: 1 to 249 characters of `[a-zA-Z0-9._-]`,
 * neither `.` nor `..`.
 */
export function topicName(value: unknown, what = 'topic'): string {
  const name = cString(value, what);
  if (name.length > MAX_TOPIC_LENGTH) {
    throw new TypeError(`${what} must be at most ${MAX_TOPIC_LENGTH} characters, got ${name.length}`);
  }
  if (!LEGAL_TOPIC.test(name) || name === '.' || name === '..') {
    throw new TypeError(`${what} ${kind(name)} is not a legal topic name (ASCII letters, digits, '.', '_' and '-' only; not '.' or '..')`);
  }
  return name;
}

/** A subscription entry: a topic name, or a regex pattern starting with `^`. */
export function subscriptionEntry(value: unknown, what = 'topic'): string {
  if (typeof value === 'string' && value.startsWith('^')) return cString(value, what);
  return topicName(value, what);
}

/** A non-null object (not an array unless `array`). */
export function object<T extends object>(value: unknown, what: string): T {
  if (value === null || typeof value !== 'object') throw new TypeError(`${what} must be an object, got ${kind(value)}`);
  return value as T;
}
