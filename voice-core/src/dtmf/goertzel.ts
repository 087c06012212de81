/**
 * A bank of Goertzel filters that returns, per block, the complex DFT value of each frequency
 * referenced to absolute sample time (sum of x[n] * e^{-j w n} with n counted from stream start).
 * With an absolute phase reference, consecutive blocks add up to the DFT of their union, and the
 * phase step between blocks measures how far the real tone is from the nominal frequency.
 */
export class GoertzelBank {
  readonly freqsHz: readonly number[];
  private readonly coef: Float64Array;
  private readonly cosW: Float64Array;
  private readonly sinW: Float64Array;
  private readonly sampleRate: number;

  constructor(freqsHz: readonly number[], sampleRate: number) {
    this.freqsHz = freqsHz;
    this.sampleRate = sampleRate;
    const n = freqsHz.length;
    this.coef = new Float64Array(n);
    this.cosW = new Float64Array(n);
    this.sinW = new Float64Array(n);
    freqsHz.forEach((f, i) => {
      const w = (2 * Math.PI * f) / sampleRate;
      this.cosW[i] = Math.cos(w);
      this.sinW[i] = Math.sin(w);
      this.coef[i] = 2 * Math.cos(w);
    });
  }

  /**
   * Analyse block x (length H) whose first sample is absolute index n0. Writes re/im per
   * frequency into `re`, `im`.
   */
  analyse(x: Float64Array, n0: number, re: Float64Array, im: Float64Array): void {
    const H = x.length;
    for (let f = 0; f < this.coef.length; f++) {
      const c = this.coef[f]!;
      let s1 = 0;
      let s2 = 0;
      for (let i = 0; i < H; i++) {
        const s = x[i]! + c * s1 - s2;
        s2 = s1;
        s1 = s;
      }
      // y = s1 - e^{-jw} s2 = e^{jw(H-1)} * sum x[m] e^{-jwm}   (m relative to block start)
      const yr = s1 - this.cosW[f]! * s2;
      const yi = this.sinW[f]! * s2;
      // Rotate by e^{-jw(n0 + H - 1)}; the phase is taken modulo one cycle with exact integer
      // arithmetic first (f and n0 are integers in practice) so it stays precise on long calls.
      const cycles = ((this.freqsHz[f]! * (n0 + H - 1)) % this.sampleRate) / this.sampleRate;
      const a = -2 * Math.PI * cycles;
      const ca = Math.cos(a);
      const sa = Math.sin(a);
      re[f] = yr * ca - yi * sa;
      im[f] = yr * sa + yi * ca;
    }
  }
}
