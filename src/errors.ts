/**
 * The error model: {@link KafkaError} (a librdkafka error code, text and flags; .NET `Error`) and
 * the exception hierarchy rooted at {@link KafkaException}, as in Confluent.Kafka.
 *
 * Native code only passes librdkafka's code, text and flags ({@link NativeError}); every class
 * and every classification decision lives here.
 */
import { errorDescription, type NativeError } from './binding';
import { ErrorCode } from './generated/error-code.gen';
import type { ConsumeResult, DeliveryResult, TopicPartitionError, TopicPartitionOffsetError } from './types';
import { topicPartitionToString } from './types';

/**
 * An error reported by librdkafka or a broker, or raised by this client. Mirrors .NET
 * `Confluent.Kafka.Error`.
 *
 * Not an `Error` subclass: like .NET's `Error` it is a value (delivery reports, per-partition
 * results and the error handler carry one without anything having been thrown); exceptions wrap it
 * in {@link KafkaException}.
 */
export class KafkaError {
  /** librdkafka's error code. .NET `Error.Code`. */
  readonly code: ErrorCode;
  /**
   * Human-readable text: librdkafka's rich message when there is one, else its static
   * description of the code (`rd_kafka_err2str`). .NET `Error.Reason`.
   */
  readonly reason: string;
  /**
   * The client is unusable (idempotent/transactional producer only); it must be closed and
   * re-created. .NET `Error.IsFatal`.
   */
  readonly isFatal: boolean;
  /**
   * The failed operation may be retried (librdkafka `rd_kafka_error_is_retriable`). Internal in
   * .NET, public here because the caller of a transactional API needs it to decide.
   */
  readonly isRetriable: boolean;
  /**
   * The current transaction must be aborted (librdkafka `rd_kafka_error_txn_requires_abort`).
   * Internal in .NET, public here for the same reason as {@link isRetriable}.
   */
  readonly txnRequiresAbort: boolean;

  /**
   * Mirrors .NET's `Error(ErrorCode)`, `Error(ErrorCode, string)` and
   * `Error(ErrorCode, string, bool)` constructors.
   *
   * @param code - librdkafka's error code.
   * @param reason - the rich error text; when omitted or empty, librdkafka's description of `code`.
   * @param isFatal - when omitted, true exactly for `ErrorCode.Local_Fatal`; as in .NET, passing
   *   false together with `Local_Fatal` is an error (TypeError).
   * @param opts - the transactional flags librdkafka attaches to `rd_kafka_error_t` errors.
   */
  constructor(
    code: ErrorCode,
    reason?: string,
    isFatal?: boolean,
    opts?: { isRetriable?: boolean; txnRequiresAbort?: boolean },
  ) {
    if (typeof code !== 'number') throw new TypeError(`KafkaError: code must be an ErrorCode, got ${typeof code}`);
    if (isFatal === false && code === ErrorCode.Local_Fatal) {
      throw new TypeError("KafkaError: isFatal must be true when code is 'Local_Fatal'");
    }
    this.code = code;
    this.reason = reason ? reason : errorDescription(code);
    this.isFatal = isFatal ?? code === ErrorCode.Local_Fatal;
    this.isRetriable = opts?.isRetriable === true;
    this.txnRequiresAbort = opts?.txnRequiresAbort === true;
  }

  /** No error: the `error` of successful results. .NET `new Error(ErrorCode.NoError)`. */
  static readonly NoError: KafkaError = Object.freeze(new KafkaError(ErrorCode.NoError));

  /** `code !== NoError`. .NET `Error.IsError`. */
  get isError(): boolean {
    return this.code !== ErrorCode.NoError;
  }

  /** The error arose in librdkafka itself (code below -1). .NET `Error.IsLocalError`. */
  get isLocalError(): boolean {
    return this.code < -1;
  }

  /** The error was returned by a broker (code above 0). .NET `Error.IsBrokerError`. */
  get isBrokerError(): boolean {
    return this.code > 0;
  }

  /** Same code and fatality, as .NET's `Error.Equals` / `==`. */
  equals(other: KafkaError | null | undefined): boolean {
    return other instanceof KafkaError && other.code === this.code && other.isFatal === this.isFatal;
  }

  /** The {@link reason}, as .NET's `Error.ToString()`. */
  toString(): string {
    return this.reason;
  }

  /**
   * Builds a KafkaError from what native code reports. A `Local_Fatal` code is always fatal;
   * replacing it by the underlying error (`rd_kafka_fatal_error`, as .NET does) is the client's
   * job, since only the client holds the handle.
   */
  static fromNative(e: NativeError): KafkaError {
    return new KafkaError(e.code, e.reason, e.isFatal === true || e.code === ErrorCode.Local_Fatal, {
      isRetriable: e.isRetriable,
      txnRequiresAbort: e.txnRequiresAbort,
    });
  }
}

