/**
 * One guard for every route of the api and gateway roles (issue 16, bad input), added on the root
 * instance before any route plugin so that each route inherits it:
 * - before schema validation: no text input (path, query, JSON body, object keys) may carry a
 *   control character or an unpaired surrogate, and no JSON value nests deeper than 64 levels;
 * - after it (when query strings have become numbers): no number is infinite or beyond ±(2^53-1).
 * Either answers 400 TZ_ERR_VALIDATION naming the field, before any handler or sign-in check reads
 * the database. CSV and XLSX bodies are not walked here: the importer reports each bad cell on its
 * row and still imports the good rows.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ERROR_CODES, findInputProblem } from '@tingzhen/voice-core';

type Part = 'params' | 'query' | 'body';

function check(req: FastifyRequest, reply: FastifyReply, opts: { text: boolean; numbers: boolean }): FastifyReply | undefined {
  const parts: [Part, unknown][] = [['params', req.params], ['query', req.query], ['body', req.body]];
  for (const [where, value] of parts) {
    if (value === null || typeof value !== 'object' || Buffer.isBuffer(value)) continue;
    const bad = findInputProblem(value, opts);
    if (!bad) continue;
    return reply.code(400).send({
      error: {
        code: 'TZ_ERR_VALIDATION', message: ERROR_CODES.TZ_ERR_VALIDATION.message,
        details: { problems: [{ field: bad.field === '' ? where : bad.field, code: bad.code, in: where, problem: bad.problem }] },
      },
    });
  }
  return undefined;
}

const guarded = new WeakSet<FastifyInstance>();

/**
 * Adds the guard's hooks to `app` (once: the gateway and the api role both call it on a shared
 * server); routes registered on `app` or its children afterwards inherit them.
 */
export function guardInputs(app: FastifyInstance): void {
  if (guarded.has(app)) return;
  guarded.add(app);
  app.addHook('preValidation', async (req, reply) => check(req, reply, { text: true, numbers: true }));
  app.addHook('preHandler', async (req, reply) => check(req, reply, { text: false, numbers: true }));
}
