/**
 * Serialization: the (de)serializer interfaces and the built-in ones, with the byte encodings of
 * .NET's `Confluent.Kafka.Serializers` / `Deserializers` (big-endian), so that data written by
 * one client reads back the same in the other.
 */
import type { Headers } from './headers';

/** Which part of a message is being (de)serialized. Mirrors .NET `MessageComponentType`. */
export enum MessageComponentType {
  Key = 1,
  Value = 2,
}

/**
 * What a (de)serializer is told about the data. Mirrors .NET `SerializationContext`; when
 * producing, `headers` is the message's and a serializer may add to it (e.g. a schema id).
 */
export interface SerializationContext {
  component: MessageComponentType;
  topic: string;
  headers?: Headers;
}

/**
 * Turns a key or value into bytes (null: a null key/value on the wire). Mirrors .NET
 * `ISerializer<T>`. A throw becomes a ProduceException with `Local_KeySerialization` /
 * `Local_ValueSerialization`.
 */
export interface Serializer<T> {
  serialize(data: T, context: SerializationContext): Buffer | null;
}

/**
 * A serializer that needs to wait (e.g. for a schema registry). Usable with `produceAsync` only,
 * as in .NET. Mirrors .NET `IAsyncSerializer<T>`.
 */
export interface AsyncSerializer<T> {
  serialize(data: T, context: SerializationContext): Promise<Buffer | null>;
}

/**
 * Turns consumed bytes into a key or value. Mirrors .NET `IDeserializer<T>`; `isNull`
 * distinguishes a null key/value from an empty one. A throw becomes a ConsumeException with
 * `Local_KeyDeserialization` / `Local_ValueDeserialization`.
 */
export interface Deserializer<T> {
  deserialize(data: Buffer | null, isNull: boolean, context: SerializationContext): T;
}

/** Whether `x` has a `serialize` method (sync or async; the producer tells them apart by the result). */
export function isSerializer(x: unknown): x is Serializer<unknown> | AsyncSerializer<unknown> {
  return typeof x === 'object' && x !== null && typeof (x as { serialize?: unknown }).serialize === 'function';
}

/** Whether `x` has a `deserialize` method. */
export function isDeserializer(x: unknown): x is Deserializer<unknown> {
  return typeof x === 'object' && x !== null && typeof (x as { deserialize?: unknown }).deserialize === 'function';
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (typeof v === 'object') return v.constructor?.name ?? 'object';
  return typeof v;
}

