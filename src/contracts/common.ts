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

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An id the database keeps as `uuid`; anything else is refused here, before PostgreSQL could refuse the cast. */
export const Uuid = z
  .string()
  .regex(UUID_RE, 'ID tidak valid: harus UUID, misalnya 0190a5b2-7c3e-7d41-9a2b-3c4d5e6f7a8b');

/** `/:id` of every route whose records have a uuid id. */
export const IdParams = z.object({ id: Uuid });

/** An audit action's label in Bahasa Indonesia (`id`, what people read) and English (`en`). */
export interface AuditLabel {
  readonly id: string;
  readonly en: string;
}
