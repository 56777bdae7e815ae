/**
 * The producer: `produce` with a delivery handler for throughput, `produceAsync` for
 * request/response paths, event-driven `flush`, and a `close` that loses nothing silently.
 */
import type { NativeClient } from './binding';
import { ClientCore, type CoreHandlers } from './client-core';
import { KafkaError, ProduceException, withCallerStack } from './errors';
import { ErrorCode } from './generated/error-code.gen';
import { Headers, flattenHeaders } from './headers';
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
   * (they then reject / report with `Local_PurgeQueue` or `Local_PurgeInflight`). Default 30 s.
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
   * (no argument: until empty). Resolves with the number still outstanding (0 = all done).
   */
  flush(timeoutMs?: number): Promise<number>;
  /**
   * Flushes (bounded by `timeoutMs`), fails what is still undelivered with a
   * ProduceException, then destroys the client off the JS thread. Idempotent; afterwards
   * every call throws and no handler runs.
   */
  close(options?: ProducerCloseOptions): Promise<void>;
}

// One in-flight message: what its delivery report needs.
interface InFlight<K, V> {
  topic: string;
  message: Message<K, V>;
  handler?: DeliveryHandler<K, V>;
  resolve?: (r: DeliveryResult<K, V>) => void;
  reject?: (e: unknown) => void;
  stack?: Error;
}

