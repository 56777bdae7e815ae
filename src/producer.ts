/**
 * The producer: `produce` with a delivery handler for throughput, `produceAsync` for
 * request/response paths, event-driven `flush`, and a `close` that loses nothing silently.
 */
import type { NativeClient, NativeTopicPartition } from './binding';
import type { IConsumerGroupMetadata } from './consumer';
import { ClientCore, type CoreHandlers } from './client-core';
import { captureCallerStack, exceptionFromNative, fromNativeThrow, KafkaError, ProduceException } from './errors';
import { ErrorCode } from './generated/error-code.gen';
import { Headers, flattenHeaders } from './headers';
import {
  leaderEpoch as leaderEpochArg,
  NO_TIMEOUT,
  offset as offsetArg,
  partition as partitionArg,
  timeoutMs as timeoutArg,
  timerFor,
  timestampMs,
  topicName,
} from './internal/validate';
import {
  defaultSerializer,
  MessageComponentType,
  Serializers,
  type AsyncSerializer,
  type SerializationContext,
  type Serializer,
} from './serdes';
import {
  Offset,
  Partition,
  PersistenceStatus,
  TimestampType,
  type DeliveryReport,
  type DeliveryResult,
  type Message,
  type Timestamp,
  type TopicPartition,
  type TopicPartitionOffset,
} from './types';

/** Options of {@link IProducer.close}. */
export interface ProducerCloseOptions {
  /**
   * How long close() waits for outstanding messages to be delivered before it purges them
   * (they then reject / report with `Local_PurgeQueue` or `Local_PurgeInflight`). Default 30 s;
   * `Infinity`: until everything is delivered or has failed.
   */
  timeoutMs?: number;
}

/** A delivery handler of {@link IProducer.produce}. Runs on the JS thread, in per-partition order. */
export type DeliveryHandler<K, V> = (report: DeliveryReport<K, V>) => void;

/** The producer interface (.NET `IProducer<TKey, TValue>`). */
export interface IProducer<K, V> extends AsyncDisposable {
  /** librdkafka's handle name, e.g. `rdkafka#producer-1` (unique per process). */
  readonly name: string;
  /**
   * Produces a message and resolves with its {@link DeliveryResult} once the broker
   * acknowledged it; rejects with a {@link ProduceException} when delivery fails. When the
   * local queue is full it waits for room (backpressure) rather than failing.
   */
  produceAsync(topic: string | TopicPartition, message: Message<K, V>): Promise<DeliveryResult<K, V>>;
  /**
   * Enqueues a message; `deliveryHandler` later receives its {@link DeliveryReport} (check
   * `report.error.isError`). Throws a {@link ProduceException} synchronously when librdkafka
   * refuses the message at once (e.g. `Local_QueueFull`, `MsgSizeTooLarge`).
   */
  produce(topic: string | TopicPartition, message: Message<K, V>, deliveryHandler?: DeliveryHandler<K, V>): void;
  /**
   * Waits until every outstanding message is delivered (or failed), at most `timeoutMs`
   * (no argument or `Infinity`: until empty). Resolves with the number still outstanding (0 = all done).
   */
  flush(timeoutMs?: number): Promise<number>;
  /**
   * Flushes (bounded by `timeoutMs`), fails what is still undelivered with a
   * ProduceException, then destroys the client off the JS thread. Idempotent; afterwards
   * every call throws and no handler runs.
   */
  close(options?: ProducerCloseOptions): Promise<void>;
  /**
   * Initializes transactions (needs `transactionalId`); fences older producers with the same
   * id. Rejects with KafkaRetriableException (may be retried) or KafkaException.
   */
  initTransactions(timeoutMs: number): Promise<void>;
  /** Starts a transaction; every message produced until commit/abort belongs to it. */
  beginTransaction(): void;
  /**
   * Flushes, then commits the transaction (timeout: the rest of `transactionTimeoutMs` by
   * default). Rejects with KafkaTxnRequiresAbortException (call abortTransaction),
   * KafkaRetriableException (call it again) or KafkaException (fatal).
   */
  commitTransaction(timeoutMs?: number): Promise<void>;
  /** Aborts the transaction; its undelivered messages are purged. */
  abortTransaction(timeoutMs?: number): Promise<void>;
  /**
   * Adds a consumer's offsets (the next offsets to consume: last processed + 1) to the
   * transaction, so they commit atomically with the produced messages.
   */
  sendOffsetsToTransaction(offsets: TopicPartitionOffset[], groupMetadata: IConsumerGroupMetadata, timeoutMs: number): Promise<void>;
}

