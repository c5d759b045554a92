import { z } from 'zod';

/** The kinds of sponsor (DESIGN §5), with what they are called on screen. */
export const SPONSOR_KINDS = [
  'apbd_province',
  'apbd_regency',
  'village_fund',
  'csr_bumn',
  'csr_bumd',
  'csr_private',
  'zakat',
  'self',
] as const;
export const SponsorKind = z.enum(SPONSOR_KINDS);
export type SponsorKind = z.infer<typeof SponsorKind>;

export const SPONSOR_KIND_LABELS: Record<SponsorKind, { id: string; en: string }> = {
  apbd_province: { id: 'APBD Provinsi', en: 'Provincial budget (APBD)' },
  apbd_regency: { id: 'APBD Kabupaten/Kota', en: 'Regency/city budget (APBD)' },
  village_fund: { id: 'Dana Desa', en: 'Village fund' },
  csr_bumn: { id: 'CSR BUMN', en: 'CSR of a state-owned company' },
  csr_bumd: { id: 'CSR BUMD', en: 'CSR of a region-owned company' },
  csr_private: { id: 'CSR Swasta', en: 'CSR of a private company' },
  zakat: { id: 'Zakat (BAZNAS)', en: 'Zakat (BAZNAS)' },
  self: { id: 'Mandiri', en: 'Self-paying' },
};

/**
 * Whether contributions a sponsor of this kind pays come from the state budget (APBN/APBD; the village
 * fund is an APBN transfer). PP 50/2025's discount does not apply to them (DESIGN §4.1).
 */
export function isPublicBudget(kind: SponsorKind): boolean {
  return kind === 'apbd_province' || kind === 'apbd_regency' || kind === 'village_fund';
}
