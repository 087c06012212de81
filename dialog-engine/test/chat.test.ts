/** The `chat` and `lint` commands, driven through their Command interface with in-memory streams. */
import { PassThrough, Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Readable as R, Writable } from 'node:stream';

/** The shape of app's Command (app/src/commands/command.ts), restated to avoid a src/ import. */
interface Command {
  run(args: string[], io: { stdin: R; stdout: Writable; stderr: Writable; env: Record<string, string | undefined> }): Promise<number>;
}

// The commands live in app/ (this brief owns them); app has no test folder of ours, so they are
// loaded by URL here.
const load = async (name: string): Promise<Command> =>
  ((await import(new URL(`../../app/src/commands/${name}.ts`, import.meta.url).href)) as { default: Command }).default;
const chat = await load('chat');
const lint = await load('lint');

async function run(cmd: typeof chat, args: string[], input = ''): Promise<{ code: number; out: string; err: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c: Buffer) => { out += c.toString(); });
  stderr.on('data', (c: Buffer) => { err += c.toString(); });
  const code = await cmd.run(args, { stdin: Readable.from([input]), stdout, stderr, env: {} });
  return { code, out, err };
}

const fixtures = fileURLToPath(new URL('./fixtures/', import.meta.url));

describe('chat command', () => {
  it('runs a built-in script from stdin lines and prints the result as JSON', async () => {
    const r = await run(chat, ['--script', 'appointment-reminder', '--lang', 'en', '--patient-name', 'Mr Li'], 'yes\n\n#1\n');
    expect(r.code).toBe(0);
    const lines = r.out.trim().split('\n');
    expect(lines[0]).toMatch(/^bot: Hello Mr Li, .*AI/);
    const result = JSON.parse(lines.at(-1)!) as Record<string, unknown>;
    expect(result).toMatchObject({ scriptId: 'appointment-reminder', lang: 'en', outcome: 'completed' });
    expect(result.answers).toMatchObject({ attend: { via: 'dtmf', value: { answer: 'yes' } } });
    expect(result.scriptHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('a caller who stops typing has hung up', async () => {
    const r = await run(chat, ['--script', 'satisfaction-survey', '--lang', 'zh'], '');
    const result = JSON.parse(r.out.trim().split('\n').at(-1)!) as Record<string, unknown>;
    expect(result.outcome).toBe('caller-hung-up');
  });

  it('loads a script file, and reports bad usage and unknown scripts', async () => {
    const ok = await run(chat, ['--script', `${fixtures}good/minimal.yaml`, '--lang', 'zh'], '#2\n');
    expect(ok.out).toMatch(/\[transfer to a human: unwell D3\]/);
    expect(ok.out.trim().split('\n').at(-1)).toMatch(/"disposition":"D2"/);
    expect((await run(chat, ['--lang', 'zh'])).code).toBe(2);
    expect((await run(chat, ['--script', 'x', '--lang', 'fr'])).code).toBe(2);
    const missing = await run(chat, ['--script', 'no-such-script', '--lang', 'en']);
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/TZ_ERR_SCRIPT_NOT_FOUND/);
  });
});

describe('lint command', () => {
  it('exit 0 for good scripts, 1 with file:line field for bad ones', async () => {
    expect((await run(lint, [`${fixtures}good/minimal.yaml`])).code).toBe(0);
    const bad = await run(lint, [`${fixtures}bad/dangling-target.yaml`, `${fixtures}bad/missing-prompt.yaml`]);
    expect(bad.code).toBe(1);
    expect(bad.out).toMatch(/dangling-target\.yaml:\d+:\d+ steps\/2\/cases\/0\/next dangling-target/);
    expect(bad.out).toMatch(/missing-prompt\.yaml:\d+:\d+ steps\/1\/prompt missing-prompt/);
    expect((await run(lint, [])).code).toBe(2);
  });
});