type Resolve<K, V> = (r: DeliveryResult<K, V> | Promise<never>) => void;

/**
 * A delivery result / report: a few plain fields (memory matters: produceAsync callers may
 * hold a million of these), everything derivable as getters.
 */
class Delivery<K, V> implements DeliveryReport<K, V> {
  // timestamp type (bits 0-1) and persistence status (bits 2-3), as native packs them
  readonly #flags: number;
  constructor(
    readonly topic: string,
    readonly partition: number,
    readonly offset: number,
    flags: number,
    readonly message: Message<K, V>,
    readonly error: KafkaError,
    private readonly ts: number,
  ) {
    this.#flags = flags;
  }
  get status(): PersistenceStatus {
    return (this.#flags >> 2) as PersistenceStatus;
  }
  private get tsType(): TimestampType {
    return (this.#flags & 3) as TimestampType;
  }
  get key(): K | undefined {
    return this.message.key;
  }
  get value(): V {
    return this.message.value;
  }
  get headers(): Headers | undefined {
    return Headers.from(this.message.headers);
  }
  get timestamp(): Timestamp {
    return { type: this.tsType, unixTimestampMs: this.ts };
  }
  get topicPartition(): TopicPartition {
    return { topic: this.topic, partition: this.partition };
  }
  get topicPartitionOffset(): TopicPartitionOffset {
    return { topic: this.topic, partition: this.partition, offset: this.offset };
  }
}

const NO_ERROR = new KafkaError(ErrorCode.NoError);
// At most this many waiting produceAsync calls are rejected per event-loop turn once close()
// gave up on them: each rejection builds a ProduceException, and a backlog of 100,000s of
// them must not hold the event loop (delivery reports are capped per turn in native code).
const REJECTS_PER_TURN = 2048;

/**
 * Runs `fn` with stack capture off: exceptions made in bulk from a native callback (failed
 * deliveries, purged backlogs) would only record this library's dispatch frames, and the
 * capture is most of what such an exception costs.
 */
function withoutStacks<T>(fn: () => T): T {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return fn();
  } finally {
    Error.stackTraceLimit = limit;
  }
}
const SAME = Symbol('same as the message');

/** @internal built by {@link ProducerBuilder}. */
export class Producer<K, V> implements IProducer<K, V> {
  readonly #core: ClientCore<IProducer<K, V>>;
  readonly #native: NativeClient;
  readonly #keySer: Serializer<K> | AsyncSerializer<K>;
  readonly #valueSer: Serializer<V> | AsyncSerializer<V>;
  // Serializers that take strings as they are: the hot path hands strings to native, which
  // copies their UTF-8 bytes straight into librdkafka (no Buffer per message).
  readonly #keyPassString: boolean;
  readonly #valuePassString: boolean;
  readonly #topics = new Map<string, number>();
  // In-flight messages by id (the id travels through librdkafka as the message opaque), in
  // parallel arrays rather than an object per message: topic, message, and either the
  // delivery handler or (#isAsync[id]) produceAsync's resolve. A failure resolves with a
  // rejected promise, so no reject function is kept per message.
  #topicOf: string[] = [];
  #messageOf: Array<Message<K, V> | undefined> = [];
  #handlers: Array<DeliveryHandler<K, V> | Resolve<K, V> | undefined> = [];
  #isAsync: boolean[] = [];
  #freeIds: number[] = [];
  #outstanding = 0;
  // Whether outstanding messages currently hold the process alive (see ClientCore.hold).
  #holding = false;
  #flushWaiters: Array<() => void> = [];
  // produceAsync calls waiting for room in a full local queue, in call order (parallel
  // arrays from #waitHead on: a million waiting calls cost a few words each).
  #wTopic: string[] = [];
  #wPartition: number[] = [];
  #wMessage: Array<Message<K, V> | undefined> = [];
  #wKey: Array<Buffer | string | null | typeof SAME> = [];
  #wValue: Array<Buffer | string | null | typeof SAME> = [];
  #wResolve: Array<Resolve<K, V> | undefined> = [];
  #waitHead = 0;
  // Set by close() once its flush is over: calls still waiting for room then fail.
  #rejectWaiting = false;
  #deliveryErrors = new Map<number, KafkaError>();

