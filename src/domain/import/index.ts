// Pure rules for importing worker lists (Unggah Data): header recognition, cell parsing, domicile
// lookup, row validation and in-file duplicate hints. The pipeline that reads files and writes
// rows lives in modules/; nothing here does I/O.

export { cellText, type Parsed, type ValueIssue } from './cells.js';
export { formatDateId } from './dates.js';
export {
  duplicateKey,
  SIMILARITY_THRESHOLD,
  similarNames,
  trigramSimilarity,
  trigrams,
} from './duplicates.js';
export {
  checkMapping,
  findHeaderRow,
  type HeaderMapping,
  headerKey,
  IMPORT_FIELDS,
  type ImportField,
  type ImportFieldInfo,
  type MappingProblem,
  mapHeaders,
  recogniseHeader,
} from './headers.js';
export { occupationLabel } from './occupations.js';
export {
  createDomicileResolver,
  type DomicileInput,
  type DomicileIssue,
  type DomicileResolver,
  type DomicileResult,
  resolveDomicile,
} from './regions.js';
export {
  type ImportedWorker,
  type RowCells,
  type RowContext,
  type RowIssue,
  type RowResult,
  validateRow,
} from './row.js';
export {
  type DateOptions,
  parseBirthPlaceAndDate,
  parseDateCell,
  parseIncome,
  parseNikCell,
  parseOccupation,
  parsePhoneCell,
  parseSex,
} from './values.js';
