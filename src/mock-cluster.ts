/**
 * MockCluster: librdkafka's own mock cluster (rdkafka_mock.h), in-process, speaking the real
 * Kafka protocol on loopback. It is the embedded broker of the demo and of the test suite.
 *
 * Limits (librdkafka's mock, not kafka-napi's):
 * - it keeps what it acknowledged up to a per-partition retention, by default 1 GiB and any
 *   number of message sets ({@link MockClusterOptions.partitionRetentionBytes}; upstream
 *   librdkafka's mock keeps only 5 MiB and 100,000 message sets and silently deletes older
 *   data, kafka-napi patches it: deps/patches). Should a partition exceed it, the oldest data
 *   is deleted and the mock logs an error line (facility MOCKRETENTION) to stderr;
 * - it ignores `acks` (there is no replication): acks=all is accepted but not meaningful;
 * - it implements only the protocol versions librdkafka itself sends; for non-librdkafka
 *   clients (KafkaJS, ...) use {@link MockCluster.setApiVersion} to cap JoinGroup <= 5,
 *   SyncGroup <= 3 and LeaveGroup <= 2 (`capApiVersionsForOtherClients()` does that);
 * - transactions: commit/abort markers are written, but its Fetch does not filter aborted
 *   ranges for read_committed consumers and TxnOffsetCommit (sendOffsetsToTransaction) does
 *   not store the offsets (`committed()` stays Offset.Unset); it fences no zombie either:
 *   every InitProducerId gets a new producer id, so an old producer with the same
 *   transactionalId goes on committing, where Kafka fails it with a fatal Local_Fenced;
 * - it answers every Produce request with LogAppendTime 1234, so delivery results carry that
 *   timestamp (type LogAppendTime) instead of the message's CreateTime; consumed messages
 *   have the right CreateTime;
 * - its initial group rebalance delay is 3 s by default; `initialRebalanceDelayMs`
 *   (default here: 0) shortens it;
 * - admin: it has no CreateTopics, DeleteTopics, CreatePartitions, DeleteRecords, ListGroups,
 *   DescribeGroups, DeleteGroups or config APIs. They fail with Local_UnsupportedFeature:
 *   createTopics, deleteTopics, createPartitions and the config calls reject with a
 *   KafkaException; deleteRecords, listConsumerGroups, describeConsumerGroups and
 *   deleteGroups with their per-item exception (every partition, broker or group carrying
 *   Local_UnsupportedFeature). Create topics with {@link MockCluster.createTopic} (no topic
 *   configs, so no LogAppendTime or compacted topics); getMetadata, describeCluster,
 *   describeTopics, listOffsets and list/alterConsumerGroupOffsets work (broker 1 is the
 *   controller), but listConsumerGroupOffsets without partitions returns none;
 * - it cannot look up offsets by timestamp: offsetsForTimes answers Offset.End, listOffsets
 *   with OffsetSpec.forTimestamp or maxTimestamp answers offset -1;
 * - a topic it auto-creates (a produce or metadata request for an unknown topic) gets 4
 *   partitions and min(3, brokers) replicas; Kafka's get the broker's num.partitions and
 *   default.replication.factor (1 and 1 by default), or none where auto.create.topics.enable
 *   is off;
 * - a topic from createTopic serves at once; on Kafka, createTopics resolves a moment before
 *   the partition leaders serve, so the first produce may be retried after
 *   NotLeaderForPartition (a producer without `enableIdempotence` may then reorder that
 *   batch behind later ones) and listOffsets may fail with it;
 * - it accepts any `sessionTimeoutMs`; Kafka refuses a join outside
 *   group.min.session.timeout.ms..group.max.session.timeout.ms (6 s..30 min by default) and
 *   consume rejects with InvalidSessionTimeout, so sub-second test sessions fail there;
 * - static membership (`groupInstanceId`) is not honoured by its classic coordinator: a
 *   restarted static member joins as a new member and the group rebalances, where Kafka
 *   hands it back its partitions without rebalancing the others;
 * - in the classic group protocol every rebalance of a non-empty group waits
 *   `session.timeout.ms` - 1 s (a member that closes hands its partitions over only then,
 *   where Kafka rebalances at once), so keep sessions short in tests on the mock; the KIP-848
 *   protocol (`groupProtocol: GroupProtocol.Consumer`) is supported and rebalances at once.
 */
import { native, type NativeMockCluster } from './binding';
import { fromNativeThrow } from './errors';
import type { ErrorCode } from './generated/error-code.gen';
import { int32, partition as partitionArg, topicName } from './internal/validate';

// The mock's own failures (an existing topic, an unknown broker, a closed cluster) are
// KafkaExceptions, as every other librdkafka failure.
function call<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    throw fromNativeThrow(e);
  }
}

