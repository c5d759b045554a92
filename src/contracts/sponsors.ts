import { z } from 'zod';
import type { AuditLabel } from './common.js';
import { RegionCode } from './regions.js';

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

/** The permissions module sponsors owns. */
export const SPONSOR_PERMISSIONS = ['sponsor.read', 'sponsor.manage'] as const;
declare module './roles.js' {
  interface PermissionRegistry extends Record<(typeof SPONSOR_PERMISSIONS)[number], true> {}
}

export const SPONSOR_AUDIT_LABELS = {
  'sponsor.create': { id: 'Pemberi Bantuan Iuran ditambahkan', en: 'Sponsor added' },
  'sponsor.update': { id: 'Pemberi Bantuan Iuran diubah', en: 'Sponsor changed' },
  'sponsor.deactivate': { id: 'Pemberi Bantuan Iuran dinonaktifkan', en: 'Sponsor deactivated' },
  'sponsor.activate': { id: 'Pemberi Bantuan Iuran diaktifkan kembali', en: 'Sponsor reactivated' },
} as const satisfies Record<string, AuditLabel>;

/** The region level a sponsor of each kind belongs to; null: any level within the province. */
export const SPONSOR_REGION_LEVEL: Record<SponsorKind, 'province' | 'regency' | 'village' | null> = {
  apbd_province: 'province',
  apbd_regency: 'regency',
  village_fund: 'village',
  csr_bumn: null,
  csr_bumd: null,
  csr_private: null,
  zakat: null,
  self: null,
};

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullable()
    .optional()
    .transform((v) => (v === '' ? null : v));

export const Sponsor = z.object({
  id: z.string(),
  kind: SponsorKind,
  kindLabel: z.string(),
  name: z.string(),
  regionCode: z.string(),
  /** "Kota Palembang" */
  regionName: z.string(),
  contactName: z.string().nullable(),
  contactPhone: z.string().nullable(),
  contactEmail: z.string().nullable(),
  isActive: z.boolean(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Sponsor = z.infer<typeof Sponsor>;

const SponsorName = z.string().trim().min(2, 'Nama minimal 2 huruf').max(200);
/** A sponsor's contact: each field optional; an empty string clears it. */
const contactFields = {
  contactName: optionalText(120),
  /** Any Indonesian number (0812…, +62…, (0711) …); stored as +62…. */
  contactPhone: optionalText(40),
  contactEmail: z
    .union([z.email('Alamat e-mail tidak valid').max(200), z.literal('')])
    .nullable()
    .optional()
    .transform((v) => (v === '' ? null : v)),
};

export const SponsorCreate = z.object({
  kind: SponsorKind,
  name: SponsorName,
  regionCode: RegionCode,
  ...contactFields,
});
export type SponsorCreate = z.input<typeof SponsorCreate>;

/** A change: any subset of fields plus the version the editor last saw (409 when someone changed it since). */
export const SponsorUpdate = z.object({
  kind: SponsorKind.optional(),
  name: SponsorName.optional(),
  regionCode: RegionCode.optional(),
  ...contactFields,
  version: z.number().int().min(1),
});
export type SponsorUpdate = z.input<typeof SponsorUpdate>;

export const SponsorQuery = z.object({
  kind: SponsorKind.optional(),
  /** 'false' (default): active sponsors only; 'true': inactive ones too. */
  includeInactive: z.enum(['true', 'false']).default('false'),
});
export type SponsorQuery = z.input<typeof SponsorQuery>;

export const SponsorList = z.object({ items: z.array(Sponsor) });
