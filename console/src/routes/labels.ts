/**
 * Words for the ids a call page shows, resolved on the server from their one source:
 *   GET /api/labels/scripts/:id   a call script's title and, per answer key (a step id, or a save
 *                                 step's field), its question text and choice labels in zh and en,
 *                                 from the dialog engine's script loader (the step prompts)
 *   GET /api/labels/users         console users' display names by trail actor (user:<username>)
 * Clinical roles only; nothing here is patient data (script text and staff names), so nothing is audited.
 */
import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import type pg from 'pg';
import { TzError } from '@tingzhen/voice-core';
import { loadScript } from '@tingzhen/dialog-engine';
import { authorize } from '../auth/guard.js';

type Text = { zh: string; en: string };

/** One answer key as a nurse reads it: the question asked, what kind of answer, and each choice's label. */
export interface StepLabels { question: Text; expect: string | null; choices: Record<string, Text> }
export interface ScriptLabels { id: string; title: Text; steps: Record<string, StepLabels> }

const ROLES = ['admin', 'nurse'] as const;
const ScriptParams = Type.Object({ id: Type.String({ pattern: '^[A-Za-z0-9_.-]{1,100}$' }) });

/** `{{patient.displayName}}` and the like are per-call values: a question shown on its own reads them as an ellipsis. */
const plain = (s: string) => s.replace(/\{\{[^}]*\}\}/g, '…').replace(/\s+/g, ' ').trim();

/** Both languages, each falling back to the other (a script may be written in one only), then to `fallback`. */
function both(x: unknown, fallback: string): Text {
  const o = (x !== null && typeof x === 'object' ? x : {}) as { zh?: unknown; en?: unknown };
  const zh = typeof o.zh === 'string' ? plain(o.zh) : '';
  const en = typeof o.en === 'string' ? plain(o.en) : '';
  return { zh: zh || en || fallback, en: en || zh || fallback };
}

/** A script's title and its answer keys in words; TZ_ERR_SCRIPT_NOT_FOUND for an id the engine does not know. */
export function scriptLabels(id: string): ScriptLabels {
  let script: ReturnType<typeof loadScript>;
  try { script = loadScript(id); } catch (err) { throw new TzError('TZ_ERR_NOT_FOUND', { entity: 'script', id }, { cause: err }); }
  const steps: Record<string, StepLabels> = {};
  for (const step of script.steps) {
    if (step.kind === 'ask') {
      const choices: Record<string, Text> = {};
      for (const c of Array.isArray(step.choices) ? step.choices as { id?: unknown; label?: unknown }[] : []) {
        if (typeof c.id === 'string') choices[c.id] = both(c.label, c.id);
      }
      steps[step.id] = { question: both(step.prompt, step.id), expect: typeof step.expect === 'string' ? step.expect : null, choices };
    } else if (step.kind === 'save' && typeof step.field === 'string' && !steps[step.field]) {
      // A value the script files itself (no question asked): a field copied `from` a step reads as that step's question.
      const from = typeof step.from === 'string' ? steps[step.from] : undefined;
      steps[step.field] = from ?? { question: { zh: step.field, en: step.field }, expect: null, choices: {} };
    }
  }
  return { id: script.id, title: both(script.title, script.id), steps };
}

export function labelRoutes(app: FastifyInstance, pool: pg.Pool): void {
  app.get('/api/labels/scripts/:id', { schema: { params: ScriptParams }, preHandler: async (req) => authorize(req, ROLES) }, async (req, reply) => {
    // Scripts change only with a deployment: a page may keep them for the shift.
    reply.header('cache-control', 'private, max-age=300');
    return scriptLabels((req.params as { id: string }).id);
  });
  app.get('/api/labels/users', { preHandler: async (req) => authorize(req, ROLES) }, async () => {
    const r = await pool.query<{ username: string; display_name: string | null }>('SELECT username, display_name FROM console_users ORDER BY id');
    return { users: Object.fromEntries(r.rows.map((u) => [`user:${u.username}`, u.display_name || u.username])) };
  });
}
