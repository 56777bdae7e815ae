import { describe, expect, it } from 'vitest';
import { Headers } from '../../src/headers';
import {
  defaultDeserializer,
  defaultSerializer,
  Deserializers,
  isDeserializer,
  isSerializer,
  MessageComponentType,
  type SerializationContext,
  Serializers,
} from '../../src/serdes';

const keyCtx: SerializationContext = { component: MessageComponentType.Key, topic: 't' };
const valueCtx: SerializationContext = { component: MessageComponentType.Value, topic: 't', headers: new Headers() };
const hex = (b: Buffer | null) => (b === null ? null : b.toString('hex'));
const bytes = (h: string) => Buffer.from(h.replace(/ /g, ''), 'hex');

describe('Serializers (big-endian, as .NET)', () => {
  it('Utf8', () => {
    expect(hex(Serializers.Utf8.serialize('héllo', valueCtx))).toBe('68c3a96c6c6f');
    expect(hex(Serializers.Utf8.serialize('', valueCtx))).toBe('');
    expect(Serializers.Utf8.serialize(null, valueCtx)).toBeNull();
    expect(Serializers.Utf8.serialize(undefined as unknown as null, valueCtx)).toBeNull();
    expect(() => Serializers.Utf8.serialize(5 as unknown as string, valueCtx)).toThrow(TypeError);
  });

  it('Null', () => {
    expect(Serializers.Null.serialize(null, keyCtx)).toBeNull();
  });

  it('Int32', () => {
    const s = (n: number) => hex(Serializers.Int32.serialize(n, valueCtx));
    expect(s(1)).toBe('00000001');
    expect(s(-1)).toBe('ffffffff');
    expect(s(0)).toBe('00000000');
    expect(s(0x12345678)).toBe('12345678');
    expect(s(2147483647)).toBe('7fffffff');
    expect(s(-2147483648)).toBe('80000000');
    for (const bad of [2147483648, -2147483649, 1.5, NaN, Infinity]) {
      expect(() => Serializers.Int32.serialize(bad, valueCtx)).toThrow(RangeError);
    }
    expect(() => Serializers.Int32.serialize('1' as unknown as number, valueCtx)).toThrow(TypeError);
  });

  it('Int64', () => {
    const s = (n: number | bigint) => hex(Serializers.Int64.serialize(n, valueCtx));
    expect(s(2 ** 40)).toBe('0000010000000000');
    expect(s(2n ** 40n)).toBe('0000010000000000');
    expect(s(1)).toBe('0000000000000001');
    expect(s(-1)).toBe('ffffffffffffffff');
    expect(s(-1n)).toBe('ffffffffffffffff');
    expect(s(2n ** 63n - 1n)).toBe('7fffffffffffffff');
    expect(s(-(2n ** 63n))).toBe('8000000000000000');
    expect(s(Number.MAX_SAFE_INTEGER)).toBe('001fffffffffffff');
    expect(() => Serializers.Int64.serialize(2n ** 63n, valueCtx)).toThrow(RangeError);
    expect(() => Serializers.Int64.serialize(-(2n ** 63n) - 1n, valueCtx)).toThrow(RangeError);
    expect(() => Serializers.Int64.serialize(2 ** 53, valueCtx)).toThrow(RangeError);
    expect(() => Serializers.Int64.serialize(0.5, valueCtx)).toThrow(RangeError);
    expect(() => Serializers.Int64.serialize('1' as unknown as number, valueCtx)).toThrow(TypeError);
  });

  it('Single', () => {
    expect(hex(Serializers.Single.serialize(1.5, valueCtx))).toBe('3fc00000');
    expect(hex(Serializers.Single.serialize(-2, valueCtx))).toBe('c0000000');
    expect(hex(Serializers.Single.serialize(0.1, valueCtx))).toBe('3dcccccd');
    expect(() => Serializers.Single.serialize(null as unknown as number, valueCtx)).toThrow(TypeError);
  });

  it('Double', () => {
    expect(hex(Serializers.Double.serialize(-0.1, valueCtx))).toBe('bfb999999999999a');
    expect(hex(Serializers.Double.serialize(1, valueCtx))).toBe('3ff0000000000000');
    expect(() => Serializers.Double.serialize(1n as unknown as number, valueCtx)).toThrow(TypeError);
  });

  it('ByteArray', () => {
    const b = Buffer.from([1, 2, 3]);
    expect(Serializers.ByteArray.serialize(b, valueCtx)).toBe(b);
    expect(Serializers.ByteArray.serialize(null, valueCtx)).toBeNull();
    const u8 = new Uint8Array([0, 5, 6, 0]).subarray(1, 3);
    const out = Serializers.ByteArray.serialize(u8, valueCtx)!;
    expect(Buffer.isBuffer(out)).toBe(true);
    expect(hex(out)).toBe('0506');
    expect(() => Serializers.ByteArray.serialize('x' as unknown as Buffer, valueCtx)).toThrow(TypeError);
  });

  it('are frozen singletons', () => {
    expect(Object.isFrozen(Serializers)).toBe(true);
    expect(Object.isFrozen(Serializers.Utf8)).toBe(true);
    expect(Object.isFrozen(defaultSerializer)).toBe(true);
    expect(Serializers.Utf8).not.toBe(defaultSerializer);
    expect(() => {
      (Serializers.Utf8 as { serialize: unknown }).serialize = () => null;
    }).toThrow(TypeError);
  });
});