/** Options of the exception constructors: `cause` is the standard ES2022 error cause (.NET `innerException`). */
export interface KafkaExceptionOptions {
  cause?: unknown;
}

/**
 * The base of every exception this client throws or rejects with. Mirrors .NET
 * `KafkaException`: the details are in {@link error}; `message` is its reason.
 */
export class KafkaException extends Error {
  /** The error that caused the exception. .NET `KafkaException.Error`. */
  readonly error: KafkaError;

  /**
   * Mirrors .NET's `KafkaException(Error)`, `(Error, Exception inner)` and `(ErrorCode)`.
   * @param error - the error, or a code whose librdkafka description becomes the reason.
   * @param options - `cause`: the underlying exception (e.g. a serializer's), as .NET's inner exception.
   */
  constructor(error: KafkaError | ErrorCode, options?: KafkaExceptionOptions) {
    const err = toKafkaError(error);
    super(err.reason, options);
    this.error = err;
  }

  /** Shorthand for `error.code`. */
  get code(): ErrorCode {
    return this.error.code;
  }
}

function toKafkaError(error: KafkaError | ErrorCode): KafkaError {
  if (error instanceof KafkaError) return error;
  if (typeof error === 'number') return new KafkaError(error);
  throw new TypeError('KafkaException: expected a KafkaError or an ErrorCode');
}

/**
 * A message could not be produced or delivered: rejects `produceAsync`, thrown by `produce` on an
 * immediate failure (e.g. `Local_QueueFull`) or a serializer failure (`Local_KeySerialization` /
 * `Local_ValueSerialization`, the serializer's exception as `cause`).
 * Mirrors .NET `ProduceException<TKey, TValue>`.
 */
export class ProduceException<K, V> extends KafkaException {
  /** The message and where it was going (offset `Offset.Unset` when it never got one). .NET `DeliveryResult`. */
  readonly deliveryResult: DeliveryResult<K, V>;

  /** .NET `ProduceException(Error, DeliveryResult[, Exception inner])`, same argument order. */
  constructor(error: KafkaError | ErrorCode, deliveryResult: DeliveryResult<K, V>, options?: KafkaExceptionOptions) {
    super(error, options);
    this.deliveryResult = deliveryResult;
  }
}

/**
 * A message could not be consumed: a per-message error from librdkafka, or a deserializer failure
 * (`Local_KeyDeserialization` / `Local_ValueDeserialization`, the deserializer's exception as
 * `cause`). Mirrors .NET `ConsumeException`.
 */
export class ConsumeException extends KafkaException {
  /** The raw record (undeserialized key and value bytes, headers, timestamp). .NET `ConsumerRecord`. */
  readonly consumerRecord: ConsumeResult<Buffer | null, Buffer | null>;

  /** .NET `ConsumeException(ConsumeResult<byte[], byte[]>, Error[, Exception inner])`, same argument order. */
  constructor(
    consumerRecord: ConsumeResult<Buffer | null, Buffer | null>,
    error: KafkaError | ErrorCode,
    options?: KafkaExceptionOptions,
  ) {
    super(error, options);
    this.consumerRecord = consumerRecord;
  }
}

/**
 * A transactional operation failed but may be retried as is. Mirrors .NET
 * `KafkaRetriableException`.
 */
export class KafkaRetriableException extends KafkaException {}

/**
 * A transactional operation failed and the transaction must be aborted (`abortTransaction`)
 * before the producer can go on. Mirrors .NET `KafkaTxnRequiresAbortException`.
 */
export class KafkaTxnRequiresAbortException extends KafkaException {}

/**
 * One or more partitions of a request failed. Code `Local_Partial`; `results` holds every
 * partition's outcome, failed or not. Mirrors .NET `TopicPartitionException`.
 */
export class TopicPartitionException extends KafkaException {
  /** One result per partition of the request. .NET `Results`. */
  readonly results: TopicPartitionError[];

  constructor(results: TopicPartitionError[], options?: KafkaExceptionOptions) {
    super(new KafkaError(ErrorCode.Local_Partial, `An error occurred for topic partitions: [${failed(results)}].`), options);
    this.results = results;
  }
}

/**
 * One or more partitions of an offset request failed. Code `Local_Partial`; `results` holds every
 * partition's outcome, failed or not. Mirrors .NET `TopicPartitionOffsetException`.
 */
export class TopicPartitionOffsetException extends KafkaException {
  /** One result per partition of the request. .NET `Results`. */
  readonly results: TopicPartitionOffsetError[];

  constructor(results: TopicPartitionOffsetError[], options?: KafkaExceptionOptions) {
    super(
      new KafkaError(ErrorCode.Local_Partial, `An error occurred retrieving offsets for: [${failed(results)}].`),
      options,
    );
    this.results = results;
  }
}

