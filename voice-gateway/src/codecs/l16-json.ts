/**
 * Binary linear-16 audio after a JSON first text frame:
 * - jambonz `listen` (subprotocol audio.jambonz.org): metadata {callSid, from, to, sampleRate,
 *   customParameters...}; with bidirectionalAudio.streaming the binary frames we send are played;
 *   control: {type:'killAudio'}, {type:'mark', data:{name}}, {type:'disconnect'}; DTMF arrives as
 *   {event:'dtmf', dtmf, duration} when passDtmf is on; marks come back as {type:'mark', data:{name, event:'playout'}}.
 * - FreeSWITCH mod_audio_fork (audio.drachtio.org / audiostream.drachtio.org): metadata is the
 *   JSON given to `uuid_audio_fork start`; playback via {type:'playAudio', data:{audioContentType:'raw',
 *   sampleRate, audioContent(base64)}}, {type:'killAudio'}, {type:'transfer'}, {type:'disconnect'}.
 * - mod_audio_stream: metadata text first; playback via {type:'streamAudio', data:{audioDataType:'raw',
 *   sampleRate, audioData(base64)}}.
 * L16 here is little-endian host order, as both FreeSWITCH modules and jambonz send it.
 */
import { randomUUID } from 'node:crypto';
import { l16ToSamples, obj, parseJson, protocolError, samplesToL16, str, stringRecord, text, type InboundEvent, type WireCodec } from './types.js';

export type L16Variant = 'jambonz' | 'audio-fork' | 'audio-stream';

export function createL16JsonCodec(variant: L16Variant, defaultRate = 8000): WireCodec {
  let started = false;
  let rate = defaultRate;

  const playMessage = (samples: Int16Array) => {
    const b64 = samplesToL16(samples).toString('base64');
    if (variant === 'audio-stream') return text({ type: 'streamAudio', data: { audioDataType: 'raw', sampleRate: rate, audioData: b64 } });
    return text({ type: 'playAudio', data: { audioContentType: 'raw', sampleRate: rate, audioContent: b64 } });
  };

  return {
    dialect: variant,
    peerMarks: variant === 'jambonz',
    decode(data, isBinary): InboundEvent[] {
      if (isBinary) {
        if (!started) throw protocolError('media-before-start');
        if (data.length % 2 !== 0) throw protocolError('odd-l16-payload');
        return [{ type: 'audio', samples: l16ToSamples(data) }];
      }
      const msg = parseJson(data);
      if (!started) {
        const r = Number(msg.sampleRate ?? msg.sample_rate ?? defaultRate);
        if (r !== 8000 && r !== 16000) throw protocolError('unsupported-media-format', { rate: r });
        rate = r;
        started = true;
        const parameters = { ...stringRecord(msg.customParameters), ...stringRecord(msg.metadata) };
        // jambonz sends its webhook attributes, snake_case (call_sid); mod_audio_fork whatever JSON
        // the dialplan gave. No id at all: a fresh one, never a shared "unknown".
        const callId = str(msg.call_sid) ?? str(msg.callSid) ?? str(msg.call_id) ?? str(msg.callid) ?? str(msg.callId) ?? str(msg.uuid) ?? `${variant}-${randomUUID()}`;
        return [{
          type: 'start', sampleRate: rate, encoding: 'l16', parameters,
          info: { callId, direction: str(msg.direction) === 'outbound' ? 'outbound' : 'inbound', from: str(msg.from), to: str(msg.to), parameters },
        }];
      }
      if (str(msg.event) === 'dtmf') {
        const digit = str(msg.dtmf) ?? str(obj(msg.dtmf).digit);
        if (digit === undefined || !/^[0-9A-D*#]$/.test(digit)) throw protocolError('bad-dtmf-digit');
        return [{ type: 'dtmf', digit }];
      }
      if (str(msg.type) === 'mark') {
        const d = obj(msg.data);
        const name = str(d.name);
        return name !== undefined && str(d.event) !== 'cleared' ? [{ type: 'mark', name }] : [];
      }
      return [];
    },
    encodeAudio(samples) {
      // jambonz bidirectional streaming plays raw binary frames directly.
      return variant === 'jambonz' ? [{ data: samplesToL16(samples), binary: true }] : [playMessage(samples)];
    },
    encodeMark: (name) => (variant === 'jambonz' ? [text({ type: 'mark', data: { name } })] : []),
    encodeClear: () => [text({ type: 'killAudio' })],
    encodeTransfer: (target) => [text({ type: 'transfer', data: { target } })],
    encodeAnswer: () => [],
    encodeHangup: () => [text({ type: 'disconnect' })],
  };
}
