import { describe, expect, it } from 'vitest';
import {
  Offset,
  Partition,
  PersistenceStatus,
  SyslogLevel,
  Timestamp,
  TimestampType,
  topicPartitionOffsetToString,
  topicPartitionToString,
} from '../../src/types';

describe('Offset', () => {
  it('has librdkafka special values', () => {
    expect(Offset.Beginning).toBe(-2);
    expect(Offset.End).toBe(-1);
    expect(Offset.Stored).toBe(-1000);
    expect(Offset.Unset).toBe(-1001);
  });

  it('is frozen', () => {
    expect(Object.isFrozen(Offset)).toBe(true);
    expect(() => {
      (Offset as { Beginning: number }).Beginning = 5;
    }).toThrow(TypeError);
  });

  it('isSpecial', () => {
    for (const o of [-2, -1, -1000, -1001]) expect(Offset.isSpecial(o)).toBe(true);
    for (const o of [0, 1, 42, -3, -999, 2 ** 40]) expect(Offset.isSpecial(o)).toBe(false);
  });

  it('toString matches .NET', () => {
    expect(Offset.toString(Offset.Beginning)).toBe('Beginning [-2]');
    expect(Offset.toString(Offset.End)).toBe('End [-1]');
    expect(Offset.toString(Offset.Stored)).toBe('Stored [-1000]');
    expect(Offset.toString(Offset.Unset)).toBe('Unset [-1001]');
    expect(Offset.toString(0)).toBe('0');
    expect(Offset.toString(1234567)).toBe('1234567');
  });
});

describe('Partition', () => {
  it('Any is -1 and special', () => {
    expect(Partition.Any).toBe(-1);
    expect(Partition.isSpecial(-1)).toBe(true);
    expect(Partition.isSpecial(0)).toBe(false);
    expect(Object.isFrozen(Partition)).toBe(true);
  });

  it('toString matches .NET', () => {
    expect(Partition.toString(Partition.Any)).toBe('[Any]');
    expect(Partition.toString(0)).toBe('[0]');
    expect(Partition.toString(12)).toBe('[12]');
  });
});

describe('TopicPartition(Offset) toString', () => {
  it('gives "topic [p]"', () => {
    expect(topicPartitionToString({ topic: 'orders', partition: 3 })).toBe('orders [3]');
    expect(topicPartitionToString({ topic: 'orders', partition: Partition.Any })).toBe('orders [Any]');
  });

  it('gives "topic [p] @offset"', () => {
    expect(topicPartitionOffsetToString({ topic: 'orders', partition: 3, offset: 17 })).toBe('orders [3] @17');
    expect(topicPartitionOffsetToString({ topic: 't', partition: 0, offset: Offset.Beginning, leaderEpoch: 4 })).toBe(
      't [0] @Beginning [-2]',
    );
  });
});

describe('Timestamp', () => {
  it('Default is NotAvailable at 0 and frozen', () => {
    expect(Timestamp.Default).toEqual({ type: TimestampType.NotAvailable, unixTimestampMs: 0 });
    expect(Object.isFrozen(Timestamp.Default)).toBe(true);
  });

  it('fromDate gives a CreateTime', () => {
    const d = new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 678));
    expect(Timestamp.fromDate(d)).toEqual({ type: TimestampType.CreateTime, unixTimestampMs: d.getTime() });
  });

  it('fromDate rejects invalid input', () => {
    expect(() => Timestamp.fromDate(new Date(NaN))).toThrow(RangeError);
    expect(() => Timestamp.fromDate(123 as unknown as Date)).toThrow(TypeError);
  });
});

describe('enums', () => {
  it('have .NET values', () => {
    expect([TimestampType.NotAvailable, TimestampType.CreateTime, TimestampType.LogAppendTime]).toEqual([0, 1, 2]);
    expect([PersistenceStatus.NotPersisted, PersistenceStatus.PossiblyPersisted, PersistenceStatus.Persisted]).toEqual([
      0, 1, 2,
    ]);
    expect([
      SyslogLevel.Emergency,
      SyslogLevel.Alert,
      SyslogLevel.Critical,
      SyslogLevel.Error,
      SyslogLevel.Warning,
      SyslogLevel.Notice,
      SyslogLevel.Info,
      SyslogLevel.Debug,
    ]).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(SyslogLevel[4]).toBe('Warning');
  });
});
