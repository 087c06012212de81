/**
 * FakeVad: the energy-threshold VAD (voice-core EnergyVad) for tests of the code around a VAD
 * (barge-in, turn taking), remembering every stream it opened so tests can inspect them.
 */
import { EnergyVad, EnergyVadStream, type EnergyVadOptions } from '../audio/energy-vad.js';
import type { EngineCapabilities, VadOptions } from '../engines.js';

export type FakeVadOptions = EnergyVadOptions;
export { EnergyVadStream as FakeVadStream };

export class FakeVad extends EnergyVad {
  override readonly capabilities: EngineCapabilities = { name: 'fake-vad', languages: [], sampleRate: 16000 };
  readonly streams: EnergyVadStream[] = [];

  override stream(opts: VadOptions = {}): EnergyVadStream {
    const s = super.stream(opts);
    this.streams.push(s);
    return s;
  }

  override close(): void {
    for (const s of this.streams) s.close();
  }
}
