import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { FileRejected, type SheetRow } from './types.js';

/**
 * Streams the rows of a hand-made CSV: UTF-8 with or without BOM, or Windows-1252 (what Excel on an
 * Indonesian Windows writes), comma- or semicolon-separated. `rowNumber` is the record's position as a
 * spreadsheet shows it (1-based, title rows included).
 */
export async function* readCsv(path: string): AsyncGenerator<SheetRow> {
  const sample = await readSample(path, 1 << 20);
  const hasBom = sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf;
  const encoding = hasBom || isUtf8(sample) ? 'utf-8' : 'windows-1252';
  const text = new TextDecoder(encoding).decode(sample.subarray(hasBom ? 3 : 0, 64 * 1024));
  const delimiter = guessDelimiter(text);

  const decoder = new TextDecoder(encoding);
  const parser = new CsvParser(delimiter);
  let rowNumber = 0;
  // A NUL character cannot be stored (PostgreSQL text refuses it); once one is seen, rows are searched
  // for it so the operator learns which row.
  let hasNul = false;
  const record = (cells: string[]): SheetRow => {
    rowNumber++;
    if (hasNul && cells.some((c) => c.includes('\u0000'))) throw nulInRow(rowNumber);
    return { rowNumber, cells };
  };
  for await (const chunk of createReadStream(path, { start: hasBom ? 3 : 0, highWaterMark: 1 << 20 })) {
    const text = decoder.decode(chunk as Buffer, { stream: true });
    hasNul ||= text.includes('\u0000');
    for (const cells of parser.push(text)) yield record(cells);
  }
  for (const cells of parser.end(decoder.decode())) yield record(cells);
}

function nulInRow(row: number): FileRejected {
  return new FileRejected(
    'FILE_UNREADABLE',
    `Baris ${row} memuat karakter kosong (NUL) yang tidak dapat disimpan. Berkas seperti ini biasanya ` +
      'tersimpan sebagai "Unicode Text" (UTF-16) atau rusak: buka di Excel lalu simpan ulang sebagai ' +
      '"CSV UTF-8" atau .xlsx, kemudian unggah lagi.',
  );
}

/**
 * RFC 4180 parsing, fed text in chunks: quoted fields may hold separators, doubled quotes and line
 * breaks; CRLF and LF both end a record. Lenient like spreadsheets are: a quote inside an unquoted
 * field is kept as text, and records may have different lengths.
 */
export class CsvParser {
  private field = '';
  private record: string[] = [];
  private quoted = false;
  /** A quote seen inside a quoted field: either the end of the field or the first of a doubled quote. */
  private quotePending = false;
  private fieldStarted = false;

  constructor(private readonly delimiter: string) {}

  push(text: string): string[][] {
    const out: string[][] = [];
    const d = this.delimiter;
    let i = 0;
    if (this.pendingCr && text.length > 0) {
      this.pendingCr = false;
      if (text[0] === '\n') i = 1;
    }
    const n = text.length;
    while (i < n) {
      if (this.quoted) {
        if (this.quotePending) {
          this.quotePending = false;
          if (text[i] === '"') {
            this.field += '"';
            i++;
            continue;
          }
          this.quoted = false;
          continue;
        }
        const q = text.indexOf('"', i);
        if (q < 0) {
          this.field += text.slice(i);
          break;
        }
        this.field += text.slice(i, q);
        this.quotePending = true;
        i = q + 1;
        continue;
      }
      const ch = text[i]!;
      if (ch === '"' && !this.fieldStarted) {
        this.quoted = true;
        this.fieldStarted = true;
        i++;
      } else if (ch === d) {
        this.record.push(this.field);
        this.field = '';
        this.fieldStarted = false;
        i++;
      } else if (ch === '\n' || ch === '\r') {
        this.record.push(this.field);
        out.push(this.record);
        this.record = [];
        this.field = '';
        this.fieldStarted = false;
        i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
        // A CR at the very end of a chunk may be followed by its LF in the next one.
        if (ch === '\r' && i === n) this.pendingCr = true;
      } else {
        // Take the run of ordinary characters at once.
        let j = i + 1;
        while (j < n) {
          const c = text[j];
          if (c === d || c === '\n' || c === '\r') break;
          j++;
        }
        this.field += text.slice(i, j);
        this.fieldStarted = true;
        i = j;
      }
    }
    return out;
  }

  private pendingCr = false;

  end(rest: string): string[][] {
    const out = this.push(rest);
    this.quotePending = false;
    if (this.fieldStarted || this.record.length > 0 || this.field !== '') {
      this.record.push(this.field);
      out.push(this.record);
    }
    this.record = [];
    this.field = '';
    this.fieldStarted = false;
    return out;
  }
}

async function readSample(path: string, bytes: number): Promise<Buffer> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(bytes);
    const { bytesRead } = await fh.read(buf, 0, bytes, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

function isUtf8(sample: Buffer): boolean {
  try {
    // `stream: true` tolerates a character cut at the end of the sample.
    new TextDecoder('utf-8', { fatal: true }).decode(sample, { stream: true });
    return true;
  } catch {
    return false;
  }
}

/** The separator that splits the first lines most consistently, outside quotes; comma by default. */
export function guessDelimiter(text: string): ',' | ';' | '\t' {
  const lines = text
    .split(/\r?\n/)
    .filter((l) => l.trim())
    .slice(0, 30);
  let best: ',' | ';' | '\t' = ',';
  let bestScore = 0;
  for (const d of [',', ';', '\t'] as const) {
    const counts = lines.map((l) => countOutsideQuotes(l, d));
    const withAny = counts.filter((c) => c > 0);
    if (withAny.length === 0) continue;
    // Prefer separators present in many lines with a steady count (titles rows have none).
    const mode = [...withAny].sort(
      (a, b) => withAny.filter((x) => x === b).length - withAny.filter((x) => x === a).length,
    )[0]!;
    const score = withAny.filter((c) => c === mode).length * Math.log2(mode + 1);
    if (score > bestScore) {
      best = d;
      bestScore = score;
    }
  }
  return best;
}

function countOutsideQuotes(line: string, d: string): number {
  let n = 0;
  let quoted = false;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    else if (ch === d && !quoted) n++;
  }
  return n;
}
