/**
 * The admin client (.NET `IAdminClient`). Every operation is librdkafka's asynchronous Admin
 * API: native code starts the request with the client's result queue, the result event wakes
 * the JS thread and resolves the promise. Nothing waits on the event loop or on a libuv pool
 * thread; `getMetadata`, which librdkafka offers only as a blocking call, runs on the client's
 * own worker thread, bounded by its timeout.
 *
 * Errors are .NET's: a failure of the whole request rejects with a KafkaException; a request
 * in which some items (topics, groups, partitions, resources) failed rejects with the
 * operation's exception (CreateTopicsException, ...) carrying every item's report.
 * Argument errors throw synchronously (TypeError), as does use after close (KafkaException
 * `Local_Destroy`).
 */
import type {
  NativeAdminOptions,
  NativeClient,
  NativeConfigResourceResult,
  NativeError,
  NativeGroupDescription,
  NativeGroupResult,
  NativeListConsumerGroups,
  NativeListOffsetsInfo,
  NativeMetadata,
  NativeNode,
  NativeTopicDescription,
  NativeTopicPartition,
  NativeTopicResult,
  NativeClusterDescription,
} from './binding';
import {
  AlterConfigsException,
  AlterConsumerGroupOffsetsException,
  CreatePartitionsException,
  CreateTopicsException,
  DeleteGroupsException,
  DeleteRecordsException,
  DeleteTopicsException,
  DescribeConfigsException,
  DescribeConsumerGroupsException,
  DescribeTopicsException,
  IncrementalAlterConfigsException,
  ListConsumerGroupOffsetsException,
  ListConsumerGroupsException,
  ListOffsetsException,
} from './admin-errors';
import { timeoutMs as timeoutArg, topicName } from './internal/validate';
import {
  AlterConfigOpType,
  OffsetSpec,
  Uuid,
  type AclOperation,
  type AlterConfigsOptions,
  type AlterConsumerGroupOffsetsOptions,
  type AlterConsumerGroupOffsetsResult,
  type ConfigEntry,
  type ConfigEntryResult,
  type ConfigResource,
  type ConsumerGroupDescription,
  type ConsumerGroupTopicPartitionOffsets,
  type ConsumerGroupTopicPartitions,
  type CreatePartitionsOptions,
  type CreateTopicsOptions,
  type DeleteGroupsOptions,
  type DeleteRecordsOptions,
  type DeleteRecordsResult,
  type DeleteTopicsOptions,
  type DescribeClusterOptions,
  type DescribeClusterResult,
  type DescribeConfigsOptions,
  type DescribeConfigsResult,
  type DescribeConsumerGroupsOptions,
  type DescribeConsumerGroupsResult,
  type DescribeTopicsOptions,
  type DescribeTopicsResult,
  type IncrementalAlterConfigsOptions,
  type IncrementalAlterConfigsResult,
  type ListConsumerGroupOffsetsOptions,
  type ListConsumerGroupOffsetsResult,
  type ListConsumerGroupsOptions,
  type ListConsumerGroupsResult,
  type ListOffsetsOptions,
  type ListOffsetsResult,
  type Metadata,
  type Node,
  type PartitionsSpecification,
  type TopicCollection,
  type TopicDescription,
  type TopicPartitionOffsetSpec,
  type TopicSpecification,
  type MemberAssignment,
} from './admin-types';
import { ClientCore, type CoreHandlers } from './client-core';
import { KafkaError, KafkaException, captureCallerStack, fromNativeThrow } from './errors';
import { ErrorCode } from './generated/error-code.gen';
import type { AdminClientConfig } from './generated/config.gen';
import type { TopicPartition, TopicPartitionOffset, TopicPartitionOffsetError } from './types';

