import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import { TzError } from '@tingzhen/voice-core';
import { Id, Limit, Offset, PatientInput, PatientPatch } from '../domain/schemas.js';
import { deletePatient, getPatient, insertPatient, listPatients, updatePatient } from '../repo/patients.js';
import { importPatients, parseCsv, parseUpload } from '../io/import.js';
import { templateCsv, templateXlsx } from '../io/import-columns.js';
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
    schema: {
      tags: ['patients'], querystring: Type.Object({ dryRun: Type.Boolean({ default: false }) }),
      description: 'Body: CSV (text/csv; UTF-8 with or without BOM, GB18030/GBK, UTF-16 with BOM; comma, tab or semicolon) or an XLSX workbook (first sheet). '
        + 'The header row names the columns, in English or Chinese (病历号, 姓名, 手机号...). The report numbers rows by file line (CSV) or sheet row (XLSX) and shows the first rows as parsed.',
    },
    config: { roles: EDIT },
  }, async (req) => {
    const body = req.body;
    const sheet = typeof body === 'string' ? parseCsv(body) : Buffer.isBuffer(body) ? await parseUpload(body, req.headers['content-type']) : null;
    if (!sheet) throw new TzError('TZ_ERR_VALIDATION', { problem: 'send text/csv or an XLSX workbook' });
    return importPatients(ctx.pool, sheet, { dryRun: (req.query as { dryRun: boolean }).dryRun, actor: ctx.actor(req), defaultCountry: ctx.defaultCountry });
  });
  const TemplateQuery = Type.Object({ lang: Type.Union([Type.Literal('zh-CN'), Type.Literal('en')], { default: 'zh-CN' }) });
  app.get('/patients/import-template.csv', { schema: { tags: ['patients'], querystring: TemplateQuery, description: 'The import template: CSV with a UTF-8 BOM, headers in the language asked for.' }, config: { roles: EDIT } }, async (req, reply) => {
    const { lang } = req.query as { lang: 'zh-CN' | 'en' };
    return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="patients-template-${lang}.csv"`).send(templateCsv(lang));
  });
  app.get('/patients/import-template.xlsx', { schema: { tags: ['patients'], querystring: TemplateQuery, description: 'The import template as an XLSX workbook (a second sheet says what each column takes).' }, config: { roles: EDIT } }, async (req, reply) => {
    const { lang } = req.query as { lang: 'zh-CN' | 'en' };
    return reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').header('content-disposition', `attachment; filename="patients-template-${lang}.xlsx"`).send(await templateXlsx(lang));
  });
}
