import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { AppError, httpStatusFor } from '../errors.js';

/**
 * Every failure leaves as `{"error": {"code", "message", "details"}}`. Database errors, stack traces and
 * internal messages never reach a client: they are logged (without request bodies) under the request id.
 */
export function handleError(err: FastifyError | Error, req: FastifyRequest, reply: FastifyReply) {
  if (err instanceof AppError) {
    // Refusals for load (503) and rate (429) say when to come back.
    const retry = (err.details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
    if (typeof retry === 'number') reply.header('retry-after', String(retry));
    return reply.status(httpStatusFor(err.code)).send({
      error: {
        code: err.code,
        message: err.message,
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

function internal(reply: FastifyReply, req: FastifyRequest) {
  return reply.status(500).send({
    error: {
      code: 'INTERNAL',
      message: `Terjadi kesalahan di server. Coba lagi; bila berulang, laporkan kode ${req.id} kepada administrator.`,
      details: { requestId: req.id },
    },
  });
}
