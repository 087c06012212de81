/**
 * Packet-loss concealment for G.711 after ITU-T G.711 Appendix I, simplified: on a lost 20 ms
 * frame, find the pitch period of the recent history (autocorrelation over 5-15 ms lags), repeat
 * the last pitch period, and fade out: full level for the first 10 ms, then -20 % per 10 ms, so
 * 60 ms of loss reaches silence (Appendix I, section I.2.4). The first good frame after a loss is
 * cross-faded with the continuing concealment over 30 samples (3.75 ms) to avoid a click.
 */
const HISTORY_SAMPLES = 390; // 48.75 ms at 8 kHz, the Appendix I history length
const MIN_PITCH = 40; // 5 ms
const MAX_PITCH = 120; // 15 ms
const CORR_LEN = 160; // correlate the last 20 ms
const FADE_IN_SAMPLES = 30;
const SAMPLES_PER_10MS = 80;

export class G711Plc {
  private readonly history = new Int16Array(HISTORY_SAMPLES);
  private filled = 0;
  private pitch = MAX_PITCH;
  private pitchPos = 0;
  /** Samples concealed since the last good frame. */
  private lostSamples = 0;
  private period: Int16Array | null = null;

  /** A good frame: remember it (and smooth the join if it ends a loss). Returns the frame to play. */
  good(frame: Int16Array): Int16Array {
    let out = frame;
    if (this.lostSamples > 0 && this.period) {
      const tail = this.synth(FADE_IN_SAMPLES);
      out = Int16Array.from(frame);
      for (let i = 0; i < Math.min(FADE_IN_SAMPLES, out.length); i++) {
        const w = (i + 1) / (FADE_IN_SAMPLES + 1);
        out[i] = Math.round(out[i]! * w + tail[i]! * (1 - w));
      }
    }
    this.lostSamples = 0;
    this.period = null;
    this.remember(out);
    return out;
  }

  /** A lost frame of `n` samples: the concealment signal. */
  conceal(n: number): Int16Array {
    if (this.lostSamples === 0) this.startConcealment();
    const out = this.synth(n);
    this.remember(out);
    return out;
  }

  private remember(frame: Int16Array): void {
    if (frame.length >= HISTORY_SAMPLES) {
      this.history.set(frame.subarray(frame.length - HISTORY_SAMPLES));
    } else {
      this.history.copyWithin(0, frame.length);
      this.history.set(frame, HISTORY_SAMPLES - frame.length);
    }
    this.filled = Math.min(HISTORY_SAMPLES, this.filled + frame.length);
  }

  private startConcealment(): void {
    this.pitch = this.findPitch();
    this.period = this.history.slice(HISTORY_SAMPLES - this.pitch);
    this.pitchPos = 0;
  }

  private findPitch(): number {
    if (this.filled < CORR_LEN + MAX_PITCH) return MAX_PITCH;
    const h = this.history;
    const end = HISTORY_SAMPLES;
    let best = MAX_PITCH;
    let bestScore = -Infinity;
    for (let lag = MIN_PITCH; lag <= MAX_PITCH; lag++) {
      let corr = 0;
      let energy = 0;
      for (let i = end - CORR_LEN; i < end; i++) {
        const a = h[i]!;
        const b = h[i - lag]!;
        corr += a * b;
        energy += b * b;
      }
      const score = energy > 0 ? corr / Math.sqrt(energy) : 0;
      if (score > bestScore) {
        bestScore = score;
        best = lag;
      }
    }
    return best;
  }

  /** Next n samples of the repeated pitch period with the Appendix I attenuation. */
  private synth(n: number): Int16Array {
    const out = new Int16Array(n);
    const period = this.period;
    if (!period) return out;
    for (let i = 0; i < n; i++) {
      const t = this.lostSamples + i;
      // 1.0 for the first 10 ms, then linearly down 20 % per 10 ms: silent after 60 ms.
      const gain = t < SAMPLES_PER_10MS ? 1 : Math.max(0, 1 - (0.2 * (t - SAMPLES_PER_10MS)) / SAMPLES_PER_10MS);
      out[i] = Math.round(period[this.pitchPos]! * gain);
      this.pitchPos = (this.pitchPos + 1) % period.length;
    }
    this.lostSamples += n;
    return out;
  }
}
