/**
 * sip.js SessionDescriptionHandler backed by our RtpSession instead of WebRTC. sip.js drives
 * the offer/answer state (RFC 3264) and calls:
 *   setDescription(remote) then getDescription()  -> remote offer, our answer
 *   getDescription() then setDescription(remote)  -> our offer, remote answer
 * A remote offer we cannot accept throws from setDescription; sip.js answers a re-INVITE with
 * 488 (an initial INVITE is pre-checked by SipEndpoint, which answers 488 itself).
 */
import type { BodyAndContentType, SessionDescriptionHandler, SessionDescriptionHandlerFactory } from 'sip.js';
import type { Logger } from '@tingzhen/voice-core';
import { RtpSession, type G711Codec, type JitterBufferOptions, type MediaDirection, type PortAllocator, type SocketPair } from '../rtp/index.js';
import { answerOffer, createOffer, readAnswer, SdpOrigin, type NegotiatedMedia } from './sdp.js';

export interface RtpSdhOptions {
  allocator: PortAllocator;
  /** Address peers send media to (written into c=). */
  mediaAddress: string;
  codecs?: readonly G711Codec[];
  jitter?: JitterBufferOptions;
  logger?: Logger;
}

export type FrameHandler = (samples: Int16Array, kind: 'audio' | 'concealed' | 'silence') => void;
export type DtmfHandler = (digit: string, durationMs: number) => void;

export class RtpSessionDescriptionHandler implements SessionDescriptionHandler {
  rtp: RtpSession | null = null;
  media: NegotiatedMedia | null = null;
  private sockets: SocketPair | null = null;
  private readonly origin = new SdpOrigin();
  private pendingOffer: string | null = null;
  private haveLocalOffer = false;
  private closed = false;
  /** Local hold: offer sendonly (we hold the peer) when set. */
  holdDirection: MediaDirection = 'sendrecv';
  onFrame: FrameHandler | null = null;
  onDtmf: DtmfHandler | null = null;
  /** Called whenever media is (re)negotiated. */
  onMedia: ((m: NegotiatedMedia) => void) | null = null;

  constructor(private readonly opts: RtpSdhOptions) {}

  private async ensureSockets(): Promise<SocketPair> {
    this.sockets ??= await this.opts.allocator.allocate();
    if (this.closed) {
      this.opts.allocator.release(this.sockets);
      throw new Error('session description handler closed');
    }
    return this.sockets;
  }

  async getDescription(): Promise<BodyAndContentType> {
    const sockets = await this.ensureSockets();
    const local = { address: this.opts.mediaAddress, port: sockets.port, codecs: this.opts.codecs, direction: this.holdDirection };
    if (this.pendingOffer !== null) {
      const { sdp, media } = answerOffer(this.pendingOffer, local, this.origin);
      this.pendingOffer = null;
      this.apply(media);
      return { body: sdp, contentType: 'application/sdp' };
    }
    this.haveLocalOffer = true;
    return { body: createOffer(local, this.origin), contentType: 'application/sdp' };
  }

  async setDescription(sdp: string): Promise<void> {
    // A description after close is refused. Measured with a late-offer INVITE (no SDP; our offer
    // in the 200, the answer in the ACK): sip.js reports the session established when it sends the
    // 200, so a call hung up at once closes us (the RTP ports go back to the allocator) before the
    // ACK's answer arrives; applying it would start an RTP session on closed sockets.
    if (this.closed) throw new Error('session description handler closed');
    if (this.haveLocalOffer) {
      this.haveLocalOffer = false;
      this.apply(readAnswer(sdp, this.opts.codecs));
      return;
    }
    // Validate now so a bad re-INVITE is refused (488) before we answer.
    answerOffer(sdp, { address: this.opts.mediaAddress, port: 9, codecs: this.opts.codecs }, new SdpOrigin());
    this.pendingOffer = sdp;
  }

  async rollbackDescription(): Promise<void> {
    this.pendingOffer = null;
    this.haveLocalOffer = false;
  }

  hasDescription(contentType: string): boolean {
    return contentType.toLowerCase().split(';')[0]!.trim() === 'application/sdp';
  }

  sendDtmf(tones: string): boolean {
    if (!this.rtp) return false;
    let ok = true;
    [...tones].forEach((t, i) => {
      if (i === 0) ok = this.rtp!.sendDtmf(t) && ok;
      else setTimeout(() => this.rtp?.sendDtmf(t), i * 200).unref();
    });
    return ok;
  }

  private apply(media: NegotiatedMedia): void {
    if (this.closed || !this.sockets) return;
    this.media = media;
    const direction = this.holdDirection === 'sendrecv' ? media.localDirection : this.holdDirection;
    if (!this.rtp) {
      this.rtp = new RtpSession({
        sockets: this.sockets, allocator: this.opts.allocator, codec: media.codec, payloadType: media.payloadType,
        telephoneEventPt: media.telephoneEventPt, remote: media.remote, jitter: this.opts.jitter, logger: this.opts.logger,
        onFrame: (s, k) => this.onFrame?.(s, k),
        onDtmf: (d, ms) => this.onDtmf?.(d, ms),
      });
    }
    this.rtp.update({ remote: media.remote, direction, telephoneEventPt: media.telephoneEventPt });
    this.onMedia?.(media);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.rtp) this.rtp.close();
    else if (this.sockets) this.opts.allocator.release(this.sockets);
    this.rtp = null;
  }
}

export function rtpSdhFactory(opts: RtpSdhOptions): SessionDescriptionHandlerFactory {
  return () => new RtpSessionDescriptionHandler(opts);
}
