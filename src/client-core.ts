/**
 * What every client (producer, consumer, admin) shares: the native handle, the dispatcher
 * that native code calls on the JS thread after each wake-up, the user's error / log /
 * statistics handlers, the keep-alive accounting and the close state machine.
 * @internal
 */
import { native, NativeEvent, type NativeClient, type NativeError } from './binding';
import { describeConfig, explainMissingFile, nameConfigKey, redactSecrets, secretRedactor, toLibrdkafkaConfig, withDefaultCaLocation } from './config';
import { exceptionFromNative, KafkaError, KafkaException, withCallerStack, type CallerStack } from './errors';
import { ErrorCode } from './generated/error-code.gen';
import type { Statistics } from './generated/statistics.gen';
import { refuseContractBreakers } from './internal/config-contract';
import type { LogMessage, SyslogLevel } from './types';

export type ClientRole = 'producer' | 'consumer' | 'admin';

/** The handlers every builder can set; each runs on the JS thread, never concurrently. */
export interface CoreHandlers<C> {
  error?: (client: C, error: KafkaError) => void;
  log?: (client: C, log: LogMessage) => void;
  statistics?: (client: C, stats: Statistics, json: string) => void;
}

/** Receives the events that are specific to one kind of client. */
export interface CoreEvents {
  delivery?(buffer: ArrayBuffer, count: number): void;
  consumerReady?(): void;
  commit?(error: NativeError | null, partitions: unknown): void;
  /** A handler threw: the error handler has been told; the client may want to keep it. */
  handlerFailed?(error: unknown): void;
}

type Pending = { resolve(value: unknown): void; reject(err: unknown): void; stack?: CallerStack };

const enum State {
  Open,
  Closing,
  Closed,
}

export class ClientCore<C> {
  readonly native: NativeClient;
  readonly name: string;
  readonly role: ClientRole;
  private readonly config: Record<string, string>;
  // Removes the config's secrets from text librdkafka produces (error events, logs).
  private readonly redact: (text: string) => string;
  private state = State.Open;
  private holds = 0;
  private closed?: { promise: Promise<void>; resolve(): void; reject(e: unknown): void };
  private readonly pending = new Map<number, Pending>();
  private nextRequest = 1;

  constructor(
    role: ClientRole,
    userConfig: object,
    private readonly handlers: CoreHandlers<C>,
    private readonly events: CoreEvents,
    private owner?: C,
  ) {
    if (userConfig === null || typeof userConfig !== 'object') {
      throw new TypeError(`${role} config must be an object`);
    }
    this.role = role;
    this.config = withDefaultCaLocation(toLibrdkafkaConfig(userConfig, role));
    refuseContractBreakers(this.config, userConfig, role);
    this.redact = secretRedactor(this.config);
    try {
      this.native = new native.Client(role === 'consumer' ? 1 : 0, this.config, this.dispatch);
    } catch (e) {
      throw this.configException(e, userConfig);
    }
    this.name = this.native.name();
  }

  /** Set once the public object exists (handlers receive it as their first argument). */
  bind(owner: C): void {
    this.owner = owner;
  }

  get isOpen(): boolean {
    return this.state === State.Open;
  }

  /** Throws the error every method gives after close() was called. */
  ensureOpen(): void {
    if (this.state !== State.Open) {
      throw new KafkaException(
        new KafkaError(ErrorCode.Local_Destroy, `${this.role} ${this.name} is closed`),
      );
    }
  }

  /** Pending work (in-flight messages, a waiting consume, a request) keeps the process alive. */
  hold(): void {
    if (this.holds++ === 0 && this.state !== State.Closed) this.native.setRef(true);
  }

  release(): void {
    if (--this.holds === 0 && this.state !== State.Closed) this.native.setRef(false);
  }

