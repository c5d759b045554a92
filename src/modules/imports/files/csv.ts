import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { count, FILE_LIMITS, type FileLimits, FileRejected, type SheetRow } from './types.js';

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
  // Pieces of 64 KB (about 450 rows): a piece's rows are parsed at once and wait to be taken, so a
  // piece of a megabyte kept 7,000 rows alive long enough to be copied to the old generation.
  for await (const chunk of createReadStream(path, { start: hasBom ? 3 : 0, highWaterMark: 1 << 16 })) {
    const text = decoder.decode(chunk as Buffer, { stream: true });
    hasNul ||= text.includes('\u0000');
    for (const cells of parser.push(text)) yield record(cells);
    // The rows before a refused one are still given (the mapping step reads only the first rows).
    if (parser.failure) throw parser.failure;
  }
  for (const cells of parser.end(decoder.decode())) yield record(cells);
  if (parser.failure) throw parser.failure;
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
 *
 * Held to FILE_LIMITS (a cell, a row, the columns of a row), checked once per piece of text taken, not
 * per character: a record beyond them stops the parsing, `failure` says which row and why, and the
 * records before it are still returned.
 */
export class CsvParser {
  private field = '';
  private record: string[] = [];
  /** Characters in the record's finished fields. */
  private recordChars = 0;
  /** Records finished so far: the one being read is number `records + 1`. */
  private records = 0;
  private quoted = false;
  /** A quote seen inside a quoted field: either the end of the field or the first of a doubled quote. */
  private quotePending = false;
  private fieldStarted = false;
  private pendingCr = false;
  failure: FileRejected | null = null;

  constructor(
    private readonly delimiter: string,
    private readonly limits: Pick<FileLimits, 'cellChars' | 'rowChars' | 'columns'> = FILE_LIMITS,
  ) {}

  push(text: string): string[][] {
    const out: string[][] = [];
    if (this.failure) throw this.failure;
    const d = this.delimiter;
    const maxCell = this.limits.cellChars;
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
        this.field += q < 0 ? text.slice(i) : text.slice(i, q);
        if (this.field.length > maxCell) return this.fail(out, 'unclosedQuote');
        if (q < 0) break;
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
        if (!this.endField()) return this.fail(out, 'row');
        this.fieldStarted = false;
        i++;
      } else if (ch === '\n' || ch === '\r') {
        if (!this.endField()) return this.fail(out, 'row');
        out.push(this.record);
        this.endRecord();
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
        if (this.field.length > maxCell) return this.fail(out, 'cell');
        this.fieldStarted = true;
        i = j;
      }
    }
    return out;
  }

  end(rest: string): string[][] {
    const out = this.push(rest);
    if (this.failure) return out;
    this.quotePending = false;
    if (this.fieldStarted || this.record.length > 0 || this.field !== '') {
      if (!this.endField()) return this.fail(out, 'row');
      out.push(this.record);
    }
    this.endRecord();
    return out;
  }

  /** The field joins its record; false when the record is then beyond its limits. */
  private endField(): boolean {
    this.record.push(this.field);
    this.recordChars += this.field.length;
    this.field = '';
    return this.recordChars <= this.limits.rowChars && this.record.length <= this.limits.columns;
  }

  private endRecord() {
    this.records++;
    this.record = [];
    this.recordChars = 0;
    this.field = '';
    this.fieldStarted = false;
  }

  private fail(out: string[][], why: 'unclosedQuote' | 'cell' | 'row'): string[][] {
    const row = this.records + 1;
    const column = this.record.length + 1;
    const { cellChars, rowChars, columns } = this.limits;
    let message: string;
    if (why === 'unclosedQuote') {
      message =
        `Baris ${row}, kolom ke-${column}: sel diawali tanda kutip (") yang tidak ditutup dalam ` +
        `${count(cellChars)} karakter (batas isi satu sel), sehingga sisa berkas terbaca sebagai satu sel. ` +
        'Tutup tanda kutip di sel itu atau hapus tanda kutip pembukanya, lalu unggah lagi.';
    } else if (why === 'cell') {
      message =
        `Baris ${row}, kolom ke-${column}: isi sel lebih dari ${count(cellChars)} karakter (batas isi satu ` +
        'sel di Excel). Periksa pemisah kolom dan akhir baris di berkas, atau pendekkan isi sel itu, lalu unggah lagi.';
    } else if (this.record.length > columns) {
      message =
        `Baris ${row} memuat lebih dari ${count(columns)} kolom (batas lembar kerja Excel). Periksa pemisah ` +
        'kolom di baris itu, lalu unggah lagi.';
    } else {
      message =
        `Baris ${row} lebih dari ${count(rowChars)} karakter (batas satu baris). Periksa pemisah kolom dan ` +
        'akhir baris di berkas, atau pendekkan isi baris itu, lalu unggah lagi.';
    }
    this.failure = new FileRejected('FILE_UNREADABLE', message);
    // What was read of the refused record is dropped at once.
    this.record = [];
    this.field = '';
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
