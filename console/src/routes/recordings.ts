/**
 * Recording playback for clinical roles, every read audited (issue "Nurse console": every read of a
 * transcript or recording is audited):
 *   GET /api/recordings/:resultId                 a campaign call result's recording
 *   GET /api/recordings/inbound/:inboundCallId    a hotline call's recording
 * A call holds only a reference; `resolve(ref)` (from the composition root) maps it to a file inside
 * the recordings directory, or null. A recording deleted by retention (recording_deleted_at set),
 * or whose file is gone, is 404.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { extname } from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import type pg from 'pg';
import { TzError } from '@tingzhen/voice-core';
import { actorOf, authorize } from '../auth/guard.js';

const TYPES: Record<string, string> = { '.wav': 'audio/wav', '.mp3': 'audio/mpeg', '.ogg': 'audio/ogg', '.opus': 'audio/ogg', '.m4a': 'audio/mp4', '.flac': 'audio/flac' };
const ID = Type.String({ pattern: '^[1-9][0-9]{0,17}$' });
const ROLES = ['admin', 'nurse'] as const;

interface RecordingRow { ref: string | null; deletedAt: Date | null; patientId: string | null }

export function recordingRoutes(app: FastifyInstance, pool: pg.Pool, resolve: (ref: string) => string | null): void {
  const send = async (req: FastifyRequest, reply: FastifyReply, entity: 'call_result' | 'inbound_call', id: string, row: RecordingRow | undefined) => {
    const file = row?.ref && !row.deletedAt ? resolve(row.ref) : null;
    if (!row || !file || !existsSync(file) || !statSync(file).isFile()) throw new TzError('TZ_ERR_NOT_FOUND', { entity: 'recording', id });
    await pool.query(`INSERT INTO audit_log (actor, action, entity, entity_id, patient_id, details) VALUES ($1, 'read', 'recording', $2, $3, $4)`,
      [actorOf(req), id, row.patientId, JSON.stringify({ table: entity === 'inbound_call' ? 'inbound_calls' : 'call_results' })]);
    return reply.type(TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream').header('cache-control', 'private, no-store')
      .header('content-length', statSync(file).size).send(createReadStream(file));
  };

  app.get('/api/recordings/:resultId', {
    schema: { params: Type.Object({ resultId: ID }) },
    preHandler: async (req) => authorize(req, ROLES),
  }, async (req, reply) => {
    const id = (req.params as { resultId: string }).resultId;
    const r = await pool.query<RecordingRow>('SELECT recording_ref AS ref, recording_deleted_at AS "deletedAt", patient_id::text AS "patientId" FROM call_results WHERE id = $1', [id]);
    return send(req, reply, 'call_result', id, r.rows[0]);
  });

  app.get('/api/recordings/inbound/:inboundCallId', {
    schema: { params: Type.Object({ inboundCallId: ID }) },
    preHandler: async (req) => authorize(req, ROLES),
  }, async (req, reply) => {
    const id = (req.params as { inboundCallId: string }).inboundCallId;
    const r = await pool.query<RecordingRow>('SELECT recording_ref AS ref, recording_deleted_at AS "deletedAt", NULL::text AS "patientId" FROM inbound_calls WHERE id = $1', [id]);
    return send(req, reply, 'inbound_call', id, r.rows[0]);
  });
}
