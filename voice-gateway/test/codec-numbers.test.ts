/** The caller's number reaches the leg from a Twilio-dialect start message: its own fields, or the custom parameters a TwiML app passes. */
import { describe, expect, it } from 'vitest';
import { createTwilioCodec } from '../src/index.js';

function start(extra: Record<string, unknown>, params: Record<string, string> = {}) {
  const codec = createTwilioCodec('twilio');
  const msg = { event: 'start', sequenceNumber: '1', streamSid: 'MZ1', start: { streamSid: 'MZ1', callSid: 'CA1', tracks: ['inbound'], customParameters: params, mediaFormat: { encoding: 'audio/x-mulaw', sampleRate: 8000, channels: 1 }, ...extra } };
  const events = codec.decode(Buffer.from(JSON.stringify(msg)), false);
  const ev = events.find((e) => e.type === 'start') as { info: { from?: string; to?: string } } | undefined;
  return ev?.info;
}

describe('caller numbers on Twilio-dialect legs', () => {
  it('takes From/To from the custom parameters when the start message has none', () => {
    expect(start({}, { From: '+8613800138000', To: '+86101234' })).toMatchObject({ from: '+8613800138000', to: '+86101234' });
    expect(start({ from: '+8613900000000' }, { From: '+8613800138000' })).toMatchObject({ from: '+8613900000000' });
    expect(start({})?.from).toBeUndefined();
  });
});
