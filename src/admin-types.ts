/**
 * The admin client's value types: request specifications, options, results and reports,
 * cluster metadata, and the admin enums. Mirrors Confluent.Kafka.Admin (and `Metadata`,
 * `BrokerMetadata`, `TopicMetadata`, `PartitionMetadata`) with .NET's names in camelCase,
 * `TimeSpan`s as milliseconds and .NET's classes as plain object shapes.
 */
import type { KafkaError } from './errors';
import type { IsolationLevel } from './generated/config.gen';
import type { TopicPartition, TopicPartitionOffset, TopicPartitionOffsetError } from './types';

// ---- enums (explicit values, as .NET's and librdkafka's) ------------------------------------

/** A consumer group's state. Mirrors .NET `ConsumerGroupState` (librdkafka's values). */
export enum ConsumerGroupState {
  Unknown = 0,
  PreparingRebalance = 1,
  CompletingRebalance = 2,
  Stable = 3,
  Dead = 4,
  Empty = 5,
}

/** A consumer group's protocol type (KIP-848). Mirrors .NET `ConsumerGroupType`. */
export enum ConsumerGroupType {
  Unknown = 0,
  Consumer = 1,
  Classic = 2,
}

/** The kind of a config/ACL resource. Mirrors .NET `ResourceType`. */
export enum ResourceType {
  Unknown = 0,
  Any = 1,
  Topic = 2,
  Group = 3,
  Broker = 4,
}

/** Where a config value comes from. Mirrors .NET `ConfigSource`. */
export enum ConfigSource {
  UnknownConfig = 0,
  DynamicTopicConfig = 1,
  DynamicBrokerConfig = 2,
  DynamicDefaultBrokerConfig = 3,
  StaticBrokerConfig = 4,
  DefaultConfig = 5,
  GroupConfig = 8,
}

/** The operation of an incremental config change. Mirrors .NET `AlterConfigOpType`. */
export enum AlterConfigOpType {
  Set = 0,
  Delete = 1,
  Append = 2,
  Subtract = 3,
}

/** An ACL operation (authorized operations of groups, topics, the cluster). Mirrors .NET `AclOperation`. */
export enum AclOperation {
  Unknown = 0,
  Any = 1,
  All = 2,
  Read = 3,
  Write = 4,
  Create = 5,
  Delete = 6,
  Alter = 7,
  Describe = 8,
  ClusterAction = 9,
  DescribeConfigs = 10,
  AlterConfigs = 11,
  IdempotentWrite = 12,
}

// ---- options (every one has requestTimeoutMs; librdkafka's default is socket.timeout.ms) ----

/** What every admin options object has. .NET `RequestTimeout`. */
export interface AdminRequestOptions {
  /** Overall time for the request, including broker lookup and retries. Default: `socket.timeout.ms`. */
  requestTimeoutMs?: number;
}
/** Options of operations the controller carries out (topic, partition, record and group deletion). */
export interface AdminOperationOptions extends AdminRequestOptions {
  /** How long the broker waits for the operation to finish before it answers. Default 0: do not wait. */
  operationTimeoutMs?: number;
}
/** .NET `CreateTopicsOptions`. */
export interface CreateTopicsOptions extends AdminOperationOptions {
  /** Only validate the request on the broker; create nothing. */
  validateOnly?: boolean;
}
/** .NET `DeleteTopicsOptions`. */
export type DeleteTopicsOptions = AdminOperationOptions;
/** .NET `CreatePartitionsOptions`. */
export interface CreatePartitionsOptions extends AdminOperationOptions {
  validateOnly?: boolean;
}
/** .NET `DeleteRecordsOptions`. */
export type DeleteRecordsOptions = AdminOperationOptions;
/** .NET `DeleteGroupsOptions`. */
export type DeleteGroupsOptions = AdminOperationOptions;
/** .NET `DescribeConfigsOptions`. */
export type DescribeConfigsOptions = AdminRequestOptions;
/** .NET `AlterConfigsOptions`. */
export interface AlterConfigsOptions extends AdminRequestOptions {
  validateOnly?: boolean;
}
/** .NET `IncrementalAlterConfigsOptions`. */
export interface IncrementalAlterConfigsOptions extends AdminRequestOptions {
  validateOnly?: boolean;
}
/** .NET `ListConsumerGroupsOptions`. */
export interface ListConsumerGroupsOptions extends AdminRequestOptions {
  /** Only groups in these states (default: all). */
  matchStates?: ConsumerGroupState[];
  /** Only groups of these types (default: all). */
  matchTypes?: ConsumerGroupType[];
}
/** .NET `DescribeConsumerGroupsOptions`. */
export interface DescribeConsumerGroupsOptions extends AdminRequestOptions {
  includeAuthorizedOperations?: boolean;
}
/** .NET `ListConsumerGroupOffsetsOptions`. */
export interface ListConsumerGroupOffsetsOptions extends AdminRequestOptions {
  /** Wait for pending transactional offsets to be committed (KIP-447). */
  requireStableOffsets?: boolean;
}
/** .NET `AlterConsumerGroupOffsetsOptions`. */
export type AlterConsumerGroupOffsetsOptions = AdminRequestOptions;
/** .NET `DescribeTopicsOptions`. */
export interface DescribeTopicsOptions extends AdminRequestOptions {
  includeAuthorizedOperations?: boolean;
}
/** .NET `DescribeClusterOptions`. */
export interface DescribeClusterOptions extends AdminRequestOptions {
  includeAuthorizedOperations?: boolean;
}
/** .NET `ListOffsetsOptions`. */
export interface ListOffsetsOptions extends AdminRequestOptions {
  /** Default `IsolationLevel.ReadUncommitted`. */
  isolationLevel?: IsolationLevel;
}

