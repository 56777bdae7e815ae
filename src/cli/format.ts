/**
 * kcat's `-f` output format for consumed messages, compiled once into a function.
 * @internal
 */
import type { ConsumeResult } from '../types';

type Result = ConsumeResult<Buffer | null, Buffer | null>;
type Part = string | ((r: Result) => string);

function headers(r: Result): string {
  const out: string[] = [];
  for (const h of r.message?.headers ?? []) out.push(`${h.key}=${h.value === null ? '' : h.value.toString()}`);
  return out.join(',');
}

/**
 * The directives kcat documents, as kcat prints them: a null key or value as the empty string,
 * its size (`%K`, `%S`) as -1; `%T` the timestamp in ms (-1 when none); `%h` the headers as
 * `name=value` joined by commas. `\n`, `\t`, `\r`, `\\` and `%%` are escapes.
 */
const DIRECTIVES: Record<string, (r: Result) => string> = {
  t: (r) => r.topic,
  p: (r) => String(r.partition),
  o: (r) => String(r.offset),
  k: (r) => r.message?.key?.toString() ?? '',
  s: (r) => r.message?.value?.toString() ?? '',
  K: (r) => String(r.message?.key ? r.message.key.length : -1),
  S: (r) => String(r.message?.value ? r.message.value.length : -1),
  T: (r) => String(r.message && r.message.timestamp.type !== 0 ? r.message.timestamp.unixTimestampMs : -1),
  h: headers,
};

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\' };

/** Compiles a kcat format; throws a TypeError naming an unknown directive or escape. */
export function compileFormat(format: string): (r: Result) => string {
  const parts: Part[] = [];
  let lit = '';
  for (let i = 0; i < format.length; i++) {
    const c = format[i];
    if ((c === '%' || c === '\\') && i + 1 < format.length) {
      const d = format[++i];
      if (c === '%' && d === '%') lit += '%';
      else if (c === '%' && Object.hasOwn(DIRECTIVES, d)) {
        if (lit) parts.push(lit);
        lit = '';
        parts.push(DIRECTIVES[d]);
      } else if (c === '\\' && Object.hasOwn(ESCAPES, d)) lit += ESCAPES[d];
      else throw new TypeError(`-f: unknown ${c === '%' ? 'directive' : 'escape'} '${c}${d}' (known: %t %p %o %k %s %K %S %T %h %%, \\n \\t \\r \\\\)`);
    } else lit += c;
  }
  if (lit) parts.push(lit);
  return (r) => {
    let s = '';
    for (const p of parts) s += typeof p === 'string' ? p : p(r);
    return s;
  };
}

/** One message as one line of JSON (`--json`): key and value as UTF-8 strings or null. */
export function jsonLine(r: Result): string {
  const m = r.message;
  return JSON.stringify({
    topic: r.topic,
    partition: r.partition,
    offset: r.offset,
    timestamp: m && m.timestamp.type !== 0 ? m.timestamp.unixTimestampMs : null,
    key: m?.key ? m.key.toString() : null,
    value: m?.value ? m.value.toString() : null,
    headers: m ? [...m.headers].map((h) => ({ key: h.key, value: h.value === null ? null : h.value.toString() })) : [],
  });
}
