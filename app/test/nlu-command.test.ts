import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import nlu from '../src/commands/nlu.js';

async function runWith(input: string | Readable): Promise<{ code: number; lines: unknown[]; stderr: string }> {
  const stdin = typeof input === 'string' ? Readable.from([input]) : input;
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  stdout.on('data', (c: Buffer) => out.push(c));
  stderr.on('data', (c: Buffer) => err.push(c));
  const code = await nlu.run([], { stdin, stdout, stderr, env: {} });
  const text = Buffer.concat(out).toString('utf8');
  return { code, lines: text.split('\n').filter((l) => l.length > 0).map((l) => JSON.parse(l) as unknown), stderr: Buffer.concat(err).toString('utf8') };
}

describe('nlu command', () => {
  it('is named nlu and documents its input', () => {
    expect(nlu.name).toBe('nlu');
    expect(nlu.usage).toContain('expect');
  });

  it('answers one JSON line per input line, in order', async () => {
    const input = [
      { lang: 'zh', asked: '还咳嗽吗', expect: 'yes-no', utterance: '咳嗽倒是不咳' },
      { lang: 'zh', asked: '体温多少', expect: 'number', utterance: '三十九度二' },
      { lang: 'zh', asked: '体重多少', expect: 'number', utterance: '一百二十斤' },
      { lang: 'zh', asked: '疼痛打几分', expect: 'scale-0-10', utterance: '五六分' },
      { lang: 'zh', asked: '血压多少', expect: 'blood-pressure', utterance: '高压一百六低压一百' },
      { lang: 'en', asked: 'blood pressure?', expect: 'blood-pressure', utterance: 'one-sixty over a hundred' },
      { lang: 'zh', asked: '', expect: 'intent', utterance: '别再给我打电话了' },
      { lang: 'zh', asked: '哪天开始的', expect: 'date', utterance: '前天', callDate: '2026-05-20' },
      { lang: 'en', asked: 'when', expect: 'date', utterance: 'May 3rd', callDate: '2026-05-20' },
      { lang: 'en', asked: 'temperature?', expect: 'number', utterance: 'no idea' },
      { lang: 'en', asked: 'how long', expect: 'number', utterance: 'three or four days' },
    ].map((o) => JSON.stringify(o)).join('\n');
    const { code, lines } = await runWith(`${input}\n`);
    expect(code).toBe(0);
    expect(lines).toEqual([
      { answer: 'no' },
      { value: 39.2, unit: '°C' },
      { value: 120, unit: '斤' },
      { min: 5, max: 6 },
      { systolic: 160, diastolic: 100 },
      { systolic: 160, diastolic: 100 },
      { intent: 'opt-out' },
      { relative_days: -2 },
      { date: '2026-05-03' },
      { value: null },
      { min: 3, max: 4, unit: 'days' },
    ]);
  });

  it('writes an error line for a bad line and goes on', async () => {
    const input = [
      '{not json',
      JSON.stringify({ lang: 'zh', expect: 'colour', utterance: '红' }),
      JSON.stringify({ lang: 'xx', expect: 'yes-no', utterance: 'oui' }),
      '[1,2]',
      '',
      JSON.stringify({ lang: 'en', expect: 'yes-no', utterance: 'yep' }),
    ].join('\n');
    const { code, lines } = await runWith(input);
    expect(code).toBe(0);
    expect(lines).toHaveLength(6);
    for (const l of lines.slice(0, 5)) expect(l).toEqual({ error: expect.any(String) });
    expect(lines[5]).toEqual({ answer: 'yes' });
  });

  it('handles CRLF input and a last line without a newline', async () => {
    const { lines } = await runWith(`${JSON.stringify({ lang: 'zh', expect: 'yes-no', utterance: '是的' })}\r\n${JSON.stringify({ lang: 'zh', expect: 'yes-no', utterance: '不是' })}`);
    expect(lines).toEqual([{ answer: 'yes' }, { answer: 'no' }]);
  });

  it('returns 1 when stdin fails', async () => {
    const stdin = new Readable({
      read() {
        this.destroy(new Error('boom'));
      },
    });
    const { code, stderr } = await runWith(stdin);
    expect(code).toBe(1);
    expect(stderr).toContain('failed to read');
  });
});
