/**
 * The media WebSocket routes as a fastify plugin: GET <prefix>/:dialect upgrades to a media stream
 * for that dialect (twilio, native, telnyx, signalwire, fonoster, exotel, jambonz, audio-fork,
 * audio-stream, asterisk). Subprotocols audio.jambonz.org / audio.drachtio.org /
 * audiostream.drachtio.org are negotiated through the ws `handleProtocols` option.
 * Handlers attach their listeners synchronously, before any await, so no early frame is lost.
 */
import websocket from '@fastify/websocket';
import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import type { WebSocket } from 'ws';
import { TzError, createLogger, type Logger } from '@tingzhen/voice-core';
import { SUBPROTOCOLS, WS_DIALECTS } from '../codecs/index.js';
import { CLOSE, WireCallLeg } from '../legs/wire-leg.js';
import type { MediaClock } from '../legs/media-clock.js';
import { GatewayMetrics } from '../metrics.js';
import { checkCredentials, credentialsFromRequest, mediaAccess, TokenReplayGuard, type AuthResult, type GatewayAuthOptions } from './auth.js';
import { dialRoute, type DialRouteOptions } from './dial-route.js';

export interface CallContext {
  dialect: string;
  /** Who opened the leg (`media:<sub>`, `testcall:<user>`, `peer:<name>`); set at the start message when the token comes there. */
  principal: string;
}

export interface GatewayOptions {
  auth: GatewayAuthOptions;
  /** Called for every new leg (still connecting); start the pipeline here. Must not throw. */
  onCall: (leg: WireCallLeg, ctx: CallContext) => void;
  logger?: Logger;
  metrics?: GatewayMetrics;
  /** Route prefix, default /media. */
  prefix?: string;
  startTimeoutMs?: number;
  stallTimeoutMs?: number;
  /** Frames sent ahead of real time (default 4 = 80 ms; see WS_LEAD_FRAMES). */
  leadFrames?: number;
  clock?: MediaClock;
  /** Serve GET /metrics from this plugin (default true). */
  metricsRoute?: boolean;
  /** Serve POST /v1/dial (the campaigns Dialer contract over HTTP), same auth as the media routes. */
  dial?: DialRouteOptions;
  /** False while the gateway drains for shutdown: new streams are closed with 1013 (try again later). */
  accepting?: () => boolean;
}

/**
 * Bot frames sent ahead of real time on WebSocket legs: 4 (80 ms). The peer's buffer rides out an
 * event-loop stall that long (bench-calls: at 50 calls on a loaded 2-core VM, 40 ms of lead gave
 * 13-30 underruns per run, 80 ms none). It costs no barge-in time: every WebSocket dialect has a
 * clear command (Twilio `clear`, jambonz `killAudio`, Asterisk `FLUSH_MEDIA`) that drops what the
 * peer holds. AudioSocket has none and keeps its own 1-frame lead.
 */
export const WS_LEAD_FRAMES = 4;

/** WebSocket close code "Try Again Later" (IANA WebSocket Close Code Number Registry). */
export const CLOSE_TRY_AGAIN_LATER = 1013;

/** Largest WebSocket message we accept, bytes: 1 s of 16 kHz L16 base64-encoded is ~43 kB. */
const MAX_PAYLOAD_BYTES = 256 * 1024;

