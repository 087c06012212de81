/**
 * The SIP side of the gateway role, from the SIP file (SIP_CONFIG): one SipEndpoint listening for
 * the hotline (peers on the allow-list, digest where a peer requires it, the peer's script), the
 * campaigns' calls placed through a trunk (the `/v1/dial` route's target), REGISTER to trunks that
 * ask for it (retried while the registrar is away), and per-trunk call limits.
 * Phone numbers and names never reach the logs.
 */
import { peerFor, type SipConfig, type Trunk } from '@tingzhen/sip-config';
import {
  createSipDialer, SipEndpoint, type CallReport, type Dial, type DialRouteOptions, type HttpDialBody, type SipCallLeg,
} from '@tingzhen/voice-gateway';
import type { Config, Logger } from '@tingzhen/voice-core';
import { calleeUri, callerIdHeaders, edgeRouteHeaders, inboundCredentials, outboundAccount, peerPassword, registrarOf, trunkFor } from './sip-routes.js';

type Env = Record<string, string | undefined>;

/** Retry a failed REGISTER after this long, ms. */
const REGISTER_RETRY_MS = 30_000;

export interface SipRoleOptions {
  config: Config;
  sip: SipConfig;
  /** Where the trunk and peer passwords are read (the variables the SIP file names). */
  env: Env;
  log: Logger;
  /** An answered inbound call (the pipeline runs in the background). */
  onInbound: (leg: SipCallLeg) => void;
  /** An answered campaign call: the pipeline, awaited, with its report (null when it failed). */
  runOutbound: (leg: SipCallLeg) => Promise<CallReport | null>;
  /** False while the gateway drains for shutdown (new INVITEs get 503). */
  accepting?: () => boolean;
}

export interface SipRole {
  endpoint: SipEndpoint;
  /** The campaigns' dial contract over the trunks, for the gateway's `/v1/dial` route. */
  dial: DialRouteOptions;
  close(): Promise<void>;
}

