import { Writable } from 'node:stream';

const LEVELS: Record<number, string> = {
  10: 'TRACE',
  20: 'DEBUG',
  30: 'INFO',
  40: 'WARN',
  50: 'ERROR',
  60: 'FATAL',
};

const two = (n: number) => String(n).padStart(2, '0');

/**
 * One log line as a person at a terminal reads it: `14:03:07  GET /api/v1/workers  200  12 ms` for a
 * request, `14:03:07  WARN  message` otherwise. Carries only what the JSON line has (never URLs with query
 * strings or bodies). A line that is not JSON is passed on as it is.
 */
export function readableLogLine(line: string): string {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(line);
  } catch {
    return line.endsWith('\n') ? line : `${line}\n`;
  }
  const at = new Date(typeof entry.time === 'number' ? entry.time : Date.now());
  const time = `${two(at.getHours())}:${two(at.getMinutes())}:${two(at.getSeconds())}`;
  const level = typeof entry.level === 'number' ? entry.level : 30;
  if (entry.msg === 'request' && typeof entry.method === 'string') {
    const status = typeof entry.status === 'number' ? entry.status : 0;
    const mark = status >= 500 ? '  ✗' : '';
    return `${time}  ${entry.method} ${entry.route}  ${status}  ${entry.ms} ms${mark}\n`;
  }
  const err = entry.err as { type?: string; message?: string; stack?: string } | undefined;
  const detail =
    err?.message && err.message !== entry.msg ? `  (${err.type ?? 'Error'}: ${err.message})` : '';
  const stack = level >= 50 && err?.stack ? `\n${err.stack.replace(/^/gm, '    ')}` : '';
  return `${time}  ${LEVELS[level] ?? level}  ${String(entry.msg ?? '')}${detail}${stack}\n`;
}

/** A stream for the logger that writes readable lines to `out` (a terminal). */
export function readableLogStream(out: NodeJS.WritableStream): Writable {
  let pending = '';
  return new Writable({
    write(chunk, _enc, done) {
      pending += String(chunk);
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const l of lines) if (l.length > 0) out.write(readableLogLine(l));
      done();
    },
  });
}

/** Readable lines when `out` is a terminal; undefined (the logger's JSON lines) when it is a pipe or file. */
export function terminalLogStream(out: NodeJS.WritableStream & { isTTY?: boolean }): Writable | undefined {
  return out.isTTY ? readableLogStream(out) : undefined;
}