function asBuffer(u8: Uint8Array): Buffer {
  return Buffer.isBuffer(u8) ? u8 : Buffer.from(u8.buffer, u8.byteOffset, u8.byteLength);
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

// Each (de)serializer is a frozen singleton: the producer recognizes Utf8 and the default
// serializer by identity to hand strings straight to native, so they must not be replaced.

const utf8Serializer: Serializer<string | null> = Object.freeze({
  serialize(data: string | null): Buffer | null {
    if (data === null || data === undefined) return null;
    if (typeof data !== 'string') throw new TypeError(`Serializers.Utf8 expects a string, got ${describe(data)}`);
    return Buffer.from(data, 'utf8');
  },
});

const nullSerializer: Serializer<null> = Object.freeze({
  serialize(): null {
    return null;
  },
});

const int32Serializer: Serializer<number> = Object.freeze({
  serialize(data: number): Buffer {
    if (typeof data !== 'number') throw new TypeError(`Serializers.Int32 expects a number, got ${describe(data)}`);
    if ((data | 0) !== data) {
      throw new RangeError(`Serializers.Int32: ${data} is not a 32-bit signed integer`);
    }
    const b = Buffer.allocUnsafe(4);
    b.writeInt32BE(data, 0);
    return b;
  },
});

const int64Serializer: Serializer<bigint | number> = Object.freeze({
  serialize(data: bigint | number): Buffer {
    let v: bigint;
    if (typeof data === 'bigint') {
      if (data < INT64_MIN || data > INT64_MAX) {
        throw new RangeError(`Serializers.Int64: ${data} is out of the 64-bit signed range`);
      }
      v = data;
    } else if (typeof data === 'number') {
      // Beyond 2^53 a number has already lost digits: refuse rather than write a different value.
      if (!Number.isSafeInteger(data)) {
        throw new RangeError(`Serializers.Int64: ${data} is not a safe integer; pass a bigint`);
      }
      v = BigInt(data);
    } else {
      throw new TypeError(`Serializers.Int64 expects a bigint or an integer number, got ${describe(data)}`);
    }
    const b = Buffer.allocUnsafe(8);
    b.writeBigInt64BE(v, 0);
    return b;
  },
});

const singleSerializer: Serializer<number> = Object.freeze({
  serialize(data: number): Buffer {
    if (typeof data !== 'number') throw new TypeError(`Serializers.Single expects a number, got ${describe(data)}`);
    const b = Buffer.allocUnsafe(4);
    b.writeFloatBE(data, 0);
    return b;
  },
});

const doubleSerializer: Serializer<number> = Object.freeze({
  serialize(data: number): Buffer {
    if (typeof data !== 'number') throw new TypeError(`Serializers.Double expects a number, got ${describe(data)}`);
    const b = Buffer.allocUnsafe(8);
    b.writeDoubleBE(data, 0);
    return b;
  },
});

const byteArraySerializer: Serializer<Buffer | Uint8Array | null> = Object.freeze({
  serialize(data: Buffer | Uint8Array | null): Buffer | null {
    if (data === null || data === undefined) return null;
    if (data instanceof Uint8Array) return asBuffer(data);
    throw new TypeError(`Serializers.ByteArray expects a Buffer, a Uint8Array or null, got ${describe(data)}`);
  },
});

/**
 * The built-in serializers, with .NET's encodings. Mirrors .NET `Confluent.Kafka.Serializers`.
 * - `Utf8`: string as UTF-8; null/undefined → null.
 * - `Null`: always null (.NET's `Null` type).
 * - `Int32`: 4 bytes big-endian; a non-int32 number is a RangeError.
 * - `Int64`: 8 bytes big-endian (.NET `long`); a bigint, or a number within ±(2^53 − 1).
 * - `Single`: 4 bytes IEEE 754 big-endian (rounded to float32, as .NET `float`).
 * - `Double`: 8 bytes IEEE 754 big-endian.
 * - `ByteArray`: a Buffer (or a Uint8Array, as a Buffer view) as is; null allowed.
 */
export const Serializers = Object.freeze({
  Utf8: utf8Serializer,
  Null: nullSerializer,
  Int32: int32Serializer,
  Int64: int64Serializer,
  Single: singleSerializer,
  Double: doubleSerializer,
  ByteArray: byteArraySerializer,
});

/**
 * The serializer used when none is set: strings as UTF-8, Buffer/Uint8Array as is,
 * null/undefined as null; anything else is a TypeError naming its type (set a serializer for
 * it). .NET picks a default by the generic type, which JavaScript cannot see at run time, so the
 * default goes by the value instead.
 */
export const defaultSerializer: Serializer<string | Buffer | Uint8Array | null | undefined> = Object.freeze({
  serialize(data: string | Buffer | Uint8Array | null | undefined, context?: SerializationContext): Buffer | null {
    if (typeof data === 'string') return Buffer.from(data, 'utf8');
    if (data === null || data === undefined) return null;
    if (data instanceof Uint8Array) return asBuffer(data);
    const what = context?.component === MessageComponentType.Key ? 'key' : context?.component === MessageComponentType.Value ? 'value' : 'data';
    const setter = what === 'key' ? 'setKeySerializer' : 'setValueSerializer';
    throw new TypeError(
      `The default serializer takes a string, a Buffer, a Uint8Array or null as ${what}, got ${describe(data)}; ` +
        `set a serializer with ${setter}()`,
    );
  },
});

function requireLength(name: string, data: Buffer | null, isNull: boolean, n: number): Buffer {
  // .NET throws ArgumentNullException on null data.
  if (isNull || data === null || data === undefined) {
    throw new TypeError(`Deserializers.${name}: null data encountered deserializing a ${name} value`);
  }
  if (!(data instanceof Uint8Array)) throw new TypeError(`Deserializers.${name}: data must be a Buffer, got ${describe(data)}`);
  if (data.length !== n) {
    throw new RangeError(
      `Deserializers.${name} encountered data of length ${data.length}; expecting data length to be ${n}`,
    );
  }
  return data;
}

const utf8Deserializer: Deserializer<string | null> = Object.freeze({
  deserialize(data: Buffer | null, isNull: boolean): string | null {
    return isNull || data === null ? null : data.toString('utf8');
  },
});

const nullDeserializer: Deserializer<null> = Object.freeze({
  deserialize(data: Buffer | null, isNull: boolean): null {
    if (!isNull || data !== null) {
      throw new TypeError('Deserializers.Null: deserializer may only be used with data that is null');
    }
    return null;
  },
});

const ignoreDeserializer: Deserializer<null> = Object.freeze({
  deserialize(): null {
    return null;
  },
});

const int32Deserializer: Deserializer<number> = Object.freeze({
  deserialize(data: Buffer | null, isNull: boolean): number {
    return requireLength('Int32', data, isNull, 4).readInt32BE(0);
  },
});

const int64Deserializer: Deserializer<bigint> = Object.freeze({
  deserialize(data: Buffer | null, isNull: boolean): bigint {
    return requireLength('Int64', data, isNull, 8).readBigInt64BE(0);
  },
});

const singleDeserializer: Deserializer<number> = Object.freeze({
  deserialize(data: Buffer | null, isNull: boolean): number {
    return requireLength('Single', data, isNull, 4).readFloatBE(0);
  },
});

const doubleDeserializer: Deserializer<number> = Object.freeze({
  deserialize(data: Buffer | null, isNull: boolean): number {
    return requireLength('Double', data, isNull, 8).readDoubleBE(0);
  },
});

const byteArrayDeserializer: Deserializer<Buffer | null> = Object.freeze({
  deserialize(data: Buffer | null, isNull: boolean): Buffer | null {
    // .NET copies out of librdkafka's memory; native already hands over a Buffer of its own.
    return isNull ? null : data;
  },
});

/**
 * The built-in deserializers, with .NET's encodings and checks. Mirrors .NET
 * `Confluent.Kafka.Deserializers`.
 * - `Utf8`: UTF-8 text; null → null.
 * - `Null`: null; non-null data is an error (.NET `ArgumentException`).
 * - `Ignore`: always null, without looking at the data.
 * - `Int32`, `Single`: exactly 4 bytes big-endian, else a RangeError; null data is a TypeError
 *   (.NET `ArgumentNullException`).
 * - `Int64` (as a bigint, .NET `long`), `Double`: exactly 8 bytes, same errors.
 * - `ByteArray`: the Buffer as is; null → null.
 */
export const Deserializers = Object.freeze({
  Utf8: utf8Deserializer,
  Null: nullDeserializer,
  Ignore: ignoreDeserializer,
  Int32: int32Deserializer,
  Int64: int64Deserializer,
  Single: singleDeserializer,
  Double: doubleDeserializer,
  ByteArray: byteArrayDeserializer,
});

/**
 * The deserializer used when none is set: the raw bytes, a Buffer or null. .NET has no such
 * default (it requires a deserializer for types other than its built-ins); raw bytes are the
 * lossless choice.
 */
export const defaultDeserializer: Deserializer<Buffer | null> = byteArrayDeserializer;
