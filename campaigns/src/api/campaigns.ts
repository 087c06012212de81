import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import { withTx } from '../db/pool.js';
import { CampaignInput, CampaignPatch, Id, IsoDate, Limit, Offset, Windows } from '../domain/schemas.js';
import type { WindowEdit } from '../dialing/scheduler.js';
import { addContacts, campaignProgress, deleteCampaign, getCampaign, insertCampaign, listCampaigns, updateCampaign } from '../repo/campaigns.js';
import { audit } from '../db/transitions.js';
import type { ApiContext } from './plugin.js';

const IdParams = Type.Object({ id: Id });
const MANAGE = ['admin', 'nurse'] as const;
const READ = ['admin', 'nurse', 'doctor', 'viewer'] as const;
const id = (req: { params: unknown }) => (req.params as { id: string }).id;

export function campaignRoutes(app: FastifyInstance, ctx: ApiContext): void {
  const t = { tags: ['campaigns'] };
  app.post('/campaigns', { schema: { ...t, body: CampaignInput }, config: { roles: MANAGE } }, async (req, reply) =>
    reply.status(201).send(await insertCampaign(ctx.pool, req.body as CampaignInput, ctx.actor(req))));
  app.get('/campaigns', {
    schema: { ...t, querystring: Type.Object({ state: Type.Optional(Type.String({ maxLength: 32 })), limit: Limit(500, 50), offset: Offset }) },
    config: { roles: READ },
  }, async (req) => ({ items: await listCampaigns(ctx.pool, req.query as { limit: number; offset: number }) }));
  app.get('/campaigns/:id', { schema: { ...t, params: IdParams }, config: { roles: READ } }, async (req) => getCampaign(ctx.pool, id(req)));
  app.patch('/campaigns/:id', { schema: { ...t, params: IdParams, body: CampaignPatch }, config: { roles: MANAGE } }, async (req) =>
    updateCampaign(ctx.pool, id(req), req.body as CampaignPatch, ctx.actor(req)));
  app.delete('/campaigns/:id', { schema: { ...t, params: IdParams }, config: { roles: ['admin'] } }, async (req, reply) => {
    await deleteCampaign(ctx.pool, id(req), ctx.actor(req));
    return reply.status(204).send();
  });
  app.post('/campaigns/:id/contacts', {
    schema: { ...t, params: IdParams, body: Type.Object({ patientIds: Type.Array(Id, { minItems: 1, maxItems: 200_000 }) }, { additionalProperties: false }) },
    config: { roles: MANAGE },
  }, async (req) => {
    const added = await withTx(ctx.pool, async (c) => {
      const n = await addContacts(c, id(req), (req.body as { patientIds: string[] }).patientIds);
      await audit(c, { actor: ctx.actor(req), action: 'update', entity: 'campaign', entityId: id(req), details: { contactsAdded: n } });
      return n;
    });
    return { added };
  });
  const action = (name: 'schedule' | 'pause' | 'resume' | 'cancel') =>
    app.post(`/campaigns/:id/${name}`, { schema: { ...t, params: IdParams }, config: { roles: MANAGE } }, async (req) => {
      const s = ctx.scheduler;
      const enqueued = name === 'schedule' ? await s.scheduleCampaign(id(req)) : name === 'resume' ? await s.resume(id(req)) : (await s[name](id(req)), 0);
      await audit(ctx.pool, { actor: ctx.actor(req), action: name, entity: 'campaign', entityId: id(req) });
      return { ...(await campaignProgress(ctx.pool, id(req))), enqueued };
    });
  action('schedule'); action('pause'); action('resume'); action('cancel');
  app.put('/campaigns/:id/windows', {
    schema: { ...t, params: IdParams, body: Type.Object({ windows: Type.Optional(Windows), quietDays: Type.Optional(Type.Array(IsoDate, { maxItems: 366 })), endDate: Type.Optional(Type.Union([IsoDate, Type.Null()])) }, { additionalProperties: false }) },
    config: { roles: MANAGE },
  }, async (req) => {
    const replanned = await ctx.scheduler.editWindows(id(req), req.body as WindowEdit);
    await audit(ctx.pool, { actor: ctx.actor(req), action: 'update', entity: 'campaign', entityId: id(req), details: { fields: Object.keys(req.body as object), replanned } });
    return { ...(await getCampaign(ctx.pool, id(req))), replanned };
  });
  app.get('/campaigns/:id/progress', { schema: { ...t, params: IdParams }, config: { roles: READ } }, async (req) => campaignProgress(ctx.pool, id(req)));
}
