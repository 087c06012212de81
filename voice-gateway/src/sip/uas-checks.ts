/**
 * UAS header and content inspection that sip.js leaves as TODO (RFC 3261 sections 8.2.2.3 and
 * 8.2.3), run on every request before the user-agent core sees it:
 * - Require: an option tag we do not implement gets 420 (Bad Extension) listing it in
 *   Unsupported, for any method but ACK and CANCEL (section 8.2.2.3). We implement `timer`
 *   (RFC 4028, endpoint.ts / sip-call-leg.ts).
 * - Accept: an INVITE whose Accept leaves out application/sdp cannot take our answer (an SDP
 *   body): 406 (Not Acceptable) with the type we can send (sections 8.2.3, 20.1, 21.4.7). An empty
 *   Accept means nothing is acceptable (section 20.1); no Accept means application/sdp.
 * Methods sip.js does not allow are left to it (method inspection comes first, section 8.2.1: 405
 * or 501), and so is the Content-Type of a body (415, endpoint.ts).
 */
import type { Core } from 'sip.js';

/** Option tags we implement (RFC 3261 section 19.2; timer: RFC 4028). */
export const SUPPORTED_OPTION_TAGS: readonly string[] = ['timer'];

/** Methods whose header fields we inspect: sip.js's allowed methods, plus UPDATE (the call leg takes it in dialogs). */
const INSPECTED = new Set(['BYE', 'INFO', 'INVITE', 'MESSAGE', 'NOTIFY', 'OPTIONS', 'PRACK', 'REFER', 'REGISTER', 'SUBSCRIBE', 'UPDATE']);

export interface UasRefusal {
  statusCode: number;
  extraHeaders: string[];
  /** Short reason for logs (no header values). */
  problem: string;
}

export function inspectRequest(m: Core.IncomingRequestMessage): UasRefusal | null {
  if (!INSPECTED.has(m.method)) return null;
  const unsupported = listValues(m.getHeaders('require')).filter((t) => !SUPPORTED_OPTION_TAGS.includes(t.toLowerCase()));
  if (unsupported.length > 0) return { statusCode: 420, extraHeaders: [`Unsupported: ${unsupported.join(', ')}`], problem: 'unsupported-require' };
  if (m.method === 'INVITE' && m.hasHeader('accept') && !acceptsSdp(m.getHeaders('accept'))) {
    return { statusCode: 406, extraHeaders: ['Accept: application/sdp'], problem: 'accept-excludes-sdp' };
  }
  return null;
}

/** Comma-separated header values as one list (RFC 3261 section 7.3.1), empty items dropped. */
function listValues(values: string[]): string[] {
  return values.join(',').split(',').map((v) => v.trim()).filter(Boolean);
}

/** Whether an Accept header allows application/sdp (a media range that covers it, q not 0). */
export function acceptsSdp(values: string[]): boolean {
  return listValues(values).some((range) => {
    const [type, ...params] = range.split(';').map((p) => p.trim());
    const q = params.find((p) => /^q\s*=/i.test(p));
    if (q !== undefined && Number(q.slice(q.indexOf('=') + 1).trim()) === 0) return false;
    return /^(application\s*\/\s*(sdp|\*)|\*\s*\/\s*\*)$/i.test(type ?? '');
  });
}
