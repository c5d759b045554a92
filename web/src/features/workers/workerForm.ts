import { z } from 'zod';
import {
  type Worker,
  WorkerCreate,
  type WorkerCreate as WorkerCreateBody,
  WorkerPatch,
  type WorkerPatch as WorkerPatchBody,
} from '../../../../src/contracts/workers.js';
import type { FieldIssue } from '../../api/api.js';
import type { Lang, Translate } from '../../app/i18n.js';
import { formatPhone, isoToDayMonthYear, parseDayMonthYear, parseRupiah } from '../../ui/format.js';

/** What the form holds: text as typed, turned into a request body only on submit. */
export interface WorkerFormState {
  nik: string;
  fullName: string;
  sex: '' | 'L' | 'P';
  birthPlace: string;
  /** As typed, day first: '17/08/1975' (never the browser's own date widget, whose order follows its language). */
  birthDate: string;
  motherMaidenName: string;
  phone: string;
  address: string;
  domicileCode: string;
  occupation: string;
  declaredIncome: string;
  inWelfareRegister: boolean;
  hasDisability: boolean;
  isFemaleHeadOfHousehold: boolean;
  consentMethod: string;
  /** The day consent was given, typed day first ('17/08/2025'); empty means "now". */
  consentGivenAt: string;
  consentConfirmed: boolean;
}

/** Field key ('nik', 'consent.method', …) → message. */
export type FieldErrors = Record<string, string>;

export const EMPTY_FORM: WorkerFormState = {
  nik: '',
  fullName: '',
  sex: '',
  birthPlace: '',
  birthDate: '',
  motherMaidenName: '',
  phone: '',
  address: '',
  domicileCode: '',
  occupation: '',
  declaredIncome: '',
  inWelfareRegister: false,
  hasDisability: false,
  isFemaleHeadOfHousehold: false,
  consentMethod: '',
  consentGivenAt: '',
  consentConfirmed: false,
};

export function formFromWorker(w: Worker): WorkerFormState {
  return {
    ...EMPTY_FORM,
    nik: w.nik,
    fullName: w.fullName,
    sex: w.sex,
    birthPlace: w.birthPlace ?? '',
    birthDate: isoToDayMonthYear(w.birthDate),
    motherMaidenName: w.motherMaidenName ?? '',
    phone: formatPhone(w.phone),
    address: w.address ?? '',
    domicileCode: w.domicileCode,
    occupation: w.occupation,
    declaredIncome: w.declaredIncome === null ? '' : String(w.declaredIncome),
    ...w.vulnerability,
  };
}

const optional = (s: string) => (s.trim() === '' ? null : s.trim());

/** The fields both a registration and a change carry, as the API wants them. */
function commonBody(s: WorkerFormState) {
  return {
    nik: s.nik.trim(),
    fullName: s.fullName.trim(),
    sex: s.sex || undefined,
    birthPlace: optional(s.birthPlace),
    birthDate: parseDayMonthYear(s.birthDate) || undefined,
    motherMaidenName: optional(s.motherMaidenName),
    phone: optional(s.phone),
    address: optional(s.address),
    domicileCode: s.domicileCode || undefined,
    occupation: s.occupation || undefined,
    declaredIncome: parseRupiah(s.declaredIncome),
    vulnerability: {
      inWelfareRegister: s.inWelfareRegister,
      hasDisability: s.hasDisability,
      isFemaleHeadOfHousehold: s.isFemaleHeadOfHousehold,
    },
  };
}

const REQUIRED: { key: string; isMissing(s: WorkerFormState): boolean; createOnly?: boolean }[] = [
  { key: 'nik', isMissing: (s) => s.nik.trim() === '' },
  { key: 'fullName', isMissing: (s) => s.fullName.trim() === '' },
  { key: 'sex', isMissing: (s) => s.sex === '' },
  { key: 'birthDate', isMissing: (s) => s.birthDate === '' },
  { key: 'domicileCode', isMissing: (s) => s.domicileCode === '' },
  { key: 'occupation', isMissing: (s) => s.occupation === '' },
  { key: 'consent.method', isMissing: (s) => s.consentMethod === '', createOnly: true },
];

