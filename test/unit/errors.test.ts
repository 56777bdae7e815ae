import { describe, expect, it } from 'vitest';
import { errorDescription } from '../../src/binding';
import {
  captureCallerStack,
  ConsumeException,
  exceptionFromNative,
  KafkaError,
  KafkaException,
  KafkaRetriableException,
  KafkaTxnRequiresAbortException,
  ProduceException,
  TopicPartitionException,
  TopicPartitionOffsetException,
  withCallerStack,
} from '../../src/errors';
import { ErrorCode } from '../../src/generated/error-code.gen';
import { Timestamp, type ConsumeResult, type DeliveryResult, PersistenceStatus } from '../../src/types';

describe('KafkaError', () => {
  it('classifies codes like .NET Error', () => {
    const none = new KafkaError(ErrorCode.NoError);
    expect([none.isError, none.isLocalError, none.isBrokerError]).toEqual([false, false, false]);
    const unknown = new KafkaError(ErrorCode.Unknown);
    expect([unknown.isError, unknown.isLocalError, unknown.isBrokerError]).toEqual([true, false, false]);
    const local = new KafkaError(ErrorCode.Local_MsgTimedOut);
    expect([local.isError, local.isLocalError, local.isBrokerError]).toEqual([true, true, false]);
    const broker = new KafkaError(ErrorCode.MsgSizeTooLarge);
    expect([broker.isError, broker.isLocalError, broker.isBrokerError]).toEqual([true, false, true]);
  });

  it("defaults the reason to librdkafka's description", () => {
    const e = new KafkaError(ErrorCode.Local_MsgTimedOut);
    expect(e.code).toBe(-192);
    expect(e.reason).toMatch(/timed out/i);
    expect(e.reason).toBe(errorDescription(-192));
    expect(new KafkaError(ErrorCode.Local_QueueFull, '').reason).toBe(errorDescription(-184));
    expect(new KafkaError(ErrorCode.MsgSizeTooLarge).reason).toMatch(/too large/i);
    expect(String(e)).toBe(e.reason);
    expect(`${e}`).toBe(e.reason);
  });

  it('keeps a rich reason and flags', () => {
    const e = new KafkaError(ErrorCode.Local_Application, 'handler threw', false, { isRetriable: true, txnRequiresAbort: true });
    expect(e.reason).toBe('handler threw');
    expect(e.toString()).toBe('handler threw');
    expect([e.isFatal, e.isRetriable, e.txnRequiresAbort]).toEqual([false, true, true]);
    const d = new KafkaError(ErrorCode.Local_QueueFull);
    expect([d.isFatal, d.isRetriable, d.txnRequiresAbort]).toEqual([false, false, false]);
  });

  it('Local_Fatal is fatal, and cannot be declared non-fatal', () => {
    expect(new KafkaError(ErrorCode.Local_Fatal).isFatal).toBe(true);
    expect(new KafkaError(ErrorCode.Local_Fatal, 'x').isFatal).toBe(true);
    expect(() => new KafkaError(ErrorCode.Local_Fatal, 'x', false)).toThrow(TypeError);
    expect(new KafkaError(ErrorCode.Unknown, 'x', true).isFatal).toBe(true);
  });

  it('rejects a non-numeric code', () => {
    expect(() => new KafkaError('oops' as unknown as ErrorCode)).toThrow(TypeError);
  });

  it('NoError constant and equals', () => {
    expect(KafkaError.NoError.code).toBe(ErrorCode.NoError);
    expect(KafkaError.NoError.isError).toBe(false);
    expect(Object.isFrozen(KafkaError.NoError)).toBe(true);
    expect(new KafkaError(ErrorCode.Local_QueueFull, 'a').equals(new KafkaError(ErrorCode.Local_QueueFull, 'b'))).toBe(true);
    expect(new KafkaError(ErrorCode.Unknown).equals(new KafkaError(ErrorCode.Unknown, 'x', true))).toBe(false);
    expect(new KafkaError(ErrorCode.Unknown).equals(new KafkaError(ErrorCode.Local_Fatal))).toBe(false);
    expect(new KafkaError(ErrorCode.Unknown).equals(undefined)).toBe(false);
  });

  it('fromNative', () => {
    const e = KafkaError.fromNative({ code: -184, reason: 'Local: Queue full (custom)', isRetriable: true });
    expect(e).toBeInstanceOf(KafkaError);
    expect(e.code).toBe(ErrorCode.Local_QueueFull);
    expect(e.reason).toBe('Local: Queue full (custom)');
    expect([e.isFatal, e.isRetriable, e.txnRequiresAbort]).toEqual([false, true, false]);
    expect(KafkaError.fromNative({ code: -150, reason: '', isFatal: false }).isFatal).toBe(true);
    expect(KafkaError.fromNative({ code: 47, reason: '' }).reason).toBe(errorDescription(47));
  });
});

