/**
 * kafka-napi: a Kafka client for Node.js over librdkafka, with the API of the .NET client
 * Confluent.Kafka. See README.md and API.md.
 */
export * from './types';
export * from './errors';
export { Headers, type Header } from './headers';
export * from './serdes';
export * from './generated/error-code.gen';
export * from './generated/config.gen';
export * from './generated/statistics.gen';
export { ProducerBuilder } from './producer-builder';
export type { IProducer, DeliveryHandler, ProducerCloseOptions } from './producer';
export { MockCluster, type MockClusterOptions } from './mock-cluster';
export { Library } from './library';
export { ConsumerBuilder } from './consumer-builder';
export type { IConsumer, ConsumeOptions, ConsumerCloseOptions, IConsumerGroupMetadata } from './consumer';
export { AdminClientBuilder } from './admin-client-builder';
export type { IAdminClient } from './admin-client';
export * from './admin-types';
export * from './admin-errors';
