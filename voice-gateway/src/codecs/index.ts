import { createAsteriskWsCodec } from './asterisk-ws.js';
import { createL16JsonCodec } from './l16-json.js';
import { createTwilioCodec } from './twilio.js';
import type { CodecFactory } from './types.js';

export * from './types.js';
export { createTwilioCodec, type TwilioVariant } from './twilio.js';
export { createL16JsonCodec, type L16Variant } from './l16-json.js';
export { createAsteriskWsCodec } from './asterisk-ws.js';

/** Dialect name (the last path segment of /media/<dialect>) -> codec factory. */
export const WS_DIALECTS: Readonly<Record<string, CodecFactory>> = {
  native: () => createTwilioCodec('native'),
  twilio: () => createTwilioCodec('twilio'),
  signalwire: () => createTwilioCodec('signalwire'),
  telnyx: () => createTwilioCodec('telnyx'),
  fonoster: () => createTwilioCodec('fonoster'),
  exotel: () => createTwilioCodec('exotel'),
  jambonz: () => createL16JsonCodec('jambonz'),
  'audio-fork': () => createL16JsonCodec('audio-fork'),
  'audio-stream': () => createL16JsonCodec('audio-stream'),
  asterisk: () => createAsteriskWsCodec(),
};

/** WebSocket subprotocols we accept, RFC 6455 section 4.2.2 (server picks one the client offered). */
export const SUBPROTOCOLS: Readonly<Record<string, string>> = {
  'audio.jambonz.org': 'jambonz',
  'audio.drachtio.org': 'audio-fork',
  'audiostream.drachtio.org': 'audio-fork',
};
