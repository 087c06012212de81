/**
 * OPS_TOKEN: the bearer token monitoring presents for GET /metrics and the details of GET /health.
 * Without it (or with a wrong one) /metrics answers 401 and /health only its status: the
 * details (versions, roles, pids, database and queue kinds, speech engines) help an attacker more
 * than a nurse, and the public port is often reachable from the whole hospital network.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';

const digest = (s: string): Buffer => createHash('sha256').update(s).digest();

/** True when the request carries `Authorization: Bearer <token>` for the configured token (constant time). */
export function opsAuthorized(request: FastifyRequest, token: string | undefined): boolean {
  if (!token) return false;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '');
  return !!m && timingSafeEqual(digest(m[1]!), digest(token));
}

/** onRequest hook body for /metrics: 401 unless the ops token is presented. */
export function refuseWithoutOpsToken(request: FastifyRequest, reply: FastifyReply, token: string | undefined): boolean {
  if (opsAuthorized(request, token)) return false;
  void reply.code(401).header('www-authenticate', 'Bearer realm="tingzhen-ops"').send({
    error: { code: 'TZ_ERR_AUTH', message: 'Authentication failed', details: { reason: token ? 'ops_token_required' : 'ops_token_not_configured', fix: 'send Authorization: Bearer <OPS_TOKEN>' } },
  });
  return true;
}
