/**
 * Mutations of the serialised bytes: the stream-level ones (truncated messages, pipelined
 * messages) and the blind ones (bit flips, insertions, deletions, splices), the AFL-style havoc a
 * parser meets when the network or a broken peer mangles a message. Strings are latin1: one char
 * per byte.
 */
import type { Rng } from './rng.js';

export interface ByteMutator {
  name: string;
  /** `other` is another valid message of the corpus (for splices and pipelining). */
  apply(bytes: string, rng: Rng, other: () => string): string;
}

/** Bytes a parser decides on: line ends, separators, quotes, brackets, NUL, high bytes. */
const INTERESTING = ['\r', '\n', '\r\n', ':', ';', ',', '<', '>', '"', '[', ']', '@', ' ', '\t', '=', '\x00', '\xff', '\\', '%'];

const at = (s: string, r: Rng) => r.int(0, s.length);

export const BYTE_MUTATORS: readonly ByteMutator[] = [
  { name: 'truncate', apply: (s, r) => s.slice(0, r.int(0, Math.max(0, s.length - 1))) },
  { name: 'truncate-in-body', apply: (s, r) => { const b = s.indexOf('\r\n\r\n'); return b < 0 ? s : s.slice(0, r.int(b, s.length - 1)); } },
  { name: 'pipeline', apply: (s, r, other) => { let out = s; const n = r.int(1, 4); for (let i = 0; i < n; i++) out += r.pick(['', '\r\n', '\r\n\r\n']) + other(); return out; } },
  { name: 'pipeline-partial', apply: (s, r, other) => { const o = other(); return s + o.slice(0, r.int(1, o.length)); } },
  { name: 'bit-flip', apply: (s, r) => {
    const b = Buffer.from(s, 'latin1');
    if (!b.length) return s;
    for (let n = r.int(1, 8); n > 0; n--) { const i = r.int(0, b.length - 1); b[i] = b[i]! ^ (1 << r.int(0, 7)); }
    return b.toString('latin1');
  } },
  { name: 'insert-bytes', apply: (s, r) => { const i = at(s, r); return s.slice(0, i) + (r.chance(0.5) ? r.pick(INTERESTING).repeat(r.int(1, 4)) : r.bytes(r.int(1, 16))) + s.slice(i); } },
  { name: 'delete-bytes', apply: (s, r) => { const i = at(s, r); return s.slice(0, i) + s.slice(i + r.int(1, 32)); } },
  { name: 'overwrite-interesting', apply: (s, r) => { if (!s.length) return s; const i = r.int(0, s.length - 1); const v = r.pick(INTERESTING); return s.slice(0, i) + v + s.slice(i + v.length); } },
  { name: 'duplicate-chunk', apply: (s, r) => { const i = at(s, r); const j = Math.min(s.length, i + r.int(1, 200)); return s.slice(0, j) + s.slice(i, j).repeat(r.int(1, 50)) + s.slice(j); } },
  { name: 'splice', apply: (s, r, other) => { const o = other(); return s.slice(0, at(s, r)) + o.slice(r.int(0, o.length)); } },
  { name: 'shuffle-lines', apply: (s, r) => {
    const lines = s.split('\r\n');
    for (let n = r.int(1, 3); n > 0 && lines.length > 1; n--) { const i = r.int(0, lines.length - 1); const j = r.int(0, lines.length - 1); [lines[i], lines[j]] = [lines[j]!, lines[i]!]; }
    return lines.join('\r\n');
  } },
];
