/**
 * The consumer. Waiting never blocks the event loop or a libuv thread: librdkafka wakes the
 * JS thread when the consumer queue becomes non-empty, and messages are taken from it
 * without waiting, in batches (at least FETCH_MIN) that this client holds and hands out.
 * Offsets are the application's (DESIGN rule 7): librdkafka's own automatic offset store is
 * off underneath, and this client stores `offset + 1` of exactly the messages it handed out
 * (before every fetch, commit, rebalance, assignment change, seek and close, and at the
 * latest one event-loop turn after handing them out), answers `position()` from what it
 * still holds, and gives held messages back (revoke, seek, assign) unstored.
 * Rebalances arrive as events here, the user's handlers run (and may be async), and only
 * then is the assignment changed.
 */
import type { NativeClient, NativeFetch, NativeRebalance, NativeTopicPartition } from './binding';
import { ClientCore, type CoreHandlers } from './client-core';
import { toLibrdkafkaConfig } from './config';
import {
  ConsumeException,
  KafkaError,
  KafkaException,
  TopicPartitionException,
  TopicPartitionOffsetException,
  captureCallerStack,
  fromNativeThrow,
} from './errors';
import { ErrorCode } from './generated/error-code.gen';
import { Headers, headersFromNative } from './headers';
import {
  leaderEpoch as leaderEpochArg,
  offset as offsetArg,
  optionalTimeoutMs,
  partition as partitionArg,
  subscriptionEntry,
  timeoutMs as timeoutArg,
  timerFor,
  timestampMs,
  topicName,
} from './internal/validate';
import { defaultDeserializer, MessageComponentType, type Deserializer } from './serdes';
import {
  Offset,
  TimestampType,
  type CommittedOffsets,
  type ConsumeResult,
  type Message,
  type Timestamp,
  type TopicPartition,
  type TopicPartitionOffset,
  type TopicPartitionOffsetError,
  type TopicPartitionTimestamp,
  type WatermarkOffsets,
} from './types';

/** Options of {@link IConsumer.consume}. */
export interface ConsumeOptions {
  /** Rejects the consume promptly (with the signal's reason) when aborted. */
  signal?: AbortSignal;
  /** Resolve with null after this long without a message. Default (or `Infinity`): wait indefinitely. */
  timeoutMs?: number;
}

/** Options of {@link IConsumer.close}. */
export interface ConsumerCloseOptions {
  /**
   * How long close() waits for rebalance handlers (and for leaving the group) before it
   * abandons a handler's unsettled promise and destroys the client. Default 30 s;
   * `Infinity`: no limit.
   */
  timeoutMs?: number;
}

/** Opaque consumer-group metadata for `sendOffsetsToTransaction` (.NET `IConsumerGroupMetadata`). */
export interface IConsumerGroupMetadata {
  /** @internal librdkafka's serialized rd_kafka_consumer_group_metadata_t */
  readonly serialized: Buffer;
}

/** Handler types of {@link ConsumerBuilder}. Each runs on the JS thread, never concurrently. */
export interface ConsumerHandlers<K, V> extends CoreHandlers<IConsumer<K, V>> {
  assigned?: (consumer: IConsumer<K, V>, partitions: TopicPartition[]) =>
    void | TopicPartitionOffset[] | Promise<void | TopicPartitionOffset[]>;
  revoked?: (consumer: IConsumer<K, V>, partitions: TopicPartitionOffset[]) => void | Promise<void>;
  lost?: (consumer: IConsumer<K, V>, partitions: TopicPartitionOffset[]) => void | Promise<void>;
  committed?: (consumer: IConsumer<K, V>, committed: CommittedOffsets) => void;
}

/** The consumer interface (.NET `IConsumer<TKey, TValue>`). */
export interface IConsumer<K, V> extends AsyncDisposable, AsyncIterable<ConsumeResult<K, V>> {
  /** librdkafka's handle name, e.g. `rdkafka#consumer-1`. */
  readonly name: string;
  /** The group member id the coordinator assigned ('' before joining). */
  readonly memberId: string;
  /** The current assignment. */
  readonly assignment: TopicPartition[];
  /** The current subscription. */
  readonly subscription: string[];
  /** Opaque metadata for `producer.sendOffsetsToTransaction`. */
  readonly consumerGroupMetadata: IConsumerGroupMetadata;
  /** Subscribes to topics (replacing the previous subscription); `^` starts a regex. */
  subscribe(topics: string | string[]): void;
  unsubscribe(): void;
  /** Replaces the assignment (no group rebalancing). A TopicPartition starts at the committed offset. */
  assign(partitions: TopicPartition | TopicPartitionOffset | Array<TopicPartition | TopicPartitionOffset>): void;
  incrementalAssign(partitions: Array<TopicPartition | TopicPartitionOffset>): void;
  incrementalUnassign(partitions: TopicPartition[]): void;
  unassign(): void;
  /**
   * The next message, or null after `timeoutMs` without one. Rejects with ConsumeException on
   * a per-message error, and with a handler's exception if a rebalance/statistics handler threw.
   */
  consume(timeoutMs?: number): Promise<ConsumeResult<K, V> | null>;
  consume(options: ConsumeOptions): Promise<ConsumeResult<K, V> | null>;
  /**
   * Up to `maxMessages` messages: resolves as soon as at least one is available (with what is
   * ready, at most `maxMessages` and at most one fetch of 1,024, so that converting a batch
   * never holds the event loop for long), or with [] after `timeoutMs`.
   */
  consumeBatch(maxMessages: number, timeoutMs?: number, options?: { signal?: AbortSignal }): Promise<ConsumeResult<K, V>[]>;
  /** Stores `result.offset + 1` (or the offset as given) for the next commit. Needs `enableAutoOffsetStore: false`. */
  storeOffset(result: ConsumeResult<K, V> | TopicPartitionOffset): void;
  /** Commits the stored offsets of the assignment; resolves with what was committed. Rejects `Local_NoOffset` when nothing is stored. */
  commit(): Promise<TopicPartitionOffset[]>;
  /** Commits the given offsets (the next offset to read), or `result.offset + 1`. */
  commit(offsets: TopicPartitionOffset[] | ConsumeResult<K, V>): Promise<void>;
  /** Moves the fetch position of an assigned partition. */
  seek(tpo: TopicPartitionOffset): Promise<void>;
  pause(partitions: TopicPartition[]): void;
  resume(partitions: TopicPartition[]): void;
  /** The offset of the next message the application will be handed, or Offset.Unset. */
  position(tp: TopicPartition): number;
  committed(partitions: TopicPartition[], timeoutMs: number): Promise<TopicPartitionOffset[]>;
  offsetsForTimes(timestamps: TopicPartitionTimestamp[], timeoutMs: number): Promise<TopicPartitionOffset[]>;
  /** Cached watermarks (no broker round trip); Offset.Unset when unknown. */
  getWatermarkOffsets(tp: TopicPartition): WatermarkOffsets;
  queryWatermarkOffsets(tp: TopicPartition, timeoutMs: number): Promise<WatermarkOffsets>;
  /**
   * Runs the revoked handler, commits stored offsets when auto-commit is on, leaves the
   * group, then destroys the client off the JS thread. Waiting consumes settle (null / []).
   * Idempotent. Rejects with a handler's exception if one is pending.
   *
   * Bounded by `timeoutMs` (default 30 s; `Infinity`: no limit): a rebalance handler whose
   * promise has not settled by then is abandoned (reported to the error handler as
   * `Local_TimedOut` and logged) and close goes on as if it had returned; librdkafka then has
   * at most 5 s more to leave the group (handlers are no longer called).
   */
  close(options?: ConsumerCloseOptions): Promise<void>;
}