describe('Deserializers', () => {
  it('Utf8', () => {
    expect(Deserializers.Utf8.deserialize(bytes('68c3a96c6c6f'), false, valueCtx)).toBe('héllo');
    expect(Deserializers.Utf8.deserialize(Buffer.alloc(0), false, valueCtx)).toBe('');
    expect(Deserializers.Utf8.deserialize(null, true, valueCtx)).toBeNull();
  });

  it('Null', () => {
    expect(Deserializers.Null.deserialize(null, true, keyCtx)).toBeNull();
    expect(() => Deserializers.Null.deserialize(Buffer.from('x'), false, keyCtx)).toThrow(/null/);
    expect(() => Deserializers.Null.deserialize(Buffer.alloc(0), false, keyCtx)).toThrow();
  });

  it('Ignore', () => {
    expect(Deserializers.Ignore.deserialize(Buffer.from('anything'), false, keyCtx)).toBeNull();
    expect(Deserializers.Ignore.deserialize(null, true, keyCtx)).toBeNull();
  });

  it('Int32', () => {
    expect(Deserializers.Int32.deserialize(bytes('00000001'), false, valueCtx)).toBe(1);
    expect(Deserializers.Int32.deserialize(bytes('ffffffff'), false, valueCtx)).toBe(-1);
    expect(Deserializers.Int32.deserialize(bytes('80000000'), false, valueCtx)).toBe(-2147483648);
    expect(() => Deserializers.Int32.deserialize(bytes('000001'), false, valueCtx)).toThrow(/length 3/);
    expect(() => Deserializers.Int32.deserialize(bytes('0000000001'), false, valueCtx)).toThrow(RangeError);
    expect(() => Deserializers.Int32.deserialize(null, true, valueCtx)).toThrow(/null/);
  });

  it('Int64 returns a bigint', () => {
    expect(Deserializers.Int64.deserialize(bytes('0000010000000000'), false, valueCtx)).toBe(2n ** 40n);
    expect(Deserializers.Int64.deserialize(bytes('ffffffffffffffff'), false, valueCtx)).toBe(-1n);
    expect(Deserializers.Int64.deserialize(bytes('7fffffffffffffff'), false, valueCtx)).toBe(2n ** 63n - 1n);
    expect(() => Deserializers.Int64.deserialize(bytes('00000001'), false, valueCtx)).toThrow(/expecting data length to be 8/);
    expect(() => Deserializers.Int64.deserialize(null, true, valueCtx)).toThrow(TypeError);
  });

  it('Single', () => {
    expect(Deserializers.Single.deserialize(bytes('3fc00000'), false, valueCtx)).toBe(1.5);
    expect(() => Deserializers.Single.deserialize(bytes('3fc0000000'), false, valueCtx)).toThrow(RangeError);
    expect(() => Deserializers.Single.deserialize(null, true, valueCtx)).toThrow(TypeError);
  });

  it('Double', () => {
    expect(Deserializers.Double.deserialize(bytes('bfb999999999999a'), false, valueCtx)).toBe(-0.1);
    expect(() => Deserializers.Double.deserialize(bytes('bfb9'), false, valueCtx)).toThrow(RangeError);
    expect(() => Deserializers.Double.deserialize(null, true, valueCtx)).toThrow(TypeError);
  });

  it('ByteArray', () => {
    const b = Buffer.from('abc');
    expect(Deserializers.ByteArray.deserialize(b, false, valueCtx)).toBe(b);
    expect(Deserializers.ByteArray.deserialize(null, true, valueCtx)).toBeNull();
  });
});

