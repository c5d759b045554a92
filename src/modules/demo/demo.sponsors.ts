import type { App } from '../../app.js';
import { EligibilityRules, PriorityWeights, type Quota } from '../../contracts/programmes.js';
import type { SponsorKind } from '../../contracts/sponsors.js';
import { newContext, systemActor } from '../../platform/context.js';
import { createSponsorsRepo } from '../sponsors/index.js';

/**
 * Demo sponsors of every common kind (DESIGN §5), in the deployment's province. `key` names one for the
 * demo users and programmes; the companies are fictional.
 */
export function demoSponsors(provinceCode: string): {
  key: string;
  kind: SponsorKind;
  name: string;
  regionCode: string;
  contactName: string;
  contactEmail: string;
}[] {
  return [
    {
      key: 'province',
      kind: 'apbd_province',
      name: 'Pemerintah Provinsi (APBD Provinsi)',
      regionCode: provinceCode,
      contactName: 'Bidang Jaminan Sosial Disnakertrans',
      contactEmail: 'jamsos.disnakertrans@payung.local',
    },
    {
      key: 'palembang',
      kind: 'apbd_regency',
      name: 'Pemerintah Kota Palembang (APBD Kota)',
      regionCode: `${provinceCode}.71`,
      contactName: 'Bagian Keuangan Disnaker Kota',
      contactEmail: 'keuangan.disnaker@payung.local',
    },
    {
      key: 'village',
      kind: 'village_fund',
      name: 'Dana Desa',
      regionCode: `${provinceCode}.10.01.2005`,
      contactName: 'Kepala Desa',
      contactEmail: 'kades@payung.local',
    },
    {
      key: 'bumn',
      kind: 'csr_bumn',
      name: 'PT Energi Nusantara Sejahtera (Persero) — CSR',
      regionCode: provinceCode,
      contactName: 'Divisi TJSL',
      contactEmail: 'tjsl@energi-nusantara.example',
    },
    {
      key: 'private',
      kind: 'csr_private',
      name: 'PT Kebun Lestari Makmur — CSR',
      regionCode: `${provinceCode}.10`,
      contactName: 'Manajer CSR',
      contactEmail: 'csr@kebunlestari.example',
    },
    {
      key: 'baznas',
      kind: 'zakat',
      name: 'BAZNAS Provinsi',
      regionCode: provinceCode,
      contactName: 'Bidang Pendistribusian',
      contactEmail: 'distribusi@baznas.example',
    },
  ];
}

type DemoApp = Pick<App, 'db' | 'config' | 'catalog'>;

/**
 * Adds the demo sponsors that do not exist yet (a village that the region catalog lacks is left out);
 * returns every demo sponsor's id by key.
 */
export async function seedDemoSponsors(app: DemoApp): Promise<Map<string, string>> {
  const repo = createSponsorsRepo(app.db);
  const ids = new Map<string, string>();
  for (const s of demoSponsors(app.config.provinceCode)) {
    const region = s.kind === 'village_fund' ? firstVillage(app, s.regionCode) : s.regionCode;
    const place = region ? app.catalog.get(region) : undefined;
    if (!region || !place) continue;
    // A village fund is called after its village: 'Dana Desa Munggu'.
    const name = s.kind === 'village_fund' ? `${s.name} ${place.name}` : s.name;
    const found = await app.db.query<{ id: string }>(
      'SELECT id FROM sponsors WHERE lower(name) = lower($1) AND region_code = $2',
      [name, region],
    );
    const id =
      found.rows[0]?.id ??
      (
        await repo.insert({
          kind: s.kind,
          name,
          region_code: region,
          contact_name: s.contactName,
          contact_phone: null,
          contact_email: s.contactEmail,
        })
      ).id;
    ids.set(s.key, id);
  }
  return ids;
}

/** The first village of the district the demo names (village codes differ between catalog versions). */
function firstVillage(app: DemoApp, code: string): string | null {
  if (app.catalog.get(code)) return code;
  const district = code.split('.').slice(0, 3).join('.');
  return app.catalog.children(district)[0]?.code ?? null;
}

/**
 * Two or three open programmes of the demo sponsors, once (skipped when any programme exists), created
 * and opened through the programmes service as the local administrator, so they are audited like any.
 */
export async function seedDemoProgrammes(
  app: DemoApp & Pick<App, 'programmes'>,
  now = new Date(),
): Promise<number> {
  const existing = await app.db.query<{ n: number }>('SELECT count(*)::int AS n FROM programmes');
  if ((existing.rows[0]?.n ?? 0) > 0) return 0;
  const sponsors = await seedDemoSponsors(app);
  const ctx = newContext(systemActor(app.config.provinceCode, 'demo'), now);
  const year = now.getUTCFullYear() + (now.getUTCMonth() >= 10 ? 1 : 0);
  const defaults = { eligibility: EligibilityRules.parse({}), priorityWeights: PriorityWeights.parse({}) };
  const plans: {
    sponsor: string;
    name: string;
    budget: number;
    eligibility: EligibilityRules;
    priorityWeights: PriorityWeights;
    quotas: Quota[];
  }[] = [
    {
      sponsor: 'province',
      name: `Perlindungan Pekerja Rentan Provinsi ${year}`,
      budget: 2_000_000_000,
      eligibility: { ...defaults.eligibility, incomeCeiling: 3_000_000 },
      priorityWeights: defaults.priorityWeights,
      quotas: [
        { regionCode: `${app.config.provinceCode}.71`, budgetPercent: 30 },
        { regionCode: `${app.config.provinceCode}.10`, budgetPercent: 15 },
      ],
    },
    {
      sponsor: 'palembang',
      name: `Jaminan Sosial Pekerja Informal Kota Palembang ${year}`,
      budget: 500_000_000,
      eligibility: defaults.eligibility,
      priorityWeights: {
        ...defaults.priorityWeights,
        priorityOccupations: ['juru_parkir', 'pedagang_kaki_lima'],
      },
      quotas: [],
    },
    {
      sponsor: 'bumn',
      name: `CSR Perlindungan Nelayan dan Petani ${year}`,
      budget: 250_000_000,
      eligibility: { ...defaults.eligibility, occupations: ['nelayan', 'buruh_tani', 'penyadap_karet'] },
      priorityWeights: defaults.priorityWeights,
      quotas: [],
    },
  ];
  let made = 0;
  for (const plan of plans) {
    const sponsorId = sponsors.get(plan.sponsor);
    if (!sponsorId) continue;
    const p = await app.programmes.create(ctx, {
      sponsorId,
      name: plan.name,
      periodStart: `${year}-01`,
      periodEnd: `${year}-12`,
      budget: plan.budget,
      eligibility: plan.eligibility,
      priorityWeights: plan.priorityWeights,
      quotas: plan.quotas,
    });
    await app.programmes.open(ctx, p.id);
    made++;
  }
  return made;
}