/** The failed partitions as .NET lists them in these messages ("t [0], t [2]"). */
function failed(results: ReadonlyArray<TopicPartitionError>): string {
  return results
    .filter((r) => r.error?.isError)
    .map(topicPartitionToString)
    .join(', ');
}

// `name` goes on the prototype (not an own property) so that it is right from the moment V8
// captures the stack (whose first line is "<name>: <message>") and stays out of inspect() output.
for (const cls of [
  KafkaException,
  ProduceException,
  ConsumeException,
  KafkaRetriableException,
  KafkaTxnRequiresAbortException,
  TopicPartitionException,
  TopicPartitionOffsetException,
]) {
  Object.defineProperty(cls.prototype, 'name', {
    value: cls.name,
    writable: true,
    enumerable: false,
    configurable: true,
  });
}

/**
 * The exception for a failed librdkafka call, chosen as .NET chooses for transactional and other
 * `rd_kafka_error_t` results: {@link KafkaTxnRequiresAbortException} when the transaction must be
 * aborted, else {@link KafkaRetriableException} when the call may be retried, else
 * {@link KafkaException}.
 */
export function exceptionFromNative(e: NativeError): KafkaException {
  const error = KafkaError.fromNative(e);
  if (error.txnRequiresAbort) return new KafkaTxnRequiresAbortException(error);
  if (error.isRetriable) return new KafkaRetriableException(error);
  return new KafkaException(error);
}

/**
 * What a native call throws (an Error with librdkafka's `code`, and its flags) as the
 * application sees it: via {@link exceptionFromNative}. TypeErrors (argument checks that
 * protect memory) and anything else pass through unchanged.
 * @internal
 */
export function fromNativeThrow(e: unknown): unknown {
  if (e instanceof KafkaException || e instanceof TypeError) return e;
  const ne = e as Partial<NativeError> & { message?: unknown };
  if (ne === null || typeof ne !== 'object' || typeof ne.code !== 'number') return e;
  const reason = typeof ne.reason === 'string' ? ne.reason : typeof ne.message === 'string' ? ne.message : undefined;
  return exceptionFromNative({ ...ne, code: ne.code, reason: reason ?? '' });
}

/**
 * A call site captured for {@link withCallerStack}: a stack string, or any object with a `stack`
 * (such as `new Error()`, whose stack V8 only formats when first read).
 */
export type CallerStack = string | { readonly stack?: string };

const FRAMES = '\n    at ';
const CALLER_HEADER = '\n    --- called from ---';
const stacked = new WeakSet<Error>();

/**
 * Appends the stack of the code that called an async API to the error that rejects it.
 *
 * Why: an async rejection is created from a native callback, so its own stack shows only this
 * library's dispatch frames, never the user's code. DESIGN.md: "attaches the caller's stack to
 * async rejections". The result reads:
 * ```
 * KafkaException: Local: Message timed out
 *     at <where the exception was created>
 *     --- called from ---
 *     at Producer.produceAsync (...)
 *     at main (app.js:12:18)
 * ```
 *
 * Cost: the caller captures its stack synchronously when the API is called, and only when it may
 * need it (e.g. not for fire-and-forget `produce`). Pass the unformatted `new Error()` (or
 * {@link captureCallerStack}'s result) rather than its `.stack` string: V8 captures frames cheaply
 * and formats them only when `.stack` is read, i.e. here, on the failure path.
 *
 * At most one caller stack is appended per error object (a second call returns it unchanged);
 * an error shared by several operations should be one exception per operation anyway.
 *
 * @returns `err` itself.
 */
export function withCallerStack<T extends Error>(err: T, callerStack: CallerStack | undefined): T {
  if (callerStack === undefined || callerStack === null || stacked.has(err)) return err;
  const text = typeof callerStack === 'string' ? callerStack : callerStack.stack;
  if (typeof text !== 'string') return err;
  // Drop the capture's own header line ("Error"); no frames at all when Error.stackTraceLimit is 0.
  const at = text.indexOf(FRAMES);
  if (at < 0) return err;
  const own = typeof err.stack === 'string' ? err.stack : `${err.name}: ${err.message}`;
  try {
    err.stack = own + CALLER_HEADER + text.slice(at);
  } catch {
    return err; // frozen or non-writable stack: leave the error as it is
  }
  stacked.add(err);
  return err;
}

/**
 * Captures the current call site for {@link withCallerStack}, omitting the frames of `above`
 * and everything it called (pass the public API method so the library's own frames don't show).
 * Returns an object whose stack is formatted lazily, so this is cheap until it is needed.
 */
export function captureCallerStack(above?: (...args: never[]) => unknown): { readonly stack?: string } {
  const site: { stack?: string } = {};
  Error.captureStackTrace(site, above ?? captureCallerStack);
  return site;
}
