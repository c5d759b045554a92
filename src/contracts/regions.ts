import { z } from 'zod';

export const RegionLevel = z.enum(['province', 'regency', 'district', 'village']);
export type RegionLevel = z.infer<typeof RegionLevel>;

/** Kemendagri code: `16`, `16.71`, `16.71.01`, `16.71.01.1001`. */
export const RegionCode = z
  .string()
  .regex(
    /^\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$/,
    'Kode wilayah tidak valid (contoh: 16, 16.71, 16.71.01, 16.71.01.1001)',
  );

export const Region = z.object({
  code: z.string(),
  name: z.string(),
  level: RegionLevel,
  parentCode: z.string().nullable(),
});
export type Region = z.infer<typeof Region>;

export const RegionList = z.object({ items: z.array(Region) });
export type RegionList = z.infer<typeof RegionList>;

export const RegionDetail = Region.extend({
  /** Ancestors from the province down to this region (inclusive). */
  path: z.array(Region),
});
export type RegionDetail = z.infer<typeof RegionDetail>;