const deliveryResult: DeliveryResult<string, string> = {
  topic: 't',
  partition: 0,
  offset: -1001,
  status: PersistenceStatus.NotPersisted,
  message: { key: 'k', value: 'v' },
  key: 'k',
  value: 'v',
  timestamp: Timestamp.Default,
  headers: undefined,
  topicPartitionOffset: { topic: 't', partition: 0, offset: -1001 },
  topicPartition: { topic: 't', partition: 0 },
};

const consumeResult: ConsumeResult<Buffer | null, Buffer | null> = {
  topic: 't',
  partition: 1,
  offset: 5,
  message: null,
  isPartitionEOF: false,
  topicPartitionOffset: { topic: 't', partition: 1, offset: 5 },
  topicPartition: { topic: 't', partition: 1 },
};

describe('exceptions', () => {
  it('KafkaException from an error or a code', () => {
    const err = new KafkaError(ErrorCode.Local_QueueFull, 'full!');
    const a = new KafkaException(err);
    expect(a.error).toBe(err);
    expect(a.message).toBe('full!');
    expect(a.code).toBe(ErrorCode.Local_QueueFull);
    expect(a.name).toBe('KafkaException');
    expect(a.stack!.split('\n')[0]).toBe('KafkaException: full!');
    expect(String(a)).toBe('KafkaException: full!');
    const b = new KafkaException(ErrorCode.Local_MsgTimedOut);
    expect(b.error.code).toBe(ErrorCode.Local_MsgTimedOut);
    expect(b.message).toMatch(/timed out/i);
    expect(() => new KafkaException('x' as never)).toThrow(TypeError);
  });

  it('carries a cause', () => {
    const cause = new RangeError('bad int');
    const e = new KafkaException(ErrorCode.Local_ValueSerialization, { cause });
    expect(e.cause).toBe(cause);
    expect(new KafkaException(ErrorCode.Unknown).cause).toBeUndefined();
  });

  it('instanceof chains and names at every level', () => {
    const err = new KafkaError(ErrorCode.Local_MsgTimedOut);
    const tpErrors = [
      { topic: 't', partition: 0, error: KafkaError.NoError },
      { topic: 't', partition: 2, error: new KafkaError(ErrorCode.UnknownTopicOrPart) },
    ];
    const cases: Array<[Error, Function, string]> = [
      [new KafkaException(err), KafkaException, 'KafkaException'],
      [new ProduceException(err, deliveryResult), ProduceException, 'ProduceException'],
      [new ConsumeException(consumeResult, err), ConsumeException, 'ConsumeException'],
      [new KafkaRetriableException(err), KafkaRetriableException, 'KafkaRetriableException'],
      [new KafkaTxnRequiresAbortException(err), KafkaTxnRequiresAbortException, 'KafkaTxnRequiresAbortException'],
      [new TopicPartitionException(tpErrors), TopicPartitionException, 'TopicPartitionException'],
      [
        new TopicPartitionOffsetException(tpErrors.map((r) => ({ ...r, offset: 3 }))),
        TopicPartitionOffsetException,
        'TopicPartitionOffsetException',
      ],
    ];
    for (const [e, cls, name] of cases) {
      expect(e).toBeInstanceOf(Error);
      expect(e).toBeInstanceOf(KafkaException);
      expect(e).toBeInstanceOf(cls);
      expect(e.name).toBe(name);
      expect(e.stack!.startsWith(`${name}: `)).toBe(true);
      expect(Object.keys(e)).not.toContain('name');
    }
    // siblings are not related
    expect(cases[1][0]).not.toBeInstanceOf(ConsumeException);
    expect(cases[3][0]).not.toBeInstanceOf(KafkaTxnRequiresAbortException);
    expect(cases[0][0]).not.toBeInstanceOf(ProduceException);
  });

  it('subclasses keep their payloads', () => {
    const err = new KafkaError(ErrorCode.Local_MsgTimedOut);
    const p = new ProduceException(err, deliveryResult, { cause: 'c' });
    expect(p.deliveryResult).toBe(deliveryResult);
    expect(p.error).toBe(err);
    expect(p.cause).toBe('c');
    const c = new ConsumeException(consumeResult, ErrorCode.Local_ValueDeserialization);
    expect(c.consumerRecord).toBe(consumeResult);
    expect(c.code).toBe(ErrorCode.Local_ValueDeserialization);
  });

  it('TopicPartition(Offset)Exception: Local_Partial, results, failed partitions in the message', () => {
    const results = [
      { topic: 'a', partition: 0, error: KafkaError.NoError },
      { topic: 'a', partition: 1, error: new KafkaError(ErrorCode.UnknownTopicOrPart) },
      { topic: 'b', partition: 4, error: new KafkaError(ErrorCode.Local_TimedOut) },
    ];
    const tp = new TopicPartitionException(results);
    expect(tp.code).toBe(ErrorCode.Local_Partial);
    expect(tp.results).toBe(results);
    expect(tp.message).toBe('An error occurred for topic partitions: [a [1], b [4]].');
    const withOffsets = results.map((r) => ({ ...r, offset: 10 }));
    const tpo = new TopicPartitionOffsetException(withOffsets);
    expect(tpo.code).toBe(ErrorCode.Local_Partial);
    expect(tpo.results).toBe(withOffsets);
    expect(tpo.message).toBe('An error occurred retrieving offsets for: [a [1], b [4]].');
  });
});

