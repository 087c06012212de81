export { parseRtp, serializeRtp, seqDiff, tsDiff, type RtpPacket } from './packet.js';
export { parseRtcp, buildRtcp, ReceptionStats, ntpTime, type RtcpReport, type ReportBlock, type SenderInfo } from './rtcp.js';
export { JitterBuffer, type JitterBufferOptions, type JitterFrame, type JitterStats } from './jitter-buffer.js';
export { G711Plc } from './plc.js';
export { PortAllocator, type PortRange, type SocketPair } from './port-allocator.js';
export {
  TelephoneEventReceiver, telephoneEventPackets, parseTelephoneEvent, serializeTelephoneEvent, digitToEvent, eventToDigit,
  type TelephoneEvent,
} from './telephone-event.js';
export { RtpSession, type RtpSessionOptions, type RtpSessionStats, type RtpEndpoint, type G711Codec, type MediaDirection } from './rtp-session.js';
