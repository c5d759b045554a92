import { extname } from 'node:path';
import type { ResponseReport, ResponseRowError } from '../../contracts/enrolments.js';
import { cellText, headerKey, parseDateCell, parseNikCell } from '../../domain/import/index.js';
import type { Queryable } from '../../platform/db/index.js';
import { Params } from '../../platform/db/sql.js';
import type { TxContext } from '../../platform/db/unit-of-work.js';
import { AppError } from '../../platform/errors.js';
import type { ResourceScope } from '../../platform/scope.js';
import { fileError, MAX_ROWS, readCsv, readXlsx, type SheetRow } from '../imports/index.js';
import { SENT_STATUSES } from './enrolments.repo.js';
import type { EnrolmentPlace } from './enrolments.scope.js';

/** The statuses of a roster sent to BPJS, as SQL: the enrolments a response file answers. */
const SENT = `(${SENT_STATUSES.map((s) => `'${s}'`).join(', ')})`;

/** The columns of a BPJS response file, and the headers each is recognised by (compared as headerKey). */
type Column = 'nik' | 'kpj' | 'date' | 'status' | 'note';
const ALIASES: Record<Column, readonly string[]> = {
  nik: ['nik', 'noktp', 'nomorktp', 'nonik', 'nomornik', 'nomorindukkependudukan'],
  kpj: ['kpj', 'nokpj', 'nomorkpj', 'nopeserta', 'nomorpeserta', 'nokartupeserta', 'nomorkartupeserta'],
  date: [
    'tglkepesertaan',
    'tanggalkepesertaan',
    'tglefektif',
    'tanggalefektif',
    'tmt',
    'tmtkepesertaan',
    'tglmulai',
    'tanggalmulai',
  ],
  status: ['status', 'statuskepesertaan', 'statusverifikasi', 'hasil', 'hasilverifikasi'],
  note: ['keterangan', 'ket', 'alasan', 'alasanpenolakan', 'catatan'],
};
const COLUMN_OF = new Map<string, Column>();
for (const [column, keys] of Object.entries(ALIASES) as [Column, readonly string[]][])
  for (const k of keys) COLUMN_OF.set(k, column);

const ACCEPTED = new Set(['diterima', 'terima', 'accepted', 'aktif', 'berhasil', 'sukses', 'ok', 'valid']);
const REJECTED = new Set(['ditolak', 'tolak', 'rejected', 'gagal', 'tidakditerima', 'tidakvalid', 'invalid']);

/** One readable row of the file. */
export interface ResponseLine {
  row: number;
  nik: string;
  accepted: boolean;
  kpj: string | null;
  date: string | null;
  note: string | null;
}

/** Whom the file's NIKs are in the programme (its latest enrolment sent to BPJS), and their KPJ. */
interface Candidate {
  nik: string;
  worker_id: string;
  enrolment_id: string | null;
  status: string | null;
  kpj: string | null;
  coverage_start: string | null;
  rejection_reason: string | null;
}

export const MAX_LISTED_ERRORS = 1_000;
const HOW_KPJ = 'Isi 11 angka KPJ dari BPJS Ketenagakerjaan, tanpa spasi atau tanda baca.';

/** The stored file's rows (the service stores only .csv and .xlsx). */
function rowsOf(path: string): AsyncGenerator<SheetRow> {
  return extname(path).toLowerCase() === '.xlsx' ? readXlsx(path) : readCsv(path);
}

function mapHeader(cells: unknown[]): Partial<Record<Column, number>> {
  const mapping: Partial<Record<Column, number>> = {};
  cells.forEach((cell, i) => {
    const column = COLUMN_OF.get(headerKey(cellText(cell)));
    if (column && mapping[column] === undefined) mapping[column] = i;
  });
  return mapping;
}

