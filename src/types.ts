/**
 * Core value types shared by the producer, the consumer and the admin client: offsets,
 * partitions, topic/partition holders, timestamps, messages and their delivery/consume results.
 *
 * .NET models most of these as structs or classes with operators and implicit conversions
 * (`Offset`, `Partition`, `TopicPartition`, ...). In JavaScript a number compares, sorts and
 * serializes better than a wrapper object, so offsets, partitions and timestamps are plain numbers
 * and the topic/partition holders are plain object shapes; the .NET constants and `ToString()`
 * texts live on same-named const objects next to the types.
 */
import type { KafkaError } from './errors';
import type { Headers } from './headers';

// librdkafka's special offsets (rdkafka.h RD_KAFKA_OFFSET_*).
const OFFSET_BEGINNING = -2;
const OFFSET_END = -1;
const OFFSET_STORED = -1000;
const OFFSET_INVALID = -1001;
// rdkafka.h RD_KAFKA_PARTITION_UA
const PARTITION_UA = -1;

/**
 * An offset in a partition. Mirrors .NET `Confluent.Kafka.Offset`.
 *
 * Offsets are plain numbers (exact up to 2^53, far beyond any real partition), so .NET's
 * comparison and arithmetic operators are JavaScript's own. The special values are librdkafka's
 * logical offsets, resolved by librdkafka when used in `assign`, `seek` or `commit`.
 */
export const Offset = Object.freeze({
  /** Start of the partition (RD_KAFKA_OFFSET_BEGINNING). .NET `Offset.Beginning`. */
  Beginning: OFFSET_BEGINNING as -2,
  /** End of the partition: only new messages (RD_KAFKA_OFFSET_END). .NET `Offset.End`. */
  End: OFFSET_END as -1,
  /** The committed offset of the group (RD_KAFKA_OFFSET_STORED). .NET `Offset.Stored`. */
  Stored: OFFSET_STORED as -1000,
  /** No offset: "not set" / "invalid" (RD_KAFKA_OFFSET_INVALID). .NET `Offset.Unset`. */
  Unset: OFFSET_INVALID as -1001,

  /**
   * Whether `offset` is one of the logical offsets above rather than a position in the log.
   * Mirrors .NET `Offset.IsSpecial`.
   */
  isSpecial(offset: number): boolean {
    return (
      offset === OFFSET_BEGINNING ||
      offset === OFFSET_END ||
      offset === OFFSET_STORED ||
      offset === OFFSET_INVALID
    );
  },

  /**
   * .NET's `Offset.ToString()` text: `"Beginning [-2]"`, `"End [-1]"`, `"Stored [-1000]"`,
   * `"Unset [-1001]"`, otherwise the number. Kept identical so logs read the same as the .NET
   * client's.
   */
  toString(offset: number): string {
    switch (offset) {
      case OFFSET_BEGINNING:
        return `Beginning [${OFFSET_BEGINNING}]`;
      case OFFSET_END:
        return `End [${OFFSET_END}]`;
      case OFFSET_STORED:
        return `Stored [${OFFSET_STORED}]`;
      case OFFSET_INVALID:
        return `Unset [${OFFSET_INVALID}]`;
      default:
        // Called without an argument (e.g. `${Offset}`), describe the object instead of "undefined".
        return offset === undefined ? '[object Offset]' : String(offset);
    }
  },
});
/** An offset: a plain number (see the {@link Offset} constants). .NET `Offset`. */
export type Offset = number;

/**
 * A partition number. Mirrors .NET `Confluent.Kafka.Partition`; a plain number like {@link Offset}.
 */
export const Partition = Object.freeze({
  /** Let the partitioner choose (RD_KAFKA_PARTITION_UA). .NET `Partition.Any`. */
  Any: PARTITION_UA as -1,

  /** Whether `partition` is {@link Partition.Any}. Mirrors .NET `Partition.IsSpecial`. */
  isSpecial(partition: number): boolean {
    return partition === PARTITION_UA;
  },

  /** .NET's `Partition.ToString()` text: `"[Any]"` or `"[n]"`. */
  toString(partition: number): string {
    if (partition === undefined) return '[object Partition]';
    return partition === PARTITION_UA ? '[Any]' : `[${partition}]`;
  },
});
/** A partition number: a plain number (see {@link Partition.Any}). .NET `Partition`. */
export type Partition = number;

