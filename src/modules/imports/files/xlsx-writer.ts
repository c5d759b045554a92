import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { finished, pipeline } from 'node:stream/promises';
import yazl from 'yazl';

/**
 * A small streaming .xlsx writer: one sheet, strings, numbers, dates, a bold header row. Text that a
 * spreadsheet would read as a formula (= + - @ …) is written as text with Excel's quote-prefix style, so
 * it stays text even when the person edits the cell. Rows are pulled from an (async) iterable, so a
 * million-row report never sits in memory.
 */
export type Cell = string | number | Date | boolean | null | undefined;

export interface XlsxWriteOptions {
  sheetName?: string;
  /** Store text in a shared-strings part as Excel itself does (used by tests to exercise readers). */
  sharedStrings?: boolean;
  /** Row numbers (1-based) to paint as a header (bold). */
  headerRows?: number[];
}

// Characters XML 1.0 cannot carry (control characters other than tab, line feed, carriage return).
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const XML_FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g;
const esc = (s: string) =>
  s
    .replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!)
    .replace(XML_FORBIDDEN, '');

const FORMULA_START = /^[=+\-@\t\r]/;

function colName(i: number): string {
  let s = '';
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

// Styles: 0 default, 1 date (dd/mm/yyyy), 2 text with quote prefix, 3 bold header.
const STYLES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/></numFmts>
<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>
<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>
<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>
<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>
<cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" quotePrefix="1" applyNumberFormat="1"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>
</styleSheet>`;

export async function writeXlsx(
  path: string,
  rows: Iterable<Cell[]> | AsyncIterable<Cell[]>,
  options: XlsxWriteOptions = {},
): Promise<void> {
  const zip = new yazl.ZipFile();
  const shared: string[] = [];
  const sharedIndex = new Map<string, number>();
  const header = new Set(options.headerRows ?? []);

  function cellXml(v: Cell, ref: string, bold: boolean): string {
    if (v === null || v === undefined || v === '') return '';
    if (typeof v === 'number' && Number.isFinite(v))
      return `<c r="${ref}"${bold ? ' s="3"' : ''}><v>${v}</v></c>`;
    if (typeof v === 'boolean') return `<c r="${ref}" t="b"><v>${v ? 1 : 0}</v></c>`;
    if (v instanceof Date) {
      const serial = (v.getTime() - Date.UTC(1899, 11, 30)) / 86400000;
      return `<c r="${ref}" s="1"><v>${serial}</v></c>`;
    }
    const text = String(v);
    const style = bold ? ' s="3"' : FORMULA_START.test(text) ? ' s="2"' : '';
    if (options.sharedStrings) {
      let i = sharedIndex.get(text);
      if (i === undefined) {
        i = shared.length;
        shared.push(text);
        sharedIndex.set(text, i);
      }
      return `<c r="${ref}" t="s"${style}><v>${i}</v></c>`;
    }
    return `<c r="${ref}" t="inlineStr"${style}><is><t xml:space="preserve">${esc(text)}</t></is></c>`;
  }

  async function* sheetXml(): AsyncGenerator<string> {
    yield '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';
    let r = 0;
    let batch = '';
    for await (const row of rows as AsyncIterable<Cell[]>) {
      r++;
      batch += `<row r="${r}">${row.map((v, i) => cellXml(v, `${colName(i)}${r}`, header.has(r))).join('')}</row>`;
      if (batch.length > 64 * 1024) {
        yield batch;
        batch = '';
      }
    }
    yield `${batch}</sheetData></worksheet>`;
  }

  const name = esc(options.sheetName ?? 'Sheet1');
  const out = createWriteStream(path);
  const done = pipeline(zip.outputStream, out);
  zip.addBuffer(
    Buffer.from(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>${options.sharedStrings ? '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>' : ''}</Types>`,
    ),
    '[Content_Types].xml',
  );
  zip.addBuffer(
    Buffer.from(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    ),
    '_rels/.rels',
  );
  zip.addBuffer(
    Buffer.from(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="${name}" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    ),
    'xl/workbook.xml',
  );
  zip.addBuffer(
    Buffer.from(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>${options.sharedStrings ? '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>' : ''}</Relationships>`,
    ),
    'xl/_rels/workbook.xml.rels',
  );
  zip.addBuffer(Buffer.from(STYLES), 'xl/styles.xml');
  if (options.sharedStrings) {
    // Shared strings are only known once all rows are written: render the sheet first.
    const parts: string[] = [];
    try {
      for await (const part of sheetXml()) parts.push(part);
    } catch (e) {
      // The rows failed: close the half-written file before passing the error on.
      (zip.outputStream as Readable).destroy(e as Error);
      await done.catch(() => {});
      throw e;
    }
    zip.addBuffer(Buffer.from(parts.join('')), 'xl/worksheets/sheet1.xml');
    zip.addBuffer(
      Buffer.from(
        `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${shared.length}" uniqueCount="${shared.length}">${shared.map((s) => `<si><t xml:space="preserve">${esc(s)}</t></si>`).join('')}</sst>`,
      ),
      'xl/sharedStrings.xml',
    );
    zip.end();
    await done;
    return;
  }
  // Streamed: a failure on either side stops the other. Output that fails (a full disk, a closed
  // download) stops reading rows; rows that fail (their query) end the file with that error.
  const sheet = Readable.from(sheetXml());
  const sheetRead = finished(sheet).catch((e: unknown) => {
    (zip.outputStream as Readable).destroy(e as Error);
    throw e;
  });
  zip.addReadStream(sheet, 'xl/worksheets/sheet1.xml');
  zip.end();
  try {
    await Promise.all([done, sheetRead]);
  } catch (e) {
    sheet.destroy();
    throw e;
  }
}
