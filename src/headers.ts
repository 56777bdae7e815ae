/**
 * Message headers. Mirrors .NET `Confluent.Kafka.Headers` / `Header` / `IHeader`.
 */
import { KafkaError, KafkaException } from './errors';
import { ErrorCode } from './generated/error-code.gen';

/**
 * One header: a key and its value bytes (null for a header without a value).
 * Mirrors .NET `IHeader` / `Header` (`GetValueBytes()` is the `value` property here).
 */
export interface Header {
  readonly key: string;
  readonly value: Buffer | null;
}

/** The shape accepted wherever headers can be given as a plain array. */
export type HeaderInit = { key: string; value: Buffer | Uint8Array | string | null };

const inspectSymbol = Symbol.for('nodejs.util.inspect.custom');

/** Bytes of a header value: strings as UTF-8, Uint8Array as a Buffer view (no copy). */
function valueBytes(value: unknown, where: string): Buffer | null {
  if (value === null || value === undefined) return null;
  if (Buffer.isBuffer(value)) return value;
  if (typeof value === 'string') return Buffer.from(value, 'utf8');
  if (value instanceof Uint8Array) return Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  throw new TypeError(`${where}: a header value must be a Buffer, a Uint8Array, a string or null, got ${describe(value)}`);
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (typeof v === 'object') return v.constructor?.name ?? 'object';
  return typeof v;
}

// Gives this module unchecked access to a Headers' list (set in the class's static block) so
// that native results are wrapped without re-validating every entry.
let listOf: (h: Headers) => Header[];

/**
 * An ordered list of message headers; duplicate keys are allowed and order is kept, as Kafka
 * does. Mirrors .NET `Headers : IEnumerable<IHeader>`.
 *
 * Values are stored as bytes: a string given to {@link add} is encoded as UTF-8 at once (as a
 * .NET caller would with `Encoding.UTF8.GetBytes`), so what is read back is what goes on the wire.
 */
export class Headers implements Iterable<Header> {
  #list: Header[] = [];

  static {
    listOf = (h) => h.#list;
  }

  /**
   * Appends a header. Mirrors .NET `Headers.Add(string key, byte[] val)` and `Add(Header)`.
   * @param key - the header key (any string, empty included); a non-string is a TypeError.
   * @param value - Buffer, Uint8Array, string (stored as UTF-8) or null (no value).
   * @returns this, for chaining.
   */
  add(key: string, value: Buffer | Uint8Array | string | null): this;
  add(header: Header): this;
  add(keyOrHeader: string | Header, value?: Buffer | Uint8Array | string | null): this {
    let key: unknown = keyOrHeader;
    if (typeof keyOrHeader === 'object' && keyOrHeader !== null) {
      key = keyOrHeader.key;
      value = keyOrHeader.value;
    }
    if (typeof key !== 'string') {
      throw new TypeError(`Headers.add: the header key must be a string, got ${describe(key)}`);
    }
    this.#list.push({ key, value: valueBytes(value, 'Headers.add') });
    return this;
  }

  /**
   * The value of the last header with `key`. Mirrors .NET `Headers.GetLastBytes`, which throws
   * `KeyNotFoundException` when there is none; here a KafkaException with `Local_NoEnt`
   * (librdkafka's answer to `rd_kafka_header_get_last` for a missing key). A key that is not a
   * string is a TypeError.
   */
  getLastBytes(key: string): Buffer | null {
    checkKey(key, 'getLastBytes');
    const list = this.#list;
    for (let i = list.length - 1; i >= 0; i--) if (list[i].key === key) return list[i].value;
    throw new KafkaException(new KafkaError(ErrorCode.Local_NoEnt, `The key ${key} was not present in the headers collection.`));
  }

  /**
   * The value of the last header with `key`, or `undefined` when there is none (a header without
   * a value gives null). Mirrors .NET `Headers.TryGetLastBytes(key, out byte[])`.
   */
  tryGetLastBytes(key: string): Buffer | null | undefined {
    checkKey(key, 'tryGetLastBytes');
    const list = this.#list;
    for (let i = list.length - 1; i >= 0; i--) if (list[i].key === key) return list[i].value;
    return undefined;
  }

  /** Removes every header with `key`. Mirrors .NET `Headers.Remove`. */
  remove(key: string): void {
    checkKey(key, 'remove');
    const list = this.#list;
    let w = 0;
    for (let r = 0; r < list.length; r++) if (list[r].key !== key) list[w++] = list[r];
    list.length = w;
  }

