import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import { TzError } from '@tingzhen/voice-core';
import { Id, Limit, Offset, PatientInput, PatientPatch } from '../domain/schemas.js';
import { deletePatient, getPatient, insertPatient, listPatients, updatePatient } from '../repo/patients.js';
import { importPatients, parseCsv, parseXlsx } from '../io/import.js';
import type { ApiContext } from './plugin.js';

const IdParams = Type.Object({ id: Id });
const ListQuery = Type.Object({
  department: Type.Optional(Type.String({ maxLength: 100 })), mrn: Type.Optional(Type.String({ maxLength: 64 })),
  limit: Limit(500, 50), offset: Offset,
});
const EDIT = ['admin', 'nurse'] as const;
const READ = ['admin', 'nurse', 'doctor'] as const;

export function patientRoutes(app: FastifyInstance, ctx: ApiContext): void {
  app.post('/patients', { schema: { tags: ['patients'], body: PatientInput }, config: { roles: EDIT } }, async (req, reply) =>
    reply.status(201).send(await insertPatient(ctx.pool, req.body as PatientInput, ctx.actor(req), ctx.defaultCountry)));
  app.get('/patients', { schema: { tags: ['patients'], querystring: ListQuery }, config: { roles: READ } }, async (req) =>
    ({ items: await listPatients(ctx.pool, req.query as { limit: number; offset: number }, ctx.actor(req)) }));
  app.get('/patients/:id', { schema: { tags: ['patients'], params: IdParams }, config: { roles: READ } }, async (req) =>
    getPatient(ctx.pool, (req.params as { id: string }).id, ctx.actor(req)));
  app.patch('/patients/:id', { schema: { tags: ['patients'], params: IdParams, body: PatientPatch }, config: { roles: EDIT } }, async (req) =>
    updatePatient(ctx.pool, (req.params as { id: string }).id, req.body as PatientPatch, ctx.actor(req), ctx.defaultCountry));
  app.delete('/patients/:id', { schema: { tags: ['patients'], params: IdParams }, config: { roles: ['admin'] } }, async (req, reply) => {
    await deletePatient(ctx.pool, (req.params as { id: string }).id, ctx.actor(req));
    return reply.status(204).send();
  });
  app.post('/patients/import', {
    schema: { tags: ['patients'], querystring: Type.Object({ dryRun: Type.Boolean({ default: false }) }), description: 'Body: text/csv or an XLSX workbook (first sheet). Header row names the columns.' },
    config: { roles: EDIT },
  }, async (req) => {
    const body = req.body;
    const sheet = typeof body === 'string' ? parseCsv(body) : Buffer.isBuffer(body) ? await parseXlsx(body) : null;
    if (!sheet) throw new TzError('TZ_ERR_VALIDATION', { problem: 'send text/csv or an XLSX workbook' });
    return importPatients(ctx.pool, sheet, { dryRun: (req.query as { dryRun: boolean }).dryRun, actor: ctx.actor(req), defaultCountry: ctx.defaultCountry });
  });
}