/** The admin client interface (.NET `IAdminClient` and its extension methods). */
export interface IAdminClient extends AsyncDisposable {
  /** librdkafka's handle name, e.g. `rdkafka#producer-3`. */
  readonly name: string;
  /** Creates topics. Rejects with CreateTopicsException when some could not be created. */
  createTopics(topics: TopicSpecification[], options?: CreateTopicsOptions): Promise<void>;
  /** Deletes topics. Rejects with DeleteTopicsException when some could not be deleted. */
  deleteTopics(topics: string[], options?: DeleteTopicsOptions): Promise<void>;
  /** Increases topics' partition counts. Rejects with CreatePartitionsException on per-topic failures. */
  createPartitions(partitionsSpecifications: PartitionsSpecification[], options?: CreatePartitionsOptions): Promise<void>;
  /** Deletes the records before each given offset; resolves with the new low watermarks. */
  deleteRecords(topicPartitionOffsets: TopicPartitionOffset[], options?: DeleteRecordsOptions): Promise<DeleteRecordsResult[]>;
  /** Describes the configs of topics, brokers or groups (sensitive values are null). */
  describeConfigs(resources: ConfigResource[], options?: DescribeConfigsOptions): Promise<DescribeConfigsResult[]>;
  /**
   * Replaces configs (non-incremental: keys not given revert to their defaults). `configs`
   * is a Map (or an array of [resource, entries] pairs), as .NET's dictionary.
   */
  alterConfigs(configs: Iterable<[ConfigResource, ConfigEntry[]]>, options?: AlterConfigsOptions): Promise<void>;
  /** Changes configs entry by entry (`ConfigEntry.incrementalOperation`, default Set). */
  incrementalAlterConfigs(
    configs: Iterable<[ConfigResource, ConfigEntry[]]>,
    options?: IncrementalAlterConfigsOptions,
  ): Promise<IncrementalAlterConfigsResult[]>;
  /** Deletes consumer groups. Rejects with DeleteGroupsException when some could not be deleted. */
  deleteGroups(groups: string[], options?: DeleteGroupsOptions): Promise<void>;
  /** Lists the consumer groups of every broker. Rejects with ListConsumerGroupsException when some brokers failed. */
  listConsumerGroups(options?: ListConsumerGroupsOptions): Promise<ListConsumerGroupsResult>;
  /** Describes consumer groups: state, members and their assignments. */
  describeConsumerGroups(groups: string[], options?: DescribeConsumerGroupsOptions): Promise<DescribeConsumerGroupsResult>;
  /**
   * The committed offsets of one group (exactly one, as librdkafka requires), for the given
   * partitions or, with `partitions` null/omitted, all of them.
   */
  listConsumerGroupOffsets(
    groupPartitions: ConsumerGroupTopicPartitions[],
    options?: ListConsumerGroupOffsetsOptions,
  ): Promise<ListConsumerGroupOffsetsResult[]>;
  /** Commits offsets for one group (exactly one) that has no active members. */
  alterConsumerGroupOffsets(
    groupPartitions: ConsumerGroupTopicPartitionOffsets[],
    options?: AlterConsumerGroupOffsetsOptions,
  ): Promise<AlterConsumerGroupOffsetsResult[]>;
  /** Describes topics (partitions, leaders, replicas, ISR). .NET extension `DescribeTopicsAsync`. */
  describeTopics(topics: TopicCollection | string[], options?: DescribeTopicsOptions): Promise<DescribeTopicsResult>;
  /** The cluster id, controller and brokers. .NET extension `DescribeClusterAsync`. */
  describeCluster(options?: DescribeClusterOptions): Promise<DescribeClusterResult>;
  /** Looks up offsets by spec (earliest, latest, max timestamp, for a timestamp). .NET extension `ListOffsetsAsync`. */
  listOffsets(topicPartitionOffsets: TopicPartitionOffsetSpec[], options?: ListOffsetsOptions): Promise<ListOffsetsResult>;
  /**
   * Cluster metadata: every topic, or only `topic`. .NET `GetMetadata(timeout)` /
   * `GetMetadata(topic, timeout)`, a Promise here; rejects with `Local_TimedOut` after `timeoutMs`.
   */
  getMetadata(timeoutMs: number, topic?: string): Promise<Metadata>;
  /** Destroys the client off the JS thread; pending requests reject with `Local_Destroy`. Idempotent. */
  close(): Promise<void>;
}

const OPTION_KINDS: Record<keyof NativeAdminOptions | 'matchStates' | 'matchTypes', 'ms' | 'bool' | 'enums' | 'enum'> = {
  requestTimeoutMs: 'ms',
  operationTimeoutMs: 'ms',
  validateOnly: 'bool',
  requireStableOffsets: 'bool',
  includeAuthorizedOperations: 'bool',
  matchStates: 'enums',
  matchTypes: 'enums',
  matchConsumerGroupStates: 'enums',
  matchConsumerGroupTypes: 'enums',
  isolationLevel: 'enum',
};

/** @internal built by {@link AdminClientBuilder}. */
export class AdminClient implements IAdminClient {
  readonly #core: ClientCore<IAdminClient>;
  readonly #native: NativeClient;

  constructor(config: AdminClientConfig, handlers: CoreHandlers<IAdminClient>) {
    this.#core = new ClientCore<IAdminClient>('admin', config, handlers, {});
    this.#core.bind(this);
    this.#native = this.#core.native;
  }

  get name(): string {
    return this.#core.name;
  }

