/** A draining gateway answers a new INVITE with 503 and Retry-After (RFC 3261 section 21.5.4), and takes calls again when it accepts. */
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invite } from './sip-fixtures/messages.js';
import { startGateway, type Gateway } from './sip-helpers.js';

let gw: Gateway;
let accepting = false;
beforeAll(async () => { gw = await startGateway({ accepting: () => accepting }); });
afterAll(async () => { await gw.ep.stop(); });

function send(port: number, msg: string, pattern: RegExp): Promise<string> {
  return new Promise((resolve, reject) => {
    const sock = net.connect(port, '127.0.0.1', () => sock.write(msg));
    let buf = '';
    const t = setTimeout(() => { sock.destroy(); reject(new Error(`no ${pattern} in ${buf.slice(0, 200)}`)); }, 10_000);
    sock.on('data', (d: Buffer) => {
      buf += d.toString('latin1');
      if (pattern.test(buf)) { clearTimeout(t); sock.destroy(); resolve(buf); }
    });
  });
}

describe('SIP while draining', () => {
  it('refuses a new call with 503 and Retry-After, then answers once accepting again', async () => {
    const refused = await send(gw.ep.port, invite({ port: gw.ep.port }), /SIP\/2\.0 [2-6]\d\d/);
    expect(refused).toMatch(/^SIP\/2\.0 503/m);
    expect(refused).toMatch(/^Retry-After: 30/m);
    accepting = true;
    const answered = await send(gw.ep.port, invite({ port: gw.ep.port }), /SIP\/2\.0 200/);
    expect(answered).toMatch(/SIP\/2\.0 200 OK/);
  });
});
