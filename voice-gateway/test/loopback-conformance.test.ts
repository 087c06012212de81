/**
 * The loopback leg (the harness every pipeline test runs on) passes the same CallLeg conformance
 * suite as the wire legs, in real-time pacing like a network leg.
 */
import { LoopbackCallLeg } from '@tingzhen/voice-core/testing';
import { callLegConformance, type LegHarness } from './leg-conformance.js';

async function makeLoopback(): Promise<LegHarness> {
  const leg = new LoopbackCallLeg({ realtime: true, fillSilence: false, info: { callId: 'loopback-conformance' } });
  await new Promise<void>((resolve) => { if (leg.state === 'active') resolve(); else leg.once('state', () => resolve()); });
  const closed = new Promise<void>((resolve) => { const on = (s: string) => { if (s === 'closed') resolve(); }; leg.on('state', on); });
  return {
    leg,
    peer: {
      sendAudio: (samples) => { leg.feedSamples(samples); },
      sendDtmf: (digit) => leg.injectDtmf(digit),
      receivedSamples: () => leg.playedSamples().length,
      hangup: () => leg.remoteHangup(),
      closed: () => closed,
    },
    dispose: async () => { if (leg.state === 'active') await leg.hangup('normal'); },
  };
}

callLegConformance('LoopbackCallLeg (realtime)', makeLoopback);
