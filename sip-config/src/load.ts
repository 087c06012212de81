/**
 * Load and validate a trunk/peer YAML file. A bad file fails with TZ_ERR_CONFIG_INVALID naming
 * the field (JSON pointer, e.g. /trunks/0/port), the problem and the fix; semantic checks
 * (unique ids, port ranges, CIDR octets) run after the schema.
 */
import { readFileSync } from 'node:fs';
import { Value } from '@sinclair/typebox/value';
import { parse as parseYaml } from 'yaml';
import { TzError } from '@tingzhen/voice-core';
import { SipConfigSchema, type SipConfig, type Trunk } from './schema.js';

export interface SipConfigIssue {
  field: string;
  problem: string;
  fix: string;
}

function invalid(source: string, issues: SipConfigIssue[]): TzError {
  return new TzError('TZ_ERR_CONFIG_INVALID', { file: source, field: issues[0]?.field, issues });
}

export function parseSipConfig(text: string, source = 'sip-config.yaml'): SipConfig {
  let raw: unknown;
  try {
    raw = parseYaml(text, { maxAliasCount: 50 });
  } catch (err) {
    throw invalid(source, [{ field: '/', problem: `YAML syntax: ${err instanceof Error ? err.message.split('\n')[0] : 'unreadable'}`, fix: 'fix the YAML syntax at the given line' }]);
  }
  if (raw === null || raw === undefined) raw = {};
  const withDefaults = Value.Default(SipConfigSchema, structuredClone(raw));
  const errors = [...Value.Errors(SipConfigSchema, withDefaults)];
  if (errors.length > 0) {
    throw invalid(source, errors.slice(0, 10).map((e) => ({
      field: e.path || '/',
      problem: e.message,
      fix: e.schema.description ? `use ${e.schema.description}` : 'see sip-config/README.md for the fields',
    })));
  }
  const cfg = withDefaults as SipConfig;
  const issues: SipConfigIssue[] = [];
  const seen = new Set<string>();
  cfg.trunks.forEach((t, i) => {
    if (seen.has(t.id)) issues.push({ field: `/trunks/${i}/id`, problem: `duplicate id ${t.id}`, fix: 'give every trunk and peer its own id' });
    seen.add(t.id);
    if (t.register && !t.username) issues.push({ field: `/trunks/${i}/username`, problem: 'register needs a username', fix: 'add username and passwordEnv, or set register: false' });
    if (t.username && !t.passwordEnv) issues.push({ field: `/trunks/${i}/passwordEnv`, problem: 'username without passwordEnv', fix: 'name the environment variable that holds the password' });
    if (t.transport === 'udp' && t.viaEdge === false) issues.push({ field: `/trunks/${i}/viaEdge`, problem: 'UDP trunks must go through the Kamailio edge', fix: 'set viaEdge: true or use transport: tcp / tls' });
    if (t.register && trunkViaEdge(cfg, t)) {
      issues.push({ field: `/trunks/${i}/register`, problem: 'a trunk reached through the Kamailio edge cannot be registered from the gateway (the carrier would get the gateway\'s Contact, which it cannot reach)', fix: 'have the edge register (Kamailio uac module, uac_reg) or the carrier accept the edge by IP address, and set register: false; or reach the trunk over TCP/TLS without the edge' });
    }
    if (cfg.gateway?.edgeWebSocket && t.viaEdge === false) issues.push({ field: `/trunks/${i}/viaEdge`, problem: 'a gateway on edgeWebSocket reaches trunks only through the edge', fix: 'remove viaEdge: false, or listen for SIP instead of edgeWebSocket' });
    else if (trunkViaEdge(cfg, t) && !cfg.gateway?.edge && !cfg.gateway?.edgeWebSocket) {
      issues.push({ field: `/trunks/${i}/viaEdge`, problem: `trunk ${t.id} goes through the Kamailio edge, but the gateway names no edge`, fix: 'set gateway.edge (host and port of the edge\'s TCP listener) or gateway.edgeWebSocket' });
    }
  });
  cfg.peers.forEach((p, i) => {
    if (seen.has(p.id)) issues.push({ field: `/peers/${i}/id`, problem: `duplicate id ${p.id}`, fix: 'give every trunk and peer its own id' });
    seen.add(p.id);
    p.addresses.forEach((a, k) => {
      const [ip, bits] = a.split('/');
      if (ip!.split('.').some((o) => Number(o) > 255) || (bits !== undefined && Number(bits) > 32)) {
        issues.push({ field: `/peers/${i}/addresses/${k}`, problem: `not an IPv4 address or CIDR: ${a}`, fix: 'use a.b.c.d or a.b.c.d/nn with octets 0-255 and nn 0-32' });
      }
    });
  });
  if (cfg.gateway?.edgeWebSocket && cfg.gateway.edge) issues.push({ field: '/gateway/edge', problem: 'edge and edgeWebSocket together', fix: 'edge is for a gateway that listens on TCP; over edgeWebSocket the connection is the way to the edge' });
  if (cfg.gateway?.edgeWebSocket && cfg.gateway.listen) issues.push({ field: '/gateway/edgeWebSocket', problem: 'edgeWebSocket and listen together', fix: 'either listen for SIP over TCP or connect to the edge over WebSocket, not both' });
  const r = cfg.gateway?.rtpPorts;
  if (r && r.maxPort - r.minPort < 3) issues.push({ field: '/gateway/rtpPorts', problem: 'range too small', fix: 'minPort must be below maxPort with room for at least one RTP/RTCP pair' });
  const st = cfg.gateway?.streams;
  if (st && (st.partialMessageTimeoutMs ?? 10_000) > (st.idleTimeoutMs ?? 300_000)) {
    issues.push({ field: '/gateway/streams/partialMessageTimeoutMs', problem: 'longer than idleTimeoutMs', fix: 'make partialMessageTimeoutMs at most idleTimeoutMs (a stalled message is partial before it is idle)' });
  }
  if (issues.length > 0) throw invalid(source, issues);
  return cfg;
}