describe('round trips', () => {
  it('every pair', () => {
    for (const n of [0, 1, -1, 123456789, -2147483648, 2147483647]) {
      expect(Deserializers.Int32.deserialize(Serializers.Int32.serialize(n, valueCtx), false, valueCtx)).toBe(n);
    }
    for (const n of [0n, 1n, -1n, 2n ** 62n + 12345n, -(2n ** 63n), 2n ** 63n - 1n]) {
      expect(Deserializers.Int64.deserialize(Serializers.Int64.serialize(n, valueCtx), false, valueCtx)).toBe(n);
    }
    for (const n of [0, 1.5, -2.25, 2 ** 100, Infinity, -Infinity]) {
      expect(Deserializers.Single.deserialize(Serializers.Single.serialize(n, valueCtx), false, valueCtx)).toBe(n);
    }
    expect(Deserializers.Single.deserialize(Serializers.Single.serialize(0.1, valueCtx), false, valueCtx)).toBe(
      Math.fround(0.1),
    );
    expect(Number.isNaN(Deserializers.Double.deserialize(Serializers.Double.serialize(NaN, valueCtx), false, valueCtx))).toBe(true);
    for (const n of [0, -0.1, Math.PI, Number.MAX_VALUE, Number.MIN_VALUE, -Infinity]) {
      expect(Deserializers.Double.deserialize(Serializers.Double.serialize(n, valueCtx), false, valueCtx)).toBe(n);
    }
    for (const s of ['', 'plain', 'ünïcødé ✓ 🚀']) {
      expect(Deserializers.Utf8.deserialize(Serializers.Utf8.serialize(s, valueCtx), false, valueCtx)).toBe(s);
    }
  });
});

describe('defaults', () => {
  it('defaultSerializer: string, Buffer, Uint8Array, null/undefined', () => {
    expect(hex(defaultSerializer.serialize('é', valueCtx))).toBe('c3a9');
    const b = Buffer.from([7]);
    expect(defaultSerializer.serialize(b, valueCtx)).toBe(b);
    expect(hex(defaultSerializer.serialize(new Uint8Array([1, 2]), valueCtx))).toBe('0102');
    expect(defaultSerializer.serialize(null, valueCtx)).toBeNull();
    expect(defaultSerializer.serialize(undefined, keyCtx)).toBeNull();
  });

  it('defaultSerializer: anything else is a TypeError naming the type and the component', () => {
    expect(() => defaultSerializer.serialize(42 as never, keyCtx)).toThrow(TypeError);
    expect(() => defaultSerializer.serialize(42 as never, keyCtx)).toThrow(/key, got number; set a serializer with setKeySerializer/);
    expect(() => defaultSerializer.serialize({ a: 1 } as never, valueCtx)).toThrow(/value, got Object.*setValueSerializer/);
    expect(() => defaultSerializer.serialize(new Date() as never, valueCtx)).toThrow(/got Date/);
    expect(() => defaultSerializer.serialize(1n as never, valueCtx)).toThrow(/got bigint/);
  });

  it('defaultDeserializer passes Buffer | null through', () => {
    const b = Buffer.from('x');
    expect(defaultDeserializer.deserialize(b, false, valueCtx)).toBe(b);
    expect(defaultDeserializer.deserialize(null, true, valueCtx)).toBeNull();
  });
});

describe('type guards', () => {
  it('isSerializer / isDeserializer', () => {
    expect(isSerializer(Serializers.Int32)).toBe(true);
    expect(isSerializer({ serialize: async () => null })).toBe(true);
    expect(isSerializer(Deserializers.Int32)).toBe(false);
    expect(isSerializer(null)).toBe(false);
    expect(isDeserializer(Deserializers.Utf8)).toBe(true);
    expect(isDeserializer({})).toBe(false);
    expect(isDeserializer(undefined)).toBe(false);
  });
});
