/**
 * Twilio Media Streams (https://www.twilio.com/docs/voice/media-streams/websocket-messages) and
 * the near-copies spoken by Telnyx, SignalWire, Fonoster and Exotel, as variants of one codec.
 * In: connected, start, media, dtmf, mark, stop. Out: media, mark, clear (+ our `transfer`).
 * Payloads are base64; G.711 mu-law 8 kHz for Twilio, PCMU/PCMA/L16 per media_format for
 * Telnyx, 16-bit little-endian PCM for Exotel. Our browser test phone speaks the Twilio variant
 * ("native"), so the test phone exercises the production path.
 */
import { alawDecode, alawEncode, mulawDecode as ulawDecode, mulawEncode } from '@tingzhen/voice-core';
const ulawEncode = (s: Int16Array): Buffer => Buffer.from(mulawEncode(s).buffer);
const alawEnc = (s: Int16Array): Buffer => Buffer.from(alawEncode(s).buffer);
import {
  l16ToSamples, obj, parseJson, protocolError, samplesToL16, str, stringRecord, text,
  type AudioEncoding, type InboundEvent, type WireCodec, type WireMessage,
} from './types.js';

export type TwilioVariant = 'twilio' | 'native' | 'signalwire' | 'telnyx' | 'fonoster' | 'exotel';

interface Spelling {
  /** Top-level stream id key. */
  streamKey: string;
  callKey: string;
  formatKey: string;
  rateKey: string;
  paramsKey: string;
  /** Default payload encoding when the start message names none. */
  defaultEncoding: AudioEncoding;
  /** Put the stream id on outbound messages (Telnyx needs none). */
  outboundStreamId: boolean;
}

const SNAKE = { formatKey: 'media_format', rateKey: 'sample_rate', paramsKey: 'custom_parameters' };
const CAMEL = { formatKey: 'mediaFormat', rateKey: 'sampleRate', paramsKey: 'customParameters' };

const VARIANTS: Record<TwilioVariant, Spelling> = {
  twilio: { streamKey: 'streamSid', callKey: 'callSid', ...CAMEL, defaultEncoding: 'mulaw', outboundStreamId: true },
  native: { streamKey: 'streamSid', callKey: 'callSid', ...CAMEL, defaultEncoding: 'mulaw', outboundStreamId: true },
  signalwire: { streamKey: 'streamSid', callKey: 'callSid', ...CAMEL, defaultEncoding: 'mulaw', outboundStreamId: true },
  // Fonoster's stream messages follow Twilio's shape with its own id spelling.
  fonoster: { streamKey: 'streamId', callKey: 'callRef', ...CAMEL, defaultEncoding: 'mulaw', outboundStreamId: true },
  telnyx: { streamKey: 'stream_id', callKey: 'call_control_id', ...SNAKE, defaultEncoding: 'mulaw', outboundStreamId: false },
  exotel: { streamKey: 'stream_sid', callKey: 'call_sid', ...SNAKE, defaultEncoding: 'l16', outboundStreamId: true },
};

function encodingOf(name: string | undefined, fallback: AudioEncoding): AudioEncoding | null {
  if (name === undefined || name === '') return fallback;
  const n = name.toLowerCase();
  if (n === 'audio/x-mulaw' || n === 'pcmu' || n === 'mulaw' || n === 'ulaw') return 'mulaw';
  if (n === 'audio/x-alaw' || n === 'pcma' || n === 'alaw') return 'alaw';
  if (n === 'l16' || n === 'audio/l16' || n === 'raw/slin' || n === 'slin' || n === 'base64') return 'l16';
  return null;
}

/** Rates each encoding may come at; G.711 is 8 kHz by definition (ITU-T G.711). */
function rateAllowed(enc: AudioEncoding, rate: number): boolean {
  return enc === 'l16' ? rate === 8000 || rate === 16000 : rate === 8000;
}

