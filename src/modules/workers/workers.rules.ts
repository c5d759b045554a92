import type { Issue } from '../../contracts/common.js';
import type { RegionCatalog } from '../../contracts/regions.js';
import type { WorkerCreate } from '../../contracts/workers.js';
import { nameSearchKey, normalizeName } from '../../domain/names.js';
import { checkNik, sexAndBirthDateAgree } from '../../domain/nik.js';
import { normalizePhone } from '../../domain/phone.js';
import { isWithin } from '../../domain/regions.js';
import { AppError } from '../../platform/errors.js';
import type { WorkerFields } from './workers.repo.js';

/**
 * The one answer to "this NIK is registered already", wherever the person lives: the same words in or
 * out of the actor's region, nothing about the holder (name, region), and whom to contact. Only a
 * holder the actor may see anyway is linked (`details.workerId`).
 */
export const NIK_REGISTERED_MESSAGE =
  'NIK ini sudah terdaftar di Payung, jadi tidak dapat didaftarkan lagi. Bila pekerja ini ada di wilayah Anda, ' +
  'buka datanya dan perbarui di sana; bila tidak muncul di pencarian Anda, hubungi Disnakertrans provinsi ' +
  '(administrator Payung) untuk pemindahan datanya.';

/** A rule failure tied to a field; the API returns these in `details.issues`. */
export interface FieldIssue {
  path: string[];
  code: string;
  message: string;
  messageEn?: string;
}

export type WorkerInput = Omit<WorkerCreate, 'consent'>;

export interface CheckedWorker {
  fields: Omit<WorkerFields, 'consent_method' | 'consent_given_at' | 'consent_recorded_by' | 'source'>;
  warnings: Issue[];
}

/**
 * Every rule a worker record must satisfy, whichever entry point it came through (form, API, CLI,
 * import). Collects all problems so the person fixes them in one pass.
 */
export function checkWorker(
  input: WorkerInput,
  deps: { catalog: RegionCatalog; provinceCode: string; now: Date },
): { ok: true; value: CheckedWorker } | { ok: false; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const warnings: Issue[] = [];

  const nik = checkNik(input.nik, deps.catalog, deps.now);
  for (const e of nik.errors)
    issues.push({ path: ['nik'], code: e.code, message: e.message, messageEn: e.messageEn });
  for (const w of nik.warnings)
    warnings.push({ field: 'nik', code: w.code, message: w.message, messageEn: w.messageEn });
  if (nik.valid) {
    for (const m of sexAndBirthDateAgree(nik, input.sex, input.birthDate)) {
      issues.push({
        path: [m.code === 'NIK_SEX_MISMATCH' ? 'sex' : 'birthDate'],
        code: m.code,
        message: m.message,
        messageEn: m.messageEn,
      });
    }
  }

  const fullName = normalizeName(input.fullName);
  if (/[<>]/.test(fullName) || /^[=+\-@]/.test(fullName)) {
    issues.push({
      path: ['fullName'],
      code: 'NAME_INVALID_CHARACTERS',
      message:
        'Nama tidak boleh memuat tanda < atau > dan tidak boleh diawali =, +, - atau @. Tulis nama sesuai KTP.',
      messageEn: 'The name must not contain < or > nor start with =, +, - or @.',
    });
  }

  const domicile = deps.catalog.get(input.domicileCode);
  let region: Pick<WorkerFields, 'province_code' | 'regency_code' | 'district_code' | 'village_code'> | null =
    null;
  if (!domicile) {
    issues.push({
      path: ['domicileCode'],
      code: 'REGION_NOT_FOUND',
      message: `Kode wilayah ${input.domicileCode} tidak ditemukan. Pilih desa/kelurahan dari daftar wilayah.`,
      messageEn: `Region code ${input.domicileCode} does not exist.`,
    });
  } else if (!isWithin(domicile.code, [deps.provinceCode])) {
    issues.push({
      path: ['domicileCode'],
      code: 'REGION_OUT_OF_PROVINCE',
      message: `Domisili ${domicile.name} (${domicile.code}) berada di luar provinsi ${deps.provinceCode}. Payung di sini hanya mencatat pekerja yang berdomisili di provinsi ini.`,
      messageEn: `Domicile ${domicile.code} is outside province ${deps.provinceCode}.`,
    });
  } else if (domicile.level !== 'district' && domicile.level !== 'village') {
    issues.push({
      path: ['domicileCode'],
      code: 'REGION_TOO_COARSE',
      message: 'Domisili harus sampai kecamatan, sebaiknya desa/kelurahan.',
      messageEn: 'The domicile must be a district or, better, a village.',
    });
  } else {
    const [p, r, d] = domicile.code.split('.');
    region = {
      province_code: p!,
      regency_code: `${p}.${r}`,
      district_code: `${p}.${r}.${d}`,
      village_code: domicile.level === 'village' ? domicile.code : null,
    };
  }

  let phone: string | null = null;
  if (input.phone) {
    const ph = normalizePhone(input.phone);
    if (ph.ok) phone = ph.value;
    else issues.push({ path: ['phone'], code: ph.code, message: ph.message, messageEn: ph.messageEn });
  }

  if (issues.length > 0 || !region) return { ok: false, issues };
  const v = input.vulnerability;
  return {
    ok: true,
    value: {
      warnings,
      fields: {
        nik: nik.nik,
        full_name: fullName,
        name_key: nameSearchKey(fullName),
        sex: input.sex,
        birth_place: input.birthPlace ? normalizeName(input.birthPlace) : null,
        birth_date: input.birthDate,
        mother_maiden_name: input.motherMaidenName ? normalizeName(input.motherMaidenName) : null,
        phone,
        address: input.address?.trim() || null,
        ...region,
        occupation: input.occupation,
        declared_income: input.declaredIncome ?? null,
        in_welfare_register: v?.inWelfareRegister ?? false,
        has_disability: v?.hasDisability ?? false,
        is_female_head_of_household: v?.isFemaleHeadOfHousehold ?? false,
      },
    },
  };
}

export function validationError(issues: FieldIssue[]): AppError {
  const first = issues[0];
  const more = issues.length > 1 ? ` (dan ${issues.length - 1} masalah lain)` : '';
  return new AppError('VALIDATION_FAILED', `Data belum benar: ${first?.message ?? ''}${more}`, { issues });
}
