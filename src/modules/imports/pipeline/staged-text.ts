import { STAGED_TEXT_COLUMNS } from '../checks/row-checks.js';

// Where the NIK and the full name are in a staged row's COPY text (STAGED_TEXT_COLUMNS).
export const STAGED_NIK = STAGED_TEXT_COLUMNS.indexOf('nik');
export const STAGED_FULL_NAME = STAGED_TEXT_COLUMNS.indexOf('full_name');

/** Field `index` of a line of COPY text, unescaped (only for rows whose result is kept: not per row). */
export function stagedField(text: string, index: number): string | null {
  let start = 0;
  for (let i = 0; i < index; i++) {
    start = text.indexOf('\t', start) + 1;
    if (start === 0) return null;
  }
  const end = text.indexOf('\t', start);
  const field = text.slice(start, end < 0 ? undefined : end);
  if (field === '\\N') return null;
  return field.includes('\\') ? field.replace(/\\(.)/g, (_, c: string) => COPY_UNESCAPE[c] ?? c) : field;
}
const COPY_UNESCAPE: Record<string, string> = { t: '\t', n: '\n', r: '\r' };
