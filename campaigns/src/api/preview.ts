/**
 * A script preview in plain text, for nurses: the conversation the bot would have on the happy path
 * (the patient agrees, reports nothing alarming, and the call completes), in each of the script's
 * languages. It is produced by running the real dialog engine (runner + rule interpreter), so what
 * it shows is what a call would do, not a reading of the YAML.
 *
 * The walk tries plain sample answers at each question and backtracks (the runner's state is plain
 * JSON) until a path completes without an alert or a transfer; when none does within the budget,
 * the longest path found is shown with its outcome.
 */
import { createRunner, rulesInterpreter, type Action, type Input, type Runner, type RunnerState, type Script } from '@tingzhen/dialog-engine';

type Lang = 'zh' | 'en';
type Listen = Extract<Action, { type: 'listen' }>;

interface Turn { bot: string[]; expect?: string; answer?: string; viaKey?: boolean }
interface Walk { turns: Turn[]; state: RunnerState; happy: boolean }

/** Sample answers per expectation, most "all is well" first. */
const SAMPLES: Record<string, Record<Lang, string[]>> = {
  'yes-no': { en: ['yes', 'no'], zh: ['是的', '没有'] },
  'scale-0-10': { en: ['two', 'nine', 'zero'], zh: ['两分', '九分', '零分'] },
  number: { en: ['36.5', 'one', 'zero'], zh: ['三十六度五', '一', '零'] },
  'blood-pressure': { en: ['120 over 80'], zh: ['高压一百二，低压八十'] },
  date: { en: ['tomorrow', 'next Monday'], zh: ['明天', '下周一'] },
  symptoms: { en: ['no, nothing', 'no'], zh: ['没有', '都没有'] },
  'red-flag': { en: ['no', 'no, nothing like that'], zh: ['没有', '都没有'] },
  intent: { en: ['yes', 'no thanks'], zh: ['好的', '不用了'] },
  'free-text': { en: ['no, nothing else, thank you'], zh: ['没有了，谢谢'] },
};

const MAX_EXPANSIONS = 600;
const MAX_TURNS = 80;

export function previewScriptText(script: Script): string {
  const runner = createRunner(script, { interpreter: rulesInterpreter() });
  const title = script.title as Partial<Record<Lang, string>> | undefined;
  const out: string[] = [];
  for (const lang of script.languages as Lang[]) {
    const walk = happyPath(runner, lang);
    const result = runner.result(walk.state);
    out.push(`=== ${title?.[lang] ?? script.id} (${script.id} v${script.version}) [${lang}] ===`);
    out.push(walk.happy
      ? `Happy path: outcome ${result.outcome ?? 'none'}, disposition ${result.disposition ?? 'none'}`
      : `No path completed without an alert or transfer; showing the longest: outcome ${result.outcome ?? 'none'}, disposition ${result.disposition ?? 'none'}`);
    out.push('');
    walk.turns.forEach((t) => {
      for (const line of t.bot) out.push(`BOT: ${line}`);
      if (t.expect) {
        out.push(`     (expects ${t.expect})`);
        out.push(`PATIENT: ${t.viaKey ? `[presses ${t.answer}]` : t.answer}`);
      }
    });
    out.push('');
  }
  return out.join('\n');
}

