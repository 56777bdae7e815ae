/**
 * The only importer of the native addon (loaded by node-gyp-build from prebuilds/ or
 * build/Release). {@link NativeBinding} is the complete contract between TypeScript and C++.
 * @internal
 */
import * as path from 'node:path';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const load: (dir: string) => unknown = require('node-gyp-build');

/** Event kinds of the dispatcher (native/client.h `EventKind`). */
export const enum NativeEvent {
  /**
   * (buffer: ArrayBuffer, count: number, more: boolean): columns, see {@link readDeliveries};
   * `more`: a turn's worth, the rest follows once JS calls wake() (from a later turn)
   */
  Delivery = 1,
  /** (error: NativeError) */
  Error = 2,
  /** (level: number, facility: string, message: string) */
  Log = 3,
  /** (json: string) */
  Stats = 4,
  /** (requestId: number, error: NativeError | null, value: unknown) */
  Result = 5,
  /** () librdkafka has been destroyed */
  Closed = 6,
  /** () the consumer queue has messages or rebalance events */
  ConsumerReady = 8,
  /** (error: NativeError | null, partitions: NativeTopicPartition[]) an automatic commit */
  Commit = 10,
}

/** An error as native code reports it: librdkafka's code, text and flags. */
export interface NativeError {
  code: number;
  reason: string;
  isFatal?: boolean;
  isRetriable?: boolean;
  txnRequiresAbort?: boolean;
  /** conf errors: the offending property */
  key?: string;
  /** conf errors: the property does not exist */
  unknown?: boolean;
}

export interface NativeTopicPartition {
  topic: string;
  partition: number;
  offset?: number;
  leaderEpoch?: number;
  metadata?: Buffer;
  error?: NativeError;
}

export type Dispatch = (kind: NativeEvent, a?: unknown, b?: unknown, c?: unknown) => void;

