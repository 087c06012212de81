/**
 * Words the server resolves for ids a call page shows: a script's title, questions and choice
 * labels (GET /api/labels/scripts/:id, from the dialog engine's scripts) and staff display names
 * (GET /api/labels/users). Fetched once per page load and kept; a failed fetch leaves the ids as
 * they are (never hidden) and is tried again on the next page.
 */
import { useEffect, useState } from 'preact/hooks';
import { api } from './api.js';
import { lang } from './i18n.js';

export type Text = { zh: string; en: string };
export interface StepLabels { question: Text; expect: string | null; choices: Record<string, Text> }
export interface ScriptLabels { id: string; title: Text; steps: Record<string, StepLabels> }

/** A bilingual text in the console's language. */
export const inLang = (x: Text): string => (lang.value === 'en' ? x.en : x.zh);

const scripts = new Map<string, Promise<ScriptLabels | null>>();
let users: Promise<Record<string, string>> | null = null;

function scriptLabels(id: string): Promise<ScriptLabels | null> {
  let p = scripts.get(id);
  if (!p) {
    p = api<ScriptLabels>(`/api/labels/scripts/${encodeURIComponent(id)}`).catch(() => { scripts.delete(id); return null; });
    scripts.set(id, p);
  }
  return p;
}

/** The script's words, or null while loading (or when the script is unknown). */
export function useScriptLabels(id: string | null | undefined): ScriptLabels | null {
  const [x, setX] = useState<ScriptLabels | null>(null);
  useEffect(() => {
    setX(null);
    if (!id) return;
    let live = true;
    void scriptLabels(id).then((r) => { if (live) setX(r); });
    return () => { live = false; };
  }, [id]);
  return x;
}

/** Display names by trail actor (user:<username>). */
export function useUserNames(): Record<string, string> {
  const [x, setX] = useState<Record<string, string>>({});
  useEffect(() => {
    users ??= api<{ users: Record<string, string> }>('/api/labels/users').then((r) => r.users, () => { users = null; return {}; });
    let live = true;
    void users.then((r) => { if (live) setX(r); });
    return () => { live = false; };
  }, []);
  return x;
}

/** A trail actor as a person: the user's display name, else the username without its `user:` prefix. */
export function actorName(actor: string | null | undefined, names: Record<string, string>): string {
  if (!actor) return '';
  return names[actor] ?? actor.replace(/^user:/, '');
}

/** A phone number in a list: its last four digits only (the full number is on the call's page). */
export function maskedPhone(n: string | null | undefined): string {
  if (!n) return '';
  return `•••• ${n.replace(/\D/g, '').slice(-4)}`;
}
