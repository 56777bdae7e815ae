import { expectTypeOf, test } from 'vitest';
import {
  AdminClientBuilder,
  ConsumerBuilder,
  ProducerBuilder,
  type BrokerStatistics,
  type ConsumerGroupStatistics,
  type EosStatistics,
  type IAdminClient,
  type IConsumer,
  type IProducer,
  type PartitionStatistics,
  type Statistics,
  type WindowStatistics,
} from '../../src/index';

test('statistics handlers receive the typed object and the raw string', () => {
  new ProducerBuilder({}).setStatisticsHandler((p, stats, json) => {
    expectTypeOf(p).toEqualTypeOf<IProducer<string | Buffer | null, string | Buffer | null>>();
    expectTypeOf(stats).toEqualTypeOf<Statistics>();
    expectTypeOf(json).toEqualTypeOf<string>();
  });
  new ConsumerBuilder({}).setStatisticsHandler((c, stats, json) => {
    expectTypeOf(c).toEqualTypeOf<IConsumer<Buffer | null, Buffer | null>>();
    expectTypeOf(stats).toEqualTypeOf<Statistics>();
    expectTypeOf(json).toEqualTypeOf<string>();
  });
  new AdminClientBuilder({}).setStatisticsHandler((a, stats) => {
    expectTypeOf(a).toEqualTypeOf<IAdminClient>();
    expectTypeOf(stats).toEqualTypeOf<Statistics>();
  });
  // The .NET shape (client, json: string) no longer fits: the second argument is the object.
  // @ts-expect-error stats is a Statistics, not a string
  new ProducerBuilder({}).setStatisticsHandler((_p, json: string) => json.length);
});

test('the nesting follows STATISTICS.md', () => {
  expectTypeOf<Statistics['brokers']>().toEqualTypeOf<Record<string, BrokerStatistics>>();
  expectTypeOf<BrokerStatistics['rtt']>().toEqualTypeOf<WindowStatistics>();
  expectTypeOf<BrokerStatistics['int_latency']>().toEqualTypeOf<WindowStatistics>();
  expectTypeOf<BrokerStatistics['req']>().toEqualTypeOf<Record<string, number>>();
  expectTypeOf<BrokerStatistics['toppars'][string]['partition']>().toEqualTypeOf<number>();
  expectTypeOf<WindowStatistics['p99_99']>().toEqualTypeOf<number>();
  expectTypeOf<Statistics['topics'][string]['partitions'][string]>().toEqualTypeOf<PartitionStatistics>();
  expectTypeOf<PartitionStatistics['desired']>().toEqualTypeOf<boolean>();
  expectTypeOf<PartitionStatistics['fetch_state']>().toEqualTypeOf<string>();
  expectTypeOf<Statistics['topics'][string]['batchsize']>().toEqualTypeOf<WindowStatistics>();
  // cgrp only on a consumer in a group, eos only with idempotence: optional.
  expectTypeOf<Statistics['cgrp']>().toEqualTypeOf<ConsumerGroupStatistics | undefined>();
  expectTypeOf<Statistics['eos']>().toEqualTypeOf<EosStatistics | undefined>();
  expectTypeOf<ConsumerGroupStatistics['assignment_size']>().toEqualTypeOf<number>();
  expectTypeOf<EosStatistics['txn_may_enq']>().toEqualTypeOf<boolean>();
});
