import { describe, expect, it } from 'vitest';
import { isTzError } from '@tingzhen/voice-core';
import { answerOffer, createOffer, readAnswer, SdpOrigin } from '../src/sip/sdp.js';

const offer = (body: string) => `v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\ns=-\r\nc=IN IP4 10.0.0.1\r\nt=0 0\r\n${body}`;
const local = { address: '192.0.2.5', port: 20000 };
const status = (e: unknown) => (isTzError(e, 'TZ_ERR_PROTOCOL') ? e.details.status : 'other');
function fails(sdp: string): unknown {
  try { answerOffer(sdp, local, new SdpOrigin()); } catch (e) { return status(e); }
  return 'no error';
}

describe('SDP offer/answer (RFC 3264)', () => {
  it("answers with the offerer's first supported codec and keeps its telephone-event payload type", () => {
    const o = offer('m=audio 4000 RTP/AVP 18 8 0 96\r\na=rtpmap:18 G729/8000\r\na=rtpmap:96 telephone-event/8000\r\na=fmtp:96 0-15\r\n');
    const { sdp, media } = answerOffer(o, local, new SdpOrigin());
    expect(media).toEqual({ codec: 'PCMA', payloadType: 8, telephoneEventPt: 96, remote: { address: '10.0.0.1', port: 4000 }, localDirection: 'sendrecv' });
    expect(sdp).toMatch(/m=audio 20000 RTP\/AVP 8 96\r\n/);
    expect(sdp).toMatch(/a=rtpmap:96 telephone-event\/8000/);
    expect(sdp).toMatch(/c=IN IP4 192\.0\.2\.5/);
    expect(sdp).toMatch(/a=sendrecv/);
  });

  it('accepts static payload types without rtpmap, media-level c= and a=rtcp', () => {
    const o = 'v=0\r\no=- 1 1 IN IP4 x\r\ns=-\r\nt=0 0\r\nm=audio 5004 RTP/AVP 0\r\nc=IN IP4 10.1.1.1\r\na=rtcp:6000\r\n';
    expect(answerOffer(o, local, new SdpOrigin()).media.remote).toEqual({ address: '10.1.1.1', port: 5004, rtcpPort: 6000 });
  });

  it('488 when no codec matches, and for SRTP-only or rejected streams', () => {
    expect(fails(offer('m=audio 4000 RTP/AVP 18 9\r\na=rtpmap:18 G729/8000\r\n'))).toBe(488);
    expect(fails(offer('m=audio 4000 RTP/SAVP 0\r\n'))).toBe(488);
    expect(fails(offer('m=audio 0 RTP/AVP 0\r\n'))).toBe(488);
    expect(fails(offer('m=video 4000 RTP/AVP 0\r\n'))).toBe(488);
    expect(fails(offer('m=audio 4000 RTP/AVP 96\r\na=rtpmap:96 PCMU/16000\r\n'))).toBe(488);
  });

  it('400 for malformed SDP', () => {
    expect(fails('')).toBe(400);
    expect(fails('hello')).toBe(400);
    expect(fails('v=0\r\no=- 1 1 IN IP4 x\r\ns=-\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\n')).toBe(400); // no c=
  });

  it('keeps one answer m= line per offered stream, declining the others with port 0', () => {
    const o = offer('m=video 5000 RTP/AVP 96\r\na=rtpmap:96 VP8/90000\r\nm=audio 4000 RTP/AVP 0\r\n');
    const { sdp } = answerOffer(o, local, new SdpOrigin());
    expect(sdp).toMatch(/m=video 0 RTP\/AVP 96/);
    expect(sdp).toMatch(/m=audio 20000 RTP\/AVP 0/);
  });

  it('hold and unhold: sendonly -> recvonly, inactive -> inactive, c=0.0.0.0 -> recvonly', () => {
    const origin = new SdpOrigin();
    const a1 = answerOffer(offer('m=audio 4000 RTP/AVP 0\r\na=sendonly\r\n'), local, origin);
    expect(a1.media.localDirection).toBe('recvonly');
    expect(a1.sdp).toMatch(/a=recvonly/);
    expect(answerOffer(offer('m=audio 4000 RTP/AVP 0\r\na=inactive\r\n'), local, origin).media.localDirection).toBe('inactive');
    const o0 = 'v=0\r\no=- 1 1 IN IP4 x\r\ns=-\r\nc=IN IP4 0.0.0.0\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\n';
    expect(answerOffer(o0, local, origin).media.localDirection).toBe('recvonly');
    const a4 = answerOffer(offer('m=audio 4000 RTP/AVP 0\r\n'), local, origin);
    expect(a4.media.localDirection).toBe('sendrecv');
    // o= version grows with each description of the session (RFC 3264 section 8)
    expect(a4.sdp).toMatch(/o=tingzhen \d+ 4 IN IP4/);
  });

  it('offer -> answer round trip through our own answerer', () => {
    const off = createOffer({ ...local, codecs: ['PCMA', 'PCMU'] }, new SdpOrigin());
    expect(off).toMatch(/m=audio 20000 RTP\/AVP 8 0 101/);
    const ans = answerOffer(off, { address: '10.9.9.9', port: 30000, codecs: ['PCMU'] }, new SdpOrigin());
    expect(ans.media.codec).toBe('PCMU');
    const read = readAnswer(ans.sdp);
    expect(read).toMatchObject({ codec: 'PCMU', payloadType: 0, telephoneEventPt: 101, remote: { address: '10.9.9.9', port: 30000 } });
  });
});
