import { MONTHS_EN, MONTHS_ID } from '../../../src/contracts/months.js';
import type { Lang } from '../app/i18n.js';

const MONTHS: Record<Lang, readonly string[]> = { id: MONTHS_ID, en: MONTHS_EN };

/** '1975-08-17' → '17 Agustus 1975'. Read as a calendar date, never through a time zone. */
export function formatDate(iso: string | null | undefined, lang: Lang): string {
  const m = iso ? /^(\d{4})-(\d{2})-(\d{2})/.exec(iso) : null;
  if (!m) return iso ?? '';
  const month = MONTHS[lang][Number(m[2]) - 1];
  return month ? `${Number(m[3])} ${month} ${m[1]}` : (iso ?? '');
}

/** An instant in the viewer's local time, as its date and its clock time: ['17 Agustus 2025', '09.30']. */
export function dateTimeParts(iso: string, lang: Lang): [string, string] | null {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return null;
  const pad = (n: number) => String(n).padStart(2, '0');
  const date = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  const sep = lang === 'id' ? '.' : ':';
  return [formatDate(date, lang), `${pad(d.getHours())}${sep}${pad(d.getMinutes())}`];
}

/** An instant in the viewer's local time: '17 Agustus 2025, 09.30'. */
export function formatDateTime(iso: string | null | undefined, lang: Lang): string {
  if (!iso) return '';
  const parts = dateTimeParts(iso, lang);
  return parts ? parts.join(', ') : iso;
}

const NUMBER = new Intl.NumberFormat('id-ID', { maximumFractionDigits: 0 });
const PERCENT = new Intl.NumberFormat('id-ID', { style: 'percent', maximumFractionDigits: 1 });

/** 1234567 → '1.234.567' (Indonesian grouping in both languages, as on official documents). */
export function formatNumber(n: number): string {
  return NUMBER.format(Math.trunc(n));
}

/** 0.125 → '12,5%' (a share, Indonesian style in both languages). */
export function formatPercent(share: number): string {
  return PERCENT.format(share);
}

/** 1500000 → 'Rp 1.500.000' */
export function formatMoney(n: number | null | undefined): string {
  return n === null || n === undefined ? '' : `Rp ${formatNumber(n)}`;
}

/** Digits typed as '1.500.000', 'Rp 1.500.000' or '1500000' → 1500000; '' → null; anything else → NaN. */
export function parseRupiah(text: string): number | null {
  const t = text.trim().replace(/^rp\.?\s*/i, '');
  if (t === '') return null;
  if (!/^\d{1,3}(\.\d{3})*$|^\d+$/.test(t)) return Number.NaN;
  return Number(t.replace(/\./g, ''));
}

/** The digits of a NIK as typed or pasted with spaces, dots or dashes. */
export function nikDigits(text: string): string {
  return text.replace(/\D/g, '');
}

/**
 * '+6281234567890' → '0812-3456-7890': a phone as the form's hint writes it and as people say it, also
 * when masked ('+62812******90' → '0812-****-**90'). Numbers not in +62 form are shown as stored.
 */
export function formatPhone(phone: string | null | undefined): string {
  if (!phone) return '';
  if (!/^\+62[\d*]{6,}$/.test(phone)) return phone;
  const local = `0${phone.slice(3)}`;
  const groups = [local.slice(0, 4), local.slice(4, 8), local.slice(8)].filter(Boolean);
  return groups.join('-');
}

/** '1975-08-17' → '17/08/1975': how a date is typed here, whatever the browser's language. */
export function isoToDayMonthYear(iso: string | null | undefined): string {
  const m = iso ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso) : null;
  return m ? `${m[3]}/${m[2]}/${m[1]}` : '';
}

/**
 * A date typed day first — '17/08/1975', '17-8-1975', '17.08.1975' — → '1975-08-17'; '' → '';
 * null when it is not a real calendar date written that way.
 */
export function parseDayMonthYear(text: string): string | null {
  const t = text.trim();
  if (t === '') return '';
  const m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(t);
  if (!m) return null;
  const [day, month, year] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  return `${m[3]}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
