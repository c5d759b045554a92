import { z } from 'zod';
import { Issue } from './common.js';

/** The outcome of checking one NIK (see src/domain/nik.ts). */
export const NikCheck = z.object({
  nik: z.string(),
  valid: z.boolean(),
  errors: z.array(Issue),
  warnings: z.array(Issue),
  province: z.string().nullable(),
  regency: z.string().nullable(),
  district: z.string().nullable(),
  birthDate: z.string().nullable(),
  sex: z.enum(['L', 'P']).nullable(),
});
export type NikCheck = z.infer<typeof NikCheck>;

export const NikCheckRequest = z.object({ nik: z.string().max(64) });