export function loadSipConfigFile(path: string): SipConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new TzError('TZ_ERR_CONFIG_INVALID', { file: path, field: '/', issues: [{ field: '/', problem: 'file cannot be read', fix: 'check the path and permissions' }] });
  }
  return parseSipConfig(text, path);
}

function ipv4ToInt(ip: string): number | null {
  const parts = ip.split('.');
  if (parts.length !== 4) return null;
  let n = 0;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p) || Number(p) > 255) return null;
    n = n * 256 + Number(p);
  }
  return n;
}

/** Allow-list from the peers' addresses: (source address) -> allowed. IPv4-mapped IPv6 is accepted. */
export function peerAllowList(cfg: Pick<SipConfig, 'peers'>): (address: string) => boolean {
  const blocks = cfg.peers.flatMap((p) => p.addresses).map((a) => {
    const [ip, bits] = a.split('/');
    const n = bits === undefined ? 32 : Number(bits);
    const mask = n === 0 ? 0 : (0xffffffff << (32 - n)) >>> 0;
    return { net: ((ipv4ToInt(ip!) ?? 0) & mask) >>> 0, mask };
  });
  return (address) => {
    const ip = ipv4ToInt(address.startsWith('::ffff:') ? address.slice(7) : address);
    if (ip === null) return false;
    return blocks.some((b) => ((ip & b.mask) >>> 0) === b.net);
  };
}

/** Which peer a source address belongs to (first match), for per-peer scripts and auth. */
export function peerFor(cfg: Pick<SipConfig, 'peers'>, address: string): SipConfig['peers'][number] | null {
  for (const p of cfg.peers) if (peerAllowList({ peers: [p] })(address)) return p;
  return null;
}

/**
 * Whether calls and REGISTERs to this trunk go through the Kamailio edge: as the trunk says, else
 * always over edgeWebSocket (the connection to the edge is the gateway's only way out) and for UDP
 * trunks (sip.js has no UDP retransmission timers).
 */
export function trunkViaEdge(cfg: Pick<SipConfig, 'gateway'>, t: Trunk): boolean {
  if (cfg.gateway?.edgeWebSocket) return true;
  return t.viaEdge ?? t.transport === 'udp';
}
