import { z } from 'zod';

/** Every error a client sees has this shape; `code` is stable, `message` is for people (Bahasa Indonesia). */
export const ErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.unknown().optional(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

/** A rule-level finding (NIK check, validation warning) with messages in both languages. */
export const Issue = z.object({
  code: z.string(),
  message: z.string(),
  messageEn: z.string().optional(),
  field: z.string().optional(),
});
export type Issue = z.infer<typeof Issue>;

export const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Tanggal harus berformat YYYY-MM-DD, misalnya 1975-08-17');
