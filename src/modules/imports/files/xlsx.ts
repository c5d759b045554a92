import type { Readable } from 'node:stream';
import yauzl from 'yauzl';
import { count, FILE_LIMITS, FileRejected, type SheetRow } from './types.js';
import { attribute, type XmlHandlers, XmlScanner } from './xml-scan.js';

export interface XlsxLimits {
  /** Refuse when the declared uncompressed size of all parts exceeds this (zip bombs). */
  maxExpandedBytes: number;
  /** Refuse parts compressed more than this ratio. */
  maxRatio: number;
}

export const DEFAULT_XLSX_LIMITS: XlsxLimits = { maxExpandedBytes: 400 * 1024 * 1024, maxRatio: 200 };

const BUILTIN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 30, 36, 45, 46, 47, 50, 57]);

function openZip(path: string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) =>
    yauzl.open(path, { lazyEntries: true, autoClose: false, validateEntrySizes: true }, (err, zip) =>
      err || !zip
        ? reject(
            new FileRejected(
              'FILE_UNREADABLE',
              'Berkas .xlsx rusak atau bukan berkas Excel. Simpan ulang dari Excel sebagai .xlsx.',
            ),
          )
        : resolve(zip),
    ),
  );
}

const RESAVE = 'Buka berkas di Excel, simpan ulang sebagai .xlsx, lalu unggah lagi.';

function damaged(): FileRejected {
  return new FileRejected('FILE_UNREADABLE', `Berkas .xlsx rusak atau bukan berkas Excel. ${RESAVE}`);
}

/** What went wrong expanding a part, for the operator (yauzl's and zlib's errors are in English). */
function partError(entry: yauzl.Entry, e: unknown): FileRejected {
  if (e instanceof FileRejected) return e;
  const message = e instanceof Error ? e.message : '';
  if (message.startsWith('too many bytes in the stream'))
    return new FileRejected(
      'FILE_UNREADABLE',
      `Berkas .xlsx rusak: bagian ${entry.fileName} berisi lebih banyak data daripada ukuran yang ` +
        `tercatat untuknya di daftar isi berkas (${count(entry.uncompressedSize)} byte), jadi pembacaan ` +
        `dihentikan. ${RESAVE}`,
    );
  return new FileRejected(
    'FILE_UNREADABLE',
    `Berkas .xlsx rusak: bagian ${entry.fileName} tidak dapat dibuka (isinya terpotong atau tidak sah). ${RESAVE}`,
  );
}

async function entriesOf(zip: yauzl.ZipFile): Promise<Map<string, yauzl.Entry>> {
  if (zip.entryCount > FILE_LIMITS.zipEntries)
    throw new FileRejected(
      'FILE_UNREADABLE',
      `Berkas .xlsx memuat ${count(zip.entryCount)} bagian, lebih dari ${count(FILE_LIMITS.zipEntries)}; ` +
        `berkas Excel biasa hanya belasan. ${RESAVE}`,
    );
  const entries = new Map<string, yauzl.Entry>();
  await new Promise<void>((resolve, reject) => {
    zip.on('entry', (e: yauzl.Entry) => {
      entries.set(e.fileName, e);
      zip.readEntry();
    });
    zip.once('end', resolve);
    zip.once('error', () => reject(damaged()));
    zip.readEntry();
  });
  return entries;
}

