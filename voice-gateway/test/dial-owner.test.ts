/**
 * A gateway that files the calls it carries (dial route `owner`): the worker's request going away
 * does not end the call; the lease is taken when the call is placed, the outcome filed before the
 * reply, the lease released after. Without an owner, the worker going away ends the call (as before).
 */
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { createLogger, type CallOutcome, type DialRequestWire } from '@tingzhen/voice-core';
import { dialRoute, signToken, type PlaceCallRequest } from '../src/index.js';

const SECRET = 'dial-owner-test-secret-0123456789';
const body: DialRequestWire = {
  attemptId: '42', campaignId: '7', phone: '+8613800138000', scriptId: 'post-op-followup', scriptVersion: '1', scriptHash: null, callerId: null, trunk: 'default',
  voicemailMessage: '', maxCallMs: 60_000, patient: { id: '9', name: '张三', language: 'zh-CN', timezone: null, department: null, dischargeDate: null, customFields: {} },
};

async function start(withOwner: boolean, held = false) {
  const events: string[] = [];
  let endCall!: () => void;
  const aborted = { value: false };
  const app = Fastify();
  await app.register(dialRoute, {
    auth: { secret: SECRET }, logger: createLogger({ level: 'silent' }),
    targetFor: () => 'sip:+8613800138000@trunk',
    dial: (req: PlaceCallRequest) => new Promise((resolve) => {
      events.push('placed');
      setTimeout(() => { events.push('answered'); req.onAnswered?.(); }, 100);
      req.signal?.addEventListener('abort', () => { aborted.value = true; resolve({ status: 'failed', reason: 'aborted' }); });
      endCall = () => resolve({ status: 'no-answer', reason: 'timeout' });
    }),
    ...(withOwner ? {
      owner: {
        hold: async (id: string) => { events.push(`hold:${id}`); return held; },
        release: (id: string) => { events.push(`release:${id}`); },
        file: async (id: string, o: CallOutcome) => { events.push(`file:${id}:${o.kind}`); },
      },
    } : {}),
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const url = `http://127.0.0.1:${(app.server.address() as { port: number }).port}/v1/dial`;
  return { app, url, events, aborted, end: () => endCall() };
}

async function dialAndDisconnect(url: string): Promise<void> {
  const ac = new AbortController();
  const req = fetch(url, { method: 'POST', signal: ac.signal, headers: { 'content-type': 'application/json', authorization: `Bearer ${signToken(SECRET, { kind: 'dial', ttlMs: 60_000, sub: 'worker', attemptId: '42' })}` }, body: JSON.stringify(body) }).catch(() => undefined);
  await new Promise((r) => setTimeout(r, 300));
  ac.abort(); // the worker dies
  await req;
  await new Promise((r) => setTimeout(r, 200));
}

describe('dial route with an owner', () => {
  it('the worker going away does not end the call; the gateway files it and lets the lease go', async () => {
    const s = await start(true);
    try {
      await dialAndDisconnect(s.url);
      expect(s.aborted.value).toBe(false);
      expect(s.events).toEqual(['hold:42', 'placed', 'answered']);
      s.end();
      await new Promise((r) => setTimeout(r, 100));
      expect(s.events).toEqual(['hold:42', 'placed', 'answered', 'file:42:no_answer', 'release:42']);
    } finally {
      await s.app.close();
    }
  });

  it('a call the gateway holds is answered "accepted" as soon as the callee picks up, and filed by the gateway when it ends', async () => {
    const s = await start(true, true);
    try {
      const res = await fetch(s.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${signToken(SECRET, { kind: 'dial', ttlMs: 60_000, sub: 'worker', attemptId: '42' })}` }, body: JSON.stringify(body) });
      expect(await res.json()).toEqual({ kind: 'accepted' });
      expect(s.events).toEqual(['hold:42', 'placed', 'answered']);
      s.end();
      await new Promise((r) => setTimeout(r, 100));
      expect(s.events).toEqual(['hold:42', 'placed', 'answered', 'file:42:no_answer', 'release:42']);
    } finally {
      await s.app.close();
    }
  });

  it('without an owner the worker going away ends the call (it retries per policy)', async () => {
    const s = await start(false);
    try {
      await dialAndDisconnect(s.url);
      expect(s.aborted.value).toBe(true);
    } finally {
      await s.app.close();
    }
  });
});