  /**
   * Registers a request whose result arrives as a Result event; returns its id and promise.
   * `stack` (an Error created where the user called the API) is appended to a rejection.
   */
  request<T>(stack?: CallerStack): { id: number; promise: Promise<T> } {
    const id = this.nextRequest++;
    if (this.nextRequest > 0x7fffffff) this.nextRequest = 1;
    const promise = new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject, stack });
    });
    this.hold();
    return { id, promise };
  }

  /** Settles a request from the JS side (e.g. when the native call failed synchronously). */
  settle(id: number, error: KafkaError | NativeError | null, value?: unknown): void {
    const p = this.pending.get(id);
    if (!p) return;
    this.pending.delete(id);
    this.release();
    if (error) {
      // A native error keeps its flags: KafkaRetriableException / KafkaTxnRequiresAbortException.
      const ex = error instanceof KafkaError ? new KafkaException(error) : exceptionFromNative(error);
      p.reject(withCallerStack(ex, p.stack));
    } else {
      p.resolve(value);
    }
  }

  /** Calls a user handler; a throw goes to the error handler as Local_Application. */
  callHandler<A extends unknown[]>(what: string, fn: ((...args: A) => void) | undefined, ...args: A): void {
    if (!fn) return;
    try {
      fn(...args);
    } catch (e) {
      this.handlerThrew(what, e);
    }
  }

  /** A log line of the client's own, through the log handler (default: stderr) as librdkafka's. */
  log(level: SyslogLevel, facility: string, message: string): void {
    if (this.state === State.Closed) return;
    const log: LogMessage = { name: this.name, level, facility, message };
    if (this.handlers.log) this.callHandler('log handler', this.handlers.log, this.owner as C, log);
    else defaultLog(log);
  }

  handlerThrew(what: string, e: unknown): void {
    const error = new KafkaError(ErrorCode.Local_Application, `${what} threw: ${describe(e)}`);
    (error as { cause?: unknown }).cause = e;
    this.events.handlerFailed?.(e);
    if (this.handlers.error) {
      try {
        this.handlers.error(this.owner as C, error);
      } catch {
        // An error handler that throws has nowhere left to report to (.NET swallows it too).
      }
    }
  }

  /**
   * Destroys the native handle (off the JS thread) after `drain` finished; idempotent: every
   * call returns the same promise. Nothing is dispatched to user code after it resolves.
   */
  close(drain: () => Promise<void>): Promise<void> {
    if (this.closed) return this.closed.promise;
    let resolve!: () => void;
    let reject!: (e: unknown) => void;
    const promise = new Promise<void>((res, rej) => ((resolve = res), (reject = rej)));
    this.closed = { promise, resolve, reject };
    this.state = State.Closing;
    void (async () => {
      try {
        await drain();
      } catch (e) {
        // The client is destroyed all the same; close() then rejects with what went wrong.
        this.closeFailure = e;
      }
      if (!this.native.close()) this.finishClose();
    })();
    return promise;
  }

  private closeFailure: unknown;

  // After Closed: the worker ran every job queued before the destroy and their results were
  // dispatched, so what is still pending now really never got an answer.
  private finishClose(): void {
    if (this.state === State.Closed) return;
    for (const [id] of this.pending) {
      this.settle(id, new KafkaError(ErrorCode.Local_Destroy, `${this.role} ${this.name} was closed`));
    }
    this.state = State.Closed;
    if (this.closeFailure !== undefined) this.closed?.reject(this.closeFailure);
    else this.closed?.resolve();
  }

  toString(): string {
    return `${this.name} (${describeConfig(this.config)})`;
  }

  /** Turns a native conf/creation failure into a KafkaException naming the key, without secrets. */
  private configException(e: unknown, userConfig: object): Error {
    if (e instanceof TypeError) return e;
    const ne = e as NativeError & { message?: string };
    let reason = explainMissingFile(String(ne.message ?? ne.reason ?? e).trim(), this.config);
    if (ne.key !== undefined) reason = nameConfigKey(reason, ne.key, userConfig, this.role);
    reason = redactSecrets(reason, this.config);
    const code = typeof ne.code === 'number' ? ne.code : ErrorCode.Local_InvalidArg;
    const ex = new KafkaException(new KafkaError(code, reason));
    if (ne.key !== undefined) (ex as KafkaException & { key?: string }).key = ne.key;
    return ex;
  }

  private readonly wakeLater = (): void => {
    if (this.state === State.Closed) return;
    try {
      this.native.wake();
    } catch {
      // closed meanwhile: nothing left to drain
    }
  };

  // Called by native code on the JS thread; must never throw (see callHandler).
  private readonly dispatch = (kind: NativeEvent, a?: unknown, b?: unknown, c?: unknown): void => {
    if (this.state === State.Closed) return;
    try {
      this.dispatchEvent(kind, a, b, c);
    } catch (e) {
      // Nothing may cross into native code (it would leave the drain half done): a failure of
      // this library's own event handling is reported like a handler's.
      this.handlerThrew('kafka-napi event handling', e);
    }
  };

  private dispatchEvent(kind: NativeEvent, a?: unknown, b?: unknown, c?: unknown): void {
    switch (kind) {
      case NativeEvent.Delivery:
        this.events.delivery?.(a as ArrayBuffer, b as number);
        // A turn's worth of reports was handed over: the rest after the event loop turned
        // (timers and I/O first), however large the backlog.
        if (c === true) setImmediate(this.wakeLater);
        break;
      case NativeEvent.ConsumerReady:
        this.events.consumerReady?.();
        break;
      case NativeEvent.Commit:
        this.events.commit?.(a as NativeError | null, b);
        break;
      case NativeEvent.Error:
        this.callHandler('error handler', this.handlers.error, this.owner as C,
          KafkaError.fromNative({ ...(a as NativeError), reason: this.redact((a as NativeError).reason) }));
        break;
      case NativeEvent.Log: {
        const log: LogMessage = {
          name: this.name,
          level: a as SyslogLevel,
          facility: b as string,
          message: this.redact(c as string),
        };
        if (this.handlers.log) this.callHandler('log handler', this.handlers.log, this.owner as C, log);
        else defaultLog(log);
        break;
      }
      case NativeEvent.Stats: {
        // Parsed once per event (every statisticsIntervalMs), and only for a handler: off the
        // produce/consume path. A parse failure is reported like a throwing handler.
        const handler = this.handlers.statistics;
        if (handler) {
          const json = a as string;
          this.callHandler('statistics handler', () => handler(this.owner as C, JSON.parse(json) as Statistics, json));
        }
        break;
      }
      case NativeEvent.Result: {
        const err = b as NativeError | null;
        this.settle(a as number, err, c);
        break;
      }
      case NativeEvent.Closed:
        this.finishClose();
        break;
      default:
        break;
    }
  }
}

/** librdkafka's own console format, on stderr, when no log handler is set (as .NET does). */
function defaultLog(log: LogMessage): void {
  const t = (Date.now() / 1000).toFixed(3);
  process.stderr.write(`%${log.level}|${t}|${log.facility}|${log.name}| ${log.message}\n`);
}

function describe(e: unknown): string {
  if (e instanceof Error) return `${e.name}: ${e.message}`;
  return String(e);
}

