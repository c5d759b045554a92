import type { Issue } from '../../contracts/common.js';
import type { RegionCatalog } from '../../contracts/regions.js';
import type { Occupation, Worker } from '../../contracts/workers.js';
import { ageOn } from '../../domain/age.js';
import { maskName, maskNik, maskPhone } from '../../domain/mask.js';
import type { WorkerRow } from './workers.repo.js';

/** "Desa X, Kec. Y, Kota Palembang": the domicile as people say it. */
export function domicileLabel(catalog: RegionCatalog, code: string): string {
  const path = catalog.path(code).reverse();
  return path
    .filter((r) => r.level !== 'province')
    .map((r) =>
      r.level === 'district' ? `Kec. ${r.name}` : r.level === 'village' ? `Desa/Kel. ${r.name}` : r.name,
    )
    .join(', ');
}

/**
 * The API shape of a worker; the one place rows become responses. `masked` hides the NIK, phone and
 * mother's maiden name (lists, search results, roles that may not see them) — and the birth date: the
 * masked NIK (`1671********0001`) hides the issuing district and the birth date (DDMMYY, day +40 for
 * women), so a masked record beside its birth date and sex would give the hidden digits back
 * (docs/decisions/0014-masked-lists-without-birth-date.md). The age stays: it leaves day and month open.
 */
export function presentWorker(
  row: WorkerRow,
  catalog: RegionCatalog,
  now: Date,
  warnings?: Issue[],
  masked = false,
): Worker {
  const domicileCode = row.village_code ?? row.district_code;
  return {
    id: row.id,
    nik: masked ? maskNik(row.nik) : row.nik,
    fullName: row.full_name,
    sex: row.sex,
    birthPlace: row.birth_place,
    birthDate: masked ? null : row.birth_date,
    age: ageOn(row.birth_date, now),
    motherMaidenName: masked ? maskName(row.mother_maiden_name) : row.mother_maiden_name,
    phone: masked ? maskPhone(row.phone) : row.phone,
    address: row.address,
    domicileCode,
    provinceCode: row.province_code,
    regencyCode: row.regency_code,
    districtCode: row.district_code,
    villageCode: row.village_code,
    domicileLabel: domicileLabel(catalog, domicileCode),
    occupation: row.occupation as Occupation,
    declaredIncome: row.declared_income,
    vulnerability: {
      inWelfareRegister: row.in_welfare_register,
      hasDisability: row.has_disability,
      isFemaleHeadOfHousehold: row.is_female_head_of_household,
    },
    consent: {
      method: row.consent_method as Worker['consent']['method'],
      givenAt: row.consent_given_at.toISOString(),
      recordedBy: row.consent_recorded_by,
    },
    isActive: row.is_active,
    deactivation:
      row.deactivation_reason && row.deactivated_at
        ? { reason: row.deactivation_reason, at: row.deactivated_at.toISOString() }
        : null,
    version: row.version,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    isMasked: masked,
    ...(warnings && warnings.length > 0 ? { warnings } : {}),
  };
}