const ASSIGN = ErrorCode.Local_AssignPartitions;
// What a rebalance handler's promise is raced against: settles once close()'s time is up.
const ABANDONED = Symbol('abandoned');
const CLOSE_TIMEOUT_MS = 30_000;
// After close()'s timeout, how long librdkafka may still take to finish leaving the group
// (its final revoke is then applied without calling the application's handler): the destroy
// that follows would otherwise wait for that revoke forever.
const CLOSE_GRACE_MS = 5_000;
// Messages taken from librdkafka per fetch at least: amortizes the native call. What is held
// beyond what the application asked for is bounded by this (and by its maxMessages).
const FETCH_MIN = 256;
// And at most: converting a fetch runs on the JS thread in one go (consumeBatch with a larger
// maximum gets what one fetch brought; the next call gets the rest).
const FETCH_MAX = 1024;
// A consume loop that always finds messages ready resolves on the microtask queue and would
// never let timers or I/O run: after this long without an event-loop turn, consume yields.
const TURN_BUDGET_MS = 5;

interface Waiter<K, V> {
  max: number;
  batch: boolean;
  resolve(v: ConsumeResult<K, V> | null | ConsumeResult<K, V>[]): void;
  reject(e: unknown): void;
  timer?: NodeJS.Timeout;
  signal?: AbortSignal;
  onAbort?: () => void;
}

class Result<K, V> implements ConsumeResult<K, V> {
  constructor(
    readonly topic: string,
    readonly partition: number,
    readonly offset: number,
    readonly message: ConsumedMessage<K, V> | null,
    readonly isPartitionEOF: boolean,
    readonly leaderEpoch: number | undefined,
  ) {}
  get topicPartition(): TopicPartition {
    return { topic: this.topic, partition: this.partition };
  }
  get topicPartitionOffset(): TopicPartitionOffset {
    return this.leaderEpoch === undefined
      ? { topic: this.topic, partition: this.partition, offset: this.offset }
      : { topic: this.topic, partition: this.partition, offset: this.offset, leaderEpoch: this.leaderEpoch };
  }
}

