import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { flattenHeaders, Headers, headersFromNative } from '../../src/headers';

describe('Headers', () => {
  it('keeps order and duplicates, stores strings as UTF-8', () => {
    const h = new Headers().add('a', 'x').add('b', Buffer.from([1, 2])).add('a', 'ÿé').add('c', null);
    expect(h.count).toBe(4);
    expect([...h].map((e) => e.key)).toEqual(['a', 'b', 'a', 'c']);
    expect(h.at(0)!.value).toEqual(Buffer.from('x'));
    expect(Buffer.isBuffer(h.at(2)!.value)).toBe(true);
    expect(h.at(2)!.value).toEqual(Buffer.from([0xc3, 0xbf, 0xc3, 0xa9]));
    expect(h.at(3)!.value).toBeNull();
    expect(h.at(-1)!.key).toBe('c');
    expect(h.at(4)).toBeUndefined();
    expect(h.backingList.length).toBe(4);
  });

  it('accepts a Header object and Uint8Array values, and an empty key', () => {
    const u8 = new Uint8Array([9, 8, 7]).subarray(1);
    const h = new Headers().add({ key: 'k', value: Buffer.from('v') }).add('', u8);
    expect(h.getLastBytes('k')).toEqual(Buffer.from('v'));
    const v = h.getLastBytes('')!;
    expect(Buffer.isBuffer(v)).toBe(true);
    expect([...v]).toEqual([8, 7]);
  });

  it('rejects bad keys and values with TypeError', () => {
    const h = new Headers();
    expect(() => h.add(undefined as unknown as string, 'x')).toThrow(TypeError);
    expect(() => h.add(5 as unknown as string, 'x')).toThrow(/key must be a string/);
    expect(() => h.add('k', 5 as unknown as string)).toThrow(TypeError);
    expect(() => h.add('k', {} as unknown as string)).toThrow(/header value/);
    expect(h.count).toBe(0);
  });

  it('getLastBytes / tryGetLastBytes', () => {
    const h = new Headers().add('a', '1').add('b', null).add('a', '2');
    expect(h.getLastBytes('a')!.toString()).toBe('2');
    expect(h.getLastBytes('b')).toBeNull();
    expect(() => h.getLastBytes('zzz')).toThrow(/zzz was not present/);
    expect(h.tryGetLastBytes('a')!.toString()).toBe('2');
    expect(h.tryGetLastBytes('b')).toBeNull();
    expect(h.tryGetLastBytes('zzz')).toBeUndefined();
  });

  it('remove removes every entry with the key and keeps the order of the rest', () => {
    const h = new Headers().add('a', '1').add('b', '2').add('a', '3').add('c', '4').add('a', '5');
    h.remove('a');
    expect([...h].map((e) => `${e.key}=${e.value}`)).toEqual(['b=2', 'c=4']);
    h.remove('nope');
    expect(h.count).toBe(2);
  });

  it('from', () => {
    const h = new Headers().add('a', '1');
    expect(Headers.from(h)).toBe(h);
    expect(Headers.from(undefined)).toBeUndefined();
    expect(Headers.from(null)).toBeUndefined();
    const f = Headers.from([
      { key: 'x', value: 'y' },
      { key: 'z', value: null },
    ])!;
    expect(f).toBeInstanceOf(Headers);
    expect(f.count).toBe(2);
    expect(f.getLastBytes('x')).toEqual(Buffer.from('y'));
    expect(() => Headers.from('nope' as never)).toThrow(TypeError);
    expect(() => Headers.from([{ key: 1, value: 'x' }] as never)).toThrow(TypeError);
    expect(() => Headers.from([null] as never)).toThrow(TypeError);
  });

  it('shows its entries in inspect()', () => {
    const s = inspect(new Headers().add('trace', 'abc'));
    expect(s).toContain('Headers(1)');
    expect(s).toContain('trace');
  });
});

describe('flattenHeaders', () => {
  it('returns null for no or empty headers', () => {
    expect(flattenHeaders(undefined)).toBeNull();
    expect(flattenHeaders(null)).toBeNull();
    expect(flattenHeaders(new Headers())).toBeNull();
    expect(flattenHeaders([])).toBeNull();
  });

  it('flattens a Headers', () => {
    const h = new Headers().add('a', '1').add('b', null).add('a', Buffer.from([0xff]));
    expect(flattenHeaders(h)).toEqual(['a', Buffer.from('1'), 'b', null, 'a', Buffer.from([0xff])]);
  });

  it('flattens an array, passing strings through', () => {
    const u8 = new Uint8Array([1, 2]);
    const flat = flattenHeaders([
      { key: 'a', value: 'text' },
      { key: 'b', value: null },
      { key: 'c', value: u8 },
    ])!;
    expect(flat[0]).toBe('a');
    expect(flat[1]).toBe('text');
    expect(flat[3]).toBeNull();
    expect(Buffer.isBuffer(flat[5])).toBe(true);
    expect([...(flat[5] as Buffer)]).toEqual([1, 2]);
  });

  it("passes empty values as '' so they stay empty (not null) on the wire", () => {
    expect(flattenHeaders(new Headers().add('e', Buffer.alloc(0)).add('s', ''))).toEqual(['e', '', 's', '']);
    expect(flattenHeaders([{ key: 'e', value: Buffer.alloc(0) }])).toEqual(['e', '']);
  });

  it('validates array input', () => {
    expect(() => flattenHeaders([{ key: 3, value: 'x' }] as never)).toThrow(TypeError);
    expect(() => flattenHeaders([{ key: 'k', value: 3 }] as never)).toThrow(TypeError);
    expect(() => flattenHeaders({} as never)).toThrow(TypeError);
  });
});

describe('headersFromNative', () => {
  it('round-trips with flattenHeaders', () => {
    const h = headersFromNative(['a', Buffer.from('1'), 'b', null, 'a', Buffer.from('2')]);
    expect(h.count).toBe(3);
    expect(h.getLastBytes('a')!.toString()).toBe('2');
    expect(h.getLastBytes('b')).toBeNull();
    expect(flattenHeaders(h)).toEqual(['a', Buffer.from('1'), 'b', null, 'a', Buffer.from('2')]);
  });

  it('gives empty Headers for an empty array', () => {
    const h = headersFromNative([]);
    expect(h).toBeInstanceOf(Headers);
    expect(h.count).toBe(0);
  });
});
