/**
 * Asterisk chan_websocket (https://docs.asterisk.org/Configuration/Channel-Drivers/WebSocket):
 * BINARY frames carry media in the channel format (ulaw/alaw/slin/slin16), TEXT frames carry
 * events and commands, either plain text ("MEDIA_START connection_id:x channel:y format:ulaw
 * optimal_frame_size:160") or JSON ({"event":"MEDIA_START",...}); we read both and answer in
 * the format the peer used. Events: MEDIA_START, MEDIA_XOFF/MEDIA_XON (flow control),
 * MEDIA_MARK_PROCESSED, DTMF_END, HANGUP... Commands: ANSWER, HANGUP, FLUSH_MEDIA, MARK_MEDIA.
 * Asterisk owns the playout clock here and FLUSH_MEDIA takes queued audio back.
 */
import { randomUUID } from 'node:crypto';
import { alawDecode, alawEncode, mulawDecode as ulawDecode, mulawEncode } from '@tingzhen/voice-core';
const ulawEncode = (s: Int16Array): Buffer => Buffer.from(mulawEncode(s).buffer);
const alawEnc = (s: Int16Array): Buffer => Buffer.from(alawEncode(s).buffer);
import { l16ToSamples, parseJson, protocolError, samplesToL16, str, stringRecord, text, type AudioEncoding, type InboundEvent, type WireCodec, type WireMessage } from './types.js';

const FORMATS: Record<string, { encoding: AudioEncoding; rate: number }> = {
  ulaw: { encoding: 'mulaw', rate: 8000 },
  alaw: { encoding: 'alaw', rate: 8000 },
  slin: { encoding: 'l16', rate: 8000 },
  slin16: { encoding: 'l16', rate: 16000 },
};

function parsePlain(line: string): { event: string; fields: Record<string, string> } {
  const [event = '', ...rest] = line.trim().split(/\s+/);
  const fields: Record<string, string> = {};
  for (const kv of rest) {
    const i = kv.indexOf(':');
    if (i > 0) fields[kv.slice(0, i)] = kv.slice(i + 1);
  }
  return { event, fields };
}

export function createAsteriskWsCodec(): WireCodec {
  let json = false;
  let fmt: { encoding: AudioEncoding; rate: number } | null = null;
  const cmd = (command: string, extra: Record<string, string> = {}): WireMessage =>
    json ? text({ command, ...extra }) : { data: [command, ...Object.entries(extra).map(([k, v]) => `${k}:${v}`)].join(' '), binary: false };

  return {
    dialect: 'asterisk',
    peerMarks: true,
    decode(data, isBinary): InboundEvent[] {
      if (isBinary) {
        if (!fmt) throw protocolError('media-before-start');
        if (fmt.encoding === 'l16') {
          if (data.length % 2 !== 0) throw protocolError('odd-l16-payload');
          return [{ type: 'audio', samples: l16ToSamples(data) }];
        }
        return [{ type: 'audio', samples: fmt.encoding === 'mulaw' ? ulawDecode(data) : alawDecode(data) }];
      }
      const raw = data.toString('utf8');
      let event: string;
      let fields: Record<string, string>;
      if (raw.trimStart().startsWith('{')) {
        json = true;
        const m = parseJson(raw);
        event = str(m.event) ?? '';
        fields = stringRecord(m);
      } else ({ event, fields } = parsePlain(raw));
      switch (event) {
        case 'MEDIA_START': {
          const f = FORMATS[fields.format ?? 'ulaw'];
          if (!f) throw protocolError('unsupported-media-format');
          fmt = f;
          const callId = fields.channel_id ?? fields.connection_id ?? fields.channel ?? `asterisk-${randomUUID()}`;
          return [{ type: 'start', sampleRate: f.rate, encoding: f.encoding, parameters: {}, info: { callId, direction: 'inbound', parameters: {} } }];
        }
        case 'MEDIA_XOFF':
          return [{ type: 'flow', paused: true }];
        case 'MEDIA_XON':
          return [{ type: 'flow', paused: false }];
        case 'MEDIA_MARK_PROCESSED':
          return fields.correlation_id ?? fields.mark ? [{ type: 'mark', name: (fields.correlation_id ?? fields.mark)! }] : [];
        case 'DTMF_END': {
          const digit = fields.digit;
          if (digit === undefined || !/^[0-9A-D*#]$/.test(digit)) throw protocolError('bad-dtmf-digit');
          return [{ type: 'dtmf', digit }];
        }
        case 'HANGUP':
        case 'MEDIA_END':
          return [{ type: 'stop' }];
        case '':
          throw protocolError('missing-event');
        default:
          return [];
      }
    },
    encodeAudio(samples) {
      const enc = fmt?.encoding ?? 'mulaw';
      const bytes = enc === 'l16' ? samplesToL16(samples) : enc === 'mulaw' ? ulawEncode(samples) : alawEnc(samples);
      return [{ data: bytes, binary: true }];
    },
    encodeMark: (name) => [cmd('MARK_MEDIA', { correlation_id: name })],
    encodeClear: () => [cmd('FLUSH_MEDIA')],
    // chan_websocket has no transfer command; the ARI application redirects the channel.
    encodeTransfer: () => [],
    encodeAnswer: () => [cmd('ANSWER')],
    encodeHangup: () => [cmd('HANGUP')],
  };
}
