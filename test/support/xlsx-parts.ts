import yazl from 'yazl';

/** The column name of a 0-based column index: 0 → A, 16383 → XFD. */
export function columnName(index: number): string {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26))
    name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

const esc = (s: string) => s.replaceAll('&', '&amp;').replaceAll('<', '&lt;');

/** A worksheet row of text cells, as `<row>` XML. */
export function textRow(rowNumber: number, cells: string[]): string {
  const cs = cells.map(
    (c, i) => `<c r="${columnName(i)}${rowNumber}" t="inlineStr"><is><t>${esc(c)}</t></is></c>`,
  );
  return `<row r="${rowNumber}">${cs.join('')}</row>`;
}

/** The parts of a one-sheet workbook around the sheet's `<sheetData>` content; `parts` replace or add parts. */
export function workbookParts(sheetData: string, parts: Record<string, string | Buffer> = {}) {
  return {
    'xl/workbook.xml':
      '<workbook xmlns:r="urn:r"><sheets><sheet name="Data" sheetId="1" r:id="rId1"/></sheets></workbook>',
    'xl/_rels/workbook.xml.rels':
      '<Relationships><Relationship Id="rId1" Type="worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
    'xl/worksheets/sheet1.xml': `<worksheet><sheetData>${sheetData}</sheetData></worksheet>`,
    ...parts,
  };
}

/** An .xlsx archive holding these parts exactly as given (for files no spreadsheet would write). */
export async function xlsxFromParts(parts: Record<string, string | Buffer>): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const [name, content] of Object.entries(parts))
    zip.addBuffer(Buffer.isBuffer(content) ? content : Buffer.from(content), name);
  zip.end();
  const chunks: Buffer[] = [];
  for await (const c of zip.outputStream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

/**
 * The archive with part `name` declared, in its central directory (what readers trust), to expand to
 * `size` bytes: a part that lies about its size.
 */
export function declareSize(zip: Buffer, name: string, size: number): Buffer {
  const out = Buffer.from(zip);
  const entrySignature = Buffer.from([0x50, 0x4b, 0x01, 0x02]);
  for (let at = out.indexOf(entrySignature); at !== -1; at = out.indexOf(entrySignature, at + 1)) {
    const nameLength = out.readUInt16LE(at + 28);
    if (out.toString('utf8', at + 46, at + 46 + nameLength) !== name) continue;
    out.writeUInt32LE(size, at + 24);
    return out;
  }
  throw new Error(`${name} not in the archive`);
}
