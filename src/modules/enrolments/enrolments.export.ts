import { createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import type { ExportFormat } from '../../contracts/enrolments.js';
import { occupationLabel } from '../../domain/import/index.js';
import { csvLine } from '../../platform/csv.js';
import type { ResourceScope } from '../../platform/scope.js';
import { type Cell, writeXlsx } from '../imports/index.js';
import type { EnrolmentsRepo, ProgrammeFacts, RosterRow } from './enrolments.repo.js';
import type { EnrolmentPlace } from './enrolments.scope.js';

/** The roster's columns, as BPJS Ketenagakerjaan's BPU registration asks (DESIGN §4.4), then the programme's. */
export const ROSTER_HEADER = [
  'NIK',
  'NAMA LENGKAP',
  'JENIS KELAMIN',
  'TEMPAT LAHIR',
  'TANGGAL LAHIR',
  'NAMA IBU KANDUNG',
  'NO HP',
  'ALAMAT',
  'KODE WILAYAH',
  'PEKERJAAN',
  'PENGHASILAN',
  'PROGRAM BPJS',
  'NAMA PROGRAM',
  'PENANGGUNG IURAN',
  'PAKET',
  'DASAR UPAH',
  'BULAN MULAI',
  'BULAN AKHIR',
  'IURAN PER BULAN',
] as const;

const PAGE = 10_000;

/** 'DD/MM/YYYY' of an ISO date, as Indonesian spreadsheets show it. */
const dayFirst = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

function rosterCells(r: RosterRow, programme: ProgrammeFacts, asDates: boolean): Cell[] {
  const programmes = programme.include_jht ? 'JKK, JKM, JHT' : 'JKK, JKM';
  return [
    r.nik,
    r.full_name,
    r.sex,
    r.birth_place,
    asDates ? new Date(`${r.birth_date}T00:00:00Z`) : dayFirst(r.birth_date),
    r.mother_maiden_name,
    r.phone,
    r.address,
    r.village_code ?? r.district_code,
    occupationLabel(r.occupation as Parameters<typeof occupationLabel>[0]),
    r.declared_income === null ? null : Number(r.declared_income),
    programmes,
    programme.name,
    programme.sponsor_name,
    programmes,
    Number(programme.income_base),
    r.first_month.slice(0, 7),
    r.last_month.slice(0, 7),
    Number(r.monthly_cost),
  ];
}

/**
 * Writes the programme's submitted roster to `path`, a page of rows at a time (memory stays flat for
 * 100,000 rows); every text cell is formula-safe (the xlsx writer's quote prefix, csvLine's apostrophe).
 * Returns the number of workers written.
 */
export async function writeRoster(
  repo: EnrolmentsRepo,
  programme: ProgrammeFacts,
  scope: ResourceScope<EnrolmentPlace>,
  format: ExportFormat,
  path: string,
  onRows: (written: number) => void = () => {},
): Promise<number> {
  let count = 0;
  // When the file fails, the writer may still pull rows: no page is read after that, and the one being
  // read is waited for, so that no query outlives the caller's transaction.
  let stopped = false;
  let reading: Promise<unknown> = Promise.resolve();
  async function* pages(): AsyncGenerator<RosterRow[]> {
    let after: string | null = null;
    for (;;) {
      if (stopped) return;
      const page = repo.rosterPage(programme.id, scope, after, PAGE);
      reading = page.catch(() => undefined);
      const rows = await page;
      if (rows.length === 0) return;
      count += rows.length;
      yield rows;
      onRows(count);
      if (rows.length < PAGE) return;
      after = rows.at(-1)!.id;
    }
  }
  try {
    if (format === 'xlsx') {
      async function* cells(): AsyncGenerator<Cell[]> {
        yield [...ROSTER_HEADER];
        for await (const rows of pages()) for (const r of rows) yield rosterCells(r, programme, true);
      }
      await writeXlsx(path, cells(), { sheetName: 'Daftar Peserta', headerRows: [1] });
      return count;
    }
    // pipeline: a file that cannot be written fails this call instead of throwing an uncaught 'error'.
    await pipeline(async function* () {
      yield `\uFEFF${csvLine([...ROSTER_HEADER])}`;
      for await (const rows of pages()) {
        let chunk = '';
        for (const r of rows) chunk += csvLine(rosterCells(r, programme, false));
        yield chunk;
      }
    }, createWriteStream(path));
  } catch (e) {
    stopped = true;
    await reading;
    throw e;
  }
  return count;
}
