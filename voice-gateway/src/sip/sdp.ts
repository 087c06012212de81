/**
 * SDP offer/answer (RFC 3264) for one audio stream: G.711 PCMU/PCMA plus telephone-event
 * (RFC 4733), parsed and written with sdp-transform.
 *
 * - Answer (section 6): the first codec of the offer we support wins (the offerer's preference
 *   order); telephone-event keeps the offerer's dynamic payload type; the direction is mirrored
 *   (sendonly <-> recvonly, inactive stays inactive, section 6.1). No usable audio => 488
 *   (RFC 3261 section 13.3.1.2 "Not Acceptable Here").
 * - Hold: a=sendonly / a=inactive, or the RFC 2543 c=0.0.0.0 form (RFC 3264 section 8.4).
 * - Anything unparseable => TZ_ERR_PROTOCOL with status 400 (the caller answers with it).
 */
import sdpTransform from 'sdp-transform';
import { TzError } from '@tingzhen/voice-core';
import type { G711Codec, MediaDirection, RtpEndpoint } from '../rtp/index.js';

export interface NegotiatedMedia {
  codec: G711Codec;
  payloadType: number;
  telephoneEventPt: number | null;
  remote: RtpEndpoint;
  /** The direction we use locally (what we may do). */
  localDirection: MediaDirection;
}

export interface LocalMedia {
  /** Address written in c= / o= (the gateway's media address as peers reach it). */
  address: string;
  port: number;
  /** Codecs we accept, in our preference order (used for offers). */
  codecs?: readonly G711Codec[];
  /** Payload type we offer for telephone-event. */
  telephoneEventPt?: number;
  direction?: MediaDirection;
}

const STATIC_PT: Record<G711Codec, number> = { PCMU: 0, PCMA: 8 };

/** o= line state: one session id per dialog, version + 1 on every new description (RFC 3264 section 8). */
export class SdpOrigin {
  readonly sessionId = Math.floor(Math.random() * 1e12);
  private version = 0;
  next(): number {
    return ++this.version;
  }
}

function protocolError(status: 400 | 488, problem: string): TzError {
  return new TzError('TZ_ERR_PROTOCOL', { status, problem });
}

type ParsedSdp = ReturnType<typeof sdpTransform.parse>;
type Media = ParsedSdp['media'][number];

/** Largest SDP we parse, octets: a G.711 offer is under 1 KB; 64 KB leaves room for odd but legal ones. */
export const MAX_SDP_BYTES = 64 * 1024;

function parse(sdp: string): ParsedSdp {
  if (typeof sdp === 'string' && sdp.length > MAX_SDP_BYTES) throw protocolError(400, 'sdp-too-large');
  if (typeof sdp !== 'string' || !/^v=0\r?$/m.test(sdp) || !/^m=/m.test(sdp)) throw protocolError(400, 'sdp-unparseable');
  let parsed: ParsedSdp;
  try {
    parsed = sdpTransform.parse(sdp);
  } catch {
    throw protocolError(400, 'sdp-unparseable');
  }
  if (!Array.isArray(parsed.media) || parsed.media.length === 0) throw protocolError(400, 'sdp-no-media');
  return parsed;
}

function directionOf(m: Media, session: ParsedSdp): MediaDirection {
  const d = (m.direction ?? session.direction ?? 'sendrecv');
  return ['sendrecv', 'sendonly', 'recvonly', 'inactive'].includes(d) ? d : 'sendrecv';
}

/** Mirror a remote direction into ours (RFC 3264 section 6.1). */
export function mirrorDirection(remote: MediaDirection): MediaDirection {
  switch (remote) {
    case 'sendonly': return 'recvonly';
    case 'recvonly': return 'sendonly';
    default: return remote;
  }
}

interface AudioChoice {
  index: number;
  codec: G711Codec;
  payloadType: number;
  telephoneEventPt: number | null;
  remote: RtpEndpoint;
  remoteDirection: MediaDirection;
}