  toString(): string {
    return this.#core.toString();
  }

  async createTopics(topics: TopicSpecification[], options?: CreateTopicsOptions): Promise<void> {
    const specs = list(topics, 'topics').map((t, i) => {
      if (t === null || typeof t !== 'object') throw new TypeError(`topics[${i}] must be a TopicSpecification`);
      checkName(t.name, `topics[${i}].name`);
      const replicasAssignments = t.replicasAssignments == null ? undefined : assignments(t.replicasAssignments, i);
      const numPartitions = optInt(t.numPartitions, `topics[${i}].numPartitions`) ?? replicasAssignments?.length ?? -1;
      const replicationFactor = optInt(t.replicationFactor, `topics[${i}].replicationFactor`) ?? -1;
      let configs: Record<string, string> | undefined;
      if (t.configs != null) {
        if (typeof t.configs !== 'object') throw new TypeError(`topics[${i}].configs must be an object of strings`);
        configs = {};
        for (const [k, v] of Object.entries(t.configs)) {
          if (typeof v !== 'string') throw new TypeError(`topics[${i}].configs['${k}'] must be a string`);
          configs[k] = v;
        }
      }
      return { name: t.name, numPartitions, replicationFactor, replicasAssignments, configs };
    });
    const opts = adminOptions(options, ['requestTimeoutMs', 'operationTimeoutMs', 'validateOnly']);
    return this.#start<NativeTopicResult[]>((id) => this.#native.createTopics(specs, opts, id)).then(createTopicsOutcome);
  }

  async deleteTopics(topics: string[], options?: DeleteTopicsOptions): Promise<void> {
    const names = list(topics, 'topics').map((t, i) => checkName(t, `topics[${i}]`));
    const opts = adminOptions(options, ['requestTimeoutMs', 'operationTimeoutMs']);
    return this.#start<NativeTopicResult[]>((id) => this.#native.deleteTopics(names, opts, id)).then(deleteTopicsOutcome);
  }