export async function startSipRole(opts: SipRoleOptions): Promise<SipRole> {
  const { sip, log, config } = opts;
  const gw = sip.gateway ?? {};
  const account = outboundAccount(sip, opts.env);
  const creds = inboundCredentials(sip, opts.env);
  const edge = gw.edgeWebSocket;
  const listen = edge ? undefined : gw.listen ?? { host: config.edgeHost ?? config.httpHost, port: 5060 };
  const publicHost = gw.publicHost ?? (listen ? (listen.host === '0.0.0.0' ? '127.0.0.1' : listen.host) : undefined);
  const mediaAddress = gw.mediaAddress ?? publicHost ?? '127.0.0.1';
  const endpoint = await SipEndpoint.start({
    listen, ...(edge ? { websocket: { url: edge } } : {}), publicHost, mediaAddress,
    rtpPorts: gw.rtpPorts ?? { minPort: 20000, maxPort: 29999 },
    ...(opts.accepting ? { accepting: opts.accepting } : {}),
    codecs: gw.codecs,
    ...(gw.streams ? { streams: gw.streams } : {}),
    allowRemote: allowList(sip),
    auth: account,
    // Only the peers that name credentials must authenticate.
    // A peer's account is valid only from that peer's addresses.
    inboundAuth: creds.size > 0 ? {
      realm: publicHost ?? 'tingzhen',
      credentials: peerPassword(sip, creds),
      required: (address) => peerFor(sip, address)?.auth !== undefined,
    } : undefined,
    onCall: (leg) => {
      const remote = endpoint.transport.remoteOf(leg.info.callId);
      const peer = remote ? peerFor(sip, remote.address) : null;
      const p = leg.info.parameters ?? {};
      if (peer?.script && !p.script) leg.info.parameters = { ...p, script: peer.script };
      log.info({ callId: leg.info.callId, peer: peer?.id ?? null }, 'inbound sip call');
      opts.onInbound(leg);
    },
    logger: log,
  });
  log.info({ port: endpoint.port, edge: edge ? 'websocket' : null, trunks: sip.trunks.map((t) => t.id), peers: sip.peers.map((p) => p.id) }, 'SIP endpoint started');
  if (sip.peers.length === 0) log.warn('SIP file lists no peers: only the trunks\' hosts may call in');

  let closed = false;
  const retries = new Set<NodeJS.Timeout>();
  const registerAt = (registrar: string, trunk: string | null = null, expiresS = 600) => {
    endpoint.register(registrar, expiresS).then(
      () => log.info({ trunk }, trunk ? 'registered with the trunk' : 'registered at the edge'),
      (err: unknown) => {
        if (closed) return;
        log.warn({ trunk, status: (err as { details?: { status?: unknown } }).details?.status ?? null, retryInMs: REGISTER_RETRY_MS }, 'REGISTER failed, retrying');
        const h = setTimeout(() => { retries.delete(h); if (!closed) registerAt(registrar, trunk, expiresS); }, REGISTER_RETRY_MS);
        retries.add(h);
      },
    );
  };
  const register = (t: Trunk) => registerAt(registrarOf(sip, t), t.id, t.registerExpiresS ?? 600);
  for (const t of sip.trunks) if (t.register) register(t);
  // Over WebSocket, calls come only once we are registered at the edge (our AOR there).
  if (edge) registerAt(edgeRegistrar(edge));

  // Calls in progress per trunk, against its maxConcurrentCalls.
  const busy = new Map<string, number>();
  const trunkOfAttempt = new Map<string, string>();
  const sipDial = createSipDialer({
    endpoint,
    runCall: async (leg, req) => {
      leg.info.parameters = { ...leg.info.parameters, ...req.parameters };
      // The call's own limit (maxCallMs) and the worker going away end the answered call too.
      const onAbort = () => void leg.hangup('normal');
      if (req.signal?.aborted) onAbort();
      req.signal?.addEventListener('abort', onAbort, { once: true });
      try {
        return (await opts.runOutbound(leg)) ?? failedReport(leg.info.callId);
      } finally {
        req.signal?.removeEventListener('abort', onAbort);
      }
    },
  });
  const dial: Dial = async (req) => {
    const trunk = trunkOfAttempt.get(req.attemptId);
    trunkOfAttempt.delete(req.attemptId);
    if (trunk) busy.set(trunk, (busy.get(trunk) ?? 0) + 1);
    try {
      return await sipDial({ ...req, extraHeaders: req.extraHeaders ?? [] });
    } finally {
      if (trunk) busy.set(trunk, (busy.get(trunk) ?? 1) - 1);
    }
  };
  const targetFor = (body: HttpDialBody) => {
    const b = body as HttpDialBody & { trunk?: unknown; callerId?: unknown };
    const trunk = trunkFor(sip, typeof b.trunk === 'string' ? b.trunk : undefined);
    if (!trunk) return { refuse: 'no_trunk', carrierFault: true };
    if (trunk.maxConcurrentCalls !== undefined && (busy.get(trunk.id) ?? 0) >= trunk.maxConcurrentCalls) return { refuse: 'trunk_full', carrierFault: true };
    const target = calleeUri(sip, trunk, body.phone);
    if (!target) return { refuse: 'bad_number', carrierFault: false };
    if (trunkOfAttempt.size > 10_000) trunkOfAttempt.clear(); // targets never dialled (aborted): bound it
    trunkOfAttempt.set(body.attemptId, trunk.id);
    const callerId = callerIdHeaders(trunk, typeof b.callerId === 'string' ? b.callerId : null, publicHost ?? endpoint.ua.contact.uri.host);
    return { target, extraHeaders: [...edgeRouteHeaders(sip, trunk), ...callerId], ringTimeoutMs: gw.ringTimeoutMs };
  };
  return {
    endpoint,
    dial: { dial, targetFor, ringTimeoutMs: gw.ringTimeoutMs },
    async close() {
      closed = true;
      for (const h of retries) clearTimeout(h);
      await endpoint.stop();
    },
  };
}

/** The edge's registrar URI from its WebSocket URL (ws://host:port/... -> sip:host:port;transport=ws). */
export function edgeRegistrar(url: string): string {
  const u = new URL(url);
  const port = u.port || (u.protocol === 'wss:' ? '443' : '80');
  return `sip:${u.hostname.includes(':') && !u.hostname.startsWith('[') ? `[${u.hostname}]` : u.hostname}:${port};transport=${u.protocol === 'wss:' ? 'wss' : 'ws'}`;
}

/** Peers' addresses, or (with no peers) the trunks' literal IPv4 addresses and loopback. */
function allowList(sip: SipConfig): (address: string) => boolean {
  const edgeHost = sip.gateway?.edge?.host;
  const plain = (address: string) => (address.startsWith('::ffff:') ? address.slice(7) : address);
  if (sip.peers.length > 0) {
    // The edge relays the trunks' in-dialog requests (BYE, re-INVITE) of calls we placed through it.
    return (address) => peerFor(sip, address) !== null || plain(address) === edgeHost;
  }
  const hosts = new Set(['127.0.0.1', ...sip.trunks.map((t) => t.host), ...(edgeHost ? [edgeHost] : [])].filter((h) => /^\d{1,3}(\.\d{1,3}){3}$/.test(h)));
  return (address) => hosts.has(plain(address));
}

function failedReport(callId: string): CallReport {
  return { callId, dialect: 'sip', endReason: 'error', outcome: null, durationMs: 0, turns: [], transcript: [], bargeIns: [], underruns: 0, events: [], result: null, test: false };
}
