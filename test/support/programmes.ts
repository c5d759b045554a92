import type { App } from '../../src/app.js';
import type { ProgrammeCreate } from '../../src/contracts/programmes.js';
import type { SponsorCreate } from '../../src/contracts/sponsors.js';
import type { ServiceContext } from '../../src/platform/context.js';
import { ctxAs } from './factories.js';

const unique = () => Math.random().toString(36).slice(2, 8);

/** A sponsor's input: a CSR company of the province unless overridden, with a name of its own. */
export function aSponsor(overrides: Partial<SponsorCreate> = {}): SponsorCreate {
  return { kind: 'csr_private', name: `PT Uji ${unique()}`, regionCode: '16', ...overrides };
}

/** A programme's input for `sponsorId`: the whole of 2027, Rp 100.000.000, the default rules. */
export function aProgramme(sponsorId: string, overrides: Partial<ProgrammeCreate> = {}): ProgrammeCreate {
  return {
    sponsorId,
    name: `Program Uji ${unique()}`,
    periodStart: '2027-01',
    periodEnd: '2027-12',
    budget: 100_000_000,
    ...overrides,
  };
}

/** The demo sponsor of a kind (test apps seed the demo sponsors with the demo users). */
export async function demoSponsorId(
  app: Pick<App, 'db'>,
  kind: 'apbd_regency' | 'apbd_province' | 'village_fund',
) {
  const r = await app.db.query<{ id: string }>(
    'SELECT id FROM sponsors WHERE kind = $1 ORDER BY created_at LIMIT 1',
    [kind],
  );
  return r.rows[0]!.id;
}

export async function newSponsor(
  app: Pick<App, 'sponsors'>,
  overrides: Partial<SponsorCreate> = {},
  ctx?: ServiceContext,
) {
  return app.sponsors.create(ctx ?? ctxAs(), aSponsor(overrides));
}

/** A programme of `sponsorId` (a new CSR sponsor's by default), opened when `open`. */
export async function newProgramme(
  app: Pick<App, 'sponsors' | 'programmes'>,
  opts: { sponsorId?: string; open?: boolean } & Partial<ProgrammeCreate> = {},
) {
  const { sponsorId, open, ...overrides } = opts;
  const sponsor = sponsorId ?? (await newSponsor(app)).id;
  const p = await app.programmes.create(ctxAs(), aProgramme(sponsor, overrides));
  return open ? app.programmes.open(ctxAs(), p.id) : p;
}