// ---- topics and partitions ------------------------------------------------------------------

/** A topic to create. Mirrors .NET `TopicSpecification`. */
export interface TopicSpecification {
  name: string;
  /** Default -1: the broker's `num.partitions` (with replicasAssignments: their count). */
  numPartitions?: number;
  /** Default -1: the broker's `default.replication.factor`. Must stay -1 with replicasAssignments. */
  replicationFactor?: number;
  /** Partition → broker ids of its replicas, for every partition from 0. .NET `ReplicasAssignments`. */
  replicasAssignments?: Record<number, number[]> | Map<number, number[]>;
  /** Topic configs, e.g. `{ 'cleanup.policy': 'compact' }`. */
  configs?: Record<string, string>;
}

/** Partitions to add to a topic. Mirrors .NET `PartitionsSpecification`. */
export interface PartitionsSpecification {
  topic: string;
  /** The new total number of partitions. */
  increaseTo: number;
  /** Broker ids of the replicas of each new partition (one list per new partition). */
  replicaAssignments?: number[][];
}

/** The outcome for one topic of createTopics. .NET `CreateTopicReport`. */
export interface CreateTopicReport {
  topic: string;
  error: KafkaError;
}
/** The outcome for one topic of deleteTopics. .NET `DeleteTopicReport`. */
export interface DeleteTopicReport {
  topic: string;
  error: KafkaError;
}
/** The outcome for one topic of createPartitions. .NET `CreatePartitionsReport`. */
export interface CreatePartitionsReport {
  topic: string;
  error: KafkaError;
}

/** A partition's new low watermark after deleteRecords. .NET `DeleteRecordsResult`. */
export interface DeleteRecordsResult {
  topic: string;
  partition: number;
  offset: number;
}
/** .NET `DeleteRecordsReport`. */
export interface DeleteRecordsReport extends DeleteRecordsResult {
  error: KafkaError;
}

/** A broker of the cluster (admin results). Mirrors .NET `Node`. */
export interface Node {
  id: number;
  host: string;
  port: number;
  rack: string | null;
}

/**
 * A topic id. Mirrors .NET `Uuid`; `toString()` is Kafka's base64 form, as .NET's.
 */
export class Uuid {
  constructor(
    readonly mostSignificantBits: bigint,
    readonly leastSignificantBits: bigint,
    private readonly base64: string,
  ) {}
  toString(): string {
    return this.base64;
  }
}

/** A partition of a described topic. Mirrors .NET `TopicPartitionInfo`. */
export interface TopicPartitionInfo {
  partition: number;
  leader: Node | null;
  replicas: Node[];
  isr: Node[];
}

/** A described topic. Mirrors .NET `TopicDescription`. */
export interface TopicDescription {
  name: string;
  topicId: Uuid | null;
  error: KafkaError;
  isInternal: boolean;
  partitions: TopicPartitionInfo[];
  /** null unless `includeAuthorizedOperations` was requested. */
  authorizedOperations: AclOperation[] | null;
}