/** A librdkafka client handle (native/client.h). Methods throw once the client is closed. */
export interface NativeClient {
  name(): string;
  /**
   * Whether pending work keeps the event loop alive, and the client itself: while not ref'd,
   * a client the application dropped can be garbage-collected (native code then destroys it).
   */
  setRef(ref: boolean): void;
  /** Drains the client's queues again (a wake-up, as librdkafka's own). */
  wake(): void;
  /** Destroys the handle off the JS thread; dispatches Closed when done. false if already closing. */
  close(): boolean;
  // producer
  topic(name: string): number;
  /**
   * Returns librdkafka's error code, 0 on success. `extras` (timestamp ms or 0, flat
   * headers or null) only when the message has either.
   */
  produce(
    topicId: number,
    partition: number,
    key: Buffer | string | null | undefined,
    value: Buffer | string | null | undefined,
    id: number,
    extras?: [number, Array<string | Buffer | null> | null],
  ): number;
  /**
   * Holds librdkafka's flushing state (linger.ms counts as elapsed) on the worker thread until
   * nothing is outstanding, `timeoutMs` passed (negative: no limit) or the client closes.
   */
  flushKick(timeoutMs: number): void;
  purge(inFlight: boolean): number;
  /**
   * Transactions: op 0 init, 1 begin (answered at once: the error or null), 2 commit,
   * 3 abort, 4 send offsets (with `offsets` and serialized `groupMetadata`); the others
   * resolve request `id` through a Result event.
   */
  transaction(op: 0 | 2 | 3, timeoutMs: number, id: number): void;
  transaction(op: 1, timeoutMs: number, id: number): NativeError | null;
  transaction(op: 4, timeoutMs: number, id: number, offsets: NativeTopicPartition[], groupMetadata: Buffer): NativeError | undefined;
  // consumer
  subscribe(topics: string[]): void;
  unsubscribe(): void;
  subscription(): string[];
  /** mode 0: assign (null = unassign), 1: incremental assign, 2: incremental unassign */
  assign(partitions: NativeTopicPartition[] | null, mode: 0 | 1 | 2): void;
  assignment(): NativeTopicPartition[];
  assignmentLost(): boolean;
  rebalanceProtocol(): string;
  /** Takes up to `max` messages without waiting; stops at a rebalance event. */
  fetch(max: number, discard: boolean): NativeFetch | undefined;
  /** A poll that takes nothing: resets librdkafka's max.poll.interval.ms clock. */
  keepAlive(): void;
  storeOffsets(partitions: NativeTopicPartition[]): NativeTopicPartition[];
  /** Asynchronous; resolves request `id` (Result event) with the committed partitions. */
  commit(partitions: NativeTopicPartition[] | null, id: number): void;
  seek(partitions: NativeTopicPartition[]): NativeTopicPartition[];
  pauseResume(partitions: NativeTopicPartition[], pause: boolean): NativeTopicPartition[];
  position(partitions: NativeTopicPartition[]): NativeTopicPartition[];
  committed(partitions: NativeTopicPartition[], timeoutMs: number, id: number): void;
  offsetsForTimes(partitions: NativeTopicPartition[], timeoutMs: number, id: number): void;
  watermarks(topic: string, partition: number): { low: number; high: number };
  watermarks(topic: string, partition: number, timeoutMs: number, id: number): void;
  memberId(): string;
  groupMetadata(): Buffer | null;
  consumerClose(): void;
  consumerClosed(): boolean;
  // admin (native/admin.cc): each starts librdkafka's asynchronous call and resolves request
  // `id` (Result event) with the converted result; a top-level error comes with value null.
  /** rd_kafka_metadata on the worker thread. */
  metadata(topic: string | null, allTopics: boolean, timeoutMs: number, id: number): void;
  createTopics(topics: NativeNewTopic[], options: NativeAdminOptions | undefined, id: number): void;
  deleteTopics(topics: string[], options: NativeAdminOptions | undefined, id: number): void;
  createPartitions(specs: NativeNewPartitions[], options: NativeAdminOptions | undefined, id: number): void;
  /** offset = delete records before it */
  deleteRecords(partitions: NativeTopicPartition[], options: NativeAdminOptions | undefined, id: number): void;
  describeConfigs(resources: NativeConfigResource[], options: NativeAdminOptions | undefined, id: number): void;
  alterConfigs(resources: NativeConfigResource[], options: NativeAdminOptions | undefined, id: number): void;
  incrementalAlterConfigs(resources: NativeConfigResource[], options: NativeAdminOptions | undefined, id: number): void;
  deleteGroups(groups: string[], options: NativeAdminOptions | undefined, id: number): void;
  listConsumerGroups(options: NativeAdminOptions | undefined, id: number): void;
  describeConsumerGroups(groups: string[], options: NativeAdminOptions | undefined, id: number): void;
  listConsumerGroupOffsets(requests: NativeGroupPartitions[], options: NativeAdminOptions | undefined, id: number): void;
  alterConsumerGroupOffsets(requests: NativeGroupPartitions[], options: NativeAdminOptions | undefined, id: number): void;
  describeTopics(topics: string[], options: NativeAdminOptions | undefined, id: number): void;
  describeCluster(options: NativeAdminOptions | undefined, id: number): void;
  /** offset = OffsetSpec value (-1, -2, -3) or a timestamp */
  listOffsets(partitions: NativeTopicPartition[], options: NativeAdminOptions | undefined, id: number): void;
}

/** rd_kafka_AdminOptions_t: only the fields present are set. */
export interface NativeAdminOptions {
  requestTimeoutMs?: number;
  operationTimeoutMs?: number;
  validateOnly?: boolean;
  requireStableOffsets?: boolean;
  includeAuthorizedOperations?: boolean;
  matchConsumerGroupStates?: number[];
  matchConsumerGroupTypes?: number[];
  isolationLevel?: number;
}

export interface NativeNewTopic {
  name: string;
  numPartitions: number;
  replicationFactor: number;
  /** index = partition, value = broker ids */
  replicasAssignments?: number[][];
  configs?: Record<string, string>;
}

export interface NativeNewPartitions {
  topic: string;
  increaseTo: number;
  /** index = new partition (0 = the first one added), value = broker ids */
  replicaAssignments?: number[][];
}

export interface NativeConfigResource {
  type: number;
  name: string;
  /** value null = delete (incremental) / unset; op = AlterConfigOpType (incremental only) */
  configs?: Array<{ name: string; value: string | null; op?: number }>;
}

export interface NativeGroupPartitions {
  group: string;
  partitions: NativeTopicPartition[] | null;
}

/** rd_kafka_topic_result_t */
export interface NativeTopicResult {
  topic: string;
  error?: NativeError;
}

/** rd_kafka_group_result_t */
export interface NativeGroupResult {
  group: string;
  error?: NativeError;
  partitions: NativeTopicPartition[] | null;
}

export interface NativeNode {
  id: number;
  host: string | null;
  port: number;
  rack: string | null;
}

export interface NativeConfigEntry {
  name: string;
  value: string | null;
  source: number;
  isReadOnly: boolean;
  isDefault: boolean;
  isSensitive: boolean;
  isSynonym: boolean;
  synonyms: Array<{ name: string; value: string | null; source: number }>;
}

