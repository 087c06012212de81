/**
 * The embedded live-audio relay: node-media-server v4 (RTMP in, HTTP/WS-FLV out, no transcoding)
 * with its unsafe defaults overridden: bound to loopback (or the address given), publish and play
 * both require signed, expiring URLs, no admin API (no `auth.jwt`), web admin off, no RTMPS/HTTPS
 * listeners (so its bundled demo certificates are never loaded), no recording, no notify webhook.
 * Its JSON store (stream history: random stream names only) goes to `storeDir`.
 *
 * node-media-server keeps its state in a module-level context: one relay per process.
 * On a port clash it calls process.exit, so the ports are checked free just before it starts.
 */
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import NodeMediaServer from 'node-media-server';
import nmsLogger from 'node-media-server/src/core/logger.js';
import { TzError, createLogger, type Logger } from '@tingzhen/voice-core';
import { checkStreamSign, STREAM_APP, STREAM_NAME_PATTERN, streamSign } from './signed-url.js';

export interface MediaRelayOptions {
  /** Secret for signed URLs (at least 16 characters). */
  secret: string;
  /** Listen address (default 127.0.0.1); keep it loopback or the internal network. */
  host?: string;
  /** RTMP port (default: a free port). */
  rtmpPort?: number;
  /** HTTP-FLV port (default: a free port). */
  httpPort?: number;
  /** Where the relay keeps its small JSON store (default: a folder in the OS temp dir). */
  storeDir?: string;
  /** The relay's own messages (client addresses, random stream names) go here, at warn and above. */
  logger?: Logger;
}

export interface MediaRelay {
  readonly host: string;
  readonly rtmpPort: number;
  readonly httpPort: number;
  /** rtmp://host:port/live/<name>?sign=... valid for ttlS seconds. */
  publishUrl(streamName: string, ttlS: number): string;
  /** The `sign` query value for playing a stream (for a proxy) and its expiry, Unix seconds. */
  playSign(streamName: string, ttlS: number): { sign: string; expiresAtS: number };
  /** http://host:port/live/<name>.flv?sign=... valid for ttlS seconds. */
  playUrl(streamName: string, ttlS: number): string;
  /** Whether a `sign` value is this relay's, for this stream, and unexpired. */
  checkPlaySign(streamName: string, sign: string): boolean;
  close(): Promise<void>;
}

let running = false;

export async function startMediaRelay(o: MediaRelayOptions): Promise<MediaRelay> {
  if (o.secret.length < 16) throw new TzError('TZ_ERR_CONFIG_INVALID', { problem: 'media relay secret must be at least 16 characters' });
  if (running) throw new TzError('TZ_ERR_CONFIG_INVALID', { problem: 'one media relay per process' });
  const host = o.host ?? '127.0.0.1';
  const rtmpPort = o.rtmpPort ?? await freePort(host);
  const httpPort = o.httpPort ?? await freePort(host);
  await assertFree(host, rtmpPort);
  await assertFree(host, httpPort);
  // Route the relay's console logging into ours; its banner and per-session info lines are dropped.
  const log = o.logger ?? createLogger({ name: 'media-relay' });
  nmsLogger.log = (message: string, level = 'info') => {
    if (level === 'error') log.error({ relay: message.slice(0, 300) }, 'media relay');
    else if (level === 'warn') log.warn({ relay: message.slice(0, 300) }, 'media relay');
  };
  const nms = new NodeMediaServer({
    bind: host,
    rtmp: { port: rtmpPort },
    http: { port: httpPort },
    auth: { play: true, publish: true, secret: o.secret },
    webadmin: { enable: false },
    store: { path: o.storeDir ?? join(tmpdir(), `tingzhen-relay-${process.pid}`), maxHistory: 100 },
    notify: { url: '' },
  });
  running = true;
  await nms.run();
  await Promise.all([waitListening(host, rtmpPort), waitListening(host, httpPort)]);
  const sign = (name: string, ttlS: number) => {
    if (!STREAM_NAME_PATTERN.test(name)) throw new TzError('TZ_ERR_VALIDATION', { problem: 'bad stream name' });
    const expiresAtS = Math.floor(Date.now() / 1000) + Math.max(1, Math.round(ttlS));
    return { sign: streamSign(name, o.secret, expiresAtS), expiresAtS };
  };
  return {
    host, rtmpPort, httpPort,
    publishUrl: (name, ttlS) => `rtmp://${host}:${rtmpPort}/${STREAM_APP}/${name}?sign=${sign(name, ttlS).sign}`,
    playSign: sign,
    playUrl: (name, ttlS) => `http://${host}:${httpPort}/${STREAM_APP}/${name}.flv?sign=${sign(name, ttlS).sign}`,
    checkPlaySign: (name, s) => checkStreamSign(name, o.secret, s),
    async close() {
      await nms.stop();
      running = false;
    },
  };
}

function freePort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, host, () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

function assertFree(host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', (err: NodeJS.ErrnoException) => reject(new TzError('TZ_ERR_CONFIG_INVALID', { problem: 'media relay port in use', port, host },
      { message: `The live listen-in relay cannot listen on ${host}:${port} (${err.code ?? 'error'}). Fix: set MEDIA_RELAY_RTMP_PORT / MEDIA_RELAY_HTTP_PORT to free ports, or unset them.` })));
    s.listen(port, host, () => s.close(() => resolve()));
  });
}

/** node-media-server's run() does not wait for its listeners; poll until they accept. */
async function waitListening(host: string, port: number): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const ok = await new Promise<boolean>((resolve) => {
      const c = net.connect(port, host, () => { c.destroy(); resolve(true); });
      c.once('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new TzError('TZ_ERR_CONFIG_INVALID', { problem: 'media relay did not start', port });
}
