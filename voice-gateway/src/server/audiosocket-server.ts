/**
 * Asterisk AudioSocket TCP server. Each connection becomes a WireCallLeg with the AudioSocket
 * deframer. AudioSocket has no place for a token, so peers authenticate by source address
 * (`allowedAddresses`) or the server must be explicitly opened (allowUnauthenticated), and it
 * should listen on a private interface only.
 */
import net from 'node:net';
import { createLogger, type Logger } from '@tingzhen/voice-core';
import { createAudioSocketCodec } from '../codecs/audiosocket.js';
import { WireCallLeg } from '../legs/wire-leg.js';
import type { MediaClock } from '../legs/media-clock.js';
import type { CallContext } from './ws-gateway.js';

export interface AudioSocketServerOptions {
  onCall: (leg: WireCallLeg, ctx: CallContext) => void;
  /** Peer IPs allowed to connect; empty/undefined = refuse all unless allowUnauthenticated. */
  allowedAddresses?: readonly string[];
  allowUnauthenticated?: boolean;
  logger?: Logger;
  startTimeoutMs?: number;
  stallTimeoutMs?: number;
  /** AudioSocket has no peer buffer to speak of: one frame of lead covers timer jitter. */
  leadFrames?: number;
  clock?: MediaClock;
}

export function createAudioSocketServer(opts: AudioSocketServerOptions): net.Server {
  const log = opts.logger ?? createLogger({ name: 'audiosocket' });
  const norm = (a: string | undefined) => (a ?? '').replace(/^::ffff:/, '');
  return net.createServer((sock) => {
    const addr = norm(sock.remoteAddress);
    const allowed = opts.allowUnauthenticated === true || (opts.allowedAddresses ?? []).map(norm).includes(addr);
    if (!allowed) {
      log.warn({ problem: 'address-not-allowed' }, 'audiosocket connection refused');
      sock.destroy();
      return;
    }
    sock.setNoDelay(true);
    const leg = new WireCallLeg({
      codec: createAudioSocketCodec(),
      logger: log,
      startTimeoutMs: opts.startTimeoutMs,
      stallTimeoutMs: opts.stallTimeoutMs,
      leadFrames: opts.leadFrames ?? 1,
      clock: opts.clock,
      allowedSampleRates: [8000],
      transport: {
        send: (m) => { if (!sock.destroyed) sock.write(m.data); },
        close: () => sock.end(),
      },
    });
    sock.on('data', (chunk: Buffer) => leg.receive(chunk, true));
    sock.on('close', () => leg.transportClosed());
    sock.on('error', () => leg.transportClosed());
    try {
      opts.onCall(leg, { dialect: 'audiosocket', principal: `address:${addr}` });
    } catch (err) {
      log.error({ err }, 'onCall failed');
      void leg.hangup('error');
    }
  });
}