/**
 * Checks the form with the same schemas the server uses, after friendlier checks for what is simply
 * missing. Returns the body to send, or the problems field by field.
 */
export function validateCreate(
  s: WorkerFormState,
  t: Translate,
  lang: Lang,
): { ok: true; body: WorkerCreateBody } | { ok: false; errors: FieldErrors } {
  const errors = basicErrors(s, t, 'create');
  if (!s.consentConfirmed) errors.consentConfirmed = t('form.consentConfirmMissing');
  const consentDay = parseDayMonthYear(s.consentGivenAt);
  if (consentDay === null) errors['consent.givenAt'] = t('form.dateInvalid');
  const givenAt = consentDay ? consentGivenAt(consentDay) : null;
  const body = {
    ...commonBody(s),
    consent: {
      method: s.consentMethod || undefined,
      ...(givenAt ? { givenAt } : {}),
    },
  };
  return finish(WorkerCreate, body, errors, lang);
}

/** Only what changed since the record was loaded, with the version it was loaded at. */
export function validatePatch(
  s: WorkerFormState,
  original: WorkerFormState,
  version: number,
  t: Translate,
  lang: Lang,
): { ok: true; body: WorkerPatchBody } | { ok: false; errors: FieldErrors } {
  const errors = basicErrors(s, t, 'edit');
  const now = commonBody(s);
  const before = commonBody(original);
  const changed: Record<string, unknown> = { version };
  for (const key of Object.keys(now) as (keyof typeof now)[]) {
    if (JSON.stringify(now[key]) !== JSON.stringify(before[key])) changed[key] = now[key];
  }
  return finish(WorkerPatch, changed, errors, lang);
}

/** Consent given on an earlier day: noon of that day, local time; today means now (left out). */
function consentGivenAt(day: string): string | null {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const now = new Date();
  if (y === now.getFullYear() && m === now.getMonth() + 1 && d === now.getDate()) return null;
  return new Date(y, m - 1, d, 12).toISOString();
}

function basicErrors(s: WorkerFormState, t: Translate, mode: 'create' | 'edit'): FieldErrors {
  const errors: FieldErrors = {};
  for (const r of REQUIRED) {
    if ((mode === 'create' || !r.createOnly) && r.isMissing(s)) errors[r.key] = t('form.required');
  }
  if (s.birthDate !== '' && parseDayMonthYear(s.birthDate) === null) errors.birthDate = t('form.dateInvalid');
  if (Number.isNaN(parseRupiah(s.declaredIncome))) errors.declaredIncome = t('form.incomeInvalid');
  if (s.domicileCode && s.domicileCode.split('.').length < 3)
    errors.domicileCode = t('form.domicileTooCoarse');
  return errors;
}

function finish<T>(
  schema: z.ZodType<T>,
  body: unknown,
  errors: FieldErrors,
  lang: Lang,
): { ok: true; body: T } | { ok: false; errors: FieldErrors } {
  z.config(lang === 'en' ? z.locales.en() : z.locales.id());
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key = issue.path.map(String).join('.') || 'form';
      errors[key] ??= issue.message;
    }
  }
  if (Object.keys(errors).length > 0 || !parsed.success) return { ok: false, errors };
  return { ok: true, body: parsed.data };
}

/** The server's field-by-field problems, in the viewer's language when the server gave both. */
export function errorsFromIssues(issues: FieldIssue[], lang: Lang): FieldErrors {
  const errors: FieldErrors = {};
  for (const i of issues) {
    const key = i.path.join('.') || 'form';
    const message = lang === 'en' && i.messageEn ? i.messageEn : i.message;
    errors[key] = errors[key] ? `${errors[key]} ${message}` : message;
  }
  return errors;
}
