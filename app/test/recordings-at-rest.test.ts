/**
 * Recordings at rest (issue 16 item 8) through the started platform: with RECORDINGS_ENCRYPTION_KEY
 * the gateway's recorder writes `<call>.wav.enc` (AES-256-GCM, 0600) and a nurse's playback in the
 * console gets the WAV back, decrypted; the start-up check takes other users' access to the
 * recordings directory away; a recording written before encryption was switched on still plays.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeWav } from '@tingzhen/voice-core';
import { CallRecorder } from '@tingzhen/voice-gateway';
import { createUser } from '@tingzhen/console';
import { startTestPlatform } from './test-platform.js';

const dirs: string[] = [];
afterAll(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }); });

describe('recordings at rest', () => {
  it('are written encrypted and 0600, and played back decrypted to a nurse (audited)', async () => {
    const key = randomBytes(32);
    const recDir = join(mkdtempSync(join(tmpdir(), 'tz-rec-')), 'recordings');
    dirs.push(join(recDir, '..'));
    // A recordings directory an earlier install left open to everyone, with a plain recording in it.
    mkdirSync(recDir, { mode: 0o755 });
    chmodSync(recDir, 0o755);
    const oldWav = writeWav({ sampleRate: 8000, channels: 1, samples: new Int16Array(800).fill(1000) });
    writeFileSync(join(recDir, 'old-call.wav'), oldWav, { mode: 0o644 });
    chmodSync(join(recDir, 'old-call.wav'), 0o644);

    const t = await startTestPlatform('recrest', { TINGZHEN_ROLES: 'api', RECORDINGS_DIR: recDir, RECORDINGS_ENCRYPTION_KEY: key.toString('hex') });
    try {
      expect(statSync(recDir).mode & 0o777).toBe(0o700);
      expect(statSync(join(recDir, 'old-call.wav')).mode & 0o777).toBe(0o600);

      // What the gateway does at the end of a recorded call (the same options the gateway role passes).
      const rec = new CallRecorder({ dir: recDir, layout: 'stereo', encryptionKey: key }, 8000);
      const caller = Int16Array.from({ length: 1600 }, (_, i) => Math.round(6000 * Math.sin(i / 7)));
      rec.addCaller(caller, 0);
      rec.addBot(new Int16Array(800).fill(-2000), 100);
      const name = await rec.save('call-enc-1');
      expect(name).toBe('call-enc-1.wav.enc');
      const stored = readFileSync(join(recDir, name));
      expect(statSync(join(recDir, name)).mode & 0o777).toBe(0o600);
      expect(stored.subarray(0, 4).toString('latin1')).not.toBe('RIFF');

      const pool = t.platform.services.pool;
      const ids = await pool.query<{ id: string }>(`INSERT INTO inbound_calls (call_id, end_reason, recording_ref) VALUES ('call-enc-1', 'completed', $1), ('old-call', 'completed', 'old-call.wav') RETURNING id::text`, [name]);
      const [encId, oldId] = ids.rows.map((r) => r.id);
      const password = randomBytes(12).toString('hex');
      await createUser(pool, { username: 'nurse.rec', password, role: 'nurse' });
      const login = await fetch(`${t.platform.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'nurse.rec', password }) });
      expect(login.status).toBe(200);
      const cookie = String(login.headers.get('set-cookie')).split(';')[0]!;

      const res = await fetch(`${t.platform.url}/api/recordings/inbound/${encId}`, { headers: { cookie } });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('audio/wav');
      const body = Buffer.from(await res.arrayBuffer());
      expect(body.subarray(0, 4).toString('latin1')).toBe('RIFF');
      // The caller's track (left channel) is what was recorded.
      const left = Array.from({ length: 1600 }, (_, i) => body.readInt16LE(44 + 4 * i));
      expect(left).toEqual(Array.from(caller));

      const old = await fetch(`${t.platform.url}/api/recordings/inbound/${oldId}`, { headers: { cookie } });
      expect(old.status).toBe(200);
      expect(Buffer.from(await old.arrayBuffer()).equals(Buffer.from(oldWav))).toBe(true);

      const audited = await pool.query(`SELECT actor, action, entity_id FROM audit_log WHERE entity = 'recording' ORDER BY seq`);
      expect(audited.rows).toEqual([
        { actor: expect.stringContaining('nurse.rec'), action: 'read', entity_id: encId },
        { actor: expect.stringContaining('nurse.rec'), action: 'read', entity_id: oldId },
      ]);
    } finally {
      await t.dispose();
    }
  }, 120_000);
});