export const gatewayPlugin: FastifyPluginAsync<GatewayOptions> = async (app: FastifyInstance, opts) => {
  const log = opts.logger ?? createLogger({ name: 'voice-gateway' });
  const metrics = opts.metrics ?? new GatewayMetrics();
  const prefix = opts.prefix ?? '/media';
  // Media and test-call tokens open one stream each.
  const replay = new TokenReplayGuard(opts.auth.now);
  /**
   * A test-call token runs its own script and language, whatever the stream asks for, and a
   * test leg never carries the fields of an outbound campaign call.
   */
  const forcedOf = (r: AuthResult): Record<string, string> | undefined => {
    if (!r.ok || r.kind !== 'testcall' || !r.claims?.script) return undefined;
    return { script: r.claims.script, ...(r.claims.lang ? { lang: r.claims.lang } : {}) };
  };
  await app.register(websocket, {
    options: {
      maxPayload: MAX_PAYLOAD_BYTES,
      handleProtocols: (protocols: Set<string>) => {
        for (const p of protocols) if (SUBPROTOCOLS[p]) return p;
        return false;
      },
    },
  });

  app.get<{ Params: { dialect: string } }>(`${prefix}/:dialect`, { websocket: true }, (socket: WebSocket, req) => {
    const dialect = SUBPROTOCOLS[socket.protocol] ?? req.params.dialect;
    const factory = WS_DIALECTS[dialect];
    if (!factory) {
      log.warn({ dialect: dialect.slice(0, 32) }, 'unknown media dialect, closing');
      socket.close(CLOSE.policy, 'unknown dialect');
      return;
    }
    if (opts.accepting && !opts.accepting()) {
      // RFC 6455 section 7.4.1 (1013 from the IANA registry): the peer may try again, elsewhere or later.
      socket.close(CLOSE_TRY_AGAIN_LATER, 'draining');
      return;
    }
    const creds = credentialsFromRequest(req.query as Record<string, unknown>, req.headers);
    const checked = checkCredentials(opts.auth, creds);
    const early = checked.ok || checked.problem !== 'missing-credentials' ? mediaAccess(checked, [dialect, req.params.dialect], replay) : checked;
    // Twilio-family peers may carry the token in the start message instead of the URL.
    const deferToStart = !early.ok && early.problem === 'missing-credentials' && dialect !== 'asterisk' && !dialect.startsWith('audio-') && dialect !== 'jambonz';
    if (!early.ok && !deferToStart) {
      log.warn({ dialect, problem: early.problem }, 'media stream refused');
      metrics.errors.inc({ code: 'TZ_ERR_AUTH' });
      socket.close(CLOSE.policy, 'unauthorized');
      return;
    }
    // Which script and language, for peers whose stream cannot say (Asterisk chan_websocket: the
    // dialplan puts them in the URL): ?script=...&lang=... (and tzStats=1: our test caller's extras)
    const q = req.query as Record<string, unknown>;
    const urlParameters = Object.fromEntries((['script', 'lang', 'tzStats'] as const).filter((k) => typeof q[k] === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(q[k])).map((k) => [k, String(q[k])]));
    const ctx: CallContext = { dialect, principal: early.ok ? early.principal : 'pending-start-token' };
    const forced = forcedOf(early);
    const leg = new WireCallLeg({
      codec: factory(),
      ...(Object.keys(urlParameters).length > 0 ? { defaultParameters: urlParameters } : {}),
      ...(forced ? { forcedParameters: forced } : {}),
      logger: log,
      startTimeoutMs: opts.startTimeoutMs,
      stallTimeoutMs: opts.stallTimeoutMs,
      leadFrames: opts.leadFrames ?? WS_LEAD_FRAMES,
      clock: opts.clock,
      allowedSampleRates: [8000, 16000],
      transport: {
        send: (m) => { if (socket.readyState === socket.OPEN) socket.send(m.data, { binary: m.binary }); },
        close: (code, reason) => socket.close(code, reason),
      },
      onStart: deferToStart
        ? (params) => {
          const r = mediaAccess(checkCredentials(opts.auth, { token: params.token, peer: params.peer, peerSecret: params.secret }), [dialect, req.params.dialect], replay);
          if (!r.ok) {
            metrics.errors.inc({ code: 'TZ_ERR_AUTH' });
            throw new TzError('TZ_ERR_AUTH', { problem: r.problem });
          }
          // The pipeline reads the principal once the leg is active (a test call is never filed as real).
          ctx.principal = r.principal;
          return forcedOf(r);
        }
        : undefined,
    });
    socket.on('message', (data: Buffer | ArrayBuffer | Buffer[], isBinary: boolean) => {
      const buf = Buffer.isBuffer(data) ? data : Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data);
      leg.receive(buf, isBinary);
    });
    socket.on('close', () => leg.transportClosed());
    socket.on('error', (err) => {
      log.warn({ dialect, err: { message: err.message } }, 'media socket error');
      leg.transportClosed();
    });
    try {
      opts.onCall(leg, ctx);
    } catch (err) {
      log.error({ err }, 'onCall failed');
      void leg.hangup('error');
    }
  });

  if (opts.dial) await app.register(dialRoute, { ...opts.dial, auth: opts.auth, logger: log, ...(opts.accepting ? { accepting: opts.accepting } : {}) });

  if (opts.metricsRoute !== false) {
    app.get('/metrics', async (_req, reply) => {
      reply.header('content-type', metrics.registry.contentType);
      return metrics.registry.metrics();
    });
  }
};
