/**
 * A peer that answers our 200 OK with a BYE and never sends the ACK (issue "Crash-safe calls"):
 * sip.js's dialog waits for the ACK for 64*T1 (32 s), then calls Invitation.onAckTimeout, which
 * throws "Invalid state transition from Terminated to Terminated" from a timer and used to end the
 * process. The endpoint guards it: the session is already over, nothing more is sent, no throw.
 * This test runs in the process that hosts the endpoint, so an escaped exception fails it.
 */
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invite } from './sip-fixtures/messages.js';
import { startGateway, type Gateway } from './sip-helpers.js';

/** sip.js's wait for the ACK of a 2xx: Timer L, 64*T1 (RFC 6026 section 8.7), ms. */
const ACK_WAIT_MS = 64 * 500;

let gw: Gateway;
const uncaught: unknown[] = [];
const onUncaught = (err: unknown) => { uncaught.push(err); };

beforeAll(async () => {
  process.on('uncaughtException', onUncaught);
  process.on('unhandledRejection', onUncaught);
  gw = await startGateway();
});
afterAll(async () => {
  await gw.ep.stop();
  process.off('uncaughtException', onUncaught);
  process.off('unhandledRejection', onUncaught);
});

function readUntil(sock: net.Socket, pattern: RegExp, timeoutMs = 10_000): Promise<string> {
  return new Promise((resolve, reject) => {
    let buf = '';
    const t = setTimeout(() => { sock.off('data', on); reject(new Error(`timeout waiting for ${pattern}; got ${buf.slice(0, 300)}`)); }, timeoutMs);
    const on = (d: Buffer) => {
      buf += d.toString('latin1');
      if (pattern.test(buf)) { clearTimeout(t); sock.off('data', on); resolve(buf); }
    };
    sock.on('data', on);
  });
}

describe('BYE before ACK over TCP', () => {
  it('the 200 OK is never ACKed, the caller hangs up: no exception escapes when the ACK wait ends, and the endpoint still takes calls', async () => {
    const port = gw.ep.port;
    const sock = net.connect(port, '127.0.0.1');
    await new Promise<void>((r) => sock.once('connect', () => r()));
    const callId = `bye-before-ack-${Date.now()}@test`;
    const msg = invite({ port, callId });
    const ok = readUntil(sock, /SIP\/2\.0 200 OK[\s\S]*\r\n\r\n/);
    sock.write(msg);
    const reply = await ok;
    const toTag = /^To:.*;tag=([^;\r\n]+)/im.exec(reply)![1];
    const bye = [
      `BYE sip:120@127.0.0.1:${port};transport=tcp SIP/2.0`, 'Via: SIP/2.0/TCP 127.0.0.1:5999;branch=z9hG4bKbyebeforeack', 'Max-Forwards: 70',
      'From: "Caller" <sip:caller@127.0.0.1>;tag=abc123', `To: <sip:120@127.0.0.1>;tag=${toTag}`, `Call-ID: ${callId}`, 'CSeq: 2 BYE', 'Content-Length: 0', '', '',
    ].join('\r\n');
    const byeOk = readUntil(sock, /SIP\/2\.0 200 OK[\s\S]*CSeq: 2 BYE/i);
    sock.write(bye);
    await byeOk;
    // Past the ACK wait, with margin for the transaction's own timers.
    await new Promise((r) => setTimeout(r, ACK_WAIT_MS + 3000));
    expect(uncaught.map((e) => String((e as Error).message ?? e))).toEqual([]);
    sock.destroy();

    // The endpoint still answers a normal call (INVITE, 200, ACK: the leg reaches the handler).
    const again = net.connect(port, '127.0.0.1');
    await new Promise<void>((r) => again.once('connect', () => r()));
    const callId2 = `after-${Date.now()}@test`;
    const ok2 = readUntil(again, /SIP\/2\.0 200 OK[\s\S]*\r\n\r\n/);
    again.write(invite({ port, callId: callId2 }));
    const tag2 = /^To:.*;tag=([^;\r\n]+)/im.exec(await ok2)![1];
    again.write([
      `ACK sip:120@127.0.0.1:${port};transport=tcp SIP/2.0`, 'Via: SIP/2.0/TCP 127.0.0.1:5999;branch=z9hG4bKackafter', 'Max-Forwards: 70',
      'From: "Caller" <sip:caller@127.0.0.1>;tag=abc123', `To: <sip:120@127.0.0.1>;tag=${tag2}`, `Call-ID: ${callId2}`, 'CSeq: 1 ACK', 'Content-Length: 0', '', '',
    ].join('\r\n'));
    let leg = await gw.nextLeg();
    if (leg.info.callId !== callId2) leg = await gw.nextLeg(); // the first call's leg came first
    expect(leg.info.callId).toBe(callId2);
    await leg.hangup('normal');
    again.destroy();
  }, ACK_WAIT_MS + 30_000);
});