  async createPartitions(partitionsSpecifications: PartitionsSpecification[], options?: CreatePartitionsOptions): Promise<void> {
    const specs = list(partitionsSpecifications, 'partitionsSpecifications').map((s, i) => {
      if (s === null || typeof s !== 'object') throw new TypeError(`partitionsSpecifications[${i}] must be a PartitionsSpecification`);
      checkName(s.topic, `partitionsSpecifications[${i}].topic`);
      const increaseTo = optInt(s.increaseTo, `partitionsSpecifications[${i}].increaseTo`);
      if (increaseTo === undefined) throw new TypeError(`partitionsSpecifications[${i}].increaseTo must be an integer`);
      let replicaAssignments: number[][] | undefined;
      if (s.replicaAssignments != null) {
        replicaAssignments = list(s.replicaAssignments, `partitionsSpecifications[${i}].replicaAssignments`).map((r, j) =>
          brokerIds(r, `partitionsSpecifications[${i}].replicaAssignments[${j}]`),
        );
      }
      return { topic: s.topic, increaseTo, replicaAssignments };
    });
    const opts = adminOptions(options, ['requestTimeoutMs', 'operationTimeoutMs', 'validateOnly']);
    return this.#start<NativeTopicResult[]>((id) => this.#native.createPartitions(specs, opts, id)).then(
      createPartitionsOutcome,
    );
  }

  async deleteRecords(topicPartitionOffsets: TopicPartitionOffset[], options?: DeleteRecordsOptions): Promise<DeleteRecordsResult[]> {
    const parts = list(topicPartitionOffsets, 'topicPartitionOffsets').map((p, i) =>
      toNativeTp(p, `topicPartitionOffsets[${i}]`, true),
    );
    const opts = adminOptions(options, ['requestTimeoutMs', 'operationTimeoutMs']);
    return this.#withLeaders(
      parts,
      () => this.#start<NativeTopicPartition[]>((id) => this.#native.deleteRecords(parts, opts, id)),
    ).then(deleteRecordsOutcome);
  }

  async describeConfigs(resources: ConfigResource[], options?: DescribeConfigsOptions): Promise<DescribeConfigsResult[]> {
    const res = list(resources, 'resources').map((r, i) => checkResource(r, `resources[${i}]`));
    const opts = adminOptions(options, ['requestTimeoutMs']);
    return this.#start<NativeConfigResourceResult[]>((id) => this.#native.describeConfigs(res, opts, id)).then(
      describeConfigsOutcome,
    );
  }

  async alterConfigs(configs: Iterable<[ConfigResource, ConfigEntry[]]>, options?: AlterConfigsOptions): Promise<void> {
    const res = configResources(configs, false);
    const opts = adminOptions(options, ['requestTimeoutMs', 'validateOnly']);
    return this.#start<NativeConfigResourceResult[]>((id) => this.#native.alterConfigs(res, opts, id)).then((r) => {
      const reports = r.map((x) => ({ configResource: resourceOf(x), error: errorOf(x.error) }));
      if (reports.some((x) => x.error.isError)) throw new AlterConfigsException(reports);
    });
  }

  async incrementalAlterConfigs(
    configs: Iterable<[ConfigResource, ConfigEntry[]]>,
    options?: IncrementalAlterConfigsOptions,
  ): Promise<IncrementalAlterConfigsResult[]> {
    const res = configResources(configs, true);
    const opts = adminOptions(options, ['requestTimeoutMs', 'validateOnly']);
    return this.#start<NativeConfigResourceResult[]>((id) => this.#native.incrementalAlterConfigs(res, opts, id)).then(
      (r) => {
        const reports = r.map((x) => ({ configResource: resourceOf(x), error: errorOf(x.error) }));
        if (reports.some((x) => x.error.isError)) throw new IncrementalAlterConfigsException(reports);
        return reports.map((x) => ({ configResource: x.configResource }));
      },
    );
  }

  async deleteGroups(groups: string[], options?: DeleteGroupsOptions): Promise<void> {
    const names = list(groups, 'groups').map((g, i) => checkName(g, `groups[${i}]`));
    const opts = adminOptions(options, ['requestTimeoutMs', 'operationTimeoutMs']);
    return this.#start<NativeGroupResult[]>((id) => this.#native.deleteGroups(names, opts, id)).then((r) => {
      const reports = r.map((g) => ({ group: g.group, error: errorOf(g.error) }));
      if (reports.some((g) => g.error.isError)) throw new DeleteGroupsException(reports);
    });
  }

  async listConsumerGroups(options?: ListConsumerGroupsOptions): Promise<ListConsumerGroupsResult> {
    const opts = adminOptions(options, ['requestTimeoutMs', 'matchStates', 'matchTypes']);
    return this.#start<NativeListConsumerGroups>((id) => this.#native.listConsumerGroups(opts, id)).then(
      listConsumerGroupsOutcome,
    );
  }

  async describeConsumerGroups(groups: string[], options?: DescribeConsumerGroupsOptions): Promise<DescribeConsumerGroupsResult> {
    const names = list(groups, 'groups').map((g, i) => checkName(g, `groups[${i}]`));
    const opts = adminOptions(options, ['requestTimeoutMs', 'includeAuthorizedOperations']);
    return this.#start<NativeGroupDescription[]>((id) => this.#native.describeConsumerGroups(names, opts, id)).then(
      describeConsumerGroupsOutcome,
    );
  }

  async listConsumerGroupOffsets(
    groupPartitions: ConsumerGroupTopicPartitions[],
    options?: ListConsumerGroupOffsetsOptions,
  ): Promise<ListConsumerGroupOffsetsResult[]> {
    const req = list(groupPartitions, 'groupPartitions').map((g, i) => {
      if (g === null || typeof g !== 'object') throw new TypeError(`groupPartitions[${i}] must be a ConsumerGroupTopicPartitions`);
      checkName(g.group, `groupPartitions[${i}].group`);
      const partitions =
        g.partitions == null
          ? null
          : list(g.partitions, `groupPartitions[${i}].partitions`).map((p, j) =>
              toNativeTp(p, `groupPartitions[${i}].partitions[${j}]`, false),
            );
      return { group: g.group, partitions };
    });
    const opts = adminOptions(options, ['requestTimeoutMs', 'requireStableOffsets']);
    return this.#start<NativeGroupResult[]>((id) => this.#native.listConsumerGroupOffsets(req, opts, id)).then((r) =>
      groupOffsetsOutcome(r, ListConsumerGroupOffsetsException),
    );
  }

  async alterConsumerGroupOffsets(
    groupPartitions: ConsumerGroupTopicPartitionOffsets[],
    options?: AlterConsumerGroupOffsetsOptions,
  ): Promise<AlterConsumerGroupOffsetsResult[]> {
    const req = list(groupPartitions, 'groupPartitions').map((g, i) => {
      if (g === null || typeof g !== 'object') throw new TypeError(`groupPartitions[${i}] must be a ConsumerGroupTopicPartitionOffsets`);
      checkName(g.group, `groupPartitions[${i}].group`);
      const partitions = list(g.partitions, `groupPartitions[${i}].partitions`).map((p, j) =>
        toNativeTp(p, `groupPartitions[${i}].partitions[${j}]`, true),
      );
      return { group: g.group, partitions };
    });
    const opts = adminOptions(options, ['requestTimeoutMs']);
    return this.#start<NativeGroupResult[]>((id) => this.#native.alterConsumerGroupOffsets(req, opts, id)).then((r) =>
      groupOffsetsOutcome(r, AlterConsumerGroupOffsetsException),
    );
  }

  async describeTopics(topics: TopicCollection | string[], options?: DescribeTopicsOptions): Promise<DescribeTopicsResult> {
    const names = Array.isArray(topics)
      ? topics
      : topics !== null && typeof topics === 'object' && Array.isArray((topics as TopicCollection).topicNames)
        ? [...(topics as TopicCollection).topicNames]
        : undefined;
    if (!names) throw new TypeError('topics must be a TopicCollection (TopicCollection.ofTopicNames) or an array of names');
    names.forEach((t, i) => checkName(t, `topics[${i}]`));
    const opts = adminOptions(options, ['requestTimeoutMs', 'includeAuthorizedOperations']);
    return this.#start<NativeTopicDescription[]>((id) => this.#native.describeTopics(names, opts, id)).then(
      describeTopicsOutcome,
    );
  }

  async describeCluster(options?: DescribeClusterOptions): Promise<DescribeClusterResult> {
    const opts = adminOptions(options, ['requestTimeoutMs', 'includeAuthorizedOperations']);
    return this.#start<NativeClusterDescription>((id) => this.#native.describeCluster(opts, id)).then((c) => ({
      clusterId: c.clusterId,
      controller: nodeOf(c.controller),
      nodes: c.nodes.map((n) => nodeOf(n)!),
      authorizedOperations: c.authorizedOperations as AclOperation[] | null,
    }));
  }

  async listOffsets(topicPartitionOffsets: TopicPartitionOffsetSpec[], options?: ListOffsetsOptions): Promise<ListOffsetsResult> {
    const parts = list(topicPartitionOffsets, 'topicPartitionOffsets').map((p, i) => {
      const what = `topicPartitionOffsets[${i}]`;
      if (p === null || typeof p !== 'object' || !(p.offsetSpec instanceof OffsetSpec)) {
        throw new TypeError(`${what} must be { topic, partition, offsetSpec: OffsetSpec }`);
      }
      return { ...toNativeTp(p, what, false), offset: p.offsetSpec.value };
    });
    const opts = adminOptions(options, ['requestTimeoutMs', 'isolationLevel']);
    return this.#withLeaders(parts, () =>
      this.#start<NativeListOffsetsInfo[]>((id) => this.#native.listOffsets(parts, opts, id)),
    ).then(listOffsetsOutcome);
  }

  async getMetadata(timeoutMs: number, topic?: string): Promise<Metadata> {
    timeoutArg(timeoutMs, 'timeoutMs'); // runs on the client's worker thread: finite
    if (topic !== undefined) topicName(topic);
    return this.#start<NativeMetadata>((id) => this.#native.metadata(topic ?? null, topic === undefined, timeoutMs, id)).then(
      metadataOf,
    );
  }

  close(): Promise<void> {
    // Not async: every call returns the same promise.
    return this.#core.close(async () => {});
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }

  /**
   * Runs a request that librdkafka sends to partition leaders (ListOffsets, DeleteRecords) and,
   * if it failed for want of a leader, refreshes the topics' metadata and runs it once more.
   * librdkafka looks the leaders up in its metadata cache and takes a cached leader of -1 as
   * final: it neither refreshes the cache nor retries. A topic seen while its leaders were
   * still being elected (typically just after createTopics) then fails every such request
   * with "No leaders found" (Local_NoEnt) or per-partition LeaderNotAvailable until the cache
   * entry expires, minutes later, however often the application retries. A metadata request
   * for the topics replaces the cached entry.
   */
  async #withLeaders<T extends Array<{ error?: NativeError }>>(parts: Array<{ topic: string }>, run: () => Promise<T>): Promise<T> {
    const noLeader = (r: T) => r.some((p) => p.error?.code === ErrorCode.LeaderNotAvailable);
    try {
      const r = await run();
      if (!noLeader(r)) return r;
    } catch (e) {
      if (!(e instanceof KafkaException && e.code === ErrorCode.Local_NoEnt)) throw e;
    }
    for (const topic of new Set(parts.map((p) => p.topic))) {
      await this.#start<NativeMetadata>((id) => this.#native.metadata(topic, false, 10_000, id)).catch(() => {});
    }
    return run();
  }

  /** Registers a request, starts it natively; a synchronous native failure throws here. */
  #start<T>(call: (id: number) => void): Promise<T> {
    this.#core.ensureOpen();
    const { id, promise } = this.#core.request<T>(captureCallerStack(this.#start));
    try {
      call(id);
    } catch (e) {
      this.#core.settle(id, null); // forget the request
      throw fromNativeThrow(e);
    }
    return promise;
  }
}