function happyPath(runner: Runner, lang: Lang): Walk {
  let budget = MAX_EXPANSIONS;
  let longest: Walk | null = null;
  const steps = new Map(runner.script.steps.map((s) => [s.id, s] as const));
  const order = new Map(runner.script.steps.map((s, i) => [s.id, i] as const));

  const advance = (state: RunnerState, input: Input): { state: RunnerState; actions: Action[] } => runner.next(structuredClone(state), input);

  const search = (state: RunnerState, actions: Action[], turns: Turn[]): Walk | null => {
    budget--;
    const bot = actions.filter((a): a is Extract<Action, { type: 'say' }> => a.type === 'say').map((a) => a.text);
    const troubled = actions.some((a) => a.type === 'alert' || a.type === 'transfer' || a.type === 'set-do-not-call');
    const listen = actions.find((a): a is Listen => a.type === 'listen');
    if (troubled) {
      keepLongest({ turns: [...turns, { bot }], state, happy: false });
      return null;
    }
    if (!listen || state.phase === 'ended') {
      const done: Walk = { turns: [...turns, { bot }], state, happy: runner.result(state).outcome === 'completed' };
      if (done.happy) return done;
      keepLongest(done);
      return null;
    }
    if (turns.length >= MAX_TURNS || budget <= 0) {
      keepLongest({ turns: [...turns, { bot }], state, happy: false });
      return null;
    }
    // One step ahead for every sample answer, best first: no alert or transfer, least severe
    // disposition and fewest red flags, the call not ended early, and the furthest next question
    // (a "no" to a symptom skips its follow-up questions; a "yes" to consent moves on).
    const tried: { c: { answer: string; viaKey: boolean }; next: { state: RunnerState; actions: Action[] }; score: number[] }[] = [];
    for (const c of candidates(listen, steps.get(listen.stepId), lang)) {
      if (budget-- <= 0) break;
      let next: { state: RunnerState; actions: Action[] };
      try {
        next = advance(state, c.viaKey ? { type: 'dtmf', digit: c.answer } : { type: 'speech', text: c.answer, confidence: 0.95 });
      } catch {
        continue;
      }
      const again = next.actions.find((a): a is Listen => a.type === 'listen');
      // An answer that only makes the bot ask the same question again is no answer.
      if (again && again.stepId === listen.stepId && (next.state.ask?.noMatch ?? 0) + (next.state.ask?.noInput ?? 0) > 0) continue;
      const trouble = next.actions.some((a) => a.type === 'alert' || a.type === 'transfer' || a.type === 'set-do-not-call') ? 1 : 0;
      const endedEarly = !again && runner.result(next.state).outcome !== 'completed' ? 1 : 0;
      const nextIndex = again ? (order.get(again.stepId) ?? 0) : order.size;
      tried.push({ c, next, score: [trouble, severity(next.state), endedEarly, -nextIndex] });
    }
    tried.sort((a, b) => compare(a.score, b.score));
    for (const t of tried) {
      const found = search(t.next.state, t.next.actions, [...turns, { bot, expect: describeExpect(listen), answer: t.c.answer, viaKey: t.c.viaKey }]);
      if (found) return found;
    }
    keepLongest({ turns: [...turns, { bot }], state, happy: false });
    return null;
  };

  function keepLongest(w: Walk): void {
    if (!longest || w.turns.length > longest.turns.length) longest = w;
  }

  const start = advance(runner.initialState({ lang }), { type: 'start' });
  return search(start.state, start.actions, []) ?? longest ?? { turns: [], state: start.state, happy: false };
}

/** How alarming the call is so far: red flags first, then the disposition (D1 is the most urgent). */
function severity(state: RunnerState): number {
  const d = state.disposition ? 8 - Number(state.disposition.slice(1)) : 0;
  return state.redFlags.length * 10 + d + (state.alerted ? 5 : 0);
}

function compare(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return 0;
}

function candidates(listen: Listen, step: Record<string, unknown> | undefined, lang: Lang): { answer: string; viaKey: boolean }[] {
  const out: { answer: string; viaKey: boolean }[] = [];
  if (!listen.dtmfOnly) {
    const choices = Array.isArray(step?.choices) ? (step.choices as { id: string; label?: Partial<Record<Lang, string>> }[]) : [];
    for (const ch of choices) out.push({ answer: ch.label?.[lang] ?? ch.id, viaKey: false });
    for (const s of SAMPLES[listen.expect]?.[lang] ?? []) out.push({ answer: s, viaKey: false });
  }
  for (const digit of Object.keys(listen.dtmf.map ?? {})) out.push({ answer: digit, viaKey: true });
  return out;
}

function describeExpect(listen: Listen): string {
  const keys = Object.entries(listen.dtmf.map ?? {}).map(([k, v]) => `${k}=${v}`).join(', ');
  return keys ? `${listen.expect}; keys ${keys}` : listen.expect;
}
