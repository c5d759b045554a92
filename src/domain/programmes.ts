import type { EligibilityRules, Month, Quota } from '../contracts/programmes.js';
import type { RegionCatalog } from '../contracts/regions.js';
import type { SponsorKind } from '../contracts/sponsors.js';
import { isWithin, levelOf } from './regions.js';

/** One problem with a programme's settings, named by its field's path (as the API's 422 lists them). */
export interface ProgrammeIssue {
  path: string[];
  code: string;
  message: string;
}

/** The longest period a programme may have: five years. */
export const MAX_PERIOD_MONTHS = 60;

/** '2026-01' → '2026-01-01' (how the table keeps a month). */
export const monthStart = (m: Month) => `${m}-01`;
/** '2026-01-01' → '2026-01'. */
export const monthOf = (date: string) => date.slice(0, 7);

/** Months from `start` to `end`, both counted ('2026-01'…'2026-12' → 12); 0 or less when end is before start. */
export function monthsBetween(start: Month, end: Month): number {
  const [y1, m1] = start.split('-').map(Number) as [number, number];
  const [y2, m2] = end.split('-').map(Number) as [number, number];
  return (y2 - y1) * 12 + (m2 - m1) + 1;
}

/**
 * Where a programme of this sponsor covers workers. A regency budget's programme covers its regency and
 * a village fund's its village, never more or other; any other sponsor's covers the province, or the
 * region within it the programme names.
 */
export function programmeRegion(
  sponsor: { kind: SponsorKind; region_code: string; name: string },
  requested: string | undefined,
  provinceCode: string,
  catalog: RegionCatalog,
): { ok: true; code: string } | { ok: false; issue: ProgrammeIssue } {
  const fixed = sponsor.kind === 'apbd_regency' || sponsor.kind === 'village_fund';
  if (fixed) {
    if (requested === undefined || requested === sponsor.region_code)
      return { ok: true, code: sponsor.region_code };
    const name = catalog.get(sponsor.region_code)?.name ?? sponsor.region_code;
    return {
      ok: false,
      issue: {
        path: ['regionCode'],
        code: 'PROGRAMME_REGION_FIXED',
        message: `Program ${sponsor.name} hanya mencakup ${name} (${sponsor.region_code}), wilayah Pemberi Bantuan Iurannya; wilayahnya tidak dapat diperluas atau diganti.`,
      },
    };
  }
  const code = requested ?? provinceCode;
  const region = catalog.get(code);
  if (!region) {
    return {
      ok: false,
      issue: { path: ['regionCode'], code: 'REGION_NOT_FOUND', message: `Wilayah ${code} tidak ditemukan.` },
    };
  }
  if (!isWithin(code, [provinceCode])) {
    return {
      ok: false,
      issue: {
        path: ['regionCode'],
        code: 'REGION_OUT_OF_SCOPE',
        message: `Wilayah ${code} (${region.name}) di luar provinsi ini (${provinceCode}).`,
      },
    };
  }
  return { ok: true, code };
}

/** Problems of a programme's period, quotas and eligibility rules against its region (none: valid). */
export function programmeIssues(
  p: {
    regionCode: string;
    periodStart: Month;
    periodEnd: Month;
    eligibility: EligibilityRules;
    quotas: Quota[];
  },
  catalog: RegionCatalog,
): ProgrammeIssue[] {
  const issues: ProgrammeIssue[] = [];
  const months = monthsBetween(p.periodStart, p.periodEnd);
  if (months < 1) {
    issues.push({
      path: ['periodEnd'],
      code: 'PERIOD_ORDER',
      message: `Bulan akhir (${p.periodEnd}) tidak boleh sebelum bulan mulai (${p.periodStart}).`,
    });
  } else if (months > MAX_PERIOD_MONTHS) {
    issues.push({
      path: ['periodEnd'],
      code: 'PERIOD_TOO_LONG',
      message: `Periode program paling lama ${MAX_PERIOD_MONTHS} bulan; ${p.periodStart} s.d. ${p.periodEnd} adalah ${months} bulan.`,
    });
  }

  const e = p.eligibility;
  if (e.ageMin > e.ageMax) {
    issues.push({
      path: ['eligibility', 'ageMax'],
      code: 'AGE_ORDER',
      message: `Usia maksimum (${e.ageMax}) tidak boleh lebih kecil dari usia minimum (${e.ageMin}).`,
    });
  }
  e.regionCodes?.forEach((code, i) => {
    const region = catalog.get(code);
    if (!region) {
      issues.push({
        path: ['eligibility', 'regionCodes', String(i)],
        code: 'REGION_NOT_FOUND',
        message: `Wilayah ${code} tidak ditemukan.`,
      });
    } else if (!isWithin(code, [p.regionCode])) {
      issues.push({
        path: ['eligibility', 'regionCodes', String(i)],
        code: 'REGION_OUTSIDE_PROGRAMME',
        message: `Domisili ${region.name} (${code}) di luar wilayah program (${p.regionCode}).`,
      });
    }
  });

  const seen = new Set<string>();
  let percent = 0;
  p.quotas.forEach((q, i) => {
    const path = ['quotas', String(i), 'regionCode'];
    const region = catalog.get(q.regionCode);
    if (!region) {
      issues.push({
        path,
        code: 'REGION_NOT_FOUND',
        message: `Wilayah kuota ${q.regionCode} tidak ditemukan.`,
      });
    } else if (levelOf(q.regionCode) !== 'regency') {
      issues.push({
        path,
        code: 'QUOTA_NOT_REGENCY',
        message: `Kuota diberikan per kabupaten/kota; ${region.name} (${q.regionCode}) bukan kabupaten/kota.`,
      });
    } else if (!isWithin(q.regionCode, [p.regionCode]) && !isWithin(p.regionCode, [q.regionCode])) {
      issues.push({
        path,
        code: 'QUOTA_OUTSIDE_REGION',
        message: `Kuota untuk ${region.name} (${q.regionCode}) di luar wilayah program (${p.regionCode}).`,
      });
    }
    if (seen.has(q.regionCode)) {
      issues.push({
        path,
        code: 'QUOTA_DUPLICATE',
        message: `Kuota untuk ${region?.name ?? q.regionCode} tertulis lebih dari sekali; satu kabupaten/kota satu kuota.`,
      });
    }
    seen.add(q.regionCode);
    percent += q.budgetPercent ?? 0;
  });
  if (percent > 100 + 1e-9) {
    issues.push({
      path: ['quotas'],
      code: 'QUOTA_OVER_BUDGET',
      message: `Jumlah kuota persen anggaran ${percent.toLocaleString('id-ID')}% melebihi 100%.`,
    });
  }
  return issues;
}