/** Topics to describe. Mirrors .NET `TopicCollection`. */
export interface TopicCollection {
  readonly topicNames: readonly string[];
}
/** .NET `TopicCollection.OfTopicNames`. */
export const TopicCollection = Object.freeze({
  ofTopicNames(topicNames: Iterable<string>): TopicCollection {
    return Object.freeze({ topicNames: Object.freeze([...topicNames]) });
  },
});

/** .NET `DescribeTopicsResult`. */
export interface DescribeTopicsResult {
  topicDescriptions: TopicDescription[];
}
/** .NET `DescribeTopicsReport` (some topics failed: see each `error`). */
export type DescribeTopicsReport = DescribeTopicsResult;

/** .NET `DescribeClusterResult`. */
export interface DescribeClusterResult {
  clusterId: string | null;
  controller: Node | null;
  nodes: Node[];
  authorizedOperations: AclOperation[] | null;
}

/**
 * Which offset listOffsets looks up. Mirrors .NET `OffsetSpec` (`Earliest()`, `Latest()`,
 * `MaxTimestamp()`, `ForTimestamp(ms)`); `value` is librdkafka's encoding.
 */
export class OffsetSpec {
  private constructor(readonly value: number) {}
  /** The first offset of the partition. */
  static earliest(): OffsetSpec {
    return new OffsetSpec(-2);
  }
  /** The offset the next message will get (the high watermark). */
  static latest(): OffsetSpec {
    return new OffsetSpec(-1);
  }
  /** The offset of the message with the largest timestamp. */
  static maxTimestamp(): OffsetSpec {
    return new OffsetSpec(-3);
  }
  /** The first offset whose timestamp is at or after `timestampMs`. */
  static forTimestamp(timestampMs: number): OffsetSpec {
    if (!Number.isInteger(timestampMs) || timestampMs < 0) {
      throw new TypeError('OffsetSpec.forTimestamp: timestampMs must be a non-negative integer');
    }
    return new OffsetSpec(timestampMs);
  }
}

/** A partition and what to look up in it. Mirrors .NET `TopicPartitionOffsetSpec`. */
export interface TopicPartitionOffsetSpec extends TopicPartition {
  offsetSpec: OffsetSpec;
}
/** .NET `ListOffsetsResultInfo`. */
export interface ListOffsetsResultInfo {
  topicPartitionOffsetError: TopicPartitionOffsetError;
  /** Timestamp of the message at that offset (-1 when not applicable). */
  timestamp: number;
}
/** .NET `ListOffsetsResult`. */
export interface ListOffsetsResult {
  resultInfos: ListOffsetsResultInfo[];
}
/** .NET `ListOffsetsReport`. */
export interface ListOffsetsReport extends ListOffsetsResult {
  error: KafkaError;
}

// ---- configs ---------------------------------------------------------------------------------

/** A config resource. Mirrors .NET `ConfigResource`. */
export interface ConfigResource {
  type: ResourceType;
  name: string;
}
/** A config to set. Mirrors .NET `ConfigEntry`; `incrementalOperation` for incrementalAlterConfigs (default Set). */
export interface ConfigEntry {
  name: string;
  value: string | null;
  incrementalOperation?: AlterConfigOpType;
}
/** .NET `ConfigSynonym`. */
export interface ConfigSynonym {
  name: string;
  value: string | null;
  source: ConfigSource;
}
/** A described config value. Mirrors .NET `ConfigEntryResult` (sensitive values are null). */
export interface ConfigEntryResult {
  name: string;
  value: string | null;
  source: ConfigSource;
  isDefault: boolean;
  isReadOnly: boolean;
  isSensitive: boolean;
  synonyms: ConfigSynonym[];
}
/** .NET `DescribeConfigsResult`. */
export interface DescribeConfigsResult {
  configResource: ConfigResource;
  entries: Record<string, ConfigEntryResult>;
}
/** .NET `DescribeConfigsReport`. */
export interface DescribeConfigsReport extends DescribeConfigsResult {
  error: KafkaError;
}
/** .NET `AlterConfigsReport`. */
export interface AlterConfigsReport {
  configResource: ConfigResource;
  error: KafkaError;
}
/** .NET `IncrementalAlterConfigsResult`. */
export interface IncrementalAlterConfigsResult {
  configResource: ConfigResource;
}
/** .NET `IncrementalAlterConfigsReport`. */
export interface IncrementalAlterConfigsReport extends IncrementalAlterConfigsResult {
  error: KafkaError;
}

