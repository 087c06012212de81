/**
 * The synthetic-patient suite (ARCHITECTURE.md section 5, item 8): the composed platform as
 * `npm start` runs it (api, gateway and worker in one process) on a database of its own, once with
 * bullmq on Redis and once on bullmq's PostgreSQL backend. A nurse signs in through the console
 * API, enters patients and runs post-op follow-up campaigns; the real worker dials them through
 * /v1/dial and the SIP trunk, where SIPp plays each patient: keys (RFC 4733) on the bot's
 * questions, words (a real recording, heard by a scripted recogniser, since no ASR model exists
 * here), a voicemail greeting and beep, a busy line, a phone nobody answers. Hotline callers ring
 * the platform's SIP endpoint (SIPp) and its media WebSocket. Everything is checked as the nurse
 * sees it: results, the worklist, the patient record, the campaign's progress, hotline calls.
 *
 * The Redis run has a nurse line (NURSE_LINE_URI: the trunk accepts the REFER); the PostgreSQL run
 * has none, so a request for a person gets the fallback (a call-back promise and a worklist item).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_TEXTS, RED_FLAG_INSTRUCTION } from '@tingzhen/dialog-engine';
import { HOSPITAL, startSyntheticPlatform, waitFor, type Backend, type SyntheticPlatform } from './harness.js';
import { castLines, KEYS, LANGS, PATIENTS, SAYS, type Lang } from './cast.js';
import { startHotlineCalls, type HotlineCalls } from './hotline.js';
import { botLines, enterPatient, patientCall, progressOf, runCampaign, worklistOf, type PatientDto, type PatientSpec, type ResultDto } from './ward.js';

const RUNS: { backend: Backend; nurseLine?: string }[] = [
  { backend: 'redis', nurseLine: 'sip:nurse-station@127.0.0.1:5099' },
  { backend: 'postgres' },
];

describe.each(RUNS)('synthetic patients, bullmq on $backend', ({ backend, nurseLine }) => {
  let s: SyntheticPlatform;
  const patients = new Map<string, PatientDto>();
  const idOf = (p: PatientSpec) => patients.get(p.mrn)!.id;
  const discharged = new Date(Date.now() - 3 * 86_400_000).toISOString().slice(0, 10);

  beforeAll(async () => {
    s = await startSyntheticPlatform({ backend, tag: 'pat', nurseLine, lines: (dir) => castLines(dir, nurseLine) });
    const all = Object.values(PATIENTS).flatMap((p) => ('mrn' in p ? [p] : LANGS.map((l) => p[l])));
    for (const p of all) patients.set(p.mrn, await enterPatient(s.nurse, p, discharged));
  }, 120_000);
  afterAll(async () => { await s?.close(); }, 60_000);

  /** Until the first attempt of `n` contacts of the campaign has ended (answered, busy, cancelled...). */
  async function firstAttemptsEnded(campaignId: string, n: number, timeoutMs = 150_000): Promise<void> {
    await waitFor(`${n} calls of campaign ${campaignId}`, async () => {
      const r = await s.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM call_attempts WHERE campaign_id = $1 AND seq = 1 AND state NOT IN ('queued', 'held', 'dialing')`, [campaignId]);
      return r.rows[0]!.n >= n ? true : undefined;
    }, timeoutMs);
  }

  async function attemptsOf(patientId: string): Promise<{ seq: number; state: string; reason: string | null; scheduled_for: Date; started_at: Date | null; campaign_id: string }[]> {
    return (await s.pool.query('SELECT seq, state, reason, scheduled_for, started_at, campaign_id::text FROM call_attempts WHERE patient_id = $1 ORDER BY id', [patientId])).rows;
  }

  const texts = (lang: Lang) => ({
    human: DEFAULT_TEXTS.human[lang], humanUnavailable: DEFAULT_TEXTS.humanUnavailable[lang], optOut: DEFAULT_TEXTS.optOut[lang],
    wrongPerson: DEFAULT_TEXTS.wrongPerson[lang], busy: DEFAULT_TEXTS.busy[lang], redFlagD1: DEFAULT_TEXTS.redFlagD1[lang],
    recordingNotice: DEFAULT_TEXTS.recordingNotice[lang],
  });

  describe('patients who answer in words (a scripted recogniser per call)', () => {
    /** Both languages' patients of a flow in one campaign; each call gets its own recogniser. */
    async function speakingPatients(flow: 'optOut' | 'wrongPerson' | 'callBack'): Promise<{ campaignId: string; calls: Record<Lang, { patientId: string; result: ResultDto; worklist: Awaited<ReturnType<typeof worklistOf>> }> }> {
      const heard = LANGS.map((l) => s.recognisers.arm(l, SAYS[flow][l]));
      const ids = LANGS.map((l) => idOf(PATIENTS[flow][l]));
      const campaignId = await runCampaign(s.nurse, s.zone, `术后随访 ${flow}`, ids);
      await firstAttemptsEnded(campaignId, 2);
      // Each call asked for its recogniser, and the patient's words were heard once.
      expect(s.recognisers.pending).toBe(0);
      for (const [i, asr] of heard.entries()) expect(asr.delivered.map((u) => u.text)).toEqual([SAYS[flow][LANGS[i]!]]);
      const calls = {} as Record<Lang, { patientId: string; result: ResultDto; worklist: Awaited<ReturnType<typeof worklistOf>> }>;
      for (const [i, lang] of LANGS.entries()) calls[lang] = { patientId: ids[i]!, ...(await patientCall(s.nurse, campaignId, ids[i]!)) };
      return { campaignId, calls };
    }

    it('opts out: do-not-call is set with its reason, the contact closes, and no further call is planned', async () => {
      const { campaignId, calls } = await speakingPatients('optOut');
      for (const lang of LANGS) {
        const { patientId, result } = calls[lang];
        expect(result).toMatchObject({ outcome: 'opted-out', lang, red_flags: [] });
        expect(result.transcript!.some((t) => t.speaker === 'patient' && t.via === 'speech' && t.text === SAYS.optOut[lang])).toBe(true);
        expect(botLines(result).at(-1)).toBe(texts(lang).optOut);
        const record = await s.nurse.get<PatientDto>(`/api/patients/${patientId}`);
        expect(record).toMatchObject({ doNotCall: true, doNotCallReason: 'opted_out_on_call' });
        expect(record.doNotCallAt).not.toBeNull();
        expect(await attemptsOf(patientId)).toHaveLength(1);
        const contact = await s.pool.query('SELECT state, state_reason FROM contacts WHERE campaign_id = $1 AND patient_id = $2', [campaignId, patientId]);
        expect(contact.rows[0]).toEqual({ state: 'opted_out', state_reason: 'opted_out_on_call' });
      }
      const progress = await progressOf(s.nurse, campaignId);
      expect(progress.contacts).toMatchObject({ opted_out: 2 });
      expect(progress.attempts.queued ?? 0).toBe(0);
    }, 180_000);

    it('the wrong person answers: the contact closes as unreachable and a nurse is told', async () => {
      const { campaignId, calls } = await speakingPatients('wrongPerson');
      for (const lang of LANGS) {
        const { patientId, result, worklist } = calls[lang];
        expect(result).toMatchObject({ outcome: 'wrong-person', lang });
        expect(botLines(result).at(-1)).toBe(texts(lang).wrongPerson);
        expect(worklist).toEqual([expect.objectContaining({ reason: 'wrong_person', priority: 3, state: 'open', call_result_id: result.id })]);
        expect(await attemptsOf(patientId)).toHaveLength(1);
        const contact = await s.pool.query('SELECT state, state_reason FROM contacts WHERE campaign_id = $1 AND patient_id = $2', [campaignId, patientId]);
        expect(contact.rows[0]).toEqual({ state: 'unreachable', state_reason: 'wrong_person' });
      }
      expect((await progressOf(s.nurse, campaignId)).contacts).toMatchObject({ unreachable: 2 });
    }, 180_000);

    it('asks to be called back tomorrow afternoon: the next call is planned then, inside the calling windows, and the worklist says when', async () => {
      const { campaignId, calls } = await speakingPatients('callBack');
      const tomorrow = new Intl.DateTimeFormat('en-CA', { timeZone: s.zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(Date.now() + 86_400_000));
      const local = (d: Date | string) => new Intl.DateTimeFormat('en-CA', { timeZone: s.zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(d));
      for (const lang of LANGS) {
        const { patientId, result, worklist } = calls[lang];
        expect(result).toMatchObject({ outcome: 'call-later', lang });
        expect(botLines(result).at(-1)).toBe(texts(lang).busy);
        expect(worklist).toEqual([expect.objectContaining({ reason: 'callback_requested', priority: 4, call_result_id: result.id })]);
        const at = local(worklist[0]!.callback_at!);
        // Tomorrow, in the afternoon window (14:00-17:30 on every day but today).
        expect(at.slice(0, 10)).toBe(tomorrow);
        expect(at.slice(12) >= '14:00' && at.slice(12) < '17:30', at).toBe(true);
        const [first, next] = await attemptsOf(patientId);
        expect(first).toMatchObject({ seq: 1, state: 'answered' });
        expect(next).toMatchObject({ seq: 2, state: 'queued' });
        expect(next!.scheduled_for.getTime()).toBe(new Date(worklist[0]!.callback_at!).getTime());
      }
      expect(await progressOf(s.nurse, campaignId)).toMatchObject({ contacts: { active: 2 }, attempts: { answered: 2, queued: 2 } });
    }, 180_000);
  });

  describe('patients who answer with the keypad, lines that do not answer, and hotline callers', () => {
    let recorded: string;
    let unrecorded: string;
    let hotline: HotlineCalls;
    let recognisersBefore: number;

    beforeAll(async () => {
      recognisersBefore = s.recognisers.handedOut.length;
      hotline = await startHotlineCalls(s);
      const ids = (...ps: PatientSpec[]) => ps.map(idOf);
      // The patients who opted out on the first call are in this campaign too: they are never dialled.
      const everyone = [
        ...LANGS.flatMap((l) => ids(PATIENTS.well[l], PATIENTS.nurse[l], PATIENTS.hangsUp[l], PATIENTS.optOut[l])),
        ...ids(PATIENTS.voicemail, PATIENTS.noAnswer, PATIENTS.busy),
      ];
      recorded = await runCampaign(s.nurse, s.zone, '术后随访', everyone);
      unrecorded = await runCampaign(s.nurse, s.zone, '术后随访（不录音）', LANGS.map((l) => idOf(PATIENTS.redFlag[l])), { recordCalls: false });
      await Promise.all([firstAttemptsEnded(recorded, everyone.length, 180_000), firstAttemptsEnded(unrecorded, LANGS.length, 180_000), hotline.done]);
    }, 240_000);

    it('no keypad call used a recogniser (the DTMF path runs without any fake)', () => {
      expect(s.recognisers.handedOut.length).toBe(recognisersBefore);
    });

    it('recovering well: every answer typed, the call completed and recorded, nothing on the worklist', async () => {
      for (const lang of LANGS) {
        const { result, worklist } = await patientCall(s.nurse, recorded, idOf(PATIENTS.well[lang]));
        expect(result.answers).toEqual({
          consent: { type: 'yes-no', value: { answer: 'yes' }, via: 'dtmf' },
          wound: { type: 'yes-no', value: { answer: 'no' }, via: 'dtmf' },
          fever: { type: 'yes-no', value: { answer: 'no' }, via: 'dtmf' },
          pain: { type: 'scale-0-10', value: { value: 2 }, via: 'dtmf' },
          mobility: { type: 'yes-no', value: { answer: 'yes' }, via: 'dtmf' },
          calf: { type: 'yes-no', value: { answer: 'no' }, via: 'dtmf' },
          breath: { type: 'yes-no', value: { answer: 'no' }, via: 'dtmf' },
          drain: { type: 'yes-no', value: { answer: 'no' }, via: 'dtmf' },
        });
        // The Mandarin patient said hello on picking up (a person); the English one said nothing (uncertain: a person too).
        expect(result).toMatchObject({ outcome: 'completed', hangup_reason: 'completed', disposition: null, red_flags: [], lang, amd: lang === 'zh' ? 'human' : 'uncertain' });
        expect(worklist).toEqual([]);
        const bot = botLines(result);
        // The greeting names the patient and the hospital, says it is an AI and that the call is recorded.
        expect(bot[0]).toContain(PATIENTS.well[lang].name);
        expect(bot[0]).toContain(HOSPITAL);
        expect(bot[0]).toContain(lang === 'zh' ? '我是人工智能' : 'I am an AI');
        expect(bot[0]).toContain(texts(lang).recordingNotice);
        expect(result.transcript!.filter((t) => t.via === 'dtmf').map((t) => t.text).join('')).toBe(KEYS.well);
        // The recording is there for the nurse (audited route).
        expect(result.recording_ref).toMatch(/^\w[\w.-]*\.wav$/);
        expect(await s.nurse.status(`/api/recordings/${result.id}`)).toBe(200);
      }
    });

    it('reports a red flag mid-call: the 120 advice, a P1 worklist item with the flag, disposition D1 (a campaign that does not record never says it does)', async () => {
      for (const lang of LANGS) {
        const { result, worklist } = await patientCall(s.nurse, unrecorded, idOf(PATIENTS.redFlag[lang]));
        expect(result).toMatchObject({ outcome: 'red-flag', disposition: 'D1', red_flags: ['severe-breathing'], lang });
        expect(Object.keys(result.answers)).toEqual(expect.arrayContaining(['consent', 'wound', 'fever', 'pain', 'mobility', 'calf', 'breath']));
        expect(result.answers.breath).toMatchObject({ value: { answer: 'yes' } });
        const bot = botLines(result);
        expect(bot).toContain(RED_FLAG_INSTRUCTION['severe-breathing']![lang]);
        expect(bot).toContain(texts(lang).redFlagD1);
        expect(texts(lang).redFlagD1).toContain('120');
        expect(worklist).toEqual([expect.objectContaining({ priority: 1, reason: 'red_flag', red_flags: ['severe-breathing'], call_result_id: result.id })]);
        expect(result.recording_ref).toBeNull();
        expect(bot[0]).not.toContain(texts(lang).recordingNotice);
      }
    });

    it(nurseLine ? 'asks for a nurse: the call is handed to the nurse line (REFER accepted)' : 'asks for a nurse with no nurse line: the fallback at once (a call-back promise), a worklist item, the call ends', async () => {
      for (const lang of LANGS) {
        const { result, worklist } = await patientCall(s.nurse, recorded, idOf(PATIENTS.nurse[lang]));
        expect(result.answers).toMatchObject({ consent: { value: { answer: 'yes' } }, wound: { value: { answer: 'no' } } });
        const bot = botLines(result);
        expect(bot).toContain(texts(lang).human);
        if (nurseLine) {
          expect(result.outcome).toBe('transferred');
          expect(bot.at(-1)).toBe(texts(lang).human);
          continue;
        }
        expect(result.outcome).toBe('transfer-failed');
        expect(bot.at(-1)).toBe(texts(lang).humanUnavailable);
        // No dead air: the fallback follows the "connecting you" prompt straight away (a transfer
        // that waited for someone would leave seconds of silence here).
        const tr = result.transcript!.filter((t) => t.speaker === 'bot');
        const connecting = tr.find((t) => t.text === texts(lang).human)!;
        const fallback = tr.find((t) => t.text === texts(lang).humanUnavailable)!;
        expect(fallback.startMs - connecting.endMs).toBeLessThan(3000);
        expect(result.hangup_reason).toBe('completed');
        expect(worklist).toEqual([expect.objectContaining({ priority: 3, call_result_id: result.id, state: 'open' })]);
        expect(worklist[0]!.callback_at).not.toBeNull();
      }
    });

    it('hangs up after two questions: the partial answers are kept, and the wound concern reaches the worklist', async () => {
      for (const lang of LANGS) {
        const { result, worklist } = await patientCall(s.nurse, recorded, idOf(PATIENTS.hangsUp[lang]));
        expect(result.answers).toEqual({
          consent: { type: 'yes-no', value: { answer: 'yes' }, via: 'dtmf' },
          wound: { type: 'yes-no', value: { answer: 'yes' }, via: 'dtmf' },
          'wound-bleeding': { type: 'yes-no', value: { answer: 'no' }, via: 'dtmf' },
        });
        expect(result).toMatchObject({ outcome: 'caller-hung-up', disposition: 'D4', tags: ['wound-concern'] });
        expect(worklist).toEqual([expect.objectContaining({ reason: 'caller_hung_up', call_result_id: result.id })]);
      }
    });

    it('the patients who opted out are not called again', async () => {
      for (const lang of LANGS) {
        const attempts = await attemptsOf(idOf(PATIENTS.optOut[lang]));
        expect(attempts).toHaveLength(2);
        expect(attempts[1]).toMatchObject({ campaign_id: recorded, state: 'cancelled', reason: 'do_not_call', started_at: null });
      }
    });

    it('voicemail, no answer, busy: no result, the attempt says why, and a retry is planned', async () => {
      const expected: [PatientSpec, string, string | null][] = [[PATIENTS.voicemail, 'voicemail', 'message_left'], [PATIENTS.noAnswer, 'no_answer', null], [PATIENTS.busy, 'busy', 'busy']];
      for (const [p, state, reason] of expected) {
        const attempts = await attemptsOf(idOf(p));
        expect(attempts[0], p.mrn).toMatchObject({ seq: 1, state, ...(reason ? { reason } : {}) });
        expect(attempts[1], p.mrn).toMatchObject({ seq: 2, state: 'queued' });
        expect(attempts[1]!.scheduled_for.getTime()).toBeGreaterThan(Date.now() + 20 * 60_000);
        expect((await s.nurse.get<{ items: unknown[] }>(`/api/results?patientId=${idOf(p)}`)).items).toEqual([]);
      }
      const progress = await progressOf(s.nurse, recorded);
      expect(progress.attempts).toMatchObject({ voicemail: 1, no_answer: 1, busy: 1, queued: 3, cancelled: 2 });
      expect(progress.contacts).toMatchObject({ active: 3, opted_out: 2 });
    });

    it('hotline: a caller with a red flag is told to ring 120 and lands on the worklist at P1', async () => {
      for (const call of hotline.redFlag) {
        const c = await hotline.detail(call);
        expect(c).toMatchObject({ disposition: 'D1', red_flags: ['chest-pain-cardiac'], outcome: 'red-flag', lang: call.lang, is_test: false, has_recording: true });
        if (call.callerNumber) expect(c.caller_number).toContain(call.callerNumber);
        expect(await s.nurse.status(`/api/recordings/inbound/${c.id}`)).toBe(200);
        expect(botLines(c)).toContain(texts(call.lang).redFlagD1);
        expect(c.escalations).toEqual([expect.objectContaining({ priority: 1, reason: 'hotline_red_flag', state: 'open' })]);
        const items = await worklistOf(s.nurse, { inboundCallId: c.id });
        expect(items).toEqual([expect.objectContaining({ priority: 1, red_flags: ['chest-pain-cardiac'], patient_id: null })]);
      }
    });

    it('hotline: a caller with a mild fever gets self-care advice, no worklist item', async () => {
      for (const call of hotline.nonUrgent) {
        const c = await hotline.detail(call);
        expect(c).toMatchObject({ disposition: 'D7', red_flags: [], outcome: 'completed', lang: call.lang, escalation: null });
        expect(c.answers).toMatchObject({ complaint: { value: { choice: 'fever' } }, 'fever-3': { value: { answer: 'no' } } });
        expect(botLines(c).at(-2)).toContain(call.lang === 'zh' ? '在家休息观察' : 'rest at home');
        expect(c.escalations).toEqual([]);
      }
    });
  });
});