// ---- argument checks and conversions (wording lives here, not in native code) ----------------

function list<T>(value: readonly T[] | Iterable<T>, what: string): T[] {
  if (Array.isArray(value)) return value;
  if (value !== null && typeof value === 'object' && typeof (value as Iterable<T>)[Symbol.iterator] === 'function') {
    return [...(value as Iterable<T>)];
  }
  throw new TypeError(`${what} must be an array`);
}

function checkName(name: unknown, what: string): string {
  if (typeof name !== 'string' || name.length === 0) throw new TypeError(`${what} must be a non-empty string`);
  return name;
}

function optInt(value: unknown, what: string): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Number.isInteger(value)) throw new TypeError(`${what} must be an integer`);
  return value as number;
}

function brokerIds(ids: unknown, what: string): number[] {
  if (!Array.isArray(ids) || !ids.every((b) => Number.isInteger(b))) throw new TypeError(`${what} must be an array of broker ids`);
  return ids as number[];
}

/** { partition: brokers } (object or Map) → a dense array indexed by partition from 0. */
function assignments(value: Record<number, number[]> | Map<number, number[]>, i: number): number[][] {
  const what = `topics[${i}].replicasAssignments`;
  if (typeof value !== 'object') throw new TypeError(`${what} must map partitions to broker ids`);
  const entries = value instanceof Map ? [...value.entries()] : Object.entries(value).map(([k, v]) => [Number(k), v] as const);
  const out: number[][] = [];
  for (const [p, ids] of entries) {
    if (!Number.isInteger(p) || p < 0) throw new TypeError(`${what}: partition keys must be non-negative integers`);
    out[p] = brokerIds(ids, `${what}[${p}]`);
  }
  for (let p = 0; p < out.length; p++) {
    if (!out[p]) throw new TypeError(`${what} must list every partition from 0 (missing ${p})`);
  }
  return out;
}