  constructor(
    config: object,
    handlers: CoreHandlers<IProducer<K, V>>,
    keySerializer: Serializer<K> | AsyncSerializer<K> | undefined,
    valueSerializer: Serializer<V> | AsyncSerializer<V> | undefined,
  ) {
    this.#core = new ClientCore<IProducer<K, V>>('producer', config, handlers, {
      delivery: (buf, n) => this.#onDeliveries(buf, n),
    });
    this.#core.bind(this);
    this.#native = this.#core.native;
    this.#keySer = keySerializer ?? (defaultSerializer as unknown as Serializer<K>);
    this.#valueSer = valueSerializer ?? (defaultSerializer as unknown as Serializer<V>);
    this.#keyPassString = this.#keySer === defaultSerializer || this.#keySer === (Serializers.Utf8 as unknown);
    this.#valuePassString = this.#valueSer === defaultSerializer || this.#valueSer === (Serializers.Utf8 as unknown);
  }

  get name(): string {
    return this.#core.name;
  }

  toString(): string {
    return `Producer ${this.#core.toString()}`;
  }

  produce(topic: string | TopicPartition, message: Message<K, V>, deliveryHandler?: DeliveryHandler<K, V>): void {
    this.#core.ensureOpen();
    if (deliveryHandler !== undefined && typeof deliveryHandler !== 'function') {
      throw new TypeError('deliveryHandler must be a function');
    }
    const [name, partition] = topicArg(topic, this.#topics);
    checkMessage(message);
    const key = this.#serialize(MessageComponentType.Key, name, message, true) as Buffer | string | null;
    const value = this.#serialize(MessageComponentType.Value, name, message, true) as Buffer | string | null;
    const err = this.#send(name, partition, message, key, value, deliveryHandler, false);
    if (err) throw this.#produceException(err, name, partition, message);
  }

  // Not an async function: the common case (sync serializers, room in the queue) costs one
  // promise and one native call. No caller stack is captured per message (it would cost more
  // than the produce itself); the rejection's deliveryResult says which message failed.
  produceAsync(topic: string | TopicPartition, message: Message<K, V>): Promise<DeliveryResult<K, V>> {
    let name: string, partition: number, key: unknown, value: unknown;
    try {
      this.#core.ensureOpen();
      [name, partition] = topicArg(topic, this.#topics);
      checkMessage(message);
      key = this.#serialize(MessageComponentType.Key, name, message, false);
      value = this.#serialize(MessageComponentType.Value, name, message, false);
    } catch (e) {
      return Promise.reject(e);
    }
    if (key instanceof Promise || value instanceof Promise) return this.#produceAsyncSerialized(name, partition, message, key, value);
    return new Promise<DeliveryResult<K, V>>((resolve) =>
      this.#sendOrWait(name, partition, message, key as Buffer | string | null, value as Buffer | string | null, resolve));
  }

  async #produceAsyncSerialized(topic: string, partition: number, message: Message<K, V>, key: unknown, value: unknown): Promise<DeliveryResult<K, V>> {
    if (key instanceof Promise) key = await this.#awaitSerialized(key, ErrorCode.Local_KeySerialization, topic, message);
    if (value instanceof Promise) value = await this.#awaitSerialized(value, ErrorCode.Local_ValueSerialization, topic, message);
    this.#core.ensureOpen();
    return new Promise<DeliveryResult<K, V>>((resolve) =>
      this.#sendOrWait(topic, partition, message, key as Buffer | string | null, value as Buffer | string | null, resolve));
  }

  // Sends now, or, when the local queue is full (or others already wait), queues the call
  // until delivery reports make room: backpressure instead of Local_QueueFull.
  #sendOrWait(
    topic: string, partition: number, message: Message<K, V>, key: Buffer | string | null, value: Buffer | string | null,
    resolve: Resolve<K, V>,
  ): void {
    if (this.#waitHead === this.#wTopic.length) {
      const err = this.#send(topic, partition, message, key, value, resolve, true);
      if (!err) return;
      // Full with nothing of ours in it: this message alone exceeds the queue limits, so no
      // delivery will ever make room for it.
      if (err !== ErrorCode.Local_QueueFull || this.#outstanding === 0) {
        resolve(Promise.reject(this.#produceException(err, topic, partition, message)));
        return;
      }
    }
    // What would make the later send throw is refused now, not from inside a delivery report.
    try {
      extrasOf(message);
    } catch (e) {
      resolve(Promise.reject(e));
      return;
    }
    this.#wTopic.push(topic);
    this.#wPartition.push(partition);
    this.#wMessage.push(message);
    // With pass-through serializers key and value are the message's own: not stored twice.
    this.#wKey.push(key === (message.key ?? null) ? SAME : key);
    this.#wValue.push(value === (message.value ?? null) ? SAME : value);
    this.#wResolve.push(resolve);
  }

  // Called after delivery reports made room: sends waiting calls in order until full again.
  // Once close() has flushed what it could, they fail with Local_Destroy, at most
  // REJECTS_PER_TURN per call (close() calls again, a turn later, until none is left).
  #sendWaiting(): void {
    const n = this.#rejectWaiting ? Math.min(this.#wTopic.length, this.#waitHead + REJECTS_PER_TURN) : this.#wTopic.length;
    const all = n === this.#wTopic.length;
    let h = this.#waitHead;
    for (; h < n; h++) {
      const topic = this.#wTopic[h], partition = this.#wPartition[h], message = this.#wMessage[h]!;
      const resolve = this.#wResolve[h]!;
      const k = this.#wKey[h], v = this.#wValue[h];
      let err: number;
      try {
        err = !this.#rejectWaiting
          ? this.#send(topic, partition, message, k === SAME ? ((message.key ?? null) as Buffer | string | null) : k,
            v === SAME ? ((message.value ?? null) as Buffer | string | null) : v, resolve, true)
          : ErrorCode.Local_Destroy;
      } catch (e) {
        // This runs inside a delivery report: the failure is this call's, not the caller's.
        resolve(Promise.reject(e));
        err = 0;
      }
      if (err === ErrorCode.Local_QueueFull && this.#outstanding > 0) break;
      if (err) resolve(Promise.reject(withoutStacks(() => this.#produceException(err, topic, partition, message))));
      this.#wMessage[h] = this.#wKey[h] = this.#wValue[h] = this.#wResolve[h] = undefined as never;
    }
    if (h === n && all) {
      this.#wTopic = [];
      this.#wPartition = [];
      this.#wMessage = [];
      this.#wKey = [];
      this.#wValue = [];
      this.#wResolve = [];
      h = 0;
    }
    this.#waitHead = h;
  }

  async flush(timeoutMs?: number): Promise<number> {
    this.#core.ensureOpen();
    return this.#flush(timeoutMs === undefined ? NO_TIMEOUT : timeoutArg(timeoutMs, 'timeoutMs', { infinite: true }));
  }

  close(options?: ProducerCloseOptions): Promise<void> {
    let timeoutMs: number;
    try {
      if (options !== undefined && (options === null || typeof options !== 'object')) throw new TypeError('close options must be an object { timeoutMs? }');
      timeoutMs = timeoutArg(options?.timeoutMs ?? 30_000, 'timeoutMs', { infinite: true });
    } catch (e) {
      return Promise.reject(e);
    }
    // Not async: every call returns the same promise.
    return this.#core.close(async () => {
      // Calls waiting for room are sent as room is made during the flush; what still waits
      // after it rejects.
      const left = await this.#flush(timeoutMs);
      this.#rejectWaiting = true;
      for (;;) {
        this.#sendWaiting();
        if (this.#waitHead >= this.#wTopic.length) break;
        await new Promise<void>((r) => setImmediate(r)); // the rest in later turns
      }
      if (left > 0) {
        // Still undelivered: purge, so each fails with a delivery report of its own.
        this.#native.purge(true);
        await this.#flush(5_000);
        this.#failRemaining(new KafkaError(ErrorCode.Local_Destroy, `producer ${this.name} was closed`));
      }
    });
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }

  async initTransactions(timeoutMs: number): Promise<void> {
    return this.#transaction(0, timeoutArg(timeoutMs, 'timeoutMs', { infinite: true }));
  }

  beginTransaction(): void {
    this.#core.ensureOpen();
    const error = this.#native.transaction(1, 0, 0);
    if (error) throw exceptionFromNative(error);
  }

  async commitTransaction(timeoutMs = -1): Promise<void> {
    return this.#transaction(2, timeoutArg(timeoutMs, 'timeoutMs', { infinite: true, minusOne: true }));
  }

  async abortTransaction(timeoutMs = -1): Promise<void> {
    return this.#transaction(3, timeoutArg(timeoutMs, 'timeoutMs', { infinite: true, minusOne: true }));
  }

  async sendOffsetsToTransaction(offsets: TopicPartitionOffset[], groupMetadata: IConsumerGroupMetadata, timeoutMs: number): Promise<void> {
    this.#core.ensureOpen();
    if (!Array.isArray(offsets)) throw new TypeError('offsets must be an array of TopicPartitionOffset');
    if (!groupMetadata || !Buffer.isBuffer(groupMetadata.serialized)) {
      throw new TypeError('groupMetadata must be a consumer\'s consumerGroupMetadata');
    }
    const list = offsets.map((o, i) => {
      if (o === null || typeof o !== 'object') throw new TypeError(`offsets[${i}] must be a { topic, partition, offset }`);
      const tp: NativeTopicPartition = {
        topic: topicName(o.topic, `offsets[${i}].topic`),
        partition: partitionArg(o.partition, `offsets[${i}].partition`),
        offset: offsetArg(o.offset, `offsets[${i}].offset`),
      };
      const epoch = leaderEpochArg(o.leaderEpoch, `offsets[${i}].leaderEpoch`);
      if (epoch !== undefined) tp.leaderEpoch = epoch;
      return tp;
    });
    return this.#transaction(4, timeoutArg(timeoutMs, 'timeoutMs', { infinite: true }), list, groupMetadata.serialized);
  }

  #transaction(op: 0 | 2 | 3 | 4, timeoutMs: number, offsets?: NativeTopicPartition[], metadata?: Buffer): Promise<void> {
    this.#core.ensureOpen();
    const { id, promise } = this.#core.request<void>(captureCallerStack());
    if (op === 4) {
      const error = this.#native.transaction(4, timeoutMs, id, offsets!, metadata!);
      if (error) this.#core.settle(id, error);
    } else {
      this.#native.transaction(op, timeoutMs, id);
    }
    return promise;
  }

  // Outstanding messages: in librdkafka, or produceAsync calls waiting for room.
  #pending(): number {
    return this.#outstanding + this.#wTopic.length - this.#waitHead;
  }

  // timeoutMs: validated (0 .. 2^31-1), or NO_TIMEOUT.
  #flush(timeoutMs: number): Promise<number> {
    if (this.#pending() === 0) return Promise.resolve(0);
    this.#native.flushKick(timeoutMs);
    return new Promise<number>((resolve) => {
      let timer: NodeJS.Timeout | undefined;
      const done = () => {
        if (timer) clearTimeout(timer);
        resolve(0);
      };
      this.#flushWaiters.push(done);
      timer = timerFor(timeoutMs, () => {
        const i = this.#flushWaiters.indexOf(done);
        if (i >= 0) this.#flushWaiters.splice(i, 1);
        resolve(this.#pending());
      });
    });
  }

  #serialize(component: MessageComponentType, topic: string, message: Message<K, V>, sync: boolean): unknown {
    const data = component === MessageComponentType.Key ? message.key : message.value;
    const passString = component === MessageComponentType.Key ? this.#keyPassString : this.#valuePassString;
    if (passString && (typeof data === 'string' || data == null || Buffer.isBuffer(data))) return data ?? null;
    const ser = (component === MessageComponentType.Key ? this.#keySer : this.#valueSer) as Serializer<unknown>;
    const code = component === MessageComponentType.Key ? ErrorCode.Local_KeySerialization : ErrorCode.Local_ValueSerialization;
    let out: unknown;
    try {
      const ctx: SerializationContext = { component, topic, headers: Headers.from(message.headers) };
      out = ser.serialize(data, ctx);
    } catch (e) {
      // The default serializer refuses only values of a type it does not take (a number, an
      // object): an argument error like a bad topic or message, not a serialization failure.
      if (ser === (defaultSerializer as Serializer<unknown>) && e instanceof TypeError) throw e;
      throw this.#produceException(code, topic, Partition.Any, message, e);
    }
    if (out instanceof Promise) {
      if (sync) {
        out.catch(() => {});
        throw this.#produceException(code, topic, Partition.Any, message,
          new Error('produce() cannot use an async serializer: use produceAsync()'));
      }
      return out;
    }
    if (out !== null && out !== undefined && !Buffer.isBuffer(out)) {
      if (out instanceof Uint8Array) return Buffer.from(out.buffer, out.byteOffset, out.byteLength);
      throw this.#produceException(code, topic, Partition.Any, message,
        new TypeError(`the serializer returned ${typeof out}, not a Buffer or null`));
    }
    return out ?? null;
  }

  async #awaitSerialized(p: Promise<unknown>, code: ErrorCode, topic: string, message: Message<K, V>): Promise<unknown> {
    let out: unknown;
    try {
      out = await p;
    } catch (e) {
      throw this.#produceException(code, topic, Partition.Any, message, e);
    }
    if (out === null || out === undefined || Buffer.isBuffer(out)) return out ?? null;
    if (out instanceof Uint8Array) return Buffer.from(out.buffer, out.byteOffset, out.byteLength);
    throw this.#produceException(code, topic, Partition.Any, message,
      new TypeError(`the serializer resolved with ${typeof out}, not a Buffer or null`));
  }

  // The hot path: one native call, an integer id instead of a closure or persistent handle.
  #send(
    topic: string,
    partition: number,
    message: Message<K, V>,
    key: Buffer | string | null,
    value: Buffer | string | null,
    handler: DeliveryHandler<K, V> | Resolve<K, V> | undefined,
    isAsync: boolean,
  ): number {
    let topicId = this.#topics.get(topic);
    if (topicId === undefined) {
      try {
        topicId = this.#native.topic(topic);
      } catch (e) {
        throw fromNativeThrow(e); // librdkafka's refusal, as a KafkaException
      }
      this.#topics.set(topic, topicId);
    }
    // Validated (TypeError) before an id is taken, so a bad timestamp or header loses none.
    const extras = extrasOf(message);
    const id = this.#freeIds.length > 0 ? this.#freeIds.pop()! : this.#topicOf.length;
    const err = extras === undefined
      ? this.#native.produce(topicId, partition, key, value, id)
      : this.#native.produce(topicId, partition, key, value, id, extras);
    if (err) {
      if (id === this.#topicOf.length) this.#grow();
      this.#freeIds.push(id);
      return err;
    }
    if (id === this.#topicOf.length) this.#grow();
    this.#topicOf[id] = topic;
    this.#messageOf[id] = message;
    this.#handlers[id] = handler;
    this.#isAsync[id] = isAsync;
    this.#outstanding++;
    if (!this.#holding) {
      this.#holding = true;
      this.#core.hold();
    }
    return 0;
  }

  #grow(): void {
    this.#topicOf.push('');
    this.#messageOf.push(undefined);
    this.#handlers.push(undefined);
    this.#isAsync.push(false);
  }

  // Native columns (see native/client.cc FlushDeliveries): offsets, timestamps (f64),
  // ids, errors, partitions (i32), flags (u8: timestamp type | status << 2).
  #onDeliveries(buf: ArrayBuffer, n: number): void {
    const offsets = new Float64Array(buf, 0, n);
    const timestamps = new Float64Array(buf, 8 * n, n);
    const ids = new Uint32Array(buf, 16 * n, n);
    const errs = new Int32Array(buf, 20 * n, n);
    const partitions = new Int32Array(buf, 24 * n, n);
    const flags = new Uint8Array(buf, 28 * n, n);
    for (let i = 0; i < n; i++) {
      const id = ids[i];
      const message = this.#messageOf[id];
      if (message === undefined) continue;
      const handler = this.#handlers[id];
      this.#messageOf[id] = undefined;
      this.#handlers[id] = undefined;
      this.#freeIds.push(id);
      this.#outstanding--;
      const code = errs[i];
      const error = code === 0 ? NO_ERROR : this.#deliveryError(code);
      const report = new Delivery<K, V>(
        this.#topicOf[id], partitions[i], code === 0 ? offsets[i] : Offset.Unset, flags[i], message, error, timestamps[i],
      );
      if (!this.#isAsync[id]) {
        if (handler) {
          try {
            (handler as DeliveryHandler<K, V>)(report);
          } catch (e) {
            this.#core.handlerThrew('delivery handler', e);
          }
        }
      } else if (code === 0) {
        (handler as Resolve<K, V>)(report);
      } else {
        (handler as Resolve<K, V>)(Promise.reject(withoutStacks(() => new ProduceException<K, V>(error, report))));
      }
    }
    // A handler may have produced again meanwhile: hold iff something is outstanding now.
    if (this.#outstanding === 0 && this.#holding) {
      this.#holding = false;
      this.#core.release();
    }
    if (this.#waitHead < this.#wTopic.length) this.#sendWaiting();
    if (this.#flushWaiters.length > 0 && this.#pending() === 0) {
      const waiters = this.#flushWaiters;
      this.#flushWaiters = [];
      for (const w of waiters) w();
    }
  }

  #deliveryError(code: number): KafkaError {
    let e = this.#deliveryErrors.get(code);
    if (!e) this.#deliveryErrors.set(code, (e = new KafkaError(code as ErrorCode)));
    return e;
  }

  // After a purge every message has its report; anything left (it should not happen) fails here.
  #failRemaining(error: KafkaError): void {
    for (let id = 0; id < this.#messageOf.length; id++) {
      const message = this.#messageOf[id];
      if (message === undefined) continue;
      const handler = this.#handlers[id];
      this.#messageOf[id] = this.#handlers[id] = undefined;
      this.#outstanding--;
      const report = new Delivery<K, V>(this.#topicOf[id], Partition.Any, Offset.Unset,
        packFlags(TimestampType.NotAvailable, PersistenceStatus.PossiblyPersisted), message, error, 0);
      if (this.#isAsync[id]) (handler as Resolve<K, V>)(Promise.reject(withoutStacks(() => new ProduceException<K, V>(error, report))));
      else if (handler) this.#core.callHandler('delivery handler', handler as DeliveryHandler<K, V>, report);
    }
    this.#outstanding = Math.max(0, this.#outstanding);
    if (this.#outstanding === 0 && this.#holding) {
      this.#holding = false;
      this.#core.release();
    }
  }

  #produceException(code: number, topic: string, partition: number, message: Message<K, V>, cause?: unknown): ProduceException<K, V> {
    const reason = cause === undefined ? undefined : `${new KafkaError(code as ErrorCode).reason}: ${cause instanceof Error ? cause.message : String(cause)}`;
    const error = new KafkaError(code as ErrorCode, reason);
    const result = new Delivery<K, V>(topic, partition, Offset.Unset,
      packFlags(TimestampType.NotAvailable, PersistenceStatus.NotPersisted), message, error, 0);
    return new ProduceException<K, V>(error, result, cause === undefined ? undefined : { cause });
  }
}