export interface NativeConfigResourceResult {
  type: number;
  name: string;
  error?: NativeError;
  configs: NativeConfigEntry[];
}

export interface NativeListConsumerGroups {
  valid: Array<{ groupId: string; isSimpleConsumerGroup: boolean; state: number; type: number }>;
  errors: NativeError[];
}

export interface NativeGroupDescription {
  groupId: string;
  error?: NativeError;
  isSimpleConsumerGroup: boolean;
  partitionAssignor: string | null;
  state: number;
  type: number;
  coordinator: NativeNode | null;
  authorizedOperations: number[] | null;
  members: Array<{
    clientId: string | null;
    groupInstanceId: string | null;
    consumerId: string | null;
    host: string | null;
    assignment: NativeTopicPartition[] | null;
    targetAssignment: NativeTopicPartition[] | null;
  }>;
}

export interface NativeTopicDescription {
  name: string;
  topicId: { mostSignificantBits: bigint; leastSignificantBits: bigint; base64: string } | null;
  error?: NativeError;
  isInternal: boolean;
  partitions: Array<{ partition: number; leader: NativeNode | null; replicas: NativeNode[]; isr: NativeNode[] }>;
  authorizedOperations: number[] | null;
}

export interface NativeClusterDescription {
  clusterId: string | null;
  controller: NativeNode | null;
  nodes: NativeNode[];
  authorizedOperations: number[] | null;
}

export interface NativeListOffsetsInfo extends NativeTopicPartition {
  offset: number;
  timestamp: number;
}

/** rd_kafka_metadata_t */
export interface NativeMetadata {
  brokers: Array<{ brokerId: number; host: string; port: number }>;
  topics: Array<{
    topic: string;
    error?: NativeError;
    partitions: Array<{
      partitionId: number;
      leader: number;
      replicas: number[];
      inSyncReplicas: number[];
      error?: NativeError;
    }>;
  }>;
  originatingBrokerId: number;
  originatingBrokerName: string | null;
}

/** A rebalance event taken from the consumer queue. */
export interface NativeRebalance {
  /** Local_AssignPartitions (-175) or Local_RevokePartitions (-174) */
  code: number;
  partitions: NativeTopicPartition[];
  /** 'EAGER' | 'COOPERATIVE' | 'NONE' */
  protocol: string;
}

/**
 * Messages taken by {@link NativeClient.fetch}, as columns (native/consumer.cc): `columns`
 * holds, for `count` messages, offsets and timestamps (f64), then partition, error, key
 * length, value length, topic index and leader epoch (i32), then timestamp type (u8); key
 * and value bytes are concatenated in `data` (length -1 = null).
 */
export interface NativeFetch {
  count: number;
  columns: ArrayBuffer;
  data: Buffer;
  topics: string[];
  headers: Array<Array<string | Buffer | null> | undefined> | null;
  /** The text of each entry that carries an error code, by `index`; one without `index` is for the error handler. */
  errors?: Array<NativeError & { index?: number }>;
  rebalance?: NativeRebalance;
}

export interface NativeMockCluster {
  bootstrapServers(): string;
  createTopic(topic: string, partitions: number, replicationFactor: number): void;
  setBrokerDown(brokerId: number): void;
  setBrokerUp(brokerId: number): void;
  setPartitionLeader(topic: string, partition: number, brokerId: number): void;
  pushRequestErrors(apiKey: number, errors: number[]): void;
  setRoundTripTime(brokerId: number, ms: number): void;
  setGroupInitialRebalanceDelay(ms: number): void;
  /** 0 = no limit; applies to partitions created afterwards */
  setPartitionRetention(maxBytes: number, maxMessageSets: number): void;
  setApiVersion(apiKey: number, minVersion: number, maxVersion: number): void;
  close(callback: () => void): void;
}

export interface NativeBinding {
  Client: new (type: 0 | 1, config: Record<string, string>, dispatch: Dispatch) => NativeClient;
  MockCluster: new (brokers: number) => NativeMockCluster;
  version(): number;
  versionString(): string;
  features(): string;
  errDescs(): Array<{ code: number; name: string; desc: string }>;
}

export const native = load(path.join(__dirname, '..')) as NativeBinding;

let descriptions: Map<number, string> | undefined;
/** librdkafka's description of an error code (rd_kafka_err2str). */
export function errorDescription(code: number): string {
  descriptions ??= new Map(native.errDescs().map((d) => [d.code, d.desc]));
  return descriptions.get(code) ?? `Unknown error ${code}`;
}