describe('exceptionFromNative', () => {
  it('txnRequiresAbort first, then retriable, else KafkaException', () => {
    const both = exceptionFromNative({ code: -172, reason: 'state', isRetriable: true, txnRequiresAbort: true });
    expect(both).toBeInstanceOf(KafkaTxnRequiresAbortException);
    expect(both.error.isRetriable).toBe(true);
    const retriable = exceptionFromNative({ code: 7, reason: 'request timed out', isRetriable: true });
    expect(retriable).toBeInstanceOf(KafkaRetriableException);
    expect(retriable).not.toBeInstanceOf(KafkaTxnRequiresAbortException);
    expect(retriable.message).toBe('request timed out');
    const plain = exceptionFromNative({ code: -150, reason: 'fenced', isFatal: true });
    expect(plain.constructor).toBe(KafkaException);
    expect(plain.error.isFatal).toBe(true);
    const conf = exceptionFromNative({ code: -186, reason: 'No such configuration property: "x"', key: 'x', unknown: true });
    expect(conf.constructor).toBe(KafkaException);
    expect(conf.code).toBe(ErrorCode.Local_InvalidArg);
  });
});

describe('withCallerStack', () => {
  function userCallsApi() {
    return new Error(); // what an async API captures synchronously
  }

  it('appends the caller frames below a marker, dropping the capture header', () => {
    const site = userCallsApi();
    const e = new KafkaException(ErrorCode.Local_MsgTimedOut);
    const before = e.stack!;
    expect(withCallerStack(e, site)).toBe(e);
    expect(e.stack!.startsWith(before)).toBe(true);
    const tail = e.stack!.slice(before.length);
    expect(tail.startsWith('\n    --- called from ---\n    at ')).toBe(true);
    expect(tail).toContain('userCallsApi');
    expect(tail).not.toMatch(/\nError\n/);
  });

  it('accepts the stack as a string', () => {
    const e = new KafkaException(ErrorCode.Local_MsgTimedOut);
    withCallerStack(e, userCallsApi().stack);
    expect(e.stack).toContain('--- called from ---');
    expect(e.stack).toContain('userCallsApi');
  });

  it('appends only once per error', () => {
    const e = new KafkaException(ErrorCode.Local_MsgTimedOut);
    withCallerStack(e, userCallsApi());
    const once = e.stack;
    withCallerStack(e, userCallsApi());
    expect(e.stack).toBe(once);
    expect(e.stack!.split('--- called from ---').length).toBe(2);
  });

  it('is a no-op without a usable caller stack', () => {
    const e = new KafkaException(ErrorCode.Local_MsgTimedOut);
    const before = e.stack;
    withCallerStack(e, undefined);
    withCallerStack(e, 'Error'); // Error.stackTraceLimit = 0
    withCallerStack(e, {});
    expect(e.stack).toBe(before);
  });

  it('shows the user frame of an async rejection', async () => {
    // a rejection created later from a "native callback" has none of the user's frames
    const api = (): Promise<never> => {
      const site = captureCallerStack(api);
      return new Promise((_, reject) =>
        setImmediate(() => reject(withCallerStack(new KafkaException(ErrorCode.Local_MsgTimedOut), site))),
      );
    };
    async function theUsersFunction() {
      await api();
    }
    const err = (await theUsersFunction().then(
      () => undefined,
      (e: unknown) => e,
    )) as KafkaException;
    expect(err).toBeInstanceOf(KafkaException);
    const [own, caller] = err.stack!.split('--- called from ---');
    expect(own).not.toContain('theUsersFunction');
    expect(caller).toContain('theUsersFunction');
    expect(caller.split('\n')[1]).not.toMatch(/\bapi\b/); // frames of `api` itself are omitted
  });
});
