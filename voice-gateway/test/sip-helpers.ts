/** Test helpers for SIP: a gateway endpoint and a sip.js peer endpoint on loopback. */
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import dgram from 'node:dgram';
import net from 'node:net';
import { fileURLToPath } from 'node:url';
import { createLogger } from '@tingzhen/voice-core';
import { createSipDialer, SipEndpoint, type SipCallLeg } from '../src/sip/index.js';
import type { LegHarness } from './leg-conformance.js';

export const quiet = createLogger({ level: 'silent' });
let portBase = 41000 + 200 * (process.pid % 40);
/** A fresh RTP port range per endpoint so parallel test files do not collide. */
export function rtpRange(): { minPort: number; maxPort: number } {
  const r = { minPort: portBase, maxPort: portBase + 99 };
  portBase += 100;
  if (portBase > 60000) portBase = 41000;
  return r;
}

export interface Gateway {
  ep: SipEndpoint;
  nextLeg(): Promise<SipCallLeg>;
}

export async function startGateway(extra: Partial<Parameters<typeof SipEndpoint.start>[0]> = {}): Promise<Gateway> {
  let waiter: ((l: SipCallLeg) => void) | null = null;
  const pending: SipCallLeg[] = [];
  const ep = await SipEndpoint.start({
    listen: { host: '127.0.0.1', port: 0 }, rtpPorts: rtpRange(), rtpBindHost: '127.0.0.1', logger: quiet,
    onCall: (leg) => { if (waiter) { const w = waiter; waiter = null; w(leg); } else pending.push(leg); },
    ...extra,
  });
  return {
    ep,
    nextLeg: () => (pending.length ? Promise.resolve(pending.shift()!) : new Promise((r) => { waiter = r; })),
  };
}

/** A sip.js peer that places one call to the gateway; returns both legs. */
export async function callGateway(gw: Gateway, peer: SipEndpoint, transport: 'tcp' | 'tls' = 'tcp'): Promise<{ gwLeg: SipCallLeg; peerLeg: SipCallLeg; done: Promise<unknown> }> {
  let peerLeg!: SipCallLeg;
  let done!: Promise<unknown>;
  const gotPeer = new Promise<void>((r) => {
    const dial = createSipDialer({
      endpoint: peer,
      runCall: async (leg) => {
        peerLeg = leg;
        r();
        await new Promise<void>((c) => leg.on('state', (s) => { if (s === 'closed') c(); }));
        return { callId: leg.info.callId } as never;
      },
    });
    done = dial({ attemptId: 'peer', target: `sip:triage@127.0.0.1:${gw.ep.port};transport=${transport}`, ringTimeoutMs: 5000 });
  });
  const gwLeg = await gw.nextLeg();
  await gotPeer;
  return { gwLeg, peerLeg, done };
}

export function legHarness(gwLeg: SipCallLeg, peerLeg: SipCallLeg, dispose: () => Promise<void>): LegHarness {
  return {
    leg: gwLeg,
    peer: {
      sendAudio: (s) => { for (let o = 0; o < s.length; o += 160) peerLeg.sdh!.rtp!.sendFrame(s.subarray(o, o + 160)); },
      sendDtmf: (d) => { peerLeg.sendDtmf(d); },
      receivedSamples: () => peerLeg.rtpStats?.audioSamplesReceived ?? 0,
      hangup: () => { void peerLeg.hangup('normal'); },
      closed: () => (peerLeg.state === 'closed' ? Promise.resolve() : new Promise<void>((r) => peerLeg.on('state', (s) => { if (s === 'closed') r(); }))),
    },
    dispose,
  };
}

/** A port free for both TCP and UDP on 127.0.0.1 right now (for peers that need a fixed port, e.g. Kamailio, SIPp). */
export async function freePort(): Promise<number> {
  for (;;) {
    const port = await new Promise<number>((resolve, reject) => {
      const srv = net.createServer();
      srv.once('error', reject);
      srv.listen(0, '127.0.0.1', () => {
        const p = (srv.address() as { port: number }).port;
        srv.close(() => resolve(p));
      });
    });
    const udpFree = await new Promise<boolean>((resolve) => {
      const s = dgram.createSocket('udp4');
      s.once('error', () => resolve(false));
      s.bind(port, '127.0.0.1', () => s.close(() => resolve(true)));
    });
    if (udpFree) return port;
  }
}

export interface Kamailio {
  /** Everything Kamailio wrote so far. */
  log(): string;
  stop(): Promise<void>;
}

/**
 * Kamailio on loopback with sip-config/kamailio/kamailio.cfg and `-A` defines (LISTEN_PORT,
 * DISPATCHER_LIST, WS_PORT, ...); RUNDIR and the ctl socket live in `dir`. Resolves once it listens.
 */
/** Kamailio as the edge in front of one gateway listening on TCP `gatewayPort` (its dispatcher list names only that gateway). */
export async function startEdgeBefore(dir: string, gatewayPort: number): Promise<{ kam: Kamailio; edgePort: number }> {
  const list = join(dir, 'dispatcher.list');
  writeFileSync(list, `1 sip:127.0.0.1:${gatewayPort};transport=tcp 0 0\n`);
  const edgePort = await freePort();
  return { kam: await startKamailio(dir, { LISTEN_PORT: edgePort, DISPATCHER_LIST: list }), edgePort };
}

export async function startKamailio(dir: string, defines: Record<string, string | number>): Promise<Kamailio> {
  const cfg = fileURLToPath(new URL('../../sip-config/kamailio/kamailio.cfg', import.meta.url));
  const args = ['-DD', '-E', '-f', cfg, '-A', `RUNDIR="${dir}"`, '-A', `CTL_SOCKET="unix:${dir}/ctl"`, '-w', dir];
  for (const [k, v] of Object.entries(defines)) args.push('-A', typeof v === 'number' ? `${k}=${v}` : `${k}="${v}"`);
  const kam = spawn('kamailio', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  // "Listening on" goes to stdout, the log lines to stderr
  kam.stdout.on('data', (d: Buffer) => { log += d.toString(); });
  kam.stderr.on('data', (d: Buffer) => { log += d.toString(); });
  const exited = new Promise<void>((r) => kam.once('exit', () => r()));
  for (let i = 0; i < 100 && !/listening on/i.test(log) && kam.exitCode === null; i++) await new Promise((r) => setTimeout(r, 100));
  if (kam.exitCode !== null) throw new Error(`kamailio exited: ${log.slice(-2000)}`);
  await new Promise((r) => setTimeout(r, 500)); // children forked and bound
  return {
    log: () => log,
    stop: async () => {
      if (kam.exitCode === null) kam.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      if (kam.exitCode === null) kam.kill('SIGKILL');
    },
  };
}

/** A self-signed certificate for 127.0.0.1 (openssl), written to `dir` as NAME-key.pem / NAME-cert.pem. */
export function selfSignedCert(dir: string, name = 'tls'): { key: Buffer; cert: Buffer; keyPath: string; certPath: string } {
  const keyPath = join(dir, `${name}-key.pem`);
  const certPath = join(dir, `${name}-cert.pem`);
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', keyPath, '-out', certPath,
    '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
  return { key: readFileSync(keyPath), cert: readFileSync(certPath), keyPath, certPath };
}
