/**
 * What the SIP file means for calls, without any network: which trunk a campaign call leaves by,
 * the callee's SIP URI on it, the caller id headers, the account the endpoint answers digest
 * challenges with, the peers' inbound credentials, and the campaigns' per-trunk limits.
 * Passwords come from the environment variables the file names (never from the file); a missing
 * one fails start-up naming the variable.
 */
import { TzError } from '@tingzhen/voice-core';
import { peerFor, trunkViaEdge, type SipConfig, type Trunk } from '@tingzhen/sip-config';
import type { TrunkConfig } from '@tingzhen/campaigns';

type Env = Record<string, string | undefined>;

/** Share of a trunk's channels kept for the inbound hotline (campaigns TrunkConfig). */
const INBOUND_RESERVED_SHARE = 0.2;

function configError(field: string, problem: string, fix: string): TzError {
  return new TzError('TZ_ERR_CONFIG_INVALID', { field, issues: [{ field, problem, fix }] }, { message: `SIP configuration: ${field}: ${problem}. Fix: ${fix}.` });
}

function secret(env: Env, name: string, field: string): string {
  const v = env[name];
  if (!v) throw configError(field, `environment variable ${name} is not set`, `set ${name} to the password`);
  return v;
}

/**
 * The one digest account the gateway's SIP user agent answers 401/407 with (sip.js has one per
 * user agent): the trunks that name a username must all name the same one.
 */
export function outboundAccount(sip: SipConfig, env: Env): { username: string; password: string } | undefined {
  const withUser = sip.trunks.map((t, i) => ({ t, i })).filter(({ t }) => t.username);
  if (withUser.length === 0) return undefined;
  const first = withUser[0]!;
  const other = withUser.find(({ t }) => t.username !== first.t.username || t.passwordEnv !== first.t.passwordEnv);
  if (other) {
    throw configError(`/trunks/${other.i}/username`, 'trunks with different accounts in one gateway', 'run one gateway process per trunk account, or use the same username and passwordEnv');
  }
  return { username: first.t.username!, password: secret(env, first.t.passwordEnv!, `/trunks/${first.i}/passwordEnv`) };
}

/** Inbound digest credentials of the peers that require auth: username -> password. */
export function inboundCredentials(sip: SipConfig, env: Env): Map<string, string> {
  const creds = new Map<string, string>();
  sip.peers.forEach((p, i) => {
    if (p.auth) creds.set(p.auth.username, secret(env, p.auth.passwordEnv, `/peers/${i}/auth/passwordEnv`));
  });
  return creds;
}

/**
 * The inbound digest lookup: a peer's account is valid only from that peer's own addresses, so one
 * peer's password does not let a caller in from another peer's address (or from anywhere else).
 */
export function peerPassword(sip: Pick<SipConfig, 'peers'>, creds: Map<string, string>): (username: string, source?: string) => string | undefined {
  return (username, source) => (source !== undefined && peerFor(sip, source)?.auth?.username === username ? creds.get(username) : undefined);
}

/** The trunk a campaign's trunk name leaves by: its id; `default` (or the only trunk there is) is the first. */
export function trunkFor(sip: SipConfig, name: string | undefined): Trunk | null {
  const byId = name ? sip.trunks.find((t) => t.id === name) : undefined;
  if (byId) return byId;
  return name === undefined || name === 'default' || sip.trunks.length === 1 ? sip.trunks[0] ?? null : null;
}

/** How tingzhen reaches a trunk directly: TLS when it says so, TCP otherwise (UDP trunks sit behind the Kamailio edge). */
export function signallingOf(t: Trunk): { transport: 'tcp' | 'tls'; port: number } {
  const transport = t.transport === 'tls' ? 'tls' : 'tcp';
  return { transport, port: t.port ?? (transport === 'tls' ? 5061 : 5060) };
}

/**
 * The trunk's SIP URI host part and parameters: straight, over TCP/TLS; through the edge, the
 * trunk's own transport (the edge relays to the Request-URI; UDP is SIP's default, no parameter).
 */
/** A host as a SIP URI writes it: IPv6 addresses in brackets (RFC 3261 section 25.1). */
function uriHost(host: string): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}

function trunkHostPart(sip: Pick<SipConfig, 'gateway'>, t: Trunk): string {
  const host = uriHost(t.host);
  if (trunkViaEdge(sip, t)) {
    const port = t.port ?? (t.transport === 'tls' ? 5061 : 5060);
    return `${host}:${port}${t.transport === 'udp' ? '' : `;transport=${t.transport}`}`;
  }
  const { transport, port } = signallingOf(t);
  return `${host}:${port};transport=${transport}`;
}

/**
 * The callee's SIP URI on a trunk: the dialled digits are the E.164 number with the trunk's
 * prefix (a trunk with a dial prefix gets the number without '+', as carriers' dial plans expect).
 * Null when the phone is not a plausible number (nothing is dialled).
 */
export function calleeUri(sip: Pick<SipConfig, 'gateway'>, t: Trunk, phone: string): string | null {
  const trimmed = phone.trim();
  if (!/^\+?[0-9]{3,20}$/.test(trimmed)) return null;
  const digits = t.dialPrefix ? `${t.dialPrefix}${trimmed.replace(/^\+/, '')}` : trimmed;
  return `sip:${digits}@${trunkHostPart(sip, t)};user=phone`;
}

/**
 * Headers that send a request to this trunk through the Kamailio edge: a loose Route to the edge's
 * TCP/TLS listener (RFC 3261 section 16.12) for a gateway that listens; none over edgeWebSocket
 * (everything leaves on the connection to the edge) or for a trunk reached straight.
 */
export function edgeRouteHeaders(sip: Pick<SipConfig, 'gateway'>, t: Trunk): string[] {
  const edge = sip.gateway?.edge;
  if (!edge || sip.gateway?.edgeWebSocket || !trunkViaEdge(sip, t)) return [];
  const transport = edge.transport ?? 'tcp';
  return [`Route: <sip:${uriHost(edge.host)}:${edge.port ?? (transport === 'tls' ? 5061 : 5060)};transport=${transport};lr>`];
}

/** RFC 3325 caller id: the campaign's number, else the trunk's. */
export function callerIdHeaders(t: Trunk, campaignCallerId: string | null | undefined, publicHost: string): string[] {
  const id = campaignCallerId && /^\+?[0-9]{3,20}$/.test(campaignCallerId) ? campaignCallerId : t.callerId;
  return id ? [`P-Asserted-Identity: <sip:${id}@${publicHost};user=phone>`] : [];
}

/** The registrar URI of a trunk that asks us to REGISTER (never one behind the edge: sip-config refuses it). */
export function registrarOf(sip: Pick<SipConfig, 'gateway'>, t: Trunk): string {
  return `sip:${trunkHostPart(sip, t)}`;
}

/**
 * The campaigns' per-trunk limits from the SIP file (channels, calls per second); `default` is
 * the first trunk, so campaigns that name no trunk dial through it.
 */
export function campaignTrunks(sip: SipConfig): Record<string, TrunkConfig> {
  const out: Record<string, TrunkConfig> = {};
  for (const t of sip.trunks) {
    out[t.id] = { channels: t.maxConcurrentCalls ?? 30, callsPerSecond: t.maxCallsPerSecond ?? 5, inboundReservedShare: INBOUND_RESERVED_SHARE };
  }
  const first = sip.trunks[0];
  if (first && !out.default) out.default = out[first.id]!;
  return out;
}