  /** The number of headers. .NET `Headers.Count`. */
  get count(): number {
    return this.#list.length;
  }

  /**
   * The header at `index`. Mirrors .NET's indexer `this[int]`, with JavaScript's `Array.at`
   * conventions: a negative index counts from the end, out of range gives undefined.
   */
  at(index: number): Header | undefined {
    return this.#list.at(index);
  }

  /** The headers as a read-only list (the live list, not a copy). .NET `Headers.BackingList`. */
  get backingList(): readonly Header[] {
    return this.#list;
  }

  /** Iterates the headers in order. .NET `GetEnumerator()`. */
  [Symbol.iterator](): Iterator<Header> {
    return this.#list[Symbol.iterator]();
  }

  /** Shows the entries in `console.log` (the list is a private field, invisible otherwise). */
  [inspectSymbol](depth: number, options: object, inspect: (v: unknown, o: object) => string): string {
    return `Headers(${this.#list.length}) ${inspect(this.#list, options)}`;
  }

  /**
   * Normalizes the headers a user gave: a Headers is returned as is, an array is copied into a
   * new Headers (validating it), null/undefined gives undefined.
   */
  static from(h: Headers | ReadonlyArray<HeaderInit> | null | undefined): Headers | undefined {
    if (h === undefined || h === null) return undefined;
    if (h instanceof Headers) return h;
    if (!Array.isArray(h)) throw new TypeError(`headers must be a Headers or an array of { key, value }, got ${describe(h)}`);
    const out = new Headers();
    for (const e of h as ReadonlyArray<HeaderInit>) {
      if (e === null || typeof e !== 'object') throw new TypeError(`headers: each entry must be { key, value }, got ${describe(e)}`);
      out.add(e.key, e.value);
    }
    return out;
  }
}

/**
 * Flattens headers for the native produce call: `[name, value, name, value, ...]`, or null when
 * there are none (null and empty headers are equivalent, as in .NET), which lets native take its
 * header-less fast path.
 *
 * Array input is validated but string values are passed through: native encodes them to UTF-8
 * straight into librdkafka, skipping a Buffer allocation. An empty value is passed as `''`:
 * native reads an empty Buffer's data pointer as NULL, which librdkafka would write as a null
 * header instead of an empty one.
 * @internal
 */
export function flattenHeaders(h: Headers | ReadonlyArray<HeaderInit> | null | undefined): Array<string | Buffer | null> | null {
  if (h === undefined || h === null) return null;
  if (h instanceof Headers) {
    const list = listOf(h);
    const n = list.length;
    if (n === 0) return null;
    const flat = new Array<string | Buffer | null>(n * 2);
    for (let i = 0; i < n; i++) {
      const { key, value } = list[i];
      flat[2 * i] = key;
      flat[2 * i + 1] = forNative(value);
    }
    return flat;
  }
  if (!Array.isArray(h)) throw new TypeError(`headers must be a Headers or an array of { key, value }, got ${describe(h)}`);
  const n = h.length;
  if (n === 0) return null;
  const flat = new Array<string | Buffer | null>(n * 2);
  for (let i = 0; i < n; i++) {
    const e = h[i] as HeaderInit | null;
    if (e === null || typeof e !== 'object') throw new TypeError(`headers: each entry must be { key, value }, got ${describe(e)}`);
    const { key, value } = e;
    if (typeof key !== 'string') throw new TypeError(`headers: a header key must be a string, got ${describe(key)}`);
    flat[2 * i] = key;
    flat[2 * i + 1] = typeof value === 'string' ? value : forNative(valueBytes(value, 'headers'));
  }
  return flat;
}

function forNative(value: Buffer | null): Buffer | string | null {
  return value !== null && value.length === 0 ? '' : value;
}

/**
 * Wraps the flat `[name, value, ...]` array native code reports for a consumed or delivered
 * message into a {@link Headers}, without re-validating it.
 * @internal
 */
export function headersFromNative(flat: ReadonlyArray<string | Buffer | null>): Headers {
  const h = new Headers();
  const list = listOf(h);
  for (let i = 0; i + 1 < flat.length; i += 2) {
    const v = flat[i + 1];
    list.push({ key: flat[i] as string, value: typeof v === 'string' ? Buffer.from(v, 'utf8') : v });
  }
  return h;
}

function checkKey(key: unknown, where: string): void {
  if (typeof key !== 'string') throw new TypeError(`Headers.${where}: the header key must be a string, got ${key === null ? 'null' : typeof key}`);
}
