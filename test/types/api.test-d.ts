import { expectTypeOf, test } from 'vitest';
import {
  Acks,
  AutoOffsetReset,
  CompressionType,
  ConsumerBuilder,
  Deserializers,
  ProducerBuilder,
  Serializers,
  type ConsumeResult,
  type ConsumerConfig,
  type DeliveryReport,
  type DeliveryResult,
  type IConsumer,
  type IProducer,
  type ProducerConfig,
} from '../../src/index';

test('builder type parameters follow the serializers', () => {
  const p = new ProducerBuilder({ bootstrapServers: 'x' })
    .setKeySerializer(Serializers.Int64)
    .setValueSerializer(Serializers.Utf8)
    .build();
  expectTypeOf(p).toEqualTypeOf<IProducer<bigint | number, string | null>>();
  expectTypeOf(p.produceAsync).returns.resolves.toEqualTypeOf<DeliveryResult<bigint | number, string | null>>();
  expectTypeOf(p.produce).parameter(2).toEqualTypeOf<((r: DeliveryReport<bigint | number, string | null>) => void) | undefined>();
  // @ts-expect-error a string is not an Int64 key
  p.produce('t', { key: 'k', value: 'v' });
});

test('builder type parameters follow the deserializers; default is Buffer | null', () => {
  const raw = new ConsumerBuilder({ bootstrapServers: 'x', groupId: 'g' }).build();
  expectTypeOf(raw).toEqualTypeOf<IConsumer<Buffer | null, Buffer | null>>();
  const c = new ConsumerBuilder({ bootstrapServers: 'x', groupId: 'g' })
    .setKeyDeserializer(Deserializers.Int32)
    .setValueDeserializer(Deserializers.Utf8)
    .build();
  expectTypeOf(c.consume).returns.resolves.toEqualTypeOf<ConsumeResult<number, string | null> | null>();
  expectTypeOf(c.consumeBatch).returns.resolves.toEqualTypeOf<ConsumeResult<number, string | null>[]>();
});

test('config keys are typed, enums take .NET enums, raw dotted keys are allowed', () => {
  const pc: ProducerConfig = { bootstrapServers: 'x', acks: Acks.All, compressionType: CompressionType.Zstd, lingerMs: 5, 'queue.buffering.max.ms': 5 };
  const cc: ConsumerConfig = { bootstrapServers: 'x', groupId: 'g', autoOffsetReset: AutoOffsetReset.Earliest, enableAutoOffsetStore: false };
  expectTypeOf(pc.lingerMs).toEqualTypeOf<number | undefined>();
  expectTypeOf(cc.enableAutoOffsetStore).toEqualTypeOf<boolean | undefined>();
  // @ts-expect-error lingerMs is a number
  const bad: ProducerConfig = { lingerMs: '5' };
  // @ts-expect-error unknown camelCase keys are rejected at compile time
  const typo: ConsumerConfig = { groupID: 'g' };
  void bad;
  void typo;
});
