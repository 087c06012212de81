/**
 * One fuzz case from (seed, index): its transport (index mod 3: tcp, udp, ws), a valid seed
 * message from the corpus, then grammar-aware and byte-level mutations, all drawn from the case's
 * own generator. The same seed and index always give the same bytes, so a case a run reports can
 * be replayed alone (bench-fuzz --replay SEED:INDEX).
 */
import { pickKind, seedDraft, serialize, TRANSPORTS, type FuzzTransport, type SeedKind } from './corpus.js';
import { BYTE_MUTATORS } from './byte-mutators.js';
import { GRAMMAR_MUTATORS } from './grammar-mutators.js';
import { rngFor } from './rng.js';

/** Largest UDP payload we send (IPv4 limit 65,507 bytes, less headroom): bigger cases are cut there. */
export const UDP_MAX_BYTES = 65_000;
/** Share of cases sent as they are (valid): the gateway must keep handling normal traffic between the bad. */
const VALID_SHARE = 0.04;
/** Share of TCP cases written in small pieces (a message across several segments). */
const SPLIT_SHARE = 0.05;

export interface FuzzCase {
  seed: number;
  index: number;
  transport: FuzzTransport;
  kind: SeedKind;
  /** What was done to the seed message, in order. */
  mutations: string[];
  bytes: Buffer;
  /** TCP only: write the bytes in pieces of this many bytes. */
  splitBytes?: number;
}

export const transportOf = (index: number): FuzzTransport => TRANSPORTS[index % TRANSPORTS.length]!;

export function fuzzCase(seed: number, index: number): FuzzCase {
  const transport = transportOf(index);
  const rng = rngFor(seed, index);
  const kind = pickKind(rng, transport);
  const draft = seedDraft(kind, { transport, seed, index });
  const mutations: string[] = [];
  let others = 0;
  const other = () => serialize(seedDraft(pickKind(rng, transport), { transport, seed, index: `${index}p${++others}` }));
  let text: string;
  if (rng.chance(VALID_SHARE)) {
    text = serialize(draft);
  } else {
    let g = rng.weighted([[20, 0], [45, 1], [25, 2], [10, 3]] as const);
    const b = rng.weighted([[55, 0], [35, 1], [10, 2]] as const);
    if (g + b === 0) g = 1;
    for (let i = 0; i < g; i++) {
      const m = rng.pick(GRAMMAR_MUTATORS);
      m.apply(draft, rng);
      mutations.push(m.name);
    }
    text = serialize(draft);
    for (let i = 0; i < b; i++) {
      const m = rng.pick(BYTE_MUTATORS);
      text = m.apply(text, rng, other);
      mutations.push(m.name);
    }
  }
  let bytes = Buffer.from(text, 'latin1');
  if (transport === 'udp' && bytes.length > UDP_MAX_BYTES) { bytes = bytes.subarray(0, UDP_MAX_BYTES); mutations.push('udp-cut'); }
  const c: FuzzCase = { seed, index, transport, kind, mutations, bytes };
  if (transport === 'tcp' && rng.chance(SPLIT_SHARE)) c.splitBytes = rng.int(1, 64);
  return c;
}

/** One line for a report: which case, what it is, what was done to it. */
export function describeCase(c: FuzzCase): string {
  return `${c.seed}:${c.index} ${c.transport} ${c.kind} [${c.mutations.join(', ') || 'valid'}] ${c.bytes.length} bytes${c.splitBytes ? `, written ${c.splitBytes} bytes at a time` : ''}`;
}

/** The case's bytes as a JSON string (printable, every byte kept: \u00XX escapes for the rest). */
export function caseText(c: FuzzCase): string {
  return JSON.stringify(c.bytes.toString('latin1'));
}

/**
 * A response of ours to a request of the gateway's (its BYE, its REGISTER over WebSocket), with
 * one grammar-aware mutation in `share` of them: how the fuzzer mutates responses that match a
 * real transaction. The n-th reply of a run is always mutated the same way.
 */
export function replyMutator(seed: number, share: number): (text: string) => string {
  let n = 0;
  return (text) => {
    const rng = rngFor(seed ^ 0x5eed5eed, n++);
    if (!rng.chance(share)) return text;
    const head = text.slice(0, text.indexOf('\r\n\r\n'));
    const [start, ...headers] = head.split('\r\n');
    const draft = { start: start!, headers: headers.filter((h) => !/^content-length\s*:/i.test(h)), body: '', contentLength: 'auto' as const, eol: '\r\n' };
    rng.pick(GRAMMAR_MUTATORS).apply(draft, rng);
    return serialize(draft);
  };
}
