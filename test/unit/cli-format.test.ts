import { describe, expect, it } from 'vitest';
import { compileFormat, jsonLine } from '../../src/cli/format';
import { Progress } from '../../src/cli/progress';
import { Headers, TimestampType, type ConsumeResult } from '../../src/index';

function result(key: Buffer | null, value: Buffer | null, headers = new Headers()): ConsumeResult<Buffer | null, Buffer | null> {
  const tp = { topic: 't', partition: 3 };
  return {
    ...tp,
    offset: 42,
    message: { key, value, headers, timestamp: { type: TimestampType.CreateTime, unixTimestampMs: 1700000000123 } },
    isPartitionEOF: false,
    topicPartition: tp,
    topicPartitionOffset: { ...tp, offset: 42 },
  };
}

describe('kcat -f formats', () => {
  it('expands every directive and escape, nulls as kcat prints them', () => {
    const f = compileFormat('%t/%p/%o k=%k(%K) s=%s(%S) T=%T h=%h %%\\t\\\\\\n');
    const h = new Headers().add('a', '1').add('b', null);
    expect(f(result(Buffer.from('key'), Buffer.from('value'), h))).toBe('t/3/42 k=key(3) s=value(5) T=1700000000123 h=a=1,b= %\t\\\n');
    expect(f(result(null, null))).toBe('t/3/42 k=(-1) s=(-1) T=1700000000123 h= %\t\\\n');
    const none = result(null, Buffer.from('x'));
    none.message!.timestamp = { type: TimestampType.NotAvailable, unixTimestampMs: 0 };
    expect(compileFormat('%T')(none)).toBe('-1');
  });

  it('refuses unknown directives and escapes with a TypeError; a trailing % is literal', () => {
    expect(() => compileFormat('%x')).toThrow(TypeError);
    expect(() => compileFormat('\\q')).toThrow(/unknown escape '\\q'/);
    expect(compileFormat('100%')(result(null, null))).toBe('100%');
  });

  it('--json: one line, key/value as UTF-8 or null, headers in order', () => {
    const line = jsonLine(result(null, Buffer.from('v'), new Headers().add('h', 'x').add('h', null)));
    expect(line).not.toContain('\n');
    expect(JSON.parse(line)).toEqual({
      topic: 't',
      partition: 3,
      offset: 42,
      timestamp: 1700000000123,
      key: null,
      value: 'v',
      headers: [
        { key: 'h', value: 'x' },
        { key: 'h', value: null },
      ],
    });
  });
});

describe('progress line', () => {
  it('is disabled off a TTY and writes nothing', () => {
    const writes: string[] = [];
    const stream = { isTTY: false, write: (s: string) => writes.push(s) } as unknown as NodeJS.WriteStream;
    const p = new Progress({ verb: 'produced', total: 10, stream });
    expect(p.enabled).toBe(false);
    p.add(5);
    p.around(stream, 'data\n');
    p.done();
    expect(writes).toEqual(['data\n']);
  });

  it('shows total, percentage, rate and an ETA from the rate so far', () => {
    const stream = { isTTY: false, write: () => true } as unknown as NodeJS.WriteStream;
    const p = new Progress({ verb: 'consumed', total: 1000, stream });
    p.add(250, 2 * 1024 * 1024);
    const line = p.line(performance.now() + 10_000); // ~10 s in: 25 msgs/s, 750 left = 30 s
    expect(line).toMatch(/^consumed 250\/1,000 \(25%\) · 25 msgs\/s · 2\.0 MiB · 10s elapsed · ETA (29|30|31)s$/);
    const open = new Progress({ verb: 'produced', stream, rate: false });
    expect(open.line(performance.now() + 125_000)).toBe('produced 0 · 2m05s elapsed');
  });
});
