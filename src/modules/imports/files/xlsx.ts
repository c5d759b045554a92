import type { Readable } from 'node:stream';
import yauzl from 'yauzl';
import { FileRejected, type SheetRow } from './types.js';
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

async function entriesOf(zip: yauzl.ZipFile): Promise<Map<string, yauzl.Entry>> {
  const entries = new Map<string, yauzl.Entry>();
  await new Promise<void>((resolve, reject) => {
    zip.on('entry', (e: yauzl.Entry) => {
      entries.set(e.fileName, e);
      zip.readEntry();
    });
    zip.once('end', resolve);
    zip.once('error', reject);
    zip.readEntry();
  });
  return entries;
}

function stream(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<Readable> {
  return new Promise((resolve, reject) =>
    zip.openReadStream(entry, (err, s) => (err || !s ? reject(err) : resolve(s))),
  );
}

async function readText(zip: yauzl.ZipFile, entry: yauzl.Entry | undefined): Promise<string> {
  if (!entry) return '';
  const chunks: Buffer[] = [];
  for await (const c of await stream(zip, entry)) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Scans a part as it decompresses (XmlScanner), yielding what the handlers produced between chunks. */
async function* scanRows<T>(
  zip: yauzl.ZipFile,
  entry: yauzl.Entry,
  handlers: (out: T[]) => XmlHandlers,
): AsyncGenerator<T> {
  const out: T[] = [];
  const scanner = new XmlScanner(handlers(out));
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of await stream(zip, entry)) {
    scanner.write(decoder.decode(chunk as Buffer, { stream: true }));
    if (out.length > 0) yield* out.splice(0, out.length);
  }
  scanner.write(decoder.decode()).close();
  yield* out.splice(0, out.length);
}

function columnIndex(ref: string): number {
  let n = 0;
  for (const ch of ref) {
    const c = ch.charCodeAt(0);
    if (c < 65 || c > 90) break;
    n = n * 26 + (c - 64);
  }
  return n - 1;
}

function isDateFormat(code: string): boolean {
  // Drop quoted text, escaped characters and [colour]/[locale] sections before looking for d/m/y.
  const bare = code.replace(/"[^"]*"|\\.|\[[^\]]*\]/g, '');
  return /[dmy]/i.test(bare) && !/^general$/i.test(bare);
}

/**
 * Streams the rows of the first worksheet of an .xlsx file. The archive's declared sizes are checked
 * before anything is expanded, and each part is held to its declared size while it expands.
 */
export async function* readXlsx(
  path: string,
  limits: XlsxLimits = DEFAULT_XLSX_LIMITS,
): AsyncGenerator<SheetRow> {
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
    const workbook = await readText(zip, entries.get('xl/workbook.xml'));
    if (!workbook)
      throw new FileRejected(
        'FILE_UNREADABLE',
        'Berkas .xlsx tidak memuat buku kerja Excel. Simpan ulang dari Excel sebagai .xlsx.',
      );
    const date1904 = /<(?:\w+:)?workbookPr\b[^>]*date1904="(1|true)"/.test(workbook);
    const firstSheetRel = /<(?:\w+:)?sheet\b[^>]*\br:id="([^"]+)"/.exec(workbook)?.[1];
    const rels = await readText(zip, entries.get('xl/_rels/workbook.xml.rels'));
    let target = 'worksheets/sheet1.xml';
    for (const m of rels.matchAll(/<(?:\w+:)?Relationship\b[^>]*>/g)) {
      if (firstSheetRel && m[0].includes(`Id="${firstSheetRel}"`))
        target = /Target="([^"]+)"/.exec(m[0])?.[1] ?? target;
    }
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
            if (inT) text += x;
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

    const styles = await readText(zip, entries.get('xl/styles.xml'));
    const customFormats = new Map<number, string>();
    for (const m of styles.matchAll(/<(?:\w+:)?numFmt\b[^>]*numFmtId="(\d+)"[^>]*formatCode="([^"]*)"/g))
      customFormats.set(Number(m[1]), m[2]!);
    const cellXfs = /<(?:\w+:)?cellXfs\b[^>]*>([\s\S]*?)<\/(?:\w+:)?cellXfs>/.exec(styles)?.[1] ?? '';
    const dateStyles = [...cellXfs.matchAll(/<(?:\w+:)?xf\b[^>]*?(?:\/>|>)/g)].map((m) => {
      const id = Number(/numFmtId="(\d+)"/.exec(m[0])?.[1] ?? 0);
      return BUILTIN_DATE_FORMATS.has(id) || (customFormats.has(id) && isDateFormat(customFormats.get(id)!));
    });
    const epoch = date1904 ? Date.UTC(1904, 0, 1) : Date.UTC(1899, 11, 30);

    yield* scanRows<SheetRow>(zip, sheet, (out) => {
      let row: unknown[] = [];
      let rowNumber = 0;
      let col = 0;
      let type = 'n';
      let style = 0;
      let value = '';
      let inValue = false;
      let lastRow = 0;
      return {
        open(name, attributes) {
          if (name === 'row') {
            const r = attribute(attributes, 'r');
            rowNumber = r ? Number(r) : lastRow + 1;
            row = [];
            col = 0;
          } else if (name === 'c') {
            const r = attribute(attributes, 'r');
            col = r ? columnIndex(r) : col + 1;
            type = attribute(attributes, 't') ?? 'n';
            const s = attribute(attributes, 's');
            style = s ? Number(s) : 0;
            value = '';
          } else if (name === 'v' || (name === 't' && type === 'inlineStr')) {
            inValue = true;
          }
        },
        text(x) {
          if (inValue) value += x;
        },
        close(name) {
          if (name === 'v' || name === 't') inValue = false;
          else if (name === 'c') {
            let v: unknown = null;
            if (type === 's') v = shared[Number(value)] ?? '';
            else if (type === 'inlineStr' || type === 'str') v = value;
            else if (type === 'b') v = value === '1';
            else if (type === 'e') v = null;
            else if (type === 'd') v = value ? new Date(value) : null;
            else if (value !== '') {
              const n = Number(value);
              v = dateStyles[style] && Number.isFinite(n) ? new Date(epoch + Math.round(n * 86400000)) : n;
            }
            row[col] = v;
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