function parseKpj(v: unknown): string | null {
  const text = typeof v === 'number' && Number.isSafeInteger(v) ? String(v) : cellText(v);
  const digits = text.replace(/^'/, '').replace(/[\s.-]/g, '');
  return digits === '' ? null : digits;
}

/** Reads and checks the file's rows (linear: one pass, one map by NIK). */
export async function readResponse(
  path: string,
  today: Date,
): Promise<{ lines: ResponseLine[]; errors: ResponseRowError[]; rows: number }> {
  const errors: ResponseRowError[] = [];
  const lines: ResponseLine[] = [];
  let header: Partial<Record<Column, number>> | null = null;
  let rows = 0;
  const err = (row: number, field: ResponseRowError['field'], code: string, message: string) =>
    errors.push({ row, field, code, message });
  try {
    for await (const { rowNumber, cells } of rowsOf(path)) {
      if (!header) {
        const m = mapHeader(cells);
        if (m.nik !== undefined && m.status !== undefined) header = m;
        else if (rowNumber >= 15) break;
        continue;
      }
      if (cells.every((c) => cellText(c) === '')) continue;
      // A CSV has no sheet's row limit: without this, a 200 MB file of short rows is millions of them
      // held in memory and applied in one transaction.
      if (++rows > MAX_ROWS)
        throw new AppError(
          'FILE_TOO_MANY_ROWS',
          `Berkas memuat lebih dari ${MAX_ROWS.toLocaleString('id-ID')} baris data. Pecah menjadi beberapa berkas.`,
        );
      const cell = (c: Column) => (header![c] === undefined ? null : cells[header![c]!]);
      const nik = parseNikCell(cell('nik'));
      if (!nik.ok) {
        err(rowNumber, 'nik', nik.code, nik.message);
        continue;
      }
      if (!/^\d{16}$/.test(nik.value)) {
        err(
          rowNumber,
          'nik',
          'NIK_INVALID',
          `NIK "${nik.value}" bukan 16 angka. Salin NIK dari daftar yang dikirim.`,
        );
        continue;
      }
      const statusKey = headerKey(cellText(cell('status')));
      const accepted = ACCEPTED.has(statusKey) ? true : REJECTED.has(statusKey) ? false : null;
      if (accepted === null) {
        err(
          rowNumber,
          'status',
          'STATUS_UNKNOWN',
          `Status "${cellText(cell('status'))}" tidak dikenal. Tulis DITERIMA atau DITOLAK.`,
        );
        continue;
      }
      const note = cellText(cell('note')) || null;
      let kpj: string | null = null;
      let date: string | null = null;
      const dateCell = cell('date');
      if (accepted) {
        kpj = parseKpj(cell('kpj'));
        if (kpj === null) {
          err(rowNumber, 'kpj', 'KPJ_MISSING', `KPJ belum diisi untuk peserta yang diterima. ${HOW_KPJ}`);
          continue;
        }
        if (!/^\d{11}$/.test(kpj)) {
          err(rowNumber, 'kpj', 'KPJ_INVALID', `KPJ "${kpj}" bukan 11 angka. ${HOW_KPJ}`);
          continue;
        }
        const d = parseDateCell(dateCell, { today });
        if (!d.ok) {
          err(rowNumber, 'date', d.code, `Tanggal kepesertaan: ${d.message}`);
          continue;
        }
        date = d.value;
      } else if (cellText(dateCell) !== '') {
        const d = parseDateCell(dateCell, { today });
        if (!d.ok) {
          err(rowNumber, 'date', d.code, `Tanggal: ${d.message}`);
          continue;
        }
        date = d.value;
      }
      lines.push({ row: rowNumber, nik: nik.value, accepted, kpj, date, note });
    }
  } catch (e) {
    fileError(e);
  }
  if (!header)
    throw new AppError(
      'HEADER_NOT_FOUND',
      'Baris judul kolom tidak ditemukan: berkas jawaban BPJS harus punya kolom NIK dan STATUS (juga KPJ, TGL KEPESERTAAN, KETERANGAN) di 15 baris pertama.',
    );
  return { lines, errors, rows };
}

const LISTED_REPEATS = 5;

/** The other rows of a repeated NIK, the first few of them: a NIK repeated on every row stays linear. */
function otherRows(rows: number[], row: number): string {
  const others: number[] = [];
  for (const r of rows) {
    if (r !== row) others.push(r);
    if (others.length > LISTED_REPEATS) break;
  }
  if (others.length <= LISTED_REPEATS) return others.join(', ');
  return `${others.slice(0, LISTED_REPEATS).join(', ')} dan ${(rows.length - 1 - LISTED_REPEATS).toLocaleString('id-ID')} baris lain`;
}

/** Rows whose NIK (or KPJ, for two different NIKs) repeats in the file: all of them are refused. */
export function refuseRepeats(lines: ResponseLine[], errors: ResponseRowError[]): ResponseLine[] {
  const byNik = new Map<string, number[]>();
  const byKpj = new Map<string, Set<string>>();
  for (const l of lines) {
    const rows = byNik.get(l.nik);
    if (rows) rows.push(l.row);
    else byNik.set(l.nik, [l.row]);
    if (l.kpj) byKpj.set(l.kpj, (byKpj.get(l.kpj) ?? new Set()).add(l.nik));
  }
  return lines.filter((l) => {
    const rows = byNik.get(l.nik)!;
    if (rows.length > 1) {
      const others = otherRows(rows, l.row);
      errors.push({
        row: l.row,
        field: 'nik',
        code: 'NIK_DUPLICATE_IN_FILE',
        message: `NIK ini muncul lagi di baris ${others}. Sisakan satu baris per NIK, lalu unggah lagi.`,
      });
      return false;
    }
    if (l.kpj && byKpj.get(l.kpj)!.size > 1) {
      errors.push({
        row: l.row,
        field: 'kpj',
        code: 'KPJ_DUPLICATE_IN_FILE',
        message: `KPJ ${l.kpj} tertulis untuk lebih dari satu NIK di berkas ini. Satu KPJ hanya milik satu orang: periksa dengan BPJS Ketenagakerjaan.`,
      });
      return false;
    }
    return true;
  });
}

export async function programmeOfNiks(q: Queryable, niks: string[], scope: ResourceScope<EnrolmentPlace>) {
  const p = new Params();
  const r = await q.query<{ programme_id: string }>(
    `SELECT DISTINCT e.programme_id FROM enrolments e JOIN workers w ON w.id = e.worker_id
      WHERE w.nik = ANY(${p.add(niks)}::text[]) AND e.status IN ${SENT}
        AND ${scope.where('e', p)} LIMIT 2`,
    p.values,
  );
  if (r.rows.length === 1) return r.rows[0]!.programme_id;
  throw new AppError(
    'PROGRAMME_REQUIRED',
    r.rows.length === 0
      ? 'Tidak satu pun NIK di berkas ini ada dalam daftar peserta yang dikirim ke BPJS. Pilih programnya (--programme).'
      : 'NIK di berkas ini ada dalam daftar lebih dari satu program. Pilih programnya (--programme).',
  );
}

export async function candidates(
  q: Queryable,
  programmeId: string,
  niks: string[],
  scope: ResourceScope<EnrolmentPlace>,
): Promise<Map<string, Candidate>> {
  const p = new Params();
  const programme = p.add(programmeId);
  const r = await q.query<Candidate>(
    `SELECT DISTINCT ON (w.nik) w.nik, w.id AS worker_id, e.id AS enrolment_id, e.status, pn.kpj,
            e.coverage_start::text AS coverage_start, e.rejection_reason
       FROM workers w
       LEFT JOIN enrolments e ON e.worker_id = w.id AND e.programme_id = ${programme}::uuid
            AND e.status IN ${SENT} AND ${scope.where('e', p)}
       LEFT JOIN participant_numbers pn ON pn.worker_id = w.id
      WHERE w.nik = ANY(${p.add(niks)}::text[])
      ORDER BY w.nik, (e.status = 'submitted') DESC NULLS LAST, e.id DESC`,
    p.values,
  );
  return new Map(r.rows.map((c) => [c.nik, c]));
}

export async function kpjHolders(q: Queryable, kpjs: string[]): Promise<Map<string, string>> {
  if (kpjs.length === 0) return new Map();
  const r = await q.query<{ kpj: string; worker_id: string }>(
    'SELECT kpj, worker_id FROM participant_numbers WHERE kpj = ANY($1::text[])',
    [kpjs],
  );
  return new Map(r.rows.map((x) => [x.kpj, x.worker_id]));
}

interface Activation {
  id: string;
  kpj: string;
  start: string;
}
interface Rejection {
  id: string;
  reason: string;
  on: string;
}

const DEFAULT_REJECTION = 'Ditolak BPJS Ketenagakerjaan (tanpa keterangan)';

/** Decides each line against the database: an activation, a rejection, unchanged, or an error. */
export function decide(
  lines: ResponseLine[],
  found: Map<string, Candidate>,
  holders: Map<string, string>,
  today: string,
  errors: ResponseRowError[],
) {
  const activations: Activation[] = [];
  const rejections: Rejection[] = [];
  let unchanged = 0;
  const err = (l: ResponseLine, field: ResponseRowError['field'], code: string, message: string) =>
    errors.push({ row: l.row, field, code, message });
  for (const l of lines) {
    const c = found.get(l.nik);
    if (!c) {
      err(l, 'nik', 'NIK_UNKNOWN', 'NIK tidak terdaftar di Payung. Periksa NIK dengan daftar yang dikirim.');
      continue;
    }
    if (!c.enrolment_id) {
      err(
        l,
        'nik',
        'NIK_NOT_IN_ROSTER',
        'NIK ini tidak ada dalam daftar peserta program ini yang dikirim ke BPJS. Periksa program yang dipilih, atau ekspor daftarnya dulu.',
      );
      continue;
    }
    if (l.accepted) {
      const holder = holders.get(l.kpj!);
      if (holder && holder !== c.worker_id) {
        err(
          l,
          'kpj',
          'KPJ_TAKEN',
          `KPJ ${l.kpj} sudah dimiliki pekerja lain. Satu KPJ milik satu orang seumur hidup: periksa dengan BPJS Ketenagakerjaan.`,
        );
        continue;
      }
      if (c.kpj && c.kpj !== l.kpj) {
        err(
          l,
          'kpj',
          'KPJ_MISMATCH',
          `Pekerja ini sudah memiliki KPJ ${c.kpj}; seorang peserta memakai KPJ yang sama seumur hidup. Periksa dengan BPJS Ketenagakerjaan.`,
        );
        continue;
      }
      if (c.status === 'active') {
        if (c.coverage_start === l.date) unchanged++;
        else
          err(
            l,
            'date',
            'ENROLMENT_ALREADY_ACTIVE',
            `Kepesertaan ini sudah aktif sejak ${c.coverage_start}; tanggal di berkas (${l.date}) berbeda. Akhiri kepesertaan lebih dulu bila memang berubah.`,
          );
        continue;
      }
      if (c.status === 'rejected') {
        err(
          l,
          'status',
          'ENROLMENT_ALREADY_REJECTED',
          'Kepesertaan ini sudah tercatat ditolak BPJS. Usulkan lagi dalam alokasi berikutnya bila kini diterima.',
        );
        continue;
      }
      activations.push({ id: c.enrolment_id, kpj: l.kpj!, start: l.date! });
    } else {
      if (c.status === 'rejected') {
        unchanged++;
        continue;
      }
      if (c.status === 'active') {
        err(
          l,
          'status',
          'ENROLMENT_ALREADY_ACTIVE',
          'Kepesertaan ini sudah aktif; berkas menyatakan ditolak. Periksa dengan BPJS Ketenagakerjaan.',
        );
        continue;
      }
      rejections.push({ id: c.enrolment_id, reason: l.note ?? DEFAULT_REJECTION, on: l.date ?? today });
    }
  }
  return { activations, rejections, unchanged };
}

/**
 * Accepted rows, set-based: the KPJ recorded for life, the enrolment active, its history. The file's one
 * audit event (`enrolment.response`, with the counts) stands for its rows; each enrolment's history row
 * says who changed it and when (one audit row per enrolment would double the time of a 100,000-row file).
 */
export async function activate(tx: TxContext, list: Activation[]): Promise<number> {
  if (list.length === 0) return 0;
  const p = new Params();
  const at = p.add(tx.now);
  const r = await tx.tx.query<{ n: number }>(
    `WITH input AS (
               SELECT * FROM unnest(${p.add(list.map((a) => a.id))}::uuid[], ${p.add(list.map((a) => a.kpj))}::text[],
                                    ${p.add(list.map((a) => a.start))}::date[]) AS t(id, kpj, start)
             ), changed AS (
               UPDATE enrolments e SET status = 'active', kpj = i.kpj, coverage_start = i.start,
                      version = e.version + 1, updated_at = ${at}::timestamptz
                 FROM input i WHERE e.id = i.id AND e.status = 'submitted'
               RETURNING e.id, e.worker_id, i.kpj, i.start
             ), numbers AS (
               INSERT INTO participant_numbers (kpj, worker_id, recorded_at)
               SELECT kpj, worker_id, ${at}::timestamptz FROM changed
               -- A worker keeps its KPJ (checked above to be this one); a KPJ another worker took
               -- meanwhile fails the whole file (23505) rather than being recorded twice.
               ON CONFLICT (worker_id) DO NOTHING
             ), events AS (
               INSERT INTO enrolment_events (enrolment_id, at, effective_on, from_status, to_status, reason, actor_id, actor_label)
               SELECT id, ${at}::timestamptz, start, 'submitted', 'active', 'Diterima BPJS Ketenagakerjaan (berkas jawaban)',
                      ${p.add(tx.actor.id)}, ${p.add(tx.actor.label)}
                 FROM changed
             )
     SELECT count(*)::int AS n FROM changed`,
    p.values,
  );
  return r.rows[0]?.n ?? 0;
}

/** Rejected rows, set-based: status rejected with BPJS's reason, and the history. */
export async function reject(tx: TxContext, list: Rejection[]): Promise<number> {
  if (list.length === 0) return 0;
  const p = new Params();
  const at = p.add(tx.now);
  const r = await tx.tx.query<{ n: number }>(
    `WITH input AS (
               SELECT * FROM unnest(${p.add(list.map((a) => a.id))}::uuid[], ${p.add(list.map((a) => a.reason))}::text[],
                                    ${p.add(list.map((a) => a.on))}::date[]) AS t(id, reason, on_date)
             ), changed AS (
               UPDATE enrolments e SET status = 'rejected', rejection_reason = i.reason,
                      version = e.version + 1, updated_at = ${at}::timestamptz
                 FROM input i WHERE e.id = i.id AND e.status = 'submitted'
               RETURNING e.id, e.district_code, i.reason, i.on_date
             ), events AS (
               INSERT INTO enrolment_events (enrolment_id, at, effective_on, from_status, to_status, reason, actor_id, actor_label)
               SELECT id, ${at}::timestamptz, on_date, 'submitted', 'rejected', reason,
                      ${p.add(tx.actor.id)}, ${p.add(tx.actor.label)}
                 FROM changed
             )
     SELECT count(*)::int AS n FROM changed`,
    p.values,
  );
  return r.rows[0]?.n ?? 0;
}

export function summaryOf(r: Omit<ResponseReport, 'summary' | 'programmeId' | 'fileName'>): string {
  const n = (x: number) => x.toLocaleString('id-ID');
  const verb = r.dryRun ? 'akan' : '';
  if (r.activated + r.rejected === 0 && r.unchanged > 0 && r.errorCount === 0)
    return `Tidak ada perubahan: ${n(r.unchanged)} baris sudah tercatat sama (berkas ini pernah diproses).`;
  return [
    `${n(r.rows)} baris dibaca`,
    `${n(r.activated)} ${verb} aktif`.replace('  ', ' '),
    `${n(r.rejected)} ${verb} ditolak`.replace('  ', ' '),
    `${n(r.unchanged)} sudah tercatat sama`,
    `${n(r.errorCount)} baris bermasalah`,
  ].join(', ');
}