export function createTwilioCodec(variant: TwilioVariant = 'twilio'): WireCodec {
  const sp = VARIANTS[variant];
  let streamId: string | undefined;
  let encoding: AudioEncoding = sp.defaultEncoding;
  let started = false;
  let seq = 0;

  const out = (event: string, body: Record<string, unknown> = {}): WireMessage => {
    const m: Record<string, unknown> = { event };
    if (sp.outboundStreamId && streamId !== undefined) m[sp.streamKey] = streamId;
    if (variant === 'exotel') m.sequence_number = ++seq;
    return text({ ...m, ...body });
  };

  return {
    dialect: variant,
    peerMarks: true,
    decode(data, isBinary): InboundEvent[] {
      if (isBinary) throw protocolError('unexpected-binary-frame');
      const msg = parseJson(data);
      const event = str(msg.event);
      switch (event) {
        case 'connected':
          return [];
        case 'start': {
          const start = obj(msg.start);
          const fmt = obj(start[sp.formatKey]);
          const enc = encodingOf(str(fmt.encoding), sp.defaultEncoding);
          const rate = Number(str(fmt[sp.rateKey]) ?? 8000);
          if (enc === null || !rateAllowed(enc, rate)) throw protocolError('unsupported-media-format', { rate });
          streamId = str(msg[sp.streamKey]) ?? str(start[sp.streamKey]);
          if (streamId === undefined) throw protocolError('missing-stream-id');
          encoding = enc;
          started = true;
          const parameters = stringRecord(start[sp.paramsKey]);
          const callId = str(start[sp.callKey]) ?? streamId;
          // Twilio's <Stream> sends no numbers of its own: a TwiML app passes them as custom
          // parameters (<Parameter name="From" value="{{From}}"/>); patient data, never logged.
          const from = str(start.from) ?? parameters.From ?? parameters.from ?? parameters.Caller;
          const to = str(start.to) ?? parameters.To ?? parameters.to ?? parameters.Called;
          const info = { callId, direction: 'inbound' as const, from, to, parameters };
          return [{ type: 'start', info, sampleRate: rate, encoding: enc, parameters }];
        }
        case 'media': {
          if (!started) throw protocolError('media-before-start');
          const media = obj(msg.media);
          const track = str(media.track);
          if (track !== undefined && track !== 'inbound' && track !== 'inbound_track') return [];
          const payload = str(media.payload);
          if (payload === undefined || !/^[A-Za-z0-9+/]*={0,2}$/.test(payload)) throw protocolError('bad-media-payload');
          const bytes = Buffer.from(payload, 'base64');
          if (encoding === 'l16') {
            if (bytes.length % 2 !== 0) throw protocolError('odd-l16-payload');
            return [{ type: 'audio', samples: l16ToSamples(bytes) }];
          }
          return [{ type: 'audio', samples: encoding === 'mulaw' ? ulawDecode(bytes) : alawDecode(bytes) }];
        }
        case 'dtmf': {
          const d = obj(msg.dtmf);
          const digit = str(d.digit);
          if (digit === undefined || !/^[0-9A-D*#]$/.test(digit)) throw protocolError('bad-dtmf-digit');
          const duration = Number(d.duration);
          return [{ type: 'dtmf', digit, ...(Number.isFinite(duration) ? { durationMs: duration } : {}) }];
        }
        case 'mark': {
          const name = str(obj(msg.mark).name);
          return name === undefined ? [] : [{ type: 'mark', name }];
        }
        case 'stop':
          return [{ type: 'stop' }];
        case undefined:
          throw protocolError('missing-event');
        default:
          return []; // e.g. Telnyx "error", Twilio future events: not ours to act on
      }
    },
    encodeAudio(samples) {
      const bytes = encoding === 'l16' ? samplesToL16(samples) : encoding === 'mulaw' ? ulawEncode(samples) : alawEnc(samples);
      return [out('media', { media: { payload: bytes.toString('base64') } })];
    },
    encodeMark: (name) => [out('mark', { mark: { name } })],
    encodeClear: () => [out('clear')],
    encodeTransfer: (target) => [out('transfer', { transfer: { target } })],
    encodeAnswer: () => [],
    encodeHangup: () => [],
  };
}