function stream(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<Readable> {
  return new Promise((resolve, reject) =>
    zip.openReadStream(entry, (err, s) => (err || !s ? reject(partError(entry, err)) : resolve(s))),
  );
}

/**
 * Scans a part as it decompresses (XmlScanner), yielding what the handlers produced between chunks.
 * Whatever stops the expansion (a part longer than its declared size, damaged data) is told as a
 * FileRejected naming the part.
 */
async function* scanRows<T>(
  zip: yauzl.ZipFile,
  entry: yauzl.Entry,
  handlers: (out: T[]) => XmlHandlers,
): AsyncGenerator<T> {
  const out: T[] = [];
  const scanner = new XmlScanner(handlers(out), { part: entry.fileName });
  const decoder = new TextDecoder('utf-8');
  const s = await stream(zip, entry);
  let failure: FileRejected | undefined;
  try {
    for await (const chunk of s) {
      try {
        scanner.write(decoder.decode(chunk as Buffer, { stream: true }));
      } catch (e) {
        failure = partError(entry, e);
      }
      // The rows before a refused one are still given (the mapping step reads only the first rows).
      if (out.length > 0) yield* out.splice(0, out.length);
      if (failure) throw failure;
    }
  } catch (e) {
    throw partError(entry, e);
  } finally {
    s.destroy();
  }
  scanner.write(decoder.decode()).close();
  yield* out.splice(0, out.length);
}

/** Scans a whole part for what its handlers gather. */
async function scanPart(zip: yauzl.ZipFile, entry: yauzl.Entry, handlers: XmlHandlers): Promise<void> {
  for await (const _ of scanRows<never>(zip, entry, () => handlers));
}

/** The 0-based column of a cell reference (`B7` → 1), counted no further than the sheet's last column; -1 without letters. */
function columnIndex(ref: string): number {
  let n = 0;
  for (let i = 0; i < ref.length && n <= FILE_LIMITS.columns; i++) {
    const c = ref.charCodeAt(i);
    if (c < 65 || c > 90) break;
    n = n * 26 + (c - 64);
  }
  return n - 1;
}

function isDateFormat(code: string): boolean {
  if (code.length > FILE_LIMITS.formatChars) return false;
  // Drop quoted text, escaped characters and [colour]/[locale] sections before looking for d/m/y.
  const bare = code.replace(/"[^"]*"|\\.|\[[^\]]*\]/g, '');
  return /[dmy]/i.test(bare) && !/^general$/i.test(bare);
}

/** What the workbook part says: the first sheet's relationship id, and the 1904 date system. */
async function readWorkbook(zip: yauzl.ZipFile, entry: yauzl.Entry) {
  let firstSheetRel: string | undefined;
  let date1904 = false;
  let sheets = 0;
  await scanPart(zip, entry, {
    open(name, attributes) {
      if (name === 'workbookPr') {
        const v = attribute(attributes, 'date1904');
        date1904 = v === '1' || v === 'true';
      } else if (name === 'sheet' && sheets++ === 0) firstSheetRel = attribute(attributes, 'id');
    },
    text() {},
    close() {},
  });
  return { firstSheetRel, date1904 };
}

/** The target of relationship `id` in a relationships part. */
async function relationTarget(zip: yauzl.ZipFile, entry: yauzl.Entry | undefined, id: string | undefined) {
  let target: string | undefined;
  if (!entry || id === undefined) return target;
  await scanPart(zip, entry, {
    open(name, attributes) {
      if (name === 'Relationship' && target === undefined && attribute(attributes, 'Id') === id)
        target = attribute(attributes, 'Target');
    },
    text() {},
    close() {},
  });
  return target;
}

/** For each cell style (its index), whether it shows a number as a date. */
async function dateStylesOf(zip: yauzl.ZipFile, entry: yauzl.Entry | undefined): Promise<boolean[]> {
  if (!entry) return [];
  const formats = new Map<number, string>();
  const styleFormats: number[] = [];
  let inCellXfs = false;
  await scanPart(zip, entry, {
    open(name, attributes) {
      if (name === 'numFmt') {
        const id = attribute(attributes, 'numFmtId');
        const code = attribute(attributes, 'formatCode');
        if (id !== undefined && code !== undefined) formats.set(Number(id), code);
      } else if (name === 'cellXfs') inCellXfs = true;
      else if (name === 'xf' && inCellXfs) styleFormats.push(Number(attribute(attributes, 'numFmtId') ?? 0));
    },
    text() {},
    close(name) {
      if (name === 'cellXfs') inCellXfs = false;
    },
  });
  return styleFormats.map(
    (id) => BUILTIN_DATE_FORMATS.has(id) || (formats.has(id) && isDateFormat(formats.get(id)!)),
  );
}

function tooLongCell(where: string): FileRejected {
  return new FileRejected(
    'FILE_UNREADABLE',
    `${where}: isi sel lebih dari ${count(FILE_LIMITS.cellChars)} karakter, melebihi batas Excel sendiri. ${RESAVE}`,
  );
}

function beyondSheet(rowNumber: number, what: string): FileRejected {
  return new FileRejected(
    'FILE_UNREADABLE',
    `Baris ${rowNumber}: ${what}, di luar batas lembar kerja Excel (${count(FILE_LIMITS.sheetRows)} baris, ` +
      `${count(FILE_LIMITS.columns)} kolom sampai XFD). ${RESAVE}`,
  );
}

function longRow(rowNumber: number): FileRejected {
  return new FileRejected(
    'FILE_UNREADABLE',
    `Baris ${rowNumber}: isi baris lebih dari ${count(FILE_LIMITS.rowChars)} karakter (batas satu baris). ` +
      'Periksa sel-sel yang sangat panjang di baris itu, pendekkan atau hapus, lalu unggah lagi.',
  );
}

function tooMuchText(maxChars: number): FileRejected {
  return new FileRejected(
    'FILE_TOO_LARGE_EXPANDED',
    `Teks di sel-sel berkas .xlsx ini, setelah dibuka, lebih dari ${count(maxChars)} karakter (teks yang sama ` +
      'dipakai berulang di banyak sel). Pecah berkas menjadi beberapa bagian.',
  );
}

export interface XlsxReadOptions {
  /**
   * Cells from this column (0-based) on are ignored, never stored (the dry run reads only the mapped
   * columns). At most, and by default, the sheet's 16,384.
   */
  columns?: number;
}

/**
 * Streams the rows of the first worksheet of an .xlsx file. The archive's declared sizes are checked
 * before anything is expanded, and each part is held to its declared size while it expands. Every
 * part is scanned as a stream, in time linear in its size (FILE_LIMITS). A cell may be referenced
 * only inside a spreadsheet's rows and columns; cells without a value do not lengthen a row.
 */
export async function* readXlsx(
  path: string,
  limits: XlsxLimits = DEFAULT_XLSX_LIMITS,
  opts: XlsxReadOptions = {},
): AsyncGenerator<SheetRow> {
  const keepColumns = Math.min(opts.columns ?? FILE_LIMITS.columns, FILE_LIMITS.columns);
  const zip = await openZip(path);
  try {
    const entries = await entriesOf(zip);
    let expanded = 0;
    for (const e of entries.values()) {
      expanded += e.uncompressedSize;
      if (
        e.compressedSize > 0 &&
        e.uncompressedSize / e.compressedSize > limits.maxRatio &&
        e.uncompressedSize > 1 << 20
      ) {
        throw new FileRejected(
          'FILE_TOO_COMPRESSED',
          'Berkas .xlsx memuat bagian yang dimampatkan secara tidak wajar dan ditolak demi keamanan.',
        );
      }
    }
    if (expanded > limits.maxExpandedBytes) {
      throw new FileRejected(
        'FILE_TOO_LARGE_EXPANDED',
        `Isi berkas .xlsx setelah dibuka sebesar ${Math.round(expanded / 1048576)} MB, melebihi batas ${Math.round(limits.maxExpandedBytes / 1048576)} MB. Pecah berkas menjadi beberapa bagian.`,
      );
    }
    const workbookEntry = entries.get('xl/workbook.xml');
    if (!workbookEntry)
      throw new FileRejected(
        'FILE_UNREADABLE',
        'Berkas .xlsx tidak memuat buku kerja Excel. Simpan ulang dari Excel sebagai .xlsx.',
      );
    const { firstSheetRel, date1904 } = await readWorkbook(zip, workbookEntry);
    const target =
      (await relationTarget(zip, entries.get('xl/_rels/workbook.xml.rels'), firstSheetRel)) ??
      'worksheets/sheet1.xml';
    const sheetPath = target.startsWith('/') ? target.slice(1) : `xl/${target}`;
    const sheet = entries.get(sheetPath);
    if (!sheet)
      throw new FileRejected('FILE_UNREADABLE', 'Lembar kerja pertama tidak ditemukan di berkas .xlsx.');

    const shared: string[] = [];
    const sst = entries.get('xl/sharedStrings.xml');
    if (sst) {
      for await (const s of scanRows<string>(zip, sst, (out) => {
        let inSi = false;
        let inT = false;
        let inPhonetic = false;
        let text = '';
        return {
          open(name) {
            if (name === 'si') {
              inSi = true;
              text = '';
            } else if (name === 'rPh') inPhonetic = true;
            else if (name === 't' && inSi && !inPhonetic) inT = true;
          },
          text(x) {
            if (!inT) return;
            text += x;
            if (text.length > FILE_LIMITS.cellChars)
              throw tooLongCell(`Teks ke-${count(out.length + shared.length + 1)} di bagian ${sst.fileName}`);
          },
          close(name) {
            if (name === 't') inT = false;
            else if (name === 'rPh') inPhonetic = false;
            else if (name === 'si') {
              inSi = false;
              out.push(text);
            }
          },
        };
      }))
        shared.push(s);
    }

    const dateStyles = await dateStylesOf(zip, entries.get('xl/styles.xml'));
    const epoch = date1904 ? Date.UTC(1904, 0, 1) : Date.UTC(1899, 11, 30);

    yield* scanRows<SheetRow>(zip, sheet, (out) => {
      let row: unknown[] = [];
      let rowNumber = 0;
      let col = 0;
      let ref: string | undefined;
      let type = 'n';
      let style = 0;
      let value = '';
      let inValue = false;
      let lastRow = 0;
      let rowChars = 0;
      let fileChars = 0;
      return {
        open(name, attributes) {
          if (name === 'row') {
            const r = attribute(attributes, 'r');
            rowNumber = r ? Number(r) : lastRow + 1;
            if (!(Number.isInteger(rowNumber) && rowNumber >= 1 && rowNumber <= FILE_LIMITS.sheetRows))
              throw beyondSheet(lastRow + 1, `nomor baris "${(r ?? '').slice(0, 20)}" tidak sah`);
            row = [];
            rowChars = 0;
            col = -1;
          } else if (name === 'c') {
            ref = attribute(attributes, 'r');
            const at = ref ? columnIndex(ref) : -1;
            // A reference without letters is taken as none: the cell after the previous one.
            col = at >= 0 ? at : col + 1;
            if (col >= FILE_LIMITS.columns)
              throw beyondSheet(
                rowNumber,
                `sel ${(ref ?? '').slice(0, 20) || `ke-${col + 1}`} berada di kolom sesudah XFD`,
              );
            type = attribute(attributes, 't') ?? 'n';
            const s = attribute(attributes, 's');
            style = s ? Number(s) : 0;
            value = '';
          } else if (name === 'v' || (name === 't' && type === 'inlineStr')) {
            inValue = true;
          }
        },
        text(x) {
          if (!inValue) return;
          value += x;
          if (value.length > FILE_LIMITS.cellChars)
            throw tooLongCell(`Baris ${rowNumber}, sel ${(ref ?? '').slice(0, 20) || `ke-${col + 1}`}`);
        },
        close(name) {
          if (name === 'v' || name === 't') inValue = false;
          else if (name === 'c') {
            let v: unknown = null;
            if (type === 's' || type === 'inlineStr' || type === 'str') {
              const text = type === 's' ? (shared[Number(value)] ?? '') : value;
              // A shared string may be used by any number of cells: what they add up to is held to
              // limits, as CSV text is by its size.
              rowChars += text.length;
              fileChars += text.length;
              if (rowChars > FILE_LIMITS.rowChars) throw longRow(rowNumber);
              if (fileChars > limits.maxExpandedBytes) throw tooMuchText(limits.maxExpandedBytes);
              v = text;
            } else if (type === 'b') v = value === '1';
            else if (type === 'd') v = value ? new Date(value) : null;
            else if (type !== 'e' && value !== '') {
              const n = Number(value);
              v = dateStyles[style] && Number.isFinite(n) ? new Date(epoch + Math.round(n * 86400000)) : n;
            }
            // An empty cell (formatting only) does not lengthen the row; cells beyond `columns` are not kept.
            if (v !== null && col < keepColumns) row[col] = v;
          } else if (name === 'row') {
            lastRow = rowNumber;
            for (let i = 0; i < row.length; i++) if (row[i] === undefined) row[i] = null;
            out.push({ rowNumber, cells: row });
          }
        },
      };
    });
  } finally {
    zip.close();
  }
}