function toNativeTp(p: TopicPartition | TopicPartitionOffset, what: string, needOffset: boolean): NativeTopicPartition {
  if (p === null || typeof p !== 'object') throw new TypeError(`${what} must be a { topic, partition${needOffset ? ', offset' : ''} }`);
  checkName(p.topic, `${what}.topic`);
  if (!Number.isInteger(p.partition) || p.partition < 0) throw new TypeError(`${what}.partition must be a non-negative integer`);
  const out: NativeTopicPartition = { topic: p.topic, partition: p.partition };
  if (needOffset) {
    const offset = (p as TopicPartitionOffset).offset;
    if (!Number.isInteger(offset)) throw new TypeError(`${what}.offset must be an integer`);
    out.offset = offset;
    const epoch = (p as TopicPartitionOffset).leaderEpoch;
    if (epoch !== undefined) out.leaderEpoch = epoch;
  }
  return out;
}

function checkResource(r: ConfigResource, what: string): { type: number; name: string } {
  if (r === null || typeof r !== 'object') throw new TypeError(`${what} must be a ConfigResource { type, name }`);
  if (!Number.isInteger(r.type)) throw new TypeError(`${what}.type must be a ResourceType`);
  checkName(r.name, `${what}.name`);
  return { type: r.type, name: r.name };
}

function configResources(configs: Iterable<[ConfigResource, ConfigEntry[]]>, incremental: boolean) {
  return list(configs, 'configs').map((pair, i) => {
    if (!Array.isArray(pair) || pair.length !== 2) throw new TypeError(`configs must be a Map of ConfigResource to ConfigEntry[]`);
    const res = checkResource(pair[0], `configs[${i}] resource`);
    const entries = list(pair[1], `configs[${i}] entries`).map((e, j) => {
      const what = `configs[${i}] entries[${j}]`;
      if (e === null || typeof e !== 'object') throw new TypeError(`${what} must be a ConfigEntry { name, value }`);
      checkName(e.name, `${what}.name`);
      if (e.value !== null && e.value !== undefined && typeof e.value !== 'string') throw new TypeError(`${what}.value must be a string or null`);
      const entry: { name: string; value: string | null; op?: number } = { name: e.name, value: e.value ?? null };
      if (incremental) {
        const op = e.incrementalOperation ?? AlterConfigOpType.Set;
        if (!Number.isInteger(op)) throw new TypeError(`${what}.incrementalOperation must be an AlterConfigOpType`);
        entry.op = op;
      }
      return entry;
    });
    return { ...res, configs: entries };
  });
}