/** Pick the audio stream and codec from a remote description (offer or answer). */
function chooseAudio(parsed: ParsedSdp, accept: readonly G711Codec[]): AudioChoice {
  for (let index = 0; index < parsed.media.length; index++) {
    const m = parsed.media[index]!;
    if (m.type !== 'audio' || m.port === 0 || !/^RTP\/(S)?AVP$/.test(m.protocol ?? '')) continue;
    if (m.protocol === 'RTP/SAVP') continue; // SRTP is not supported: the stream is declined
    const pts = String(m.payloads ?? '').split(/\s+/).filter(Boolean).map(Number);
    let pick: { codec: G711Codec; pt: number } | null = null;
    for (const pt of pts) {
      if (!Number.isInteger(pt) || pt < 0 || pt > 127) continue;
      const rtp = m.rtp.find((r) => r.payload === pt);
      const name = (rtp?.codec ?? (pt === 0 ? 'PCMU' : pt === 8 ? 'PCMA' : '')).toUpperCase();
      const rate = rtp?.rate ?? 8000;
      if ((name === 'PCMU' || name === 'PCMA') && rate === 8000 && accept.includes(name)) {
        pick = { codec: name, pt };
        break;
      }
    }
    if (!pick) continue;
    const te = m.rtp.find((r) => r.codec.toLowerCase() === 'telephone-event' && (r.rate ?? 8000) === 8000 && pts.includes(r.payload));
    const address = m.connection?.ip ?? parsed.connection?.ip;
    if (!address) throw protocolError(400, 'sdp-no-connection');
    if (!validAddress(address)) throw protocolError(400, 'sdp-bad-connection');
    if (!Number.isInteger(m.port) || m.port < 1 || m.port > 65535) throw protocolError(400, 'sdp-bad-port');
    let remoteDirection = directionOf(m, parsed);
    // RFC 2543 hold: c=0.0.0.0 means "do not send to me" (RFC 3264 section 8.4).
    if (address === '0.0.0.0' && remoteDirection === 'sendrecv') remoteDirection = 'sendonly';
    if (address === '0.0.0.0' && remoteDirection === 'recvonly') remoteDirection = 'inactive';
    return {
      index, codec: pick.codec, payloadType: pick.pt, telephoneEventPt: te?.payload ?? null, remoteDirection,
      remote: { address, port: m.port, ...(m.rtcp?.port ? { rtcpPort: m.rtcp.port } : {}) },
    };
  }
  throw protocolError(488, 'no-acceptable-codec');
}

function audioMedia(local: LocalMedia, formats: { codec: G711Codec; pt: number }[], tePt: number | null, direction: MediaDirection): Media {
  const rtp: Media['rtp'] = formats.map((f) => ({ payload: f.pt, codec: f.codec, rate: 8000 }));
  const fmtp: Media['fmtp'] = [];
  if (tePt !== null) {
    rtp.push({ payload: tePt, codec: 'telephone-event', rate: 8000 });
    fmtp.push({ payload: tePt, config: '0-16' });
  }
  return {
    type: 'audio', port: local.port, protocol: 'RTP/AVP',
    payloads: [...formats.map((f) => f.pt), ...(tePt !== null ? [tePt] : [])].join(' '),
    rtp, fmtp, ptime: 20, direction,
  };
}

function write(local: LocalMedia, origin: SdpOrigin, media: Media[]): string {
  return sdpTransform.write({
    version: 0,
    origin: { username: 'tingzhen', sessionId: origin.sessionId, sessionVersion: origin.next(), netType: 'IN', ipVer: 4, address: local.address },
    name: 'tingzhen',
    connection: { version: 4, ip: local.address },
    timing: { start: 0, stop: 0 },
    media,
  });
}

/** Our offer (outbound INVITE or a re-INVITE we start). */
export function createOffer(local: LocalMedia, origin: SdpOrigin): string {
  const codecs = local.codecs ?? ['PCMU', 'PCMA'];
  return write(local, origin, [audioMedia(local, codecs.map((c) => ({ codec: c, pt: STATIC_PT[c] })), local.telephoneEventPt ?? 101, local.direction ?? 'sendrecv')]);
}

/**
 * Answer a remote offer. Throws TZ_ERR_PROTOCOL {status: 488} when nothing is acceptable,
 * {status: 400} when the SDP is malformed. Streams we do not take are answered with port 0
 * (RFC 3264 section 6: the answer has as many m= lines as the offer).
 */
export function answerOffer(offerSdp: string, local: LocalMedia, origin: SdpOrigin): { sdp: string; media: NegotiatedMedia } {
  const parsed = parse(offerSdp);
  const choice = chooseAudio(parsed, local.codecs ?? ['PCMU', 'PCMA']);
  const localDirection = local.direction === 'inactive' ? 'inactive' : mirrorDirection(choice.remoteDirection);
  const media = parsed.media.map((m, i) => {
    if (i === choice.index) return audioMedia(local, [{ codec: choice.codec, pt: choice.payloadType }], choice.telephoneEventPt, localDirection);
    return { type: m.type, port: 0, protocol: m.protocol, payloads: m.payloads, rtp: [], fmtp: [] };
  });
  return {
    sdp: write(local, origin, media),
    media: { codec: choice.codec, payloadType: choice.payloadType, telephoneEventPt: choice.telephoneEventPt, remote: choice.remote, localDirection },
  };
}

/** Read the peer's answer to our offer. Same errors as answerOffer. */
export function readAnswer(answerSdp: string, offered: readonly G711Codec[] = ['PCMU', 'PCMA']): NegotiatedMedia {
  const choice = chooseAudio(parse(answerSdp), offered);
  return {
    codec: choice.codec, payloadType: choice.payloadType, telephoneEventPt: choice.telephoneEventPt, remote: choice.remote,
    localDirection: mirrorDirection(choice.remoteDirection),
  };
}

/** c= connection-address (RFC 4566 section 5.7): a dotted quad with octets <= 255, an IPv6 address, or a host name. */
function validAddress(a: string): boolean {
  const addr = a.split('/')[0]!; // multicast TTL / count suffix
  if (/^[\d.]+$/.test(addr)) {
    const parts = addr.split('.');
    return parts.length === 4 && parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255);
  }
  if (addr.includes(':')) return /^[0-9A-Fa-f:.]+$/.test(addr);
  return /^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*\.?$/.test(addr);
}
