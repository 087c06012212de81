/**
 * GET /api/recordings/:resultId: streams a call's recording to clinical roles, and audits the read
 * (issue "Nurse console": every read of a transcript or recording is audited). The call result
 * holds only a reference; `resolve(ref)` (from the composition root) maps it to a file inside the
 * recordings directory, or null.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { extname } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import type pg from 'pg';
import { TzError } from '@tingzhen/voice-core';
import { actorOf, authorize } from '../auth/guard.js';

const TYPES: Record<string, string> = { '.wav': 'audio/wav', '.mp3': 'audio/mpeg', '.ogg': 'audio/ogg', '.opus': 'audio/ogg', '.m4a': 'audio/mp4', '.flac': 'audio/flac' };

export function recordingRoutes(app: FastifyInstance, pool: pg.Pool, resolve: (ref: string) => string | null): void {
  app.get('/api/recordings/:resultId', {
    schema: { params: Type.Object({ resultId: Type.String({ pattern: '^[1-9][0-9]{0,17}$' }) }) },
    preHandler: async (req) => authorize(req, ['admin', 'nurse']),
  }, async (req, reply) => {
    const id = (req.params as { resultId: string }).resultId;
    const r = await pool.query<{ ref: string | null; patientId: string }>('SELECT recording_ref AS ref, patient_id::text AS "patientId" FROM call_results WHERE id = $1', [id]);
    const row = r.rows[0];
    const file = row?.ref ? resolve(row.ref) : null;
    if (!row || !file || !existsSync(file) || !statSync(file).isFile()) throw new TzError('TZ_ERR_NOT_FOUND', { entity: 'recording', id });
    await pool.query(`INSERT INTO audit_log (actor, action, entity, entity_id, patient_id, details) VALUES ($1, 'read', 'recording', $2, $3, '{}')`, [actorOf(req), id, row.patientId]);
    return reply.type(TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream').header('cache-control', 'private, no-store')
      .header('content-length', statSync(file).size).send(createReadStream(file));
  });
}