class ConsumedMessage<K, V> implements Message<K, V> {
  #headers: Headers | Array<string | Buffer | null> | undefined;
  constructor(
    readonly key: K,
    readonly value: V,
    private readonly ts: number,
    private readonly tsType: TimestampType,
    headers: Array<string | Buffer | null> | undefined,
  ) {
    this.#headers = headers;
  }
  get timestamp(): Timestamp {
    return { type: this.tsType, unixTimestampMs: this.ts };
  }
  /** Always a Headers (empty when the message had none), as in .NET. */
  get headers(): Headers {
    if (!(this.#headers instanceof Headers)) this.#headers = this.#headers ? headersFromNative(this.#headers) : new Headers();
    return this.#headers;
  }
}

/** @internal built by {@link ConsumerBuilder}. */
export class Consumer<K, V> implements IConsumer<K, V> {
  readonly #core: ClientCore<IConsumer<K, V>>;
  readonly #native: NativeClient;
  readonly #handlers: ConsumerHandlers<K, V>;
  readonly #keyDes: Deserializer<K>;
  readonly #valueDes: Deserializer<V>;
  readonly #rawKeys: boolean;
  readonly #rawValues: boolean;
  #waiters: Waiter<K, V>[] = [];
  // A handler's exception, rethrown from the next consume / close (.NET semantics).
  #pendingError: unknown;
  // What a fetch took beyond a failure (a per-message error or a deserializer failure ends
  // what one consume call hands over): handed out, in order, before fetching again. Never
  // larger than one fetch, i.e. than the maxMessages the application asked for.
  #backlog: Array<ConsumeResult<K, V> | Failure> = [];
  #backlogAt = 0;
  #backlogFailures = 0; // Failures #convert put in the current backlog
  // Offsets handed out but not yet stored: #backlog[#storeFrom .. #backlogAt) (auto store).
  #storeFrom = 0;
  // The application's enable.auto.offset.store (librdkafka's is off underneath, see above).
  readonly #autoStore: boolean;
  // Held messages of paused partitions, given back on resume (key: topic \0 partition).
  #pausedHeld = new Map<string, Array<ConsumeResult<K, V> | Failure>>();
  // Event-loop turn accounting for TURN_BUDGET_MS; stores are flushed once per turn too.
  #turnStart = 0;
  #turnCalls = 0;
  #overBudget = false;
  #turnScheduled = false;
  // When librdkafka was last polled (a fetch), and its max.poll.interval.ms.
  #lastFetchAt = 0;
  // Set once per event-loop turn (#scheduleTurn): the next hand-out of a held message checks
  // librdkafka's poll clock, so the hot path reads no clock per message.
  #pollDue = false;
  readonly #maxPollMs: number;
  // The final revoke of close() is being handled: its handler may still commit, store, etc.
  #closeRebalance = false;
  // While a consume waits, the consumer queue is polled (timeout 0) every #keepAliveMs:
  // librdkafka counts max.poll.interval.ms from the last poll, and waiting in JS is not one.
  #keepAlive: NodeJS.Timeout | undefined;
  readonly #keepAliveMs: number;
  // Set while a rebalance is being handled: consumes wait, assign() from a handler throws.
  #rebalancing: Promise<void> | undefined;
  #inHandler = false;
  #closing = false;
  // Resolved when close()'s timeout expires: unsettled rebalance handlers are abandoned.
  #abandon!: () => void;
  readonly #abandoned = new Promise<typeof ABANDONED>((resolve) => {
    this.#abandon = () => {
      this.#handlersAbandoned = true;
      resolve(ABANDONED);
    };
  });
  #handlersAbandoned = false;
  #closeTimeoutMs = CLOSE_TIMEOUT_MS;

  constructor(config: object, handlers: ConsumerHandlers<K, V>, keyDes?: Deserializer<K>, valueDes?: Deserializer<V>) {
    this.#handlers = handlers;
    const [nativeConfig, autoStore] = withOwnOffsetStore(config);
    this.#autoStore = autoStore;
    this.#core = new ClientCore<IConsumer<K, V>>('consumer', nativeConfig, handlers, {
      consumerReady: () => this.#serve(),
      commit: (err, partitions) => this.#onAutoCommit(err, partitions as NativeTopicPartition[]),
    });
    this.#core.bind(this);
    this.#native = this.#core.native;
    this.#keyDes = keyDes ?? (defaultDeserializer as unknown as Deserializer<K>);
    this.#valueDes = valueDes ?? (defaultDeserializer as unknown as Deserializer<V>);
    this.#rawKeys = this.#keyDes === (defaultDeserializer as unknown);
    this.#rawValues = this.#valueDes === (defaultDeserializer as unknown);
    const maxPoll = Number(toLibrdkafkaConfig(config, 'consumer')['max.poll.interval.ms'] ?? 300_000);
    this.#maxPollMs = maxPoll;
    this.#keepAliveMs = Math.max(10, Math.min(1000, Math.floor(maxPoll / 4)));
  }

  get name(): string {
    return this.#core.name;
  }
  get memberId(): string {
    this.#ensureOpen();
    return nativeCall(() => this.#native.memberId());
  }
  get assignment(): TopicPartition[] {
    this.#ensureOpen();
    return nativeCall(() => this.#native.assignment()).map((p) => ({ topic: p.topic, partition: p.partition }));
  }
  get subscription(): string[] {
    this.#ensureOpen();
    return nativeCall(() => this.#native.subscription());
  }
  get consumerGroupMetadata(): IConsumerGroupMetadata {
    this.#ensureOpen();
    const serialized = nativeCall(() => this.#native.groupMetadata());
    if (!serialized) throw new KafkaException(new KafkaError(ErrorCode.Local_State, 'no consumer group metadata (is groupId set?)'));
    return { serialized };
  }

  toString(): string {
    return `Consumer ${this.#core.toString()}`;
  }

  // A request whose native call failed synchronously is settled with that failure.
  #startRequest(id: number, call: () => void): void {
    try {
      call();
    } catch (e) {
      const ke = fromNativeThrow(e);
      this.#core.settle(id, ke instanceof KafkaException ? ke.error : new KafkaError(ErrorCode.Local_Fail, describe(ke)));
    }
  }

  /**
   * Runs a lookup that librdkafka sends to partition leaders (offsetsForTimes, watermarks) and,
   * if it failed for want of a leader, refreshes the topics' metadata and runs it once more
   * within what is left of `timeoutMs`. librdkafka takes a cached leader of -1 as final
   * (rd_kafka_topic_partition_list_query_leaders neither refreshes nor retries it), so a topic
   * cached while its leaders were being elected (just after its creation, or during a
   * failover) failed every such lookup with Local_UnknownPartition until a periodic refresh,
   * however often the application retried.
   */
  async #withLeaders<T>(parts: Array<{ topic: string }>, timeoutMs: number, run: (timeoutMs: number) => Promise<T>): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    try {
      return await run(timeoutMs);
    } catch (e) {
      const code = e instanceof KafkaException ? e.code : undefined;
      if (code !== ErrorCode.Local_UnknownPartition && code !== ErrorCode.LeaderNotAvailable) throw e;
      for (const topic of new Set(parts.map((p) => p.topic))) {
        const left = deadline - Date.now();
        if (left <= 0) throw e;
        const { id, promise } = this.#core.request<unknown>(captureCallerStack());
        this.#startRequest(id, () => this.#native.metadata(topic, false, left, id));
        await promise.catch(() => {});
      }
      const left = deadline - Date.now();
      if (left <= 0) throw e;
      return run(left);
    }
  }

  // Use after close is a clear error, except from the handler close() itself runs.
  #ensureOpen(): void {
    if (!this.#closeRebalance) this.#core.ensureOpen();
  }

  subscribe(topics: string | string[]): void {
    this.#ensureOpen();
    const list = typeof topics === 'string' ? [topics] : topics;
    if (!Array.isArray(list) || list.length === 0) {
      throw new TypeError('topics must be a topic name or a non-empty array of topic names');
    }
    list.forEach((t, i) => subscriptionEntry(t, `topics[${i}]`));
    nativeCall(() => this.#native.subscribe(list));
  }

  unsubscribe(): void {
    this.#ensureOpen();
    nativeCall(() => this.#native.unsubscribe());
  }

  assign(partitions: TopicPartition | TopicPartitionOffset | Array<TopicPartition | TopicPartitionOffset>): void {
    this.#checkAssignAllowed('assign');
    const list = Array.isArray(partitions) ? partitions : [partitions];
    const native = list.map((p) => toNative(p, offsetOf(p)));
    this.#dropHeld(null); // a new assignment starts from its own offsets
    nativeCall(() => this.#native.assign(native, 0));
  }

  incrementalAssign(partitions: Array<TopicPartition | TopicPartitionOffset>): void {
    this.#checkAssignAllowed('incrementalAssign');
    nativeCall(() => this.#native.assign(toList(partitions).map((p) => toNative(p, offsetOf(p))), 1));
  }

  incrementalUnassign(partitions: TopicPartition[]): void {
    this.#checkAssignAllowed('incrementalUnassign');
    const native = toList(partitions).map((p) => toNative(p, Offset.Unset));
    this.#dropHeld(new Set(native.map(tpKey)));
    nativeCall(() => this.#native.assign(native, 2));
  }

  unassign(): void {
    this.#checkAssignAllowed('unassign');
    this.#dropHeld(null);
    nativeCall(() => this.#native.assign(null, 0));
  }

  consume(arg?: number | ConsumeOptions): Promise<ConsumeResult<K, V> | null> {
    // Promise-returning: every failure, argument and closed-state ones included, is a rejection.
    try {
      let timeoutMs: number | undefined;
      let signal: AbortSignal | undefined;
      if (typeof arg === 'number' || arg === undefined) timeoutMs = arg;
      else if (arg !== null && typeof arg === 'object') ({ timeoutMs, signal } = arg);
      else throw new TypeError('consume takes a timeout in ms or { signal?, timeoutMs? }');
      const ms = optionalTimeoutMs(timeoutMs, 'timeoutMs', { infinite: true });
      return this.#request(1, false, ms, signal) as Promise<ConsumeResult<K, V> | null>;
    } catch (e) {
      return Promise.reject(e);
    }
  }

  consumeBatch(maxMessages: number, timeoutMs?: number, options?: { signal?: AbortSignal }): Promise<ConsumeResult<K, V>[]> {
    // Promise-returning: every failure, argument and closed-state ones included, is a rejection.
    try {
      if (!Number.isInteger(maxMessages) || maxMessages < 1) throw new TypeError('maxMessages must be a positive integer');
      const ms = optionalTimeoutMs(timeoutMs, 'timeoutMs', { infinite: true });
      return this.#request(maxMessages, true, ms, options?.signal) as Promise<ConsumeResult<K, V>[]>;
    } catch (e) {
      return Promise.reject(e);
    }
  }

  [Symbol.asyncIterator](): AsyncIterator<ConsumeResult<K, V>> {
    const done: IteratorResult<ConsumeResult<K, V>> = { value: undefined, done: true };
    const wait = async (): Promise<IteratorResult<ConsumeResult<K, V>>> => {
      for (;;) {
        if (!this.#core.isOpen) return done;
        const r = await this.consume();
        if (r) return { value: r, done: false };
      }
    };
    // A message that is ready costs one resolved promise; otherwise wait like consume().
    const next = (): Promise<IteratorResult<ConsumeResult<K, V>>> => {
      if (!this.#core.isOpen) return Promise.resolve(done);
      if (this.#waiters.length === 0 && !this.#rebalancing && this.#pendingError === undefined && this.#withinTurn()) {
        this.#scheduleTurn();
        const got = this.#take(1, false);
        if (got instanceof Failure) return Promise.reject(got.error);
        if (got !== undefined) return Promise.resolve({ value: got as ConsumeResult<K, V>, done: false });
      }
      return wait();
    };
    return { next, return: () => Promise.resolve(done) };
  }

  storeOffset(result: ConsumeResult<K, V> | TopicPartitionOffset): void {
    this.#ensureOpen();
    const tpo = nextOffsetOf(result, 'storeOffset');
    if (this.#autoStore) {
      throw new KafkaException(new KafkaError(ErrorCode.Local_InvalidArg, 'storeOffset requires enableAutoOffsetStore: false (with the automatic offset store on, offsets are stored as messages are handed out)'));
    }
    let out: NativeTopicPartition[];
    try {
      out = this.#native.storeOffsets([toNative(tpo, tpo.offset)]);
    } catch (e) {
      const ke = fromNativeThrow(e);
      if (ke instanceof KafkaException && ke.code === ErrorCode.Local_InvalidArg) {
        throw new KafkaException(new KafkaError(ErrorCode.Local_InvalidArg, 'storeOffset requires enableAutoOffsetStore: false (with the automatic offset store on, librdkafka stores offsets itself)'));
      }
      throw ke;
    }
    const failed = out.find((p) => p.error);
    if (failed) throw new KafkaException(KafkaError.fromNative(failed.error!));
  }

  commit(): Promise<TopicPartitionOffset[]>;
  commit(offsets: TopicPartitionOffset[] | ConsumeResult<K, V>): Promise<void>;
  commit(offsets?: TopicPartitionOffset[] | ConsumeResult<K, V>): Promise<TopicPartitionOffset[] | void> {
    // Promise-returning: every failure, argument and closed-state ones included, is a rejection.
    try {
      this.#ensureOpen();
      let list: NativeTopicPartition[] | null = null;
      if (offsets !== undefined) {
        if (Array.isArray(offsets)) {
          if (offsets.length === 0) return Promise.resolve();
          list = offsets.map((o) => toNative(o, object(o).offset));
        } else {
          const tpo = nextOffsetOf(offsets, 'commit');
          list = [toNative(tpo, tpo.offset)];
        }
      }
      if (list === null) this.#flushStores(); // commit() commits the stored offsets
      const { id, promise } = this.#core.request<NativeTopicPartition[]>(captureCallerStack());
      this.#startRequest(id, () => this.#native.commit(list, id));
      return promise.then((committed) => {
        const results = committed.map(toResult);
        if (results.some((r) => r.error.isError)) throw new TopicPartitionOffsetException(results);
        return offsets === undefined ? results.map(stripError) : undefined;
      });
    } catch (e) {
      return Promise.reject(e);
    }
  }

  seek(tpo: TopicPartitionOffset): Promise<void> {
    // Promise-returning: every failure, argument and closed-state ones included, is a rejection.
    try {
      this.#ensureOpen();
      if (tpo === null || typeof tpo !== 'object') throw new TypeError('seek takes a { topic, partition, offset }');
      const out = nativeCall(() => this.#native.seek([toNative(tpo, tpo.offset)]));
      // An asynchronous seek (timeout 0) reports Local_InProgress for a partition it started on.
      const failed = out.find((p) => p.error && p.error.code !== ErrorCode.Local_InProgress);
      if (failed) return Promise.reject(new KafkaException(KafkaError.fromNative(failed.error!)));
      // What this client still holds for the partition predates the seek: librdkafka drops its
      // own outdated messages by op version, held ones are dropped here.
      this.#dropHeld(new Set([tpKey(tpo)]));
      return Promise.resolve();
    } catch (e) {
      return Promise.reject(e);
    }
  }

  pause(partitions: TopicPartition[]): void {
    this.#pauseResume(partitions, true);
  }

  resume(partitions: TopicPartition[]): void {
    this.#pauseResume(partitions, false);
  }

  position(tp: TopicPartition): number {
    this.#ensureOpen();
    checkTp(tp);
    const held = this.#heldPosition(tp);
    if (held !== undefined) return held;
    const [p] = nativeCall(() => this.#native.position([toNative(tp, Offset.Unset)]));
    if (p.error) throw new KafkaException(KafkaError.fromNative(p.error));
    return p.offset ?? Offset.Unset;
  }

  // librdkafka's position is past everything fetched; the first message still held (not
  // handed out) of a partition is the application's position there.
  #heldPosition(tp: TopicPartition): number | undefined {
    for (let i = this.#backlogAt; i < this.#backlog.length; i++) {
      const rec = recordOf(this.#backlog[i]);
      if (rec && rec.topic === tp.topic && rec.partition === tp.partition) return rec.offset;
    }
    const paused = this.#pausedHeld.get(tpKey(tp));
    const first = paused && recordOf(paused[0]);
    return first ? first.offset : undefined;
  }

  committed(partitions: TopicPartition[], timeoutMs: number): Promise<TopicPartitionOffset[]> {
    // Promise-returning: every failure, argument and closed-state ones included, is a rejection.
    try {
      this.#ensureOpen();
      timeoutArg(timeoutMs, 'timeoutMs'); // runs on the client's worker thread: finite
      const list = toList(partitions).map((p) => toNative(p, Offset.Unset));
      const { id, promise } = this.#core.request<NativeTopicPartition[]>(captureCallerStack());
      this.#startRequest(id, () => this.#native.committed(list, timeoutMs, id));
      return promise.then(partitionResults);
    } catch (e) {
      return Promise.reject(e);
    }
  }

  offsetsForTimes(timestamps: TopicPartitionTimestamp[], timeoutMs: number): Promise<TopicPartitionOffset[]> {
    // Promise-returning: every failure, argument and closed-state ones included, is a rejection.
    try {
      this.#ensureOpen();
      timeoutArg(timeoutMs, 'timeoutMs'); // runs on the client's worker thread: finite
      const list = toList(timestamps).map((t) => toNative(t, timestampMs(object(t).timestamp)));
      const stack = captureCallerStack();
      return this.#withLeaders(list, timeoutMs, (left) => {
        const { id, promise } = this.#core.request<NativeTopicPartition[]>(stack);
        this.#startRequest(id, () => this.#native.offsetsForTimes(list, left, id));
        return promise;
      }).then(partitionResults);
    } catch (e) {
      return Promise.reject(e);
    }
  }

  getWatermarkOffsets(tp: TopicPartition): WatermarkOffsets {
    this.#ensureOpen();
    checkTp(tp);
    return nativeCall(() => this.#native.watermarks(tp.topic, tp.partition));
  }

  queryWatermarkOffsets(tp: TopicPartition, timeoutMs: number): Promise<WatermarkOffsets> {
    // Promise-returning: every failure, argument and closed-state ones included, is a rejection.
    try {
      this.#ensureOpen();
      checkTp(tp);
      timeoutArg(timeoutMs, 'timeoutMs'); // runs on the client's worker thread: finite
      const stack = captureCallerStack();
      return this.#withLeaders([tp], timeoutMs, (left) => {
        const { id, promise } = this.#core.request<WatermarkOffsets>(stack);
        this.#startRequest(id, () => this.#native.watermarks(tp.topic, tp.partition, left, id));
        return promise;
      });
    } catch (e) {
      return Promise.reject(e);
    }
  }

  close(options?: ConsumerCloseOptions): Promise<void> {
    const first = !this.#closing;
    if (first) {
      try {
        if (options !== undefined && (options === null || typeof options !== 'object')) throw new TypeError('close options must be an object { timeoutMs? }');
        this.#closeTimeoutMs = timeoutArg(options?.timeoutMs ?? CLOSE_TIMEOUT_MS, 'timeoutMs', { infinite: true });
      } catch (e) {
        return Promise.reject(e);
      }
    }
    this.#closing = true;
    const closed = this.#core.close(async () => {
      const timeoutMs = this.#closeTimeoutMs;
      const timer = timerFor(timeoutMs, () => this.#abandon());
      try {
        await this.#closeDrain(timeoutMs < 0 ? Infinity : Date.now() + timeoutMs);
      } finally {
        if (timer) clearTimeout(timer);
      }
    });
    if (!first) return closed;
    return closed.then(() => {
      const e = this.#pendingError;
      this.#pendingError = undefined;
      if (e !== undefined) throw e;
    });
  }

  async #closeDrain(deadline: number): Promise<void> {
    // Waiting consumes end: consume() with null, consumeBatch() with [].
    for (const w of [...this.#waiters]) this.#settle(w, w.batch ? [] : null);
    if (this.#rebalancing) await this.#rebalancing;
    // Handed-out offsets are stored (the final commit covers them); held ones are not, and
    // stay held so the final revoke reports the application's positions.
    this.#flushStores();
    this.#native.consumerClose();
    // Serve the final revoke and wait for the group leave; fetched messages are discarded
    // unseen (no offset is stored for them).
    while (!this.#native.consumerClosed() && Date.now() < deadline + CLOSE_GRACE_MS) {
      const f = this.#native.fetch(1000, true);
      if (f?.rebalance) {
        this.#closeRebalance = true;
        try {
          await this.#rebalance(f.rebalance);
        } finally {
          this.#closeRebalance = false;
        }
      } else await new Promise((r) => setTimeout(r, 5));
    }
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }

  // ---- consuming ------------------------------------------------------------------------

  #request(max: number, batch: boolean, timeoutMs: number | undefined, signal: AbortSignal | undefined) {
    this.#core.ensureOpen();
    const pending = this.#takePendingError();
    if (pending !== undefined) return Promise.reject(pending);
    if (signal?.aborted) return Promise.reject(signal.reason);
    // Fast path: something is waiting already and nobody is ahead of us, and this turn of the
    // event loop has not used its budget (then the waiter below is served after a turn).
    if (this.#waiters.length === 0 && !this.#rebalancing && this.#withinTurn(max)) {
      this.#scheduleTurn();
      const got = this.#take(max, batch);
      if (got instanceof Failure) return Promise.reject(got.error);
      if (got !== undefined) return Promise.resolve(got);
      if (timeoutMs === 0) return Promise.resolve(batch ? [] : null);
    }
    return new Promise<ConsumeResult<K, V> | null | ConsumeResult<K, V>[]>((resolve, reject) => {
      const w: Waiter<K, V> = { max, batch, resolve, reject, signal };
      w.timer = timerFor(timeoutMs, () => this.#settle(w, batch ? [] : null));
      if (signal) {
        w.onAbort = () => this.#settle(w, undefined, signal.reason ?? new Error('aborted'));
        signal.addEventListener('abort', w.onAbort, { once: true });
      }
      this.#waiters.push(w);
      this.#core.hold();
      this.#keepAlive ??= setInterval(() => this.#serve(), this.#keepAliveMs).unref();
      if (this.#withinTurn(max)) this.#serve();
      else this.#scheduleTurn();
    });
  }

  /**
   * Takes up to `max` messages now. Returns undefined when there are none; a Failure when
   * the next thing to hand over is one (a per-message error, a deserializer failure): the
   * messages before it are handed over first, those after it by the next calls.
   */
  #take(max: number, batch: boolean): ConsumeResult<K, V> | ConsumeResult<K, V>[] | Failure | undefined {
    if (this.#pollDue && this.#backlogAt < this.#backlog.length) {
      this.#pollDue = false;
      const now = performance.now();
      if (now - this.#lastFetchAt > this.#keepAliveMs) {
        if (now - this.#lastFetchAt > this.#maxPollMs && this.#native.assignmentLost()) {
          // The application was away longer than max.poll.interval.ms and the assignment is
          // gone: held messages are not handed out, the next fetch brings the error instead.
          this.#dropHeld(null);
        } else {
          // Handing out held messages polls this client, not librdkafka: tell librdkafka the
          // application is alive, as each of .NET's Consume calls would.
          this.#lastFetchAt = now;
          this.#native.keepAlive();
        }
      }
    }
    if (this.#backlogAt >= this.#backlog.length) {
      this.#flushStores();
      this.#lastFetchAt = performance.now();
      const f = this.#native.fetch(Math.min(Math.max(max, FETCH_MIN), FETCH_MAX), false);
      if (!f) return undefined;
      this.#backlogFailures = 0;
      this.#backlog = this.#convert(f);
      this.#backlogAt = 0;
      this.#storeFrom = 0;
      if (f.errors) {
        for (const e of f.errors) {
          if (e.index === undefined) this.#core.callHandler('error handler', this.#errorHandler, this as IConsumer<K, V>, KafkaError.fromNative(e));
        }
      }
      if (f.rebalance) this.#startRebalance(f.rebalance);
    }
    const backlog = this.#backlog;
    const first = backlog[this.#backlogAt];
    if (first === undefined) return undefined;
    this.#handedOut();
    if (first instanceof Failure) {
      this.#backlogAt++;
      return first;
    }
    if (!batch) {
      this.#backlogAt++;
      return first;
    }
    if (this.#backlogFailures === 0 && this.#backlogAt === 0 && backlog.length <= max) {
      this.#backlogAt = backlog.length; // the common batch case: one fetch, handed over whole
      // A copy: the backlog is read again to store offsets, whatever the application does
      // with the array it gets (sort, splice, ...).
      return backlog.slice() as ConsumeResult<K, V>[];
    }
    const out: ConsumeResult<K, V>[] = [];
    while (out.length < max && this.#backlogAt < backlog.length) {
      const r = backlog[this.#backlogAt];
      if (r instanceof Failure) break;
      out.push(r);
      this.#backlogAt++;
    }
    return out;
  }

  // ---- the application's offsets ---------------------------------------------------------

  // Something was handed out: its offset is stored at the latest one event-loop turn later.
  #handedOut(): void {
    if (!this.#turnScheduled) this.#scheduleTurn();
  }

  // `messages`: how many the call may hand out. The clock is read every 32 messages or more
  // (a message costs well under 1/32 of the budget).
  #withinTurn(messages = 1): boolean {
    if (!this.#turnScheduled) return true;
    if (this.#overBudget) return false; // until the event loop has turned (#scheduleTurn)
    this.#turnCalls += messages;
    if (this.#turnCalls < 32) return true;
    this.#turnCalls = 0;
    this.#overBudget = performance.now() - this.#turnStart >= TURN_BUDGET_MS;
    return !this.#overBudget;
  }

  // Starts the budget of this event-loop turn; at its end, stores are flushed, and waiters
  // held back by the budget are served one setImmediate later: after the timers and I/O of
  // the next loop iteration (serving them in this check phase would run the application's
  // loop on before timers ever had a chance).
  #scheduleTurn(): void {
    if (this.#turnScheduled) return;
    this.#turnScheduled = true;
    this.#turnStart = performance.now();
    this.#turnCalls = 0;
    setImmediate(() => {
      const held = this.#overBudget;
      this.#turnScheduled = false;
      this.#overBudget = false;
      this.#pollDue = true;
      if (!this.#core.isOpen) return;
      this.#flushStores();
      if (held) setImmediate(() => this.#serve());
      else this.#serve();
    });
  }

  /**
   * Stores offset + 1 of the messages handed out since the last flush (the last one per
   * partition), as librdkafka's automatic store would have when handing them out itself.
   */
  #flushStores(): void {
    const from = this.#storeFrom, to = this.#backlogAt;
    this.#storeFrom = to;
    if (!this.#autoStore || from >= to) return;
    // Backwards, keeping the first (= last handed out) message of each partition. Messages
    // come in runs of one partition, and a batch spans few partitions: a linear check of
    // what was kept beats a string key per message.
    const latest: NativeTopicPartition[] = [];
    let prev: ConsumeResult<unknown, unknown> | undefined;
    for (let i = to - 1; i >= from; i--) {
      const r = this.#backlog[i];
      // A message whose deserialization failed is still consumed (as in .NET): stored too.
      const rec = r instanceof Failure ? (r.error as ConsumeException).consumerRecord : r;
      if (!rec?.message) continue; // partition EOF, consumer error: nothing to store
      if (prev !== undefined && rec.partition === prev.partition && rec.topic === prev.topic) continue;
      prev = rec;
      if (latest.some((p) => p.partition === rec.partition && p.topic === rec.topic)) continue;
      latest.push(toNative(rec, rec.offset + 1, rec.leaderEpoch));
    }
    if (latest.length === 0) return;
    try {
      // A partition no longer assigned refuses (Local_State): as librdkafka's own store would.
      this.#native.storeOffsets(latest);
    } catch {
      // closed meanwhile: nothing to store into
    }
  }

  /**
   * Stores what was handed out, then gives back held (not handed out) messages of the given
   * partitions (all when null): librdkafka will fetch them again from the stored/committed
   * offset or the new position.
   */
  #dropHeld(partitions: Set<string> | null): void {
    this.#flushStores();
    const keep = (r: ConsumeResult<K, V> | Failure) => {
      if (partitions === null) return false;
      const rec = recordOf(r);
      // An error about no partition in particular is kept: it is still news.
      return rec === undefined || !partitions.has(tpKey(rec));
    };
    this.#backlog = this.#backlog.slice(this.#backlogAt).filter(keep);
    this.#backlogFailures = this.#backlog.reduce((n, r) => n + (r instanceof Failure ? 1 : 0), 0);
    this.#backlogAt = 0;
    this.#storeFrom = 0;
    for (const k of [...this.#pausedHeld.keys()]) if (partitions === null || partitions.has(k)) this.#pausedHeld.delete(k);
  }

  get #errorHandler() {
    return this.#handlers.error;
  }

  // Serves waiters in call order while messages are available.
  #serve(): void {
    while (this.#waiters.length > 0 && !this.#rebalancing && this.#core.isOpen) {
      const w = this.#waiters[0];
      const pending = this.#takePendingError();
      if (pending !== undefined) {
        this.#settle(w, undefined, pending);
        continue;
      }
      let got;
      try {
        got = this.#take(w.max, w.batch);
      } catch (e) {
        got = new Failure(e);
      }
      if (got === undefined) return;
      if (got instanceof Failure) this.#settle(w, undefined, got.error);
      else this.#settle(w, got);
    }
  }

  #settle(w: Waiter<K, V>, value: ConsumeResult<K, V> | null | ConsumeResult<K, V>[] | undefined, error?: unknown): void {
    const i = this.#waiters.indexOf(w);
    if (i < 0) return;
    this.#waiters.splice(i, 1);
    if (this.#waiters.length === 0 && this.#keepAlive) {
      clearInterval(this.#keepAlive);
      this.#keepAlive = undefined;
    }
    if (w.timer) clearTimeout(w.timer);
    if (w.onAbort) w.signal!.removeEventListener('abort', w.onAbort);
    this.#core.release();
    if (error !== undefined) w.reject(error);
    else w.resolve(value!);
  }

  #takePendingError(): unknown {
    const e = this.#pendingError;
    this.#pendingError = undefined;
    return e;
  }

  // Columns -> results (see NativeFetch). A per-message error or a deserializer failure
  // becomes a Failure in its place (the ConsumeException carrying the raw record).
  #convert(f: NativeFetch): Array<ConsumeResult<K, V> | Failure> {
    const n = f.count;
    const cols = f.columns;
    const offsets = new Float64Array(cols, 0, n);
    const timestamps = new Float64Array(cols, 8 * n, n);
    const ints = new Int32Array(cols, 16 * n, 6 * n);
    const tsTypes = new Uint8Array(cols, 40 * n, n);
    const data = f.data;
    const out: Array<ConsumeResult<K, V> | Failure> = [];
    let pos = 0;
    for (let i = 0; i < n; i++) {
      const topic = f.topics[ints[4 * n + i]];
      const partition = ints[i];
      const err = ints[n + i];
      const epoch = ints[5 * n + i];
      const leaderEpoch = epoch >= 0 ? epoch : undefined;
      if (err === ErrorCode.Local_PartitionEOF) {
        out.push(new Result<K, V>(topic, partition, offsets[i], null, true, leaderEpoch));
        continue;
      }
      if (err !== 0) {
        const ne = f.errors?.find((e) => e.index === i);
        const error = ne ? KafkaError.fromNative(ne) : new KafkaError(err);
        const raw = new Result<Buffer | null, Buffer | null>(topic, partition, offsets[i], null, false, leaderEpoch);
        out.push(new Failure(new ConsumeException(raw, error)));
        this.#backlogFailures++;
        continue;
      }
      const kl = ints[2 * n + i];
      const vl = ints[3 * n + i];
      const keyBuf = kl < 0 ? null : data.subarray(pos, (pos += kl));
      const valueBuf = vl < 0 ? null : data.subarray(pos, (pos += vl));
      const headers = f.headers?.[i];
      let key: K;
      let value: V;
      let ctx: { component: MessageComponentType; topic: string; headers?: Headers } | undefined;
      try {
        if (this.#rawKeys) key = keyBuf as K;
        else {
          ctx = { component: MessageComponentType.Key, topic, headers: headers ? headersFromNative(headers) : new Headers() };
          key = this.#keyDes.deserialize(keyBuf, keyBuf === null, ctx);
        }
      } catch (e) {
        out.push(new Failure(new ConsumeException(rawRecord(topic, partition, offsets[i], keyBuf, valueBuf, timestamps[i], tsTypes[i], headers, leaderEpoch), new KafkaError(ErrorCode.Local_KeyDeserialization, describe(e)), { cause: e })));
        this.#backlogFailures++;
        continue;
      }
      try {
        if (this.#rawValues) value = valueBuf as V;
        else {
          ctx = { component: MessageComponentType.Value, topic, headers: ctx?.headers ?? (headers ? headersFromNative(headers) : new Headers()) };
          value = this.#valueDes.deserialize(valueBuf, valueBuf === null, ctx);
        }
      } catch (e) {
        out.push(new Failure(new ConsumeException(rawRecord(topic, partition, offsets[i], keyBuf, valueBuf, timestamps[i], tsTypes[i], headers, leaderEpoch), new KafkaError(ErrorCode.Local_ValueDeserialization, describe(e)), { cause: e })));
        this.#backlogFailures++;
        continue;
      }
      out.push(new Result<K, V>(topic, partition, offsets[i],
        new ConsumedMessage<K, V>(key, value, timestamps[i], tsTypes[i] as TimestampType, headers), false, leaderEpoch));
    }
    return out;
  }

  // ---- rebalances -----------------------------------------------------------------------

  #startRebalance(rb: NativeRebalance): void {
    const p = this.#rebalance(rb).catch((e: unknown) => {
      this.#pendingError ??= e; // never an unhandled rejection: surfaces from the next consume
    }).finally(() => {
      this.#rebalancing = undefined;
      this.#serve();
    });
    this.#rebalancing = p;
  }

  // Runs the user's handler (awaiting it if async), then applies the assignment change:
  // librdkafka waits for exactly that call. A throwing handler still gets the change applied
  // (so the client stays consistent) and its exception surfaces from the next consume/close.
  async #rebalance(rb: NativeRebalance): Promise<void> {
    const cooperative = rb.protocol === 'COOPERATIVE';
    const parts = rb.partitions.map((p) => ({ topic: p.topic, partition: p.partition }));
    if (rb.code === ASSIGN) {
      let assignment: NativeTopicPartition[] = parts.map((p) => toNative(p, Offset.Unset));
      const chosen = await this.#runHandler('partitions assigned handler', this.#handlers.assigned, parts);
      if (chosen !== undefined && chosen !== null) {
        // librdkafka waits for the assign call whatever the handler returned: a bad return
        // value becomes the pending error and the partitions are assigned as given.
        try {
          if (!Array.isArray(chosen)) throw new TypeError('the partitions assigned handler must return TopicPartitionOffset[] or nothing');
          const list = chosen.map((p) => toNative(p, p.offset ?? Offset.Unset));
          if (cooperative && !samePartitions(chosen, parts)) {
            throw new TypeError('the partitions assigned handler must return the same partitions it was given when a COOPERATIVE assignor is in use');
          }
          assignment = list;
        } catch (e) {
          this.#pendingError ??= e;
        }
      }
      this.#applyAssignment(() => this.#native.assign(assignment, cooperative ? 1 : 0));
    } else {
      // The application's positions; then handed-out offsets are stored before the handler
      // (it may commit) and before the unassign (librdkafka's auto-commit of the revoked
      // partitions), and held messages of the revoked partitions go back unstored.
      const positions = this.#native.position(parts.map((p) => toNative(p, Offset.Unset)));
      const withPositions = positions.map((p) => ({
        topic: p.topic, partition: p.partition, offset: this.#heldPosition(p) ?? p.offset ?? Offset.Unset,
      }));
      this.#dropHeld(cooperative ? new Set(parts.map(tpKey)) : null);
      const lost = this.#native.assignmentLost();
      const handler = lost && this.#handlers.lost ? this.#handlers.lost : this.#handlers.revoked;
      await this.#runHandler(lost && this.#handlers.lost ? 'partitions lost handler' : 'partitions revoked handler', handler, withPositions);
      const revoked = parts.map((p) => toNative(p, Offset.Unset));
      this.#applyAssignment(() => this.#native.assign(cooperative ? revoked : null, cooperative ? 2 : 0));
    }
  }

  #applyAssignment(apply: () => void): void {
    try {
      apply();
    } catch (e) {
      // While closing, librdkafka answers Local_Destroy once the group has terminated
      // (deps/patches 0005): the change no longer matters, and it is not the application's error.
      if (this.#closing && (e as { code?: unknown } | null)?.code === ErrorCode.Local_Destroy) return;
      if (this.#core.isOpen || this.#closing) this.#pendingError ??= e;
    }
  }

  async #runHandler<A, R>(what: string, handler: ((c: IConsumer<K, V>, a: A) => R) | undefined, arg: A): Promise<Awaited<R> | undefined> {
    if (!handler) return undefined;
    if (this.#handlersAbandoned) {
      this.#core.log(4, 'REBALANCE', `${what} not called: close()'s ${this.#closeTimeoutMs} ms are over`);
      return undefined;
    }
    this.#inHandler = true;
    try {
      // An async handler counts as "in the handler" until it settles: the assignment change
      // that follows it is the rebalance's, not the application's. close() bounds the wait:
      // once its time is up the promise is abandoned (race() keeps a later rejection handled).
      const r = handler(this, arg);
      if (!isThenable(r)) return r as Awaited<R>;
      const settled = await Promise.race([r, this.#abandoned]);
      if (settled === ABANDONED) {
        const ms = this.#closeTimeoutMs;
        const error = new KafkaError(ErrorCode.Local_TimedOut,
          `${what} returned a promise that did not settle within close()'s ${ms} ms: abandoned, close goes on as if it had returned`);
        this.#core.log(3, 'REBALANCE', error.reason);
        this.#core.callHandler('error handler', this.#handlers.error, this as IConsumer<K, V>, error);
        return undefined;
      }
      return settled as Awaited<R>;
    } catch (e) {
      this.#pendingError ??= e;
      this.#core.handlerThrew(what, e);
      return undefined;
    } finally {
      this.#inHandler = false;
    }
  }

  #checkAssignAllowed(what: string): void {
    this.#ensureOpen();
    if (this.#inHandler) {
      throw new KafkaException(new KafkaError(ErrorCode.Local_State, `${what}() may not be called from a rebalance handler: return the partitions (assigned handler) instead`));
    }
  }

  #onAutoCommit(err: { code: number; reason: string } | null, partitions: NativeTopicPartition[]): void {
    const handler = this.#handlers.committed;
    if (!handler) return;
    const offsets = partitions.map(toResult);
    const error = err ? KafkaError.fromNative(err) : new KafkaError(ErrorCode.NoError);
    this.#core.callHandler('offsets committed handler', handler, this as IConsumer<K, V>, { offsets, error });
  }

  #pauseResume(partitions: TopicPartition[], pause: boolean): void {
    this.#ensureOpen();
    const list = toList(partitions).map((p) => toNative(p, Offset.Unset));
    const out = nativeCall(() => this.#native.pauseResume(list, pause));
    // Held messages of paused partitions are set aside (not handed out while paused) and put
    // back in front on resume: librdkafka's fetch position is already past them.
    const keys = new Set(list.map(tpKey));
    if (pause) {
      this.#flushStores();
      const rest: Array<ConsumeResult<K, V> | Failure> = [];
      for (let i = this.#backlogAt; i < this.#backlog.length; i++) {
        const r = this.#backlog[i];
        const rec = recordOf(r);
        const k = rec && tpKey(rec);
        if (k !== undefined && keys.has(k)) {
          let held = this.#pausedHeld.get(k);
          if (!held) this.#pausedHeld.set(k, (held = []));
          held.push(r);
        } else {
          rest.push(r);
        }
      }
      this.#backlog = rest;
      this.#backlogAt = this.#storeFrom = 0;
    } else {
      const back: Array<ConsumeResult<K, V> | Failure> = [];
      for (const k of keys) {
        const held = this.#pausedHeld.get(k);
        if (held) back.push(...held);
        this.#pausedHeld.delete(k);
      }
      if (back.length) {
        this.#flushStores();
        this.#backlog = [...back, ...this.#backlog.slice(this.#backlogAt)];
        this.#backlogAt = this.#storeFrom = 0;
      }
    }
    this.#backlogFailures = this.#backlog.reduce((n, r) => n + (r instanceof Failure ? 1 : 0), 0);
    if (out.some((p) => p.error)) {
      throw new TopicPartitionException(out.map((p) => ({ topic: p.topic, partition: p.partition, error: p.error ? KafkaError.fromNative(p.error) : new KafkaError(ErrorCode.NoError) })));
    }
  }
}

function isThenable(v: unknown): v is PromiseLike<unknown> {
  return v !== null && (typeof v === 'object' || typeof v === 'function') && typeof (v as PromiseLike<unknown>).then === 'function';
}

function nativeCall<T>(call: () => T): T {
  try {
    return call();
  } catch (e) {
    throw fromNativeThrow(e);
  }
}

/** The undeserialized record a ConsumeException carries (built only on failure). */
function rawRecord(
  topic: string, partition: number, offset: number, key: Buffer | null, value: Buffer | null,
  ts: number, tsType: TimestampType, headers: Array<string | Buffer | null> | undefined, leaderEpoch: number | undefined,
): ConsumeResult<Buffer | null, Buffer | null> {
  return new Result<Buffer | null, Buffer | null>(topic, partition, offset,
    new ConsumedMessage<Buffer | null, Buffer | null>(key, value, ts, tsType, headers), false, leaderEpoch);
}

/** A consume failure in the backlog, in the place of the message it concerns. */
class Failure {
  constructor(readonly error: unknown) {}
}

function tpKey(tp: TopicPartition): string {
  return `${tp.topic}\u0000${tp.partition}`;
}

/** The record a held entry is about (undefined for an error with no partition). */
function recordOf(r: ConsumeResult<unknown, unknown> | Failure | undefined): ConsumeResult<unknown, unknown> | undefined {
  if (r === undefined) return undefined;
  if (!(r instanceof Failure)) return r;
  const rec = (r.error as ConsumeException).consumerRecord as ConsumeResult<unknown, unknown> | undefined;
  return rec && rec.partition >= 0 ? rec : undefined;
}

/**
 * The config librdkafka gets, with its automatic offset store off (this client stores the
 * offsets of what it hands out), and the application's own setting (default true).
 */
function withOwnOffsetStore(config: object): [object, boolean] {
  const c = { ...(config as Record<string, unknown>) };
  let autoStore = true;
  for (const key of ['enableAutoOffsetStore', 'enable.auto.offset.store']) {
    if (!(key in c)) continue;
    const v = c[key];
    if (v === undefined || v === null) {
      delete c[key];
      continue;
    }
    const b = typeof v === 'boolean' ? v : typeof v === 'string' && /^(true|false)$/i.test(v) ? v.toLowerCase() === 'true' : undefined;
    if (b === undefined) return [config, true]; // not a boolean: librdkafka reports it at build()
    autoStore = b;
    delete c[key];
  }
  c['enable.auto.offset.store'] = false;
  return [c, autoStore];
}

function describe(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function toList<T>(partitions: T[]): T[] {
  if (!Array.isArray(partitions)) throw new TypeError('partitions must be an array');
  return partitions;
}

function object<T>(value: T): T {
  if (value === null || typeof value !== 'object') throw new TypeError('expected { topic: string, partition: integer >= 0 }');
  return value;
}

function checkTp(tp: TopicPartition): void {
  object(tp);
  topicName(tp.topic, 'topic');
  partitionArg(tp.partition, 'partition');
}

// The offset of an assign() entry: a TopicPartition (no offset property) starts at the
// committed offset.
function offsetOf(p: TopicPartition | TopicPartitionOffset): number {
  return 'offset' in object(p) ? (p as TopicPartitionOffset).offset : Offset.Unset;
}

/** Validates (topic, partition, offset, leader epoch: the shared rules) and converts. */
function toNative(tp: TopicPartition, offset: number, leaderEpoch?: number): NativeTopicPartition {
  checkTp(tp);
  offsetArg(offset, 'offset');
  const epoch = leaderEpochArg(leaderEpoch ?? (tp as TopicPartitionOffset).leaderEpoch, 'leaderEpoch');
  return epoch === undefined ? { topic: tp.topic, partition: tp.partition, offset } : { topic: tp.topic, partition: tp.partition, offset, leaderEpoch: epoch };
}

// commit(result) / storeOffset(result) use offset + 1; a plain TopicPartitionOffset as given.
function nextOffsetOf(r: ConsumeResult<unknown, unknown> | TopicPartitionOffset, what: string): TopicPartitionOffset {
  if (r === null || typeof r !== 'object') throw new TypeError(`${what} takes a ConsumeResult or a TopicPartitionOffset`);
  if ('isPartitionEOF' in r) {
    if (r.isPartitionEOF || r.message === null) {
      throw new TypeError(`${what}: a partition-EOF result has no message; use a TopicPartitionOffset instead`);
    }
    return { topic: r.topic, partition: r.partition, offset: r.offset + 1, leaderEpoch: r.leaderEpoch };
  }
  return { topic: r.topic, partition: r.partition, offset: r.offset, leaderEpoch: r.leaderEpoch };
}

function samePartitions(a: TopicPartition[], b: TopicPartition[]): boolean {
  if (a.length !== b.length) return false;
  const key = (p: TopicPartition) => `${p.topic}\u0000${p.partition}`;
  const set = new Set(b.map(key));
  return a.every((p) => set.has(key(p)));
}

function toResult(p: NativeTopicPartition): TopicPartitionOffsetError {
  const r: TopicPartitionOffsetError = {
    topic: p.topic,
    partition: p.partition,
    offset: p.offset ?? Offset.Unset,
    error: p.error ? KafkaError.fromNative(p.error) : new KafkaError(ErrorCode.NoError),
  };
  if (p.leaderEpoch !== undefined) r.leaderEpoch = p.leaderEpoch;
  return r;
}

function stripError(r: TopicPartitionOffsetError): TopicPartitionOffset {
  const { error: _e, ...tpo } = r;
  return tpo;
}

function partitionResults(list: NativeTopicPartition[]): TopicPartitionOffset[] {
  const results = list.map(toResult);
  if (results.some((r) => r.error.isError)) throw new TopicPartitionOffsetException(results);
  return results.map(stripError);
}

