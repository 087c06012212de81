import { describe, it, expect } from 'vitest';
import { Writable } from 'node:stream';
import { createLogger, REDACTED } from '../src/logger.js';

function capture() {
  const lines: string[] = [];
  const destination = new Writable({ write(chunk: Buffer, _e, cb) { lines.push(chunk.toString()); cb(); } });
  return { lines, log: createLogger({ level: 'debug', destination: destination }) };
}

describe('redacting logger', () => {
  it('redacts patient fields at any depth and in child bindings', () => {
    const { lines, log } = capture();
    log.child({ callId: 'c1', caller: '+8613800138000' }).info({
      phone: '+8613912345678', patient: { displayName: '张三', name: '张三', mrn: 'MRN42' },
      turns: [{ transcript: '我胸口疼', confidence: 0.9 }], dtmf: { digits: '1234' }, durationMs: 5,
    }, 'turn finished');
    const out = lines.join('');
    for (const secret of ['13800138000', '13912345678', '张三', 'MRN42', '我胸口疼', '1234']) expect(out).not.toContain(secret);
    const rec = JSON.parse(lines[0]!);
    expect(rec.callId).toBe('c1');
    expect(rec.caller).toBe(REDACTED);
    expect(rec.patient.displayName).toBe(REDACTED);
    expect(rec.turns[0].confidence).toBe(0.9);
    expect(rec.durationMs).toBe(5);
  });

  it('masks phone-number-like digit runs in the message text itself', () => {
    const { lines, log } = capture();
    log.warn('dial failed for +86 138-0013-8000 after 3 tries');
    const rec = JSON.parse(lines[0]!);
    expect(rec.msg).not.toContain('0013');
    expect(rec.msg).toContain('after 3 tries');
  });

  it('keeps error code and message but not patient data inside errors', () => {
    const { lines, log } = capture();
    const err = Object.assign(new Error('no answer from 13800138000'), { code: 'TZ_ERR_SIP_REJECTED' });
    log.error({ err }, 'call failed');
    const rec = JSON.parse(lines[0]!);
    expect(rec.err.code).toBe('TZ_ERR_SIP_REJECTED');
    expect(lines[0]).not.toContain('13800138000');
  });
});
