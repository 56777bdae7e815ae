/**
 * AdminClientBuilder (.NET `AdminClientBuilder`): config and handlers, then `build()`.
 */
import { AdminClient, type IAdminClient } from './admin-client';
import type { CoreHandlers } from './client-core';
import { KafkaError, KafkaException } from './errors';
import { ErrorCode } from './generated/error-code.gen';
import type { Statistics } from './generated/statistics.gen';
import type { AdminClientConfig } from './generated/config.gen';
import type { LogMessage } from './types';

export class AdminClientBuilder {
  #config: AdminClientConfig;
  #handlers: CoreHandlers<IAdminClient> = {};

  /** @param config librdkafka properties: typed camelCase keys, enums, or raw dotted keys. */
  constructor(config: AdminClientConfig) {
    if (config === null || typeof config !== 'object') throw new TypeError('config must be an object');
    this.#config = { ...config };
  }

  /**
   * Receives librdkafka's errors (e.g. all brokers down). Runs on the JS thread, never
   * concurrently with another handler; informational unless `error.isFatal`.
   */
  setErrorHandler(handler: (adminClient: IAdminClient, error: KafkaError) => void): this {
    return this.#set('error', handler);
  }

  /**
   * Receives librdkafka's logs (through a log queue, on the JS thread). Without one, logs go
   * to stderr in librdkafka's format.
   */
  setLogHandler(handler: (adminClient: IAdminClient, log: LogMessage) => void): this {
    return this.#set('log', handler);
  }

  /**
   * Receives librdkafka's statistics every `statisticsIntervalMs` (JS thread, never concurrently
   * with another handler): `stats` is the JSON parsed once per event and typed from librdkafka's
   * STATISTICS.md ({@link Statistics}), `json` the raw string (to forward or log as is).
   */
  setStatisticsHandler(handler: (adminClient: IAdminClient, stats: Statistics, json: string) => void): this {
    return this.#set('statistics', handler);
  }

  /**
   * Creates the admin client (a librdkafka producer handle, as .NET's). Invalid config throws
   * a KafkaException naming the property.
   */
  build(): IAdminClient {
    return new AdminClient(this.#config, { ...this.#handlers });
  }

  #set<H extends keyof CoreHandlers<IAdminClient>>(which: H, handler: CoreHandlers<IAdminClient>[H]): this {
    if (typeof handler !== 'function') throw new TypeError(`${which} handler must be a function`);
    if (this.#handlers[which]) throw new KafkaException(new KafkaError(ErrorCode.Local_State, `${which} handler may not be specified more than once`));
    this.#handlers[which] = handler;
    return this;
  }
}