/** A delivery result / report: plain fields, with the message-derived ones as getters. */
class Delivery<K, V> implements DeliveryReport<K, V> {
  constructor(
    readonly topic: string,
    readonly partition: number,
    readonly offset: number,
    readonly status: PersistenceStatus,
    readonly message: Message<K, V>,
    readonly error: KafkaError,
    private readonly ts: number,
    private readonly tsType: TimestampType,
  ) {}
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
  // In-flight messages by id (the id travels through librdkafka as the message opaque).
  #inflight: Array<InFlight<K, V> | undefined> = [];
  #freeIds: number[] = [];
  #outstanding = 0;
  #flushWaiters: Array<() => void> = [];
  // produceAsync calls waiting for room in a full local queue, in call order.
  #roomWaiters: Array<() => void> = [];
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
    const [name, partition] = topicArg(topic);
    checkMessage(message);
    const key = this.#serialize(MessageComponentType.Key, name, message, true) as Buffer | string | null;
    const value = this.#serialize(MessageComponentType.Value, name, message, true) as Buffer | string | null;
    const err = this.#send(name, partition, message, key, value, { topic: name, message, handler: deliveryHandler });
    if (err) throw this.#produceException(err, name, partition, message);
  }

  async produceAsync(topic: string | TopicPartition, message: Message<K, V>): Promise<DeliveryResult<K, V>> {
    this.#core.ensureOpen();
    const [name, partition] = topicArg(topic);
    checkMessage(message);
    let key = this.#serialize(MessageComponentType.Key, name, message, false);
    let value = this.#serialize(MessageComponentType.Value, name, message, false);
    if (key instanceof Promise) key = await this.#awaitSerialized(key, ErrorCode.Local_KeySerialization, name, message);
    if (value instanceof Promise) value = await this.#awaitSerialized(value, ErrorCode.Local_ValueSerialization, name, message);
    const stack = new Error();
    for (;;) {
      this.#core.ensureOpen();
      // Keep call order: while others wait for room, queue behind them.
      if (this.#roomWaiters.length === 0) {
        let entry!: InFlight<K, V>;
        const promise = new Promise<DeliveryResult<K, V>>((resolve, reject) => {
          entry = { topic: name, message, resolve, reject, stack };
        });
        const err = this.#send(name, partition, message, key as Buffer | string | null, value as Buffer | string | null, entry);
        if (!err) return promise;
        if (err !== ErrorCode.Local_QueueFull) {
          throw withCallerStack(this.#produceException(err, name, partition, message), stack);
        }
      }
      await new Promise<void>((resolve) => this.#roomWaiters.push(resolve));
    }
  }

  flush(timeoutMs?: number): Promise<number> {
    this.#core.ensureOpen();
    if (timeoutMs !== undefined && (typeof timeoutMs !== 'number' || !(timeoutMs >= 0))) {
      throw new TypeError('timeoutMs must be a non-negative number');
    }
    return this.#flush(timeoutMs);
  }

  close(options?: ProducerCloseOptions): Promise<void> {
    const timeoutMs = options?.timeoutMs ?? 30_000;
    if (typeof timeoutMs !== 'number' || !(timeoutMs >= 0)) {
      throw new TypeError('timeoutMs must be a non-negative number');
    }
    return this.#core.close(async () => {
      // Waiting produceAsync calls can no longer be sent: they reject (ensureOpen throws).
      this.#wakeRoomWaiters();
      if ((await this.#flush(timeoutMs)) > 0) {
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

  #flush(timeoutMs: number | undefined): Promise<number> {
    if (this.#outstanding === 0) return Promise.resolve(0);
    this.#native.flushKick();
    return new Promise<number>((resolve) => {
      let timer: NodeJS.Timeout | undefined;
      const done = () => {
        if (timer) clearTimeout(timer);
        resolve(0);
      };
      this.#flushWaiters.push(done);
      if (timeoutMs !== undefined) {
        timer = setTimeout(() => {
          const i = this.#flushWaiters.indexOf(done);
          if (i >= 0) this.#flushWaiters.splice(i, 1);
          resolve(this.#outstanding);
        }, timeoutMs);
      }
    });
  }

  #serialize(component: MessageComponentType, topic: string, message: Message<K, V>, sync: boolean): unknown {
    const data = component === MessageComponentType.Key ? message.key : message.value;
    const passString = component === MessageComponentType.Key ? this.#keyPassString : this.#valuePassString;
    if (passString && (typeof data === 'string' || data == null)) return data ?? null;
    const ser = (component === MessageComponentType.Key ? this.#keySer : this.#valueSer) as Serializer<unknown>;
    const code = component === MessageComponentType.Key ? ErrorCode.Local_KeySerialization : ErrorCode.Local_ValueSerialization;
    let out: unknown;
    try {
      const ctx: SerializationContext = { component, topic, headers: Headers.from(message.headers) };
      out = ser.serialize(data, ctx);
    } catch (e) {
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
    try {
      const out = await p;
      if (out instanceof Uint8Array && !Buffer.isBuffer(out)) return Buffer.from(out.buffer, out.byteOffset, out.byteLength);
      return out ?? null;
    } catch (e) {
      throw this.#produceException(code, topic, Partition.Any, message, e);
    }
  }

  // The hot path: one native call, an integer id instead of a closure or persistent handle.
  #send(
    topic: string,
    partition: number,
    message: Message<K, V>,
    key: Buffer | string | null,
    value: Buffer | string | null,
    entry: InFlight<K, V>,
  ): number {
    let topicId = this.#topics.get(topic);
    if (topicId === undefined) {
      topicId = this.#native.topic(topic);
      this.#topics.set(topic, topicId);
    }
    const id = this.#freeIds.length > 0 ? this.#freeIds.pop()! : this.#inflight.length;
    const headers = message.headers === undefined ? null : flattenHeaders(message.headers);
    const err = this.#native.produce(topicId, partition, key, value, timestampArg(message.timestamp), headers, id);
    if (err) {
      if (id === this.#inflight.length) this.#inflight.push(undefined);
      this.#freeIds.push(id);
      return err;
    }
    this.#inflight[id] = entry;
    if (this.#outstanding++ === 0) this.#core.hold();
    return 0;
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
      const entry = this.#inflight[id];
      if (!entry) continue;
      this.#inflight[id] = undefined;
      this.#freeIds.push(id);
      this.#outstanding--;
      const code = errs[i];
      const error = code === 0 ? NO_ERROR : this.#deliveryError(code);
      const f = flags[i];
      const report = new Delivery<K, V>(
        entry.topic, partitions[i], code === 0 ? offsets[i] : Offset.Unset, (f >> 2) as PersistenceStatus,
        entry.message, error, timestamps[i], (f & 3) as TimestampType,
      );
      if (entry.handler) {
        this.#core.callHandler('delivery handler', entry.handler, report);
      } else if (entry.resolve) {
        if (code === 0) entry.resolve(report);
        else entry.reject!(withCallerStack(new ProduceException<K, V>(error, report), entry.stack));
      }
    }
    if (this.#outstanding === 0) {
      this.#core.release();
      const waiters = this.#flushWaiters;
      this.#flushWaiters = [];
      for (const w of waiters) w();
    }
    this.#wakeRoomWaiters();
  }

  #deliveryError(code: number): KafkaError {
    let e = this.#deliveryErrors.get(code);
    if (!e) this.#deliveryErrors.set(code, (e = new KafkaError(code as ErrorCode)));
    return e;
  }

  #wakeRoomWaiters(): void {
    if (this.#roomWaiters.length === 0) return;
    const waiters = this.#roomWaiters;
    this.#roomWaiters = [];
    for (const w of waiters) w();
  }

  // After a purge every message has its report; anything left (it should not happen) fails here.
  #failRemaining(error: KafkaError): void {
    for (let id = 0; id < this.#inflight.length; id++) {
      const entry = this.#inflight[id];
      if (!entry) continue;
      this.#inflight[id] = undefined;
      this.#outstanding--;
      const report = new Delivery<K, V>(entry.topic, Partition.Any, Offset.Unset, PersistenceStatus.PossiblyPersisted,
        entry.message, error, 0, TimestampType.NotAvailable);
      if (entry.handler) this.#core.callHandler('delivery handler', entry.handler, report);
      else entry.reject?.(withCallerStack(new ProduceException<K, V>(error, report), entry.stack));
    }
    if (this.#outstanding <= 0) {
      this.#outstanding = 0;
    }
  }

  #produceException(code: number, topic: string, partition: number, message: Message<K, V>, cause?: unknown): ProduceException<K, V> {
    const reason = cause === undefined ? undefined : `${new KafkaError(code as ErrorCode).reason}: ${cause instanceof Error ? cause.message : String(cause)}`;
    const error = new KafkaError(code as ErrorCode, reason);
    const result = new Delivery<K, V>(topic, partition, Offset.Unset, PersistenceStatus.NotPersisted, message, error, 0, TimestampType.NotAvailable);
    return new ProduceException<K, V>(error, result, cause === undefined ? undefined : { cause });
  }
}

function topicArg(topic: string | TopicPartition): [string, number] {
  if (typeof topic === 'string') {
    if (topic.length === 0) throw new TypeError('topic must be a non-empty string');
    return [topic, Partition.Any];
  }
  if (topic !== null && typeof topic === 'object' && typeof topic.topic === 'string' && topic.topic.length > 0) {
    const p = topic.partition;
    if (!Number.isInteger(p) || p < -1 || p > 0x7fffffff) throw new TypeError('partition must be an integer >= 0 (or Partition.Any)');
    return [topic.topic, p];
  }
  throw new TypeError('topic must be a topic name or a { topic, partition }');
}

function checkMessage(message: unknown): void {
  if (message === null || typeof message !== 'object') throw new TypeError('message must be an object { key?, value, headers?, timestamp? }');
}

// .NET accepts only Timestamp.Default or a CreateTime timestamp on produce.
function timestampArg(ts: Timestamp | number | undefined): number {
  if (ts === undefined) return 0;
  if (typeof ts === 'number') {
    if (!Number.isFinite(ts) || ts < 0) throw new TypeError('timestamp must be milliseconds since the epoch');
    return ts;
  }
  if (ts !== null && typeof ts === 'object') {
    if (ts.type === TimestampType.NotAvailable) return 0;
    if (ts.type === TimestampType.CreateTime && Number.isFinite(ts.unixTimestampMs)) return ts.unixTimestampMs;
    throw new TypeError('only CreateTime timestamps (or Timestamp.Default) can be produced');
  }
  throw new TypeError('timestamp must be a number or a Timestamp');
}
