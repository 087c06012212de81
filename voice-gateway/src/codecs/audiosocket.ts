/**
 * Asterisk AudioSocket over TCP (https://docs.asterisk.org/Configuration/Channel-Drivers/AudioSocket/):
 * each message is 1 byte kind, 2 bytes big-endian payload length, payload.
 * Kinds: 0x00 hangup, 0x01 UUID (16 bytes), 0x03 DTMF (1 ASCII byte), 0x10 audio (8 kHz signed
 * linear 16-bit little-endian mono), 0xff error (1-byte code). The first message must be the UUID.
 * Asterisk plays whatever arrives as it arrives, so the playout clock is ours (Playout, lead 1).
 * This codec is a stream deframer: TCP chunks in, events out.
 */
import { l16ToSamples, protocolError, samplesToL16, type InboundEvent, type WireCodec, type WireMessage } from './types.js';

export const AS_KIND = { hangup: 0x00, uuid: 0x01, dtmf: 0x03, audio: 0x10, error: 0xff } as const;
/** Largest payload we accept: 1 s of 8 kHz slin; Asterisk sends 320-byte (20 ms) frames. */
const MAX_PAYLOAD = 16_000;

export function asFrame(kind: number, payload: Buffer = Buffer.alloc(0)): Buffer {
  const h = Buffer.alloc(3);
  h[0] = kind;
  h.writeUInt16BE(payload.length, 1);
  return Buffer.concat([h, payload]);
}

export function uuidToBytes(uuid: string): Buffer {
  const hex = uuid.replace(/-/g, '');
  if (!/^[0-9a-fA-F]{32}$/.test(hex)) throw protocolError('bad-uuid');
  return Buffer.from(hex, 'hex');
}

function bytesToUuid(b: Buffer): string {
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export function createAudioSocketCodec(): WireCodec {
  let pending: Buffer = Buffer.alloc(0);
  let started = false;
  const bin = (b: Buffer): WireMessage => ({ data: b, binary: true });
  return {
    dialect: 'audiosocket',
    peerMarks: false,
    decode(chunk): InboundEvent[] {
      pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
      const events: InboundEvent[] = [];
      while (pending.length >= 3) {
        const kind = pending[0]!;
        const len = pending.readUInt16BE(1);
        if (len > MAX_PAYLOAD) throw protocolError('oversized-frame', { len });
        if (pending.length < 3 + len) break;
        const payload = pending.subarray(3, 3 + len);
        pending = pending.subarray(3 + len);
        if (!started && kind !== AS_KIND.uuid && kind !== AS_KIND.hangup) throw protocolError('media-before-start');
        switch (kind) {
          case AS_KIND.uuid:
            if (len !== 16) throw protocolError('bad-uuid');
            if (!started) {
              started = true;
              const callId = bytesToUuid(Buffer.from(payload));
              events.push({ type: 'start', sampleRate: 8000, encoding: 'l16', parameters: {}, info: { callId, direction: 'inbound', parameters: {} } });
            }
            break;
          case AS_KIND.audio:
            if (len % 2 !== 0) throw protocolError('odd-l16-payload');
            events.push({ type: 'audio', samples: l16ToSamples(payload) });
            break;
          case AS_KIND.dtmf: {
            const digit = String.fromCharCode(payload[0] ?? 0);
            if (len !== 1 || !/^[0-9A-D*#]$/.test(digit)) throw protocolError('bad-dtmf-digit');
            events.push({ type: 'dtmf', digit });
            break;
          }
          case AS_KIND.hangup:
          case AS_KIND.error:
            events.push({ type: 'stop' });
            break;
          default:
            // Newer Asterisk sends other slin rates as 0x11..0x18; we negotiate 8 kHz only.
            throw protocolError('unsupported-media-format', { kind });
        }
      }
      return events;
    },
    encodeAudio: (samples) => [bin(asFrame(AS_KIND.audio, samplesToL16(samples)))],
    encodeMark: () => [],
    encodeClear: () => [], // nothing is queued at the peer beyond our one-frame lead
    encodeTransfer: () => [],
    encodeAnswer: () => [],
    encodeHangup: () => [bin(asFrame(AS_KIND.hangup))],
  };
}
