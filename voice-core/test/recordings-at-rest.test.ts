/**
 * Recordings at rest (issue 16 item 8): AES-256-GCM with the key from RECORDINGS_ENCRYPTION_KEY,
 * bound to the file's name; the start-up check that takes group/other access away.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decryptRecording, encryptRecording, isEncryptedRecording, loadConfig, parseRecordingKey, tightenRecordingModes, writeWav } from '../src/index.js';

const dirs: string[] = [];
afterAll(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }); });

const key = randomBytes(32);
const wav = writeWav({ sampleRate: 8000, channels: 2, samples: Int16Array.from({ length: 1600 }, (_, i) => Math.round(8000 * Math.sin(i / 5))) });

describe('recording encryption', () => {
  it('round-trips, and the stored bytes are not the WAV', () => {
    const enc = encryptRecording(wav, key, 'call-1.wav.enc');
    expect(isEncryptedRecording(enc)).toBe(true);
    expect(enc.includes(Buffer.from('RIFF'))).toBe(false);
    expect(enc.includes(wav.subarray(44, 140))).toBe(false);
    expect(decryptRecording(enc, key, 'call-1.wav.enc').equals(Buffer.from(wav))).toBe(true);
    // A fresh IV per file: the same recording never encrypts to the same bytes.
    expect(encryptRecording(wav, key, 'call-1.wav.enc').equals(enc)).toBe(false);
  });

  it('refuses another key, another file name, and any changed byte', () => {
    const enc = encryptRecording(wav, key, 'call-1.wav.enc');
    const reason = (f: () => unknown) => { try { f(); return 'opened'; } catch (e) { return (e as { code: string; details: { reason: string } }).code + ':' + (e as { details: { reason: string } }).details.reason; } };
    expect(reason(() => decryptRecording(enc, randomBytes(32), 'call-1.wav.enc'))).toBe('TZ_ERR_RECORDING_UNREADABLE:another-key');
    expect(reason(() => decryptRecording(enc, key, 'call-2.wav.enc'))).toBe('TZ_ERR_RECORDING_UNREADABLE:damaged');
    for (const at of [30, 100, enc.length - 3]) {
      const bad = Buffer.from(enc);
      bad[at] = bad[at]! ^ 1;
      expect(reason(() => decryptRecording(bad, key, 'call-1.wav.enc'))).toBe('TZ_ERR_RECORDING_UNREADABLE:damaged');
    }
    expect(reason(() => decryptRecording(Buffer.from(wav), key, 'call-1.wav.enc'))).toBe('TZ_ERR_RECORDING_UNREADABLE:not-encrypted');
  });

  it('takes the key as 64 hex digits or 44 base64 characters; the config check never prints it', () => {
    expect(parseRecordingKey(key.toString('hex')).equals(key)).toBe(true);
    expect(parseRecordingKey(key.toString('base64')).equals(key)).toBe(true);
    expect(() => parseRecordingKey('short')).toThrow(/RECORDINGS_ENCRYPTION_KEY/);
    expect(loadConfig({ RECORDINGS_ENCRYPTION_KEY: key.toString('hex') }).recordingsEncryptionKey).toBe(key.toString('hex'));
    const bad = `${key.toString('hex').slice(0, 60)}zzzz`;
    let message = '';
    try { loadConfig({ RECORDINGS_ENCRYPTION_KEY: bad }); } catch (e) { message = (e as Error).message + JSON.stringify((e as { details?: unknown }).details); }
    expect(message).toMatch(/RECORDINGS_ENCRYPTION_KEY/);
    expect(message).not.toContain(bad.slice(0, 20));
  });
});

describe('recording file modes', () => {
  it('takes group and other access away from the directory and its files', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tz-rec-modes-'));
    dirs.push(dir);
    chmodSync(dir, 0o755);
    writeFileSync(join(dir, 'a.wav'), 'x', { mode: 0o644 });
    writeFileSync(join(dir, 'b.wav.enc'), 'x', { mode: 0o600 });
    expect(await tightenRecordingModes(dir)).toEqual({ dirFixed: true, filesFixed: 1 });
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(statSync(join(dir, 'a.wav')).mode & 0o777).toBe(0o600);
    expect(await tightenRecordingModes(dir)).toEqual({ dirFixed: false, filesFixed: 0 });
    expect(await tightenRecordingModes(join(dir, 'missing'))).toEqual({ dirFixed: false, filesFixed: 0 });
    await expect(tightenRecordingModes(join(dir, 'a.wav'))).rejects.toThrow(/not a directory/);
  });
});