/** A topic and a partition. Mirrors .NET `TopicPartition` (ToString: {@link topicPartitionToString}). */
export interface TopicPartition {
  topic: string;
  partition: number;
}

/**
 * A topic, a partition and an offset in it. Mirrors .NET `TopicPartitionOffset`
 * (ToString: {@link topicPartitionOffsetToString}).
 */
export interface TopicPartitionOffset extends TopicPartition {
  offset: number;
  /** The leader epoch the offset belongs to, when known (KIP-320). .NET `LeaderEpoch` (`int?`). */
  leaderEpoch?: number;
}

/**
 * A per-partition outcome of an offset operation (commit, committed, position, ...).
 * Mirrors .NET `TopicPartitionOffsetError`; `error.isError` is false on success.
 */
export interface TopicPartitionOffsetError extends TopicPartitionOffset {
  error: KafkaError;
}

/** A per-partition outcome without an offset. Mirrors .NET `TopicPartitionError`. */
export interface TopicPartitionError extends TopicPartition {
  error: KafkaError;
}

/**
 * A partition and a point in time, the input of `offsetsForTimes`. Mirrors .NET
 * `TopicPartitionTimestamp`; the timestamp is milliseconds since the Unix epoch.
 */
export interface TopicPartitionTimestamp extends TopicPartition {
  timestamp: number;
}

/**
 * A partition's low and high watermarks. Mirrors .NET `WatermarkOffsets`; `high` is the offset
 * of the next message to be written (last offset + 1).
 */
export interface WatermarkOffsets {
  low: number;
  high: number;
}

/**
 * The outcome of an (automatic) offset commit, as given to the offsets-committed handler.
 * Mirrors .NET `CommittedOffsets`: a request-level `error` plus one result per partition.
 */
export interface CommittedOffsets {
  offsets: TopicPartitionOffsetError[];
  error: KafkaError;
}

/** Where a message timestamp comes from. Mirrors .NET `TimestampType` (values are librdkafka's). */
export enum TimestampType {
  /** No timestamp (or, when producing, "let librdkafka use the current time"). */
  NotAvailable = 0,
  /** Set by the producing application. */
  CreateTime = 1,
  /** Set by the broker when it appended the message (topic `message.timestamp.type=LogAppendTime`). */
  LogAppendTime = 2,
}

/**
 * A message timestamp. Mirrors .NET `Timestamp` with `TimeSpan`/`DateTime` replaced by
 * milliseconds since the Unix epoch (convert with `new Date(ts.unixTimestampMs)`).
 */
export interface Timestamp {
  type: TimestampType;
  unixTimestampMs: number;
}

/** Constants and factories of {@link Timestamp}, as .NET's `Timestamp` statics and constructors. */
export const Timestamp = Object.freeze({
  /**
   * No timestamp: when producing, librdkafka stamps the message with the current time.
   * .NET `Timestamp.Default`.
   */
  Default: Object.freeze({ type: TimestampType.NotAvailable, unixTimestampMs: 0 }) as Timestamp,

  /**
   * A CreateTime timestamp for `date`. Mirrors .NET `new Timestamp(DateTime)`; throws a
   * RangeError for an invalid Date rather than producing a NaN timestamp.
   */
  fromDate(date: Date): Timestamp {
    if (!(date instanceof Date)) throw new TypeError('Timestamp.fromDate expects a Date');
    const ms = date.getTime();
    if (Number.isNaN(ms)) throw new RangeError('Timestamp.fromDate: invalid Date');
    return { type: TimestampType.CreateTime, unixTimestampMs: ms };
  },
});

