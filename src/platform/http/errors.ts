import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { AppError, PLATFORM_ERRORS } from '../errors.js';
import type { ErrorSpec } from '../feature.js';

/**
 * Every failure leaves as `{"error": {"code", "message", "details"}}`, with the status `errors` (the
 * platform's codes and every feature's: `errorTable`) gives its code. Database errors, stack traces,
 * internal messages and codes missing from the table never reach a client: they are logged (without
 * request bodies) under the request id and answered 500 INTERNAL.
 */
export function errorHandler(errors: Readonly<Record<string, ErrorSpec>>) {
  return (err: FastifyError | Error, req: FastifyRequest, reply: FastifyReply) =>
    handle(errors, err, req, reply);
}

/** The handler with the platform's codes only (for servers without features). */
export const handleError = errorHandler(PLATFORM_ERRORS);

function handle(
  errors: Readonly<Record<string, ErrorSpec>>,
  err: FastifyError | Error,
  req: FastifyRequest,
  reply: FastifyReply,
) {
  if (err instanceof AppError) {
    const spec = Object.hasOwn(errors, err.code) ? errors[err.code] : undefined;
    if (!spec) {
      // A code no feature declared: a programming error, so the client gets no half-meant status.
      req.log.error({ code: err.code, route: req.routeOptions.url }, 'error code without a status');
      return internal(reply, req);
    }
    // Refusals for load (503) and rate (429) say when to come back.
    const retry = (err.details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
    if (typeof retry === 'number') reply.header('retry-after', String(retry));
    return reply.status(spec.status).send({
      error: {
        code: err.code,
        message: err.message || spec.message,
        ...(err.details !== undefined ? { details: err.details } : {}),
      },
    });
  }
  if (hasZodFastifySchemaValidationErrors(err)) {
    const issues = err.validation.map((v) => ({
      path: v.instancePath.split('/').filter(Boolean),
      in: err.validationContext,
      message: v.message ?? 'Nilai tidak valid',
    }));
    const first = issues[0];
    const where = first && first.path.length > 0 ? ` (${first.path.join('.')})` : '';
    return reply.status(422).send({
      error: {
        code: 'VALIDATION_FAILED',
        message: `Permintaan tidak valid${where}: ${first?.message ?? ''}`,
        details: { issues },
      },
    });
  }
  if (isResponseSerializationError(err)) {
    req.log.error({ err: { message: 'response did not match its schema', route: req.routeOptions.url } });
    return internal(reply, req);
  }
  const fe = err as FastifyError;
  if (typeof fe.code === 'string' && VALUE_REFUSED_BY_DATABASE.has(fe.code)) {
    // A value the schemas let through but PostgreSQL cannot read as its type: the client's input, so a
    // 422, but the database's message quotes the value and names SQL, so it is only logged by its code.
    req.log.warn({ code: fe.code, route: req.routeOptions.url }, 'value refused by the database');
    return reply.status(422).send({
      error: {
        code: 'VALIDATION_FAILED',
        message:
          'Permintaan berisi nilai yang tidak dapat disimpan atau dibaca (misalnya ID, tanggal atau teks dengan karakter yang tidak diizinkan). Periksa isiannya lalu kirim ulang.',
        details: { issues: [] },
      },
    });
  }
  if (fe.statusCode === 413 || fe.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    return reply.status(413).send({
      error: { code: 'PAYLOAD_TOO_LARGE', message: 'Data yang dikirim terlalu besar.' },
    });
  }
  if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
    // Malformed JSON, wrong content type and the like: say what it was without echoing the input.
    return reply.status(fe.statusCode).send({
      error: {
        code: fe.statusCode === 415 ? 'UNSUPPORTED_MEDIA_TYPE' : 'BAD_REQUEST',
        message:
          fe.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || fe.name === 'SyntaxError'
            ? 'Isi permintaan bukan JSON yang valid.'
            : fe.statusCode === 415
              ? 'Jenis isi (Content-Type) tidak didukung; kirim application/json.'
              : 'Permintaan tidak valid.',
      },
    });
  }
  // Log the error kind and stack only: messages from the database may quote the values of a row.
  req.log.error(
    { errName: err.name, code: fe.code, stack: err.stack?.split('\n').slice(1, 6).join('\n') },
    'unexpected error',
  );
  return internal(reply, req);
}

/**
 * SQLSTATEs that mean "this input is not a valid value of its type": invalid_text_representation
 * (22P02, e.g. a uuid cast), character_not_in_repertoire (22021, NUL in text), untranslatable_character
 * (22P05, \u0000 in jsonb), invalid_datetime_format (22007), datetime_field_overflow (22008) and
 * numeric_value_out_of_range (22003). A safety net behind the schemas.
 */
const VALUE_REFUSED_BY_DATABASE = new Set(['22P02', '22021', '22P05', '22007', '22008', '22003']);

/** Where the first NUL character sits in a request's strings (object keys included), or null. */
export function findNul(value: unknown, path: (string | number)[] = []): (string | number)[] | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path : null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findNul(value[i], [...path, i]);
      if (found) return found;
    }
    return null;
  }
  if (value && typeof value === 'object' && !Buffer.isBuffer(value)) {
    for (const [k, v] of Object.entries(value)) {
      if (k.includes('\u0000')) return [...path, k.replaceAll('\u0000', '\\u0000')];
      const found = findNul(v, [...path, k]);
      if (found) return found;
    }
  }
  return null;
}

/** Throws a 422 naming the field when `value` (of the request's `where`) holds a NUL character anywhere. */
export function assertNoNul(value: unknown, where: string, path: (string | number)[] = []): void {
  const found = findNul(value, path);
  if (!found) return;
  const field = found.join('.') || where;
  const message = `Teks tidak boleh berisi karakter NUL (\\u0000); hapus karakter itu dari ${field} lalu kirim ulang.`;
  throw new AppError('VALIDATION_FAILED', `Permintaan tidak valid (${field}): ${message}`, {
    issues: [{ path: found.map(String), in: where, message }],
  });
}

/**
 * PostgreSQL cannot store the NUL character in text or jsonb: a request carrying one anywhere in its
 * query, parameters or JSON body is refused before validation, naming the field (422). Multipart
 * fields are read by their route, which checks them with `assertNoNul`.
 */
export async function refuseNul(req: FastifyRequest): Promise<void> {
  assertNoNul(req.query, 'querystring');
  assertNoNul(req.params, 'params');
  assertNoNul(req.body, 'body');
}

function internal(reply: FastifyReply, req: FastifyRequest) {
  return reply.status(500).send({
    error: {
      code: 'INTERNAL',
      message: `Terjadi kesalahan di server. Coba lagi; bila berulang, laporkan kode ${req.id} kepada administrator.`,
      details: { requestId: req.id },
    },
  });
}
