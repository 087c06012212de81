/**
 * Prometheus metrics (prom-client) on a registry of our own, so several gateways in one process
 * (tests) never collide on the global registry.
 */
import { Counter, Gauge, Histogram, Registry } from 'prom-client';

export class GatewayMetrics {
  readonly registry = new Registry();
  readonly turnGap = new Histogram({
    name: 'tingzhen_turn_gap_seconds',
    help: 'End of caller speech to first bot audio on the wire',
    buckets: [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.8, 1, 1.5, 2, 3, 5],
    registers: [this.registry],
  });
  readonly activeCalls = new Gauge({ name: 'tingzhen_active_calls', help: 'Calls in progress', registers: [this.registry] });
  readonly calls = new Counter({ name: 'tingzhen_calls_total', help: 'Calls ended, by outcome', labelNames: ['outcome'], registers: [this.registry] });
  readonly engineRtf = new Gauge({ name: 'tingzhen_engine_rtf', help: 'Last measured real-time factor per engine', labelNames: ['engine'], registers: [this.registry] });
  readonly errors = new Counter({ name: 'tingzhen_errors_total', help: 'Errors by code', labelNames: ['code'], registers: [this.registry] });
  readonly bargeIns = new Counter({ name: 'tingzhen_barge_ins_total', help: 'Prompts stopped by caller speech', registers: [this.registry] });
  readonly underruns = new Counter({ name: 'tingzhen_playout_underruns_total', help: 'Playout gaps (source slower than real time)', registers: [this.registry] });
}
