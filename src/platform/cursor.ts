import type { z } from 'zod';
import { AppError } from './errors.js';

/** A page marker handed to clients: opaque base64url of JSON. */
export function encodeCursor(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/**
 * Reads a cursor back. A client may send anything, so its shape is checked against `shape` (ids as
 * uuids, no NUL in text) before any of it reaches SQL; a bad one is a 422 naming the `cursor` field.
 */
export function decodeCursor<T>(s: string, shape: z.ZodType<T>): T {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(s, 'base64url').toString('utf8'));
  } catch {
    value = undefined;
  }
  const parsed = shape.safeParse(value);
  if (parsed.success) return parsed.data;
  const message = 'Penanda halaman (cursor) tidak valid; mulai lagi dari halaman pertama.';
  throw new AppError('VALIDATION_FAILED', message, { issues: [{ path: ['cursor'], message }] });
}