/**
 * Whether a produced message was written to the log. Mirrors .NET `PersistenceStatus`
 * (librdkafka's `rd_kafka_msg_status_t`); on a delivery error `PossiblyPersisted` means a retry
 * could duplicate the message.
 */
export enum PersistenceStatus {
  NotPersisted = 0,
  PossiblyPersisted = 1,
  Persisted = 2,
}

/**
 * A message to produce, or a consumed message. Mirrors .NET `Message<TKey, TValue>` (with
 * `MessageMetadata`'s `Timestamp` and `Headers`).
 *
 * When producing, `headers` may also be a plain array (cheaper than building a {@link Headers}),
 * and `timestamp` a number of ms since the epoch (a CreateTime); as in .NET, only
 * `Timestamp.Default` or a CreateTime timestamp may be produced.
 */
export interface Message<K, V> {
  key?: K;
  value: V;
  headers?: Headers | Array<{ key: string; value: Buffer | string | null }>;
  timestamp?: Timestamp | number;
}

/**
 * The outcome of a successful `produceAsync`. Mirrors .NET `DeliveryResult<TKey, TValue>`;
 * `key`, `value`, `timestamp` and `headers` are the message's (as .NET's proxies into `Message`),
 * `timestamp` being the one librdkafka reports for the written message.
 */
export interface DeliveryResult<K, V> {
  topic: string;
  partition: number;
  offset: number;
  status: PersistenceStatus;
  message: Message<K, V>;
  key: K | undefined;
  value: V;
  timestamp: Timestamp;
  headers: Headers | undefined;
  topicPartitionOffset: TopicPartitionOffset;
  topicPartition: TopicPartition;
}

/**
 * What `produce`'s delivery handler receives: a {@link DeliveryResult} plus its `error`
 * (`error.isError` is false on success). Mirrors .NET `DeliveryReport<TKey, TValue>`.
 */
export interface DeliveryReport<K, V> extends DeliveryResult<K, V> {
  error: KafkaError;
}

/**
 * A consumed message, or a partition-EOF event (`isPartitionEOF`, `message` null, `offset` the
 * next offset). Mirrors .NET `ConsumeResult<TKey, TValue>`; .NET's obsolete `Key`/`Value`
 * proxies are left out: read them from `message`.
 */
export interface ConsumeResult<K, V> {
  topic: string;
  partition: number;
  offset: number;
  leaderEpoch?: number;
  message: (Message<K, V> & { timestamp: Timestamp; headers: Headers }) | null;
  isPartitionEOF: boolean;
  topicPartitionOffset: TopicPartitionOffset;
  topicPartition: TopicPartition;
}

/** Severity of a log line (syslog levels, as librdkafka logs them). Mirrors .NET `SyslogLevel`. */
export enum SyslogLevel {
  Emergency = 0,
  Alert = 1,
  Critical = 2,
  Error = 3,
  Warning = 4,
  Notice = 5,
  Info = 6,
  Debug = 7,
}

/**
 * A librdkafka log line, as given to the log handler. Mirrors .NET `LogMessage`; `name` is the
 * client's name (`rd_kafka_name`), `facility` librdkafka's subsystem tag (e.g. "BRKMAIN").
 */
export interface LogMessage {
  name: string;
  level: SyslogLevel;
  facility: string;
  message: string;
}

/** .NET's `TopicPartition.ToString()`: `"topic [p]"` (`"topic [Any]"` for {@link Partition.Any}). */
export function topicPartitionToString(tp: TopicPartition): string {
  return `${tp.topic} ${Partition.toString(tp.partition)}`;
}

/**
 * .NET's `TopicPartitionOffset.ToString()`: `"topic [p] @offset"`, special offsets in
 * {@link Offset.toString}'s form (`"topic [0] @Beginning [-2]"`).
 */
export function topicPartitionOffsetToString(tpo: TopicPartitionOffset): string {
  return `${topicPartitionToString(tpo)} @${Offset.toString(tpo.offset)}`;
}
