/**
 * A VAD stream with the denoiser in front of it, chosen per call: `denoise: false` passes frames
 * straight to the VAD. The denoiser outputs 16 kHz on the caller's media clock, so VAD timestamps
 * mean the same thing with or without it.
 */
import type { AudioFrame, DenoiserEngine, VadEngine, VadEvent, VadOptions, VadStream, DenoiserStream } from '@tingzhen/voice-core';

export interface CallVadOptions extends VadOptions {
  /** Run the denoiser on this call's audio (needs a denoiser engine). */
  denoise?: boolean;
}

class DenoisedVadStream implements VadStream {
  constructor(private readonly vad: VadStream, private readonly dn: DenoiserStream) {}

  get speaking(): boolean {
    return this.vad.speaking;
  }

  push(frame: AudioFrame): VadEvent[] {
    const clean = this.dn.push(frame);
    return clean ? this.vad.push(clean) : [];
  }

  flush(): VadEvent[] {
    const tail = this.dn.flush();
    return [...(tail ? this.vad.push(tail) : []), ...this.vad.flush()];
  }

  close(): void {
    this.dn.close();
    this.vad.close();
  }
}

/** One VAD stream for a call, denoised when asked and a denoiser is loaded. */
export function createCallVad(vad: VadEngine, denoiser: DenoiserEngine | null, opts: CallVadOptions = {}): VadStream {
  const { denoise, ...vadOpts } = opts;
  const stream = vad.stream(vadOpts);
  return denoise && denoiser ? new DenoisedVadStream(stream, denoiser.stream()) : stream;
}
