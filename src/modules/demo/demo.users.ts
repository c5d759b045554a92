import type { App } from '../../app.js';
import type { Role } from '../../platform/context.js';
import { createUsersRepo, hashPassword, verifyPassword } from '../access/index.js';
import { seedDemoSponsors } from './demo.sponsors.js';

/**
 * Demo passwords exist only here, in demo data. This one is published in the README, so the password
 * policy refuses it for anyone choosing a password (seeding hashes it directly), and `payung serve` will not
 * listen on a network address while an active user still has it.
 */
export const DEMO_PASSWORD = 'payung-demo';

export function demoUsers(
  provinceCode: string,
): { email: string; fullName: string; role: Role; regionCodes: string[]; sponsor?: string }[] {
  return [
    {
      email: 'admin@payung.local',
      fullName: 'Admin Disnakertrans Provinsi',
      role: 'province_admin',
      regionCodes: [provinceCode],
    },
    {
      email: 'operator.palembang@payung.local',
      fullName: 'Operator Disnaker Palembang',
      role: 'regency_operator',
      regionCodes: [`${provinceCode}.71`],
    },
    {
      email: 'operator.oganilir@payung.local',
      fullName: 'Operator Disnaker Ogan Ilir',
      role: 'regency_operator',
      regionCodes: [`${provinceCode}.10`],
    },
    {
      email: 'enumerator@payung.local',
      fullName: 'Petugas Pendata Ilir Barat',
      role: 'enumerator',
      regionCodes: [`${provinceCode}.71.01`, `${provinceCode}.71.02`],
    },
    {
      // Acts for the City of Palembang's budget (demo.sponsors.ts): sees that sponsor's programmes only.
      email: 'sponsor@payung.local',
      fullName: 'Petugas APBD Kota Palembang',
      role: 'sponsor_officer',
      regionCodes: [`${provinceCode}.71`],
      sponsor: 'palembang',
    },
    {
      email: 'auditor@payung.local',
      fullName: 'Auditor Inspektorat',
      role: 'auditor',
      regionCodes: [provinceCode],
    },
  ];
}

/** Creates the demo users that do not exist yet; returns the e-mails created. */
export async function seedDemoUsers(app: Pick<App, 'db' | 'config' | 'catalog'>): Promise<string[]> {
  const repo = createUsersRepo(app.db);
  const hash = await hashPassword(DEMO_PASSWORD);
  const created: string[] = [];
  // The sponsor officer's sponsor first (sponsors only: programmes come with the demo's workers).
  const sponsors = await seedDemoSponsors(app);
  for (const u of demoUsers(app.config.provinceCode)) {
    const sponsorId = u.sponsor ? sponsors.get(u.sponsor) : undefined;
    if (u.sponsor && !sponsorId) continue;
    if (await repo.findByEmail(u.email)) continue;
    await repo.insert({
      email: u.email,
      full_name: u.fullName,
      role: u.role,
      region_codes: u.regionCodes,
      password_hash: hash,
      sponsor_id: sponsorId ?? null,
    });
    created.push(u.email);
  }
  return created;
}

/** Active demo users whose password is still the published one. */
export async function demoUsersWithPublishedPassword(app: Pick<App, 'db' | 'config'>): Promise<string[]> {
  const repo = createUsersRepo(app.db);
  const found: string[] = [];
  for (const u of demoUsers(app.config.provinceCode)) {
    const row = await repo.findByEmail(u.email);
    if (row?.is_active && (await verifyPassword(row.password_hash, DEMO_PASSWORD))) found.push(u.email);
  }
  return found;
}

export function demoUsersText(provinceCode: string): string {
  return [
    `Pengguna contoh (kata sandi: ${DEMO_PASSWORD}):`,
    ...demoUsers(provinceCode).map((u) => `  ${u.email.padEnd(34)} ${u.fullName}`),
  ].join('\n');
}
