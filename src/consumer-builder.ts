/**
 * ConsumerBuilder (.NET `ConsumerBuilder<TKey, TValue>`): config, deserializers and handlers,
 * then `build()`. The builder's type parameters follow the deserializers that are set.
 */
import { KafkaError, KafkaException } from './errors';
import { Consumer, type ConsumerHandlers, type IConsumer } from './consumer';
import type { ConsumerConfig } from './generated/config.gen';
import type { Statistics } from './generated/statistics.gen';
import { ErrorCode } from './generated/error-code.gen';
import type { Deserializer } from './serdes';
import type { CommittedOffsets, LogMessage, TopicPartition, TopicPartitionOffset } from './types';

export class ConsumerBuilder<K = Buffer | null, V = Buffer | null> {
  #config: ConsumerConfig;
  #handlers: ConsumerHandlers<K, V> = {};
  #keyDeserializer?: Deserializer<K>;
  #valueDeserializer?: Deserializer<V>;

  /** @param config librdkafka properties: typed camelCase keys, enums, or raw dotted keys. `groupId` is required. */
  constructor(config: ConsumerConfig) {
    if (config === null || typeof config !== 'object') throw new TypeError('config must be an object');
    this.#config = { ...config };
  }

  /** Deserializes keys (default: the raw Buffer, or null). */
  setKeyDeserializer<K2>(deserializer: Deserializer<K2>): ConsumerBuilder<K2, V> {
    const self = this as unknown as ConsumerBuilder<K2, V>;
    if (self.#keyDeserializer) throw new KafkaException(new KafkaError(ErrorCode.Local_State, 'key deserializer may not be specified more than once'));
    self.#keyDeserializer = checkDeserializer(deserializer);
    return self;
  }

  /** Deserializes values (default: the raw Buffer, or null). */
  setValueDeserializer<V2>(deserializer: Deserializer<V2>): ConsumerBuilder<K, V2> {
    const self = this as unknown as ConsumerBuilder<K, V2>;
    if (self.#valueDeserializer) throw new KafkaException(new KafkaError(ErrorCode.Local_State, 'value deserializer may not be specified more than once'));
    self.#valueDeserializer = checkDeserializer(deserializer);
    return self;
  }

  /** librdkafka's errors; informational unless `error.isFatal`. JS thread, never concurrent. */
  setErrorHandler(handler: (consumer: IConsumer<K, V>, error: KafkaError) => void): this {
    return this.#set('error', handler);
  }

  /** librdkafka's logs (through a log queue, JS thread). Default: stderr in librdkafka's format. */
  setLogHandler(handler: (consumer: IConsumer<K, V>, log: LogMessage) => void): this {
    return this.#set('log', handler);
  }

  /**
   * Receives librdkafka's statistics every `statisticsIntervalMs` (JS thread, never concurrently
   * with another handler): `stats` is the JSON parsed once per event and typed from librdkafka's
   * STATISTICS.md ({@link Statistics}), `json` the raw string (to forward or log as is).
   * A throw surfaces from the next consume.
   */
  setStatisticsHandler(handler: (consumer: IConsumer<K, V>, stats: Statistics, json: string) => void): this {
    return this.#set('statistics', handler);
  }

  /**
   * Called when partitions are assigned, before consuming from them. Return (or resolve
   * with) TopicPartitionOffset[] to choose start offsets (EAGER assignors: that set replaces
   * the assignment; COOPERATIVE: it must hold exactly the given partitions). Nothing is
   * consumed until it returns. Must not call assign()/unassign().
   */
  setPartitionsAssignedHandler(
    handler: (consumer: IConsumer<K, V>, partitions: TopicPartition[]) =>
      void | TopicPartitionOffset[] | Promise<void | TopicPartitionOffset[]>,
  ): this {
    return this.#set('assigned', handler);
  }

  /**
   * Called before partitions are taken away, with their current positions (all partitions
   * under EAGER, the revoked ones under COOPERATIVE). May be async: the partitions stay
   * assigned until it settles, so `await consumer.commit()` here commits synchronously on revoke.
   */
  setPartitionsRevokedHandler(handler: (consumer: IConsumer<K, V>, partitions: TopicPartitionOffset[]) => void | Promise<void>): this {
    return this.#set('revoked', handler);
  }

  /** Called when the assignment was lost (fell out of the group); do not commit here. Without it, the revoked handler runs. */
  setPartitionsLostHandler(handler: (consumer: IConsumer<K, V>, partitions: TopicPartitionOffset[]) => void | Promise<void>): this {
    return this.#set('lost', handler);
  }

  /** Reports automatic commits (enableAutoCommit), not commit() calls, as in .NET. */
  setOffsetsCommittedHandler(handler: (consumer: IConsumer<K, V>, committed: CommittedOffsets) => void): this {
    return this.#set('committed', handler);
  }

  /** Creates the consumer. Invalid config (or a missing groupId) throws a KafkaException. */
  build(): IConsumer<K, V> {
    const c = this.#config as Record<string, unknown>;
    const groupId = c.groupId ?? c['group.id'];
    if (typeof groupId !== 'string' || groupId.length === 0) {
      throw new KafkaException(new KafkaError(ErrorCode.Local_InvalidArg, "'groupId' (group.id) is required and was not specified"));
    }
    return new Consumer<K, V>(this.#config, { ...this.#handlers }, this.#keyDeserializer, this.#valueDeserializer);
  }

  #set<H extends keyof ConsumerHandlers<K, V>>(which: H, handler: ConsumerHandlers<K, V>[H]): this {
    if (typeof handler !== 'function') throw new TypeError(`${which} handler must be a function`);
    if (this.#handlers[which]) throw new KafkaException(new KafkaError(ErrorCode.Local_State, `${which} handler may not be specified more than once`));
    this.#handlers[which] = handler;
    return this;
  }
}

function checkDeserializer<T>(d: T): T {
  if (d === null || typeof d !== 'object' || typeof (d as { deserialize?: unknown }).deserialize !== 'function') {
    throw new TypeError('a deserializer is an object with a deserialize(data, isNull, context) method');
  }
  return d;
}
