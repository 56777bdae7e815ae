/**
 * The CLI's progress line: on a terminal only (stderr a TTY), redrawn in place at most four
 * times a second from a timer (never per message), cleared before data is written to the same
 * terminal and when done. On a pipe it does nothing at all, so scripts see only the data.
 * @internal
 */

const REFRESH_MS = 250;

function num(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

function duration(s: number): string {
  if (!Number.isFinite(s) || s < 0) return '--';
  s = Math.round(s);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m${String(s - m * 60).padStart(2, '0')}s`;
  return `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
}

function bytes(b: number): string {
  if (b < 1024 * 1024) return `${(b / 1024).toFixed(1)} KiB`;
  if (b < 1024 * 1024 * 1024) return `${(b / (1024 * 1024)).toFixed(1)} MiB`;
  return `${(b / (1024 * 1024 * 1024)).toFixed(2)} GiB`;
}

export interface ProgressOptions {
  /** What is counted: `produced`, `consumed`. */
  verb: string;
  /** The expected total (for the percentage and the ETA), if known. */
  total?: number;
  /** Show a msgs/s rate (default true; bench counts runs, not messages). */
  rate?: boolean;
  /** Override for tests and for a caller that already knows; default: `stream.isTTY`. */
  enabled?: boolean;
  stream?: NodeJS.WriteStream;
}

export class Progress {
  readonly enabled: boolean;
  #count = 0;
  #bytes = 0;
  #shown = false;
  #last = '';
  #timer?: NodeJS.Timeout;
  readonly #started = performance.now();
  readonly #stream: NodeJS.WriteStream;
  readonly #verb: string;
  readonly #total?: number;
  readonly #rate: boolean;

  constructor(options: ProgressOptions) {
    this.#stream = options.stream ?? process.stderr;
    this.enabled = options.enabled ?? this.#stream.isTTY === true;
    this.#verb = options.verb;
    this.#total = options.total;
    this.#rate = options.rate ?? true;
    if (this.enabled) {
      this.#timer = setInterval(() => this.#draw(), REFRESH_MS);
      // The line never keeps the process alive.
      this.#timer.unref();
    }
  }

  /** Counts `n` more messages of `size` bytes in total. Cheap: no drawing here. */
  add(n = 1, size = 0): void {
    this.#count += n;
    this.#bytes += size;
  }

  /** Removes the line (before a diagnostic goes to the terminal); the next tick redraws it. */
  clear(): void {
    if (!this.#shown) return;
    this.#stream.write('\r\x1b[K');
    this.#shown = false;
  }

  /**
   * Writes data to `out`, which shows on the same terminal: the line is lifted, the data
   * written, and the line put back as last drawn (TTY writes are synchronous, so they land in
   * this order; no recomputation per message).
   */
  around(out: NodeJS.WriteStream, text: string): void {
    if (!this.#shown) {
      out.write(text);
      return;
    }
    this.#stream.write('\r\x1b[K');
    out.write(text);
    this.#stream.write(this.#last);
  }

  /** Stops the timer and removes the line. */
  done(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
    this.clear();
  }

  /** The line as drawn now (exported for the unit of the format). */
  line(now = performance.now()): string {
    const s = Math.max((now - this.#started) / 1000, 1e-3);
    const rate = this.#count / s;
    const parts: string[] = [];
    if (this.#total !== undefined) {
      const pct = this.#total > 0 ? Math.floor((this.#count * 100) / this.#total) : 100;
      parts.push(`${this.#verb} ${num(this.#count)}/${num(this.#total)} (${pct}%)`);
    } else parts.push(`${this.#verb} ${num(this.#count)}`);
    if (this.#rate) parts.push(`${num(rate)} msgs/s`);
    if (this.#bytes > 0) parts.push(bytes(this.#bytes));
    parts.push(`${duration(s)} elapsed`);
    if (this.#total !== undefined) parts.push(`ETA ${rate > 0 ? duration((this.#total - this.#count) / rate) : '--'}`);
    return parts.join(' · ');
  }

  #draw(): void {
    let text = this.line();
    const cols = this.#stream.columns;
    if (cols && text.length >= cols) text = text.slice(0, cols - 1);
    this.#last = text;
    this.#stream.write(`\r\x1b[K${text}`);
    this.#shown = true;
  }
}