/** The native produce's optional [timestamp, flat headers]; throws TypeError when invalid. */
function extrasOf(message: Message<unknown, unknown>): [number, Array<string | Buffer | null> | null] | undefined {
  if (message.headers === undefined && message.timestamp === undefined) return undefined;
  return [timestampArg(message.timestamp), message.headers === undefined ? null : flattenHeaders(message.headers)];
}

function packFlags(tsType: TimestampType, status: PersistenceStatus): number {
  return tsType | (status << 2);
}

// `known`: the producer's topic-handle cache. Only validated names enter it, so a cached name
// skips the name rules (a regex per message on the hot path otherwise).
function topicArg(topic: string | TopicPartition, known: ReadonlyMap<string, number>): [string, number] {
  if (typeof topic === 'string') return [known.has(topic) ? topic : topicName(topic), Partition.Any];
  if (topic !== null && typeof topic === 'object') {
    const name = typeof topic.topic === 'string' && known.has(topic.topic) ? topic.topic : topicName(topic.topic, 'topic.topic');
    return [name, partitionArg(topic.partition, 'topic.partition', true)];
  }
  throw new TypeError('topic must be a topic name or a { topic, partition }');
}

function checkMessage(message: unknown): void {
  if (message === null || typeof message !== 'object') throw new TypeError('message must be an object { key?, value, headers?, timestamp? }');
}

// .NET accepts only Timestamp.Default or a CreateTime timestamp on produce.
function timestampArg(ts: Timestamp | number | undefined): number {
  if (ts === undefined) return 0;
  if (typeof ts === 'number') return timestampMs(ts, 'message.timestamp');
  if (ts !== null && typeof ts === 'object') {
    if (ts.type === TimestampType.NotAvailable) return 0;
    if (ts.type === TimestampType.CreateTime) return timestampMs(ts.unixTimestampMs, 'message.timestamp.unixTimestampMs');
    throw new TypeError('only CreateTime timestamps (or Timestamp.Default) can be produced');
  }
  throw new TypeError('timestamp must be a number or a Timestamp');
}
