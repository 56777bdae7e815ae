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
  /** (buffer: ArrayBuffer, count: number): columns, see {@link readDeliveries} */
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
  /** (saslOauthbearerConfig: string) */
  OAuthRefresh = 7,
  /** () the consumer queue has messages or rebalance events */
  ConsumerReady = 8,
  /** (errCode: number, partitions: NativeTopicPartition[], protocol: string) */
  Rebalance = 9,
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
  /** Whether pending work keeps the event loop alive. */
  setRef(ref: boolean): void;
  /** Destroys the handle off the JS thread; dispatches Closed when done. false if already closing. */
  close(): boolean;
  /** Schedules a drain of the client's queues. */
  wake(): void;
  fatalError(): NativeError | null;
  // producer
  topic(name: string): number;
  /** Returns librdkafka's error code, 0 on success. */
  produce(
    topicId: number,
    partition: number,
    key: Buffer | string | null | undefined,
    value: Buffer | string | null | undefined,
    timestampMs: number,
    headers: Array<string | Buffer | null> | null,
    id: number,
  ): number;
  outqLen(): number;
  flushKick(): void;
  purge(inFlight: boolean): number;
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
  /** Per-message errors (with `index`) and consumer-queue errors (without). */
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
