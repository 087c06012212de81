export { SipEndpoint, type SipEndpointOptions } from './endpoint.js';
export { SipCallLeg, type SipCallLegOptions, type SipCloseCause } from './sip-call-leg.js';
export { createSipDialer, classifySipFailure, type SipDial, type SipDialRequest, type SipDialOutcome, type SipDialReason, type SipDialerOptions } from './dialer.js';
export { TcpSipTransport, type TcpTransportOptions, type TransportStats } from './tcp-transport.js';
export { RtpSessionDescriptionHandler, rtpSdhFactory, type RtpSdhOptions } from './rtp-sdh.js';
export { answerOffer, createOffer, readAnswer, mirrorDirection, SdpOrigin, type NegotiatedMedia, type LocalMedia } from './sdp.js';
export { SipStreamFramer, contentLength, toWire, MAX_BODY_BYTES, MAX_HEADER_BYTES, type FrameEvent } from './framing.js';
export { guardMessage, buildStatelessResponse, sipParseCostMs, type GuardResult } from './guard.js';
export * from '../rtp/index.js';