export interface MockClusterOptions {
  /** Number of brokers (ids 1..n). Default 1. */
  brokers?: number;
  /** Initial consumer-group rebalance delay. Default 0 (the mock's own default is 3000). */
  initialRebalanceDelayMs?: number;
  /**
   * Most bytes a partition keeps (0 = no limit); beyond it the oldest message sets are
   * deleted, data the mock acknowledged, with an error logged to stderr. Default 1 GiB
   * (upstream librdkafka's mock: 5 MiB). The data lives in this process's memory.
   */
  partitionRetentionBytes?: number;
  /** Most message sets (produce batches) a partition keeps (0 = no limit). Default 0. */
  partitionRetentionMessageSets?: number;
}

function retention(value: unknown, what: string): number {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return value;
  throw new TypeError(`${what} must be an integer from 0 to ${Number.MAX_SAFE_INTEGER}, got ${value === null ? 'null' : typeof value === 'number' ? String(value) : typeof value}`);
}

export class MockCluster implements AsyncDisposable {
  #native: NativeMockCluster;
  #closed?: Promise<void>;
  /** `host:port,...` of the brokers, for `bootstrapServers`. */
  readonly bootstrapServers: string;

  constructor(options: MockClusterOptions = {}) {
    const brokers = options.brokers ?? 1;
    if (options === null || typeof options !== 'object') throw new TypeError('MockCluster options must be an object');
    int32(brokers, 'brokers', 1, 64);
    const delay = int32(options.initialRebalanceDelayMs ?? 0, 'initialRebalanceDelayMs');
    const bytes = retention(options.partitionRetentionBytes ?? 2 ** 30, 'partitionRetentionBytes');
    const sets = retention(options.partitionRetentionMessageSets ?? 0, 'partitionRetentionMessageSets');
    this.#native = call(() => new native.MockCluster(brokers));
    this.#native.setGroupInitialRebalanceDelay(delay);
    this.#native.setPartitionRetention(bytes, sets);
    this.bootstrapServers = this.#native.bootstrapServers();
  }

  /** Creates a topic (replication factor defaults to 1, at most the number of brokers). */
  createTopic(topic: string, partitions: number, replicationFactor = 1): void {
    topicName(topic);
    int32(partitions, 'partitions', 1);
    int32(replicationFactor, 'replicationFactor', 1);
    call(() => this.#native.createTopic(topic, partitions, replicationFactor));
  }

  /** Takes a broker down: its connections close and it refuses new ones. */
  setBrokerDown(brokerId: number): void {
    int32(brokerId, 'brokerId');
    call(() => this.#native.setBrokerDown(brokerId));
  }

  /** Brings a broker back up. */
  setBrokerUp(brokerId: number): void {
    int32(brokerId, 'brokerId');
    call(() => this.#native.setBrokerUp(brokerId));
  }

  /** Moves a partition's leadership to `brokerId`. */
  setPartitionLeader(topic: string, partition: number, brokerId: number): void {
    topicName(topic);
    partitionArg(partition);
    int32(brokerId, 'brokerId', -1);
    call(() => this.#native.setPartitionLeader(topic, partition, brokerId));
  }

  /**
   * Makes the next requests of Kafka API `apiKey` (e.g. 0 = Produce, 1 = Fetch, 8 =
   * OffsetCommit) fail with `errors`, one per request, in order.
   */
  pushRequestErrors(apiKey: number, errors: ErrorCode[]): void {
    int32(apiKey, 'apiKey', 0, 0x7fff);
    if (!Array.isArray(errors)) throw new TypeError('errors must be an array of ErrorCode');
    errors.forEach((e, i) => int32(e, `errors[${i}]`, -0x80000000));
    call(() => this.#native.pushRequestErrors(apiKey, errors));
  }

  /** Adds `ms` of round-trip time to a broker's responses. */
  setRoundTripTime(brokerId: number, ms: number): void {
    int32(brokerId, 'brokerId');
    int32(ms, 'ms');
    call(() => this.#native.setRoundTripTime(brokerId, ms));
  }

  /** Limits the versions of Kafka API `apiKey` the brokers advertise. */
  setApiVersion(apiKey: number, minVersion: number, maxVersion: number): void {
    int32(apiKey, 'apiKey', 0, 0x7fff);
    int32(minVersion, 'minVersion', -1, 0x7fff);
    int32(maxVersion, 'maxVersion', -1, 0x7fff);
    call(() => this.#native.setApiVersion(apiKey, minVersion, maxVersion));
  }

  /**
   * Caps the group APIs the mock advertises but does not parse correctly at the versions
   * non-librdkafka clients (KafkaJS, @platformatic/kafka) may send.
   */
  capApiVersionsForOtherClients(): void {
    this.setApiVersion(11, 0, 5); // JoinGroup
    this.setApiVersion(14, 0, 3); // SyncGroup
    this.setApiVersion(13, 0, 2); // LeaveGroup
  }

  /** Stops the brokers (off the JS thread). Idempotent. */
  close(): Promise<void> {
    this.#closed ??= new Promise<void>((resolve) => this.#native.close(resolve));
    return this.#closed;
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }
}
