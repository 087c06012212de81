import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import triageCommand from '../src/commands/triage.js';

async function run(input: string): Promise<{ code: number; lines: unknown[] }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const chunks: Buffer[] = [];
  stdout.on('data', (c: Buffer) => chunks.push(c));
  const code = await triageCommand.run([], { stdin: Readable.from([input]), stdout, stderr, env: {} });
  const text = Buffer.concat(chunks).toString('utf8');
  return { code, lines: text.split('\n').filter((l) => l.length > 0).map((l) => JSON.parse(l) as unknown) };
}

describe('triage command', () => {
  it('answers one line per input, keeps going after a bad line', async () => {
    const input = [
      JSON.stringify({ lang: 'zh', narrative: '我爸胸口压着疼出冷汗' }),
      'not json',
      JSON.stringify({ lang: 'fr', narrative: 'x' }),
      JSON.stringify({ lang: 'en', narrative: 'my 3 year old has a fever of 39.5' }),
      JSON.stringify({ lang: 'en' }),
      JSON.stringify({ lang: 'zh', narrative: '嗓子疼' }),
    ].join('\n');
    const { code, lines } = await run(`${input}\n`);
    expect(code).toBe(0);
    expect(lines).toHaveLength(6);
    expect(lines[0]).toMatchObject({ disposition: 'D1', red_flags: ['chest-pain-cardiac'], department: null });
    expect(lines[1]).toHaveProperty('error');
    expect(lines[2]).toHaveProperty('error');
    expect(lines[3]).toMatchObject({ disposition: 'D4', red_flags: [], department: 'pediatrics' });
    expect(lines[4]).toHaveProperty('error');
    expect(lines[5]).toMatchObject({ disposition: 'D7', red_flags: [], department: null });
  });

  it('handles CRLF input and an empty stream', async () => {
    const { lines } = await run(`${JSON.stringify({ lang: 'en', narrative: 'i want to kill myself' })}\r\n`);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ disposition: 'D3', red_flags: ['suicidal'], department: null });
    expect((await run('')).lines).toEqual([]);
  });

  it('adds audit fields (complaint, modifiers with their words, rule) and keeps the old ones', async () => {
    const { lines } = await run(`${JSON.stringify({ lang: 'en', narrative: 'my dad is short of breath, sats 86 on his finger monitor', ageYears: 70 })}\n`);
    const a = lines[0] as { disposition: string; red_flags: string[]; department: string | null; complaint: string | null; modifiers: Array<{ id: string; words: string[] }>; rule: string };
    expect(Object.keys(a).slice(0, 3)).toEqual(['disposition', 'red_flags', 'department']);
    expect(a.disposition).toBe('D1');
    expect(a.red_flags).toContain('severe-breathing');
    expect(a.modifiers).toContainEqual({ id: 'vital:spo2-lt90', words: [expect.stringContaining('86')] });
    expect(a.rule).toMatch(/^(?:red-flag|vital):/);
    expect(a).toHaveProperty('complaint');
  });

  it('an empty or unreadable narrative gets an error line, not a disposition', async () => {
    const input = [
      JSON.stringify({ lang: 'zh', narrative: '' }),
      JSON.stringify({ lang: 'en', narrative: '   ' }),
      JSON.stringify({ lang: 'zh', narrative: '。。。？' }),
      JSON.stringify({ lang: 'zh', narrative: '嗓子疼' }),
    ].join('\n');
    const { lines } = await run(`${input}\n`);
    expect(lines).toHaveLength(4);
    for (const l of lines.slice(0, 3)) {
      expect(l).toHaveProperty('error');
      expect(l).not.toHaveProperty('disposition');
    }
    expect(lines[3]).toHaveProperty('disposition');
  });

  it('is named triage and documents its format', () => {
    expect(triageCommand.name).toBe('triage');
    expect(triageCommand.usage).toContain('disposition');
  });
  it('reads plain, regional and spoken-number narratives through the command the hospital and checks use', async () => {
    const input = [
      // a passing stroke in second-language English, ages and numbers spoken
      JSON.stringify({ lang: 'en', narrative: 'my uncle, seventy-two years old, this morning his left hand no power and his talking not clear, ten minute later ok again' }),
      // a sudden worst headache told with 痛 (the lexicon had written it with 疼)
      JSON.stringify({ lang: 'zh', narrative: '刚才搬东西头里突然嘭一下，活了五十岁从来没这么痛过，还吐了一次' }),
      // a child acting well with 39 °C: not a same-day clinic by the number alone
      JSON.stringify({ lang: 'en', narrative: 'my son is four, thirty-nine point one last night, now he is racing around, drinking fine', ageYears: 4 }),
    ].join('\n');
    const { code, lines } = await run(`${input}\n`);
    expect(code).toBe(0);
    expect(lines[0]).toMatchObject({ red_flags: ['stroke-signs'] });
    expect(['D1', 'D2']).toContain((lines[0] as { disposition: string }).disposition);
    expect(lines[1]).toMatchObject({ red_flags: ['stroke-signs'] });
    expect(['D1', 'D2']).toContain((lines[1] as { disposition: string }).disposition);
    expect(['D5', 'D6', 'D7']).toContain((lines[2] as { disposition: string }).disposition);
  });
});