// ---- consumer groups -------------------------------------------------------------------------

/** A group and some of its partitions (null/omitted: all). Mirrors .NET `ConsumerGroupTopicPartitions`. */
export interface ConsumerGroupTopicPartitions {
  group: string;
  partitions?: TopicPartition[] | null;
}
/** A group and offsets to commit for it. Mirrors .NET `ConsumerGroupTopicPartitionOffsets`. */
export interface ConsumerGroupTopicPartitionOffsets {
  group: string;
  partitions: TopicPartitionOffset[];
}
/** .NET `ListConsumerGroupOffsetsResult`: committed offsets (`Offset.Unset` when none). */
export interface ListConsumerGroupOffsetsResult {
  group: string;
  partitions: TopicPartitionOffset[];
}
/** .NET `ListConsumerGroupOffsetsReport`. */
export interface ListConsumerGroupOffsetsReport {
  group: string;
  error: KafkaError;
  partitions: TopicPartitionOffsetError[];
}
/** .NET `AlterConsumerGroupOffsetsResult`. */
export interface AlterConsumerGroupOffsetsResult {
  group: string;
  partitions: TopicPartitionOffset[];
}
/** .NET `AlterConsumerGroupOffsetsReport`. */
export interface AlterConsumerGroupOffsetsReport {
  group: string;
  error: KafkaError;
  partitions: TopicPartitionOffsetError[];
}
/** The outcome for one group of deleteGroups. .NET `DeleteGroupReport`. */
export interface DeleteGroupReport {
  group: string;
  error: KafkaError;
}

/** .NET `ConsumerGroupListing`. */
export interface ConsumerGroupListing {
  groupId: string;
  state: ConsumerGroupState;
  type: ConsumerGroupType;
  isSimpleConsumerGroup: boolean;
}
/** .NET `ListConsumerGroupsResult`. */
export interface ListConsumerGroupsResult {
  valid: ConsumerGroupListing[];
}
/** .NET `ListConsumerGroupsReport`: what was listed, and the brokers that failed. */
export interface ListConsumerGroupsReport extends ListConsumerGroupsResult {
  errors: KafkaError[];
}

/** .NET `MemberAssignment`. */
export interface MemberAssignment {
  topicPartitions: TopicPartition[];
}
/** .NET `MemberDescription`. */
export interface MemberDescription {
  clientId: string;
  groupInstanceId: string | null;
  consumerId: string;
  host: string;
  assignment: MemberAssignment;
  /** The target assignment (KIP-848 `consumer` groups only), else null. */
  targetAssignment: MemberAssignment | null;
}
/** .NET `ConsumerGroupDescription`. */
export interface ConsumerGroupDescription {
  groupId: string;
  error: KafkaError;
  isSimpleConsumerGroup: boolean;
  partitionAssignor: string;
  state: ConsumerGroupState;
  groupType: ConsumerGroupType;
  coordinator: Node | null;
  members: MemberDescription[];
  /** null unless `includeAuthorizedOperations` was requested. */
  authorizedOperations: AclOperation[] | null;
}
/** .NET `DescribeConsumerGroupsResult`. */
export interface DescribeConsumerGroupsResult {
  consumerGroupDescriptions: ConsumerGroupDescription[];
}
/** .NET `DescribeConsumerGroupsReport` (some groups failed: see each `error`). */
export type DescribeConsumerGroupsReport = DescribeConsumerGroupsResult;

// ---- metadata --------------------------------------------------------------------------------

/** .NET `BrokerMetadata`. */
export interface BrokerMetadata {
  brokerId: number;
  host: string;
  port: number;
}
/** .NET `PartitionMetadata`. */
export interface PartitionMetadata {
  partitionId: number;
  /** Broker id of the leader (-1: none). */
  leader: number;
  replicas: number[];
  inSyncReplicas: number[];
  error: KafkaError;
}
/** .NET `TopicMetadata`. */
export interface TopicMetadata {
  topic: string;
  partitions: PartitionMetadata[];
  error: KafkaError;
}
/** Cluster metadata as one broker sees it. Mirrors .NET `Metadata`. */
export interface Metadata {
  brokers: BrokerMetadata[];
  topics: TopicMetadata[];
  originatingBrokerId: number;
  originatingBrokerName: string;
}