function adminOptions(options: object | undefined, allowed: string[]): NativeAdminOptions | undefined {
  if (options === undefined || options === null) return undefined;
  if (typeof options !== 'object') throw new TypeError('options must be an object');
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(options)) {
    if (value === undefined) continue;
    if (!allowed.includes(key)) throw new TypeError(`unknown option '${key}' (expected one of: ${allowed.join(', ')})`);
    switch (OPTION_KINDS[key as keyof typeof OPTION_KINDS]) {
      case 'ms':
        timeoutArg(value, key); // librdkafka's AdminOptions take an int
        break;
      case 'bool':
        if (typeof value !== 'boolean') throw new TypeError(`${key} must be a boolean`);
        break;
      case 'enum':
        if (!Number.isInteger(value)) throw new TypeError(`${key} must be an enum value`);
        break;
      case 'enums':
        if (!Array.isArray(value) || !value.every((v) => Number.isInteger(v))) throw new TypeError(`${key} must be an array of enum values`);
        break;
    }
    // .NET's names → librdkafka's
    if (key === 'matchStates') out.matchConsumerGroupStates = value;
    else if (key === 'matchTypes') out.matchConsumerGroupTypes = value;
    else out[key] = value;
  }
  return out as NativeAdminOptions;
}


// ---- result conversions (exported for tests; @internal) --------------------------------------

function errorOf(e: NativeError | undefined): KafkaError {
  return e ? KafkaError.fromNative(e) : KafkaError.NoError;
}

function nodeOf(n: NativeNode | null): Node | null {
  return n ? { id: n.id, host: n.host ?? '', port: n.port, rack: n.rack } : null;
}

function topicReports(r: NativeTopicResult[]) {
  return r.map((t) => ({ topic: t.topic, error: errorOf(t.error) }));
}

/** @internal */
export function createTopicsOutcome(r: NativeTopicResult[]): void {
  const reports = topicReports(r);
  if (reports.some((t) => t.error.isError)) throw new CreateTopicsException(reports);
}

/** @internal */
export function deleteTopicsOutcome(r: NativeTopicResult[]): void {
  const reports = topicReports(r);
  if (reports.some((t) => t.error.isError)) throw new DeleteTopicsException(reports);
}

/** @internal */
export function createPartitionsOutcome(r: NativeTopicResult[]): void {
  const reports = topicReports(r);
  if (reports.some((t) => t.error.isError)) throw new CreatePartitionsException(reports);
}

/** @internal */
export function deleteRecordsOutcome(r: NativeTopicPartition[]): DeleteRecordsResult[] {
  const reports = r.map((p) => ({ topic: p.topic, partition: p.partition, offset: p.offset ?? -1001, error: errorOf(p.error) }));
  if (reports.some((p) => p.error.isError)) throw new DeleteRecordsException(reports);
  return reports.map(({ topic, partition, offset }) => ({ topic, partition, offset }));
}

function resourceOf(r: NativeConfigResourceResult): ConfigResource {
  return { type: r.type, name: r.name };
}

/** @internal */
export function describeConfigsOutcome(r: NativeConfigResourceResult[]): DescribeConfigsResult[] {
  const reports = r.map((res) => {
    const entries: Record<string, ConfigEntryResult> = {};
    for (const c of res.configs) {
      entries[c.name] = {
        name: c.name,
        value: c.value,
        source: c.source,
        isDefault: c.isDefault,
        isReadOnly: c.isReadOnly,
        isSensitive: c.isSensitive,
        synonyms: c.synonyms.map((s) => ({ name: s.name, value: s.value, source: s.source })),
      };
    }
    return { configResource: resourceOf(res), entries, error: errorOf(res.error) };
  });
  if (reports.some((x) => x.error.isError)) throw new DescribeConfigsException(reports);
  return reports.map(({ configResource, entries }) => ({ configResource, entries }));
}

/** @internal */
export function listConsumerGroupsOutcome(r: NativeListConsumerGroups): ListConsumerGroupsResult {
  const valid = r.valid.map((g) => ({
    groupId: g.groupId,
    state: g.state,
    type: g.type,
    isSimpleConsumerGroup: g.isSimpleConsumerGroup,
  }));
  if (r.errors.length > 0) throw new ListConsumerGroupsException({ valid, errors: r.errors.map((e) => KafkaError.fromNative(e)) });
  return { valid };
}

