/**
 * ProducerBuilder (.NET `ProducerBuilder<TKey, TValue>`): config, serializers and handlers,
 * then `build()`.
 */
import type { CoreHandlers } from './client-core';
import type { ProducerConfig } from './generated/config.gen';
import type { Statistics } from './generated/statistics.gen';
import { Producer, type IProducer } from './producer';
import type { AsyncSerializer, Serializer } from './serdes';
import type { LogMessage } from './types';
import { KafkaError, KafkaException } from './errors';
import { ErrorCode } from './generated/error-code.gen';

export class ProducerBuilder<K = Buffer | string | null, V = Buffer | string | null> {
  #config: ProducerConfig;
  #handlers: CoreHandlers<IProducer<K, V>> = {};
  #keySerializer?: Serializer<K> | AsyncSerializer<K>;
  #valueSerializer?: Serializer<V> | AsyncSerializer<V>;

  /** @param config librdkafka properties: typed camelCase keys, enums, or raw dotted keys. */
  constructor(config: ProducerConfig) {
    if (config === null || typeof config !== 'object') throw new TypeError('config must be an object');
    this.#config = { ...config };
  }

  /** Serializes keys (default: string as UTF-8, Buffer as is, null/undefined as null). */
  setKeySerializer<K2>(serializer: Serializer<K2> | AsyncSerializer<K2>): ProducerBuilder<K2, V> {
    const self = this as unknown as ProducerBuilder<K2, V>;
    if (self.#keySerializer) throw new KafkaException(new KafkaError(ErrorCode.Local_State, 'key serializer may not be specified more than once'));
    self.#keySerializer = checkSerializer(serializer);
    return self;
  }

  /** Serializes values (default: string as UTF-8, Buffer as is, null/undefined as null). */
  setValueSerializer<V2>(serializer: Serializer<V2> | AsyncSerializer<V2>): ProducerBuilder<K, V2> {
    const self = this as unknown as ProducerBuilder<K, V2>;
    if (self.#valueSerializer) throw new KafkaException(new KafkaError(ErrorCode.Local_State, 'value serializer may not be specified more than once'));
    self.#valueSerializer = checkSerializer(serializer);
    return self;
  }

  /**
   * Receives librdkafka's errors. Runs on the JS thread, never concurrently with another
   * handler. Errors are informational (librdkafka recovers) unless `error.isFatal`.
   */
  setErrorHandler(handler: (producer: IProducer<K, V>, error: KafkaError) => void): this {
    return this.#set('error', handler);
  }

  /**
   * Receives librdkafka's logs (through a log queue, on the JS thread). Without one, logs go
   * to stderr in librdkafka's format. Raise the detail with `debug: 'msg,broker'`.
   */
  setLogHandler(handler: (producer: IProducer<K, V>, log: LogMessage) => void): this {
    return this.#set('log', handler);
  }

  /**
   * Receives librdkafka's statistics every `statisticsIntervalMs` (JS thread, never concurrently
   * with another handler): `stats` is the JSON parsed once per event and typed from librdkafka's
   * STATISTICS.md ({@link Statistics}), `json` the raw string (to forward or log as is).
   */
  setStatisticsHandler(handler: (producer: IProducer<K, V>, stats: Statistics, json: string) => void): this {
    return this.#set('statistics', handler);
  }

  /** Creates the producer. Invalid config throws a KafkaException naming the property. */
  build(): IProducer<K, V> {
    return new Producer<K, V>(this.#config, { ...this.#handlers }, this.#keySerializer, this.#valueSerializer);
  }

  #set<H extends keyof CoreHandlers<IProducer<K, V>>>(which: H, handler: CoreHandlers<IProducer<K, V>>[H]): this {
    if (typeof handler !== 'function') throw new TypeError(`${which} handler must be a function`);
    if (this.#handlers[which]) throw new KafkaException(new KafkaError(ErrorCode.Local_State, `${which} handler may not be specified more than once`));
    this.#handlers[which] = handler;
    return this;
  }
}

function checkSerializer<T>(s: T): T {
  if (s === null || typeof s !== 'object' || typeof (s as { serialize?: unknown }).serialize !== 'function') {
    throw new TypeError('a serializer is an object with a serialize(data, context) method');
  }
  return s;
}
