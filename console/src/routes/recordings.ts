/**
 * Recording playback for clinical roles, every read audited (issue "Nurse console": every read of a
 * transcript or recording is audited):
 *   GET /api/recordings/:resultId                 a campaign call result's recording
 *   GET /api/recordings/inbound/:inboundCallId    a hotline call's recording
 * A call holds only a reference; `resolve(ref)` (from the composition root) maps it to a file inside
 * the recordings directory, or null. A recording deleted by retention (recording_deleted_at set),
 * or whose file is gone, is 404. A recording encrypted at rest (`.enc`, RECORDINGS_ENCRYPTION_KEY)
 * is decrypted here, whole, and its tag checked before a byte is sent (issue 16 item 8).
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import type pg from 'pg';
import { ENCRYPTED_RECORDING_SUFFIX, TzError, decryptRecording } from '@tingzhen/voice-core';
import { audit } from '@tingzhen/campaigns';
import { actorOf, authorize } from '../auth/guard.js';

const TYPES: Record<string, string> = { '.wav': 'audio/wav', '.mp3': 'audio/mpeg', '.ogg': 'audio/ogg', '.opus': 'audio/ogg', '.m4a': 'audio/mp4', '.flac': 'audio/flac' };
const ID = Type.String({ pattern: '^[1-9][0-9]{0,17}$' });
const ROLES = ['admin', 'nurse'] as const;

interface RecordingRow { ref: string | null; deletedAt: Date | null; patientId: string | null }

export function recordingRoutes(app: FastifyInstance, pool: pg.Pool, resolve: (ref: string) => string | null, key?: Buffer): void {
  const send = async (req: FastifyRequest, reply: FastifyReply, entity: 'call_result' | 'inbound_call', id: string, row: RecordingRow | undefined) => {
    const file = row?.ref && !row.deletedAt ? resolve(row.ref) : null;
    if (!row || !file || !existsSync(file) || !statSync(file).isFile()) throw new TzError('TZ_ERR_NOT_FOUND', { entity: 'recording', id });
    const encrypted = file.endsWith(ENCRYPTED_RECORDING_SUFFIX);
    if (encrypted && !key) throw new TzError('TZ_ERR_RECORDING_UNREADABLE', { reason: 'no-key' });
    const body = encrypted ? decryptRecording(await readFile(file), key!, basename(file)) : null;
    // A recording played is audited as a read of it (issue 16: recordings played).
    await audit(pool, { actor: actorOf(req), action: 'read', entity: 'recording', entityId: id, patientId: row.patientId, details: { table: entity === 'inbound_call' ? 'inbound_calls' : 'call_results' } });
    const plainName = encrypted ? file.slice(0, -ENCRYPTED_RECORDING_SUFFIX.length) : file;
    reply.type(TYPES[extname(plainName).toLowerCase()] ?? 'application/octet-stream').header('cache-control', 'private, no-store');
    if (body) return reply.header('content-length', body.length).send(body);
    return reply.header('content-length', statSync(file).size).send(createReadStream(file));
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