function assignmentOf(parts: NativeTopicPartition[] | null): MemberAssignment {
  return { topicPartitions: (parts ?? []).map((p) => ({ topic: p.topic, partition: p.partition })) };
}

/** @internal */
export function describeConsumerGroupsOutcome(r: NativeGroupDescription[]): DescribeConsumerGroupsResult {
  const consumerGroupDescriptions: ConsumerGroupDescription[] = r.map((g) => ({
    groupId: g.groupId,
    error: errorOf(g.error),
    isSimpleConsumerGroup: g.isSimpleConsumerGroup,
    partitionAssignor: g.partitionAssignor ?? '',
    state: g.state,
    groupType: g.type,
    coordinator: nodeOf(g.coordinator),
    members: g.members.map((m) => ({
      clientId: m.clientId ?? '',
      groupInstanceId: m.groupInstanceId,
      consumerId: m.consumerId ?? '',
      host: m.host ?? '',
      assignment: assignmentOf(m.assignment),
      targetAssignment: m.targetAssignment ? assignmentOf(m.targetAssignment) : null,
    })),
    authorizedOperations: g.authorizedOperations as AclOperation[] | null,
  }));
  const result = { consumerGroupDescriptions };
  if (consumerGroupDescriptions.some((g) => g.error.isError)) throw new DescribeConsumerGroupsException(result);
  return result;
}

function tpoError(p: NativeTopicPartition): TopicPartitionOffsetError {
  const out: TopicPartitionOffsetError = {
    topic: p.topic,
    partition: p.partition,
    offset: p.offset ?? -1001,
    error: errorOf(p.error),
  };
  if (p.leaderEpoch !== undefined) out.leaderEpoch = p.leaderEpoch;
  return out;
}

function stripError({ error: _error, ...tpo }: TopicPartitionOffsetError): TopicPartitionOffset {
  return tpo;
}

/** @internal */
export function groupOffsetsOutcome(
  r: NativeGroupResult[],
  Exception: typeof ListConsumerGroupOffsetsException | typeof AlterConsumerGroupOffsetsException,
): ListConsumerGroupOffsetsResult[] {
  const reports = r.map((g) => ({ group: g.group, error: errorOf(g.error), partitions: (g.partitions ?? []).map(tpoError) }));
  if (reports.some((g) => g.error.isError || g.partitions.some((p) => p.error.isError))) throw new Exception(reports);
  return reports.map((g) => ({ group: g.group, partitions: g.partitions.map(stripError) }));
}

/** @internal */
export function describeTopicsOutcome(r: NativeTopicDescription[]): DescribeTopicsResult {
  const topicDescriptions: TopicDescription[] = r.map((t) => ({
    name: t.name,
    topicId: t.topicId ? new Uuid(t.topicId.mostSignificantBits, t.topicId.leastSignificantBits, t.topicId.base64) : null,
    error: errorOf(t.error),
    isInternal: t.isInternal,
    partitions: t.partitions.map((p) => ({
      partition: p.partition,
      leader: nodeOf(p.leader),
      replicas: p.replicas.map((n) => nodeOf(n)!),
      isr: p.isr.map((n) => nodeOf(n)!),
    })),
    authorizedOperations: t.authorizedOperations as AclOperation[] | null,
  }));
  const result = { topicDescriptions };
  if (topicDescriptions.some((t) => t.error.isError)) throw new DescribeTopicsException(result);
  return result;
}

/** @internal */
export function listOffsetsOutcome(r: NativeListOffsetsInfo[]): ListOffsetsResult {
  const resultInfos = r.map((i) => ({ topicPartitionOffsetError: tpoError(i), timestamp: i.timestamp }));
  if (resultInfos.some((i) => i.topicPartitionOffsetError.error.isError)) {
    throw new ListOffsetsException({ resultInfos, error: new KafkaError(ErrorCode.Local_Partial) });
  }
  return { resultInfos };
}

/** @internal */
export function metadataOf(m: NativeMetadata): Metadata {
  return {
    brokers: m.brokers.map((b) => ({ brokerId: b.brokerId, host: b.host, port: b.port })),
    topics: m.topics.map((t) => ({
      topic: t.topic,
      error: errorOf(t.error),
      partitions: t.partitions.map((p) => ({
        partitionId: p.partitionId,
        leader: p.leader,
        replicas: p.replicas,
        inSyncReplicas: p.inSyncReplicas,
        error: errorOf(p.error),
      })),
    })),
    originatingBrokerId: m.originatingBrokerId,
    originatingBrokerName: m.originatingBrokerName ?? '',
  };
}
