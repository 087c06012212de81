/**
 * Bad requests generated from the platform's OpenAPI document, schemathesis-style: for every
 * operation, a valid baseline request (built from each parameter's schema, with hints for the
 * values a schema cannot describe, such as a real script id or an existing row's id), then that
 * baseline with one input replaced by a bad value (NUL and other control characters, impossible
 * dates, numbers beyond 64 bits, wrong types, very long strings...), a few with several replaced at
 * once (seeded), and malformed bodies. Deterministic for a seed.
 */

export interface OpenApiDoc { paths: Record<string, Record<string, Operation>> }
interface Operation {
  parameters?: { in: string; name: string; required?: boolean; schema: Schema }[];
  requestBody?: { content?: Record<string, { schema: Schema }> };
  description?: string;
}
export interface Schema {
  type?: string | string[]; format?: string; pattern?: string; enum?: unknown[]; const?: unknown; default?: unknown; nullable?: boolean;
  minLength?: number; maxLength?: number; minimum?: number; maximum?: number; minItems?: number;
  items?: Schema | Schema[]; prefixItems?: Schema[]; properties?: Record<string, Schema>; additionalProperties?: boolean | Schema;
  anyOf?: Schema[]; oneOf?: Schema[];
}

/** What kind of bad input a request carries: the test holds some kinds to a stricter answer than "not 500". */
export type BadKind = 'control' | 'date' | 'range' | 'number' | 'type' | 'long' | 'odd' | 'yaml' | 'body' | 'csv' | 'combo';
export interface FuzzRequest {
  method: string;
  url: string;
  /** The operation as documented (`POST /api/patients`). */
  operation: string;
  headers: Record<string, string>;
  payload?: string | Buffer;
  /** The input that was replaced (`body.name`, `query.offset`, `params.id`), if one was. */
  field?: string;
  /** The replaced input's schema, as documented. */
  schema?: Schema;
  kind: BadKind;
  /** A short, printable description of the bad value. */
  label: string;
}

export interface FuzzHints {
  /** A valid value for a parameter or property by its name (`timezone`, `scriptId`, `mrn`...). */
  byName: Record<string, unknown>;
  /** A valid path parameter value by the path's first segment after /api (`patients` -> an existing patient's id). */
  idFor: (path: string) => string;
  /** Operations sent without the session (`POST /api/auth/logout` would end it). */
  withoutSession?: readonly string[];
}

type Bad = { value: unknown; kind: BadKind; label: string };

/** How many of the non-control bad values each body property gets (seeded picks). */
const BODY_SAMPLE = 10;

const NUL = '\u0000';
/** Bad strings: for any text input (path, query and body). */
export const BAD_STRINGS: Bad[] = [
  { value: `a${NUL}b`, kind: 'control', label: 'NUL inside' },
  { value: NUL, kind: 'control', label: 'NUL alone' },
  { value: 'x\u0001y', kind: 'control', label: 'U+0001' },
  { value: '\u001b[2Jx', kind: 'control', label: 'ESC (terminal escape)' },
  { value: 'a\u007fb', kind: 'control', label: 'DEL' },
  { value: 'a\u0085b', kind: 'control', label: 'C1 NEL' },
  { value: 'a\ud800b', kind: 'control', label: 'lone surrogate' },
  { value: '2024-02-30', kind: 'date', label: '2024-02-30' },
  { value: '2023-02-29', kind: 'date', label: '2023-02-29' },
  { value: '2024-13-01', kind: 'date', label: 'month 13' },
  { value: '0000-01-01', kind: 'date', label: 'year 0' },
  { value: '99999-01-01', kind: 'date', label: 'year 99999' },
  { value: '2024-02-30T10:00:00Z', kind: 'date', label: 'date-time on 30 Feb' },
  { value: '2024-06-01T25:61:00Z', kind: 'date', label: 'hour 25' },
  { value: '0000-01-01T00:00:00Z', kind: 'date', label: 'date-time year 0' },
  { value: '24:30', kind: 'date', label: 'time 24:30' },
  { value: '99999999999999999999', kind: 'range', label: '1e20 as digits' },
  { value: '18446744073709551616', kind: 'range', label: '2^64' },
  { value: '9223372036854775808', kind: 'range', label: '2^63' },
  { value: '-1', kind: 'number', label: '-1' },
  { value: '-99999999999999999999', kind: 'range', label: '-1e20' },
  { value: '1e400', kind: 'range', label: '1e400' },
  { value: '1.5', kind: 'number', label: '1.5' },
  { value: 'NaN', kind: 'number', label: 'NaN' },
  { value: 'Infinity', kind: 'range', label: 'Infinity' },
  { value: '0x10', kind: 'number', label: 'hex' },
  { value: '', kind: 'odd', label: 'empty' },
  { value: ' ', kind: 'odd', label: 'blank' },
  { value: '%00', kind: 'odd', label: 'percent-encoded NUL as text' },
  { value: '../../etc/passwd', kind: 'odd', label: 'path traversal' },
  { value: "' OR 1=1 --", kind: 'odd', label: 'SQL' },
  { value: '\u202eevil', kind: 'odd', label: 'RTL override' },
  { value: '😀'.repeat(50), kind: 'odd', label: 'emoji' },
  { value: 'x'.repeat(70_000), kind: 'long', label: '70000 chars' },
];

/** Bad JSON values of other types: for body properties only. */
export const BAD_JSON: Bad[] = [
  { value: null, kind: 'type', label: 'null' },
  { value: true, kind: 'type', label: 'true' },
  { value: 0, kind: 'type', label: '0' },
  { value: -1, kind: 'number', label: '-1' },
  { value: 1.5, kind: 'number', label: '1.5' },
  { value: 1e20, kind: 'range', label: '1e20' },
  { value: -1e20, kind: 'range', label: '-1e20' },
  { value: 2 ** 64, kind: 'range', label: '2^64' },
  { value: Number.MAX_SAFE_INTEGER + 2, kind: 'range', label: 'beyond safe integer' },
  { value: [], kind: 'type', label: '[]' },
  { value: {}, kind: 'type', label: '{}' },
  { value: [NUL], kind: 'control', label: '[NUL]' },
  { value: { [NUL]: 1 }, kind: 'control', label: 'NUL as a key' },
  { value: { a: { b: { c: [1, 'x', null] } } }, kind: 'type', label: 'nested object' },
  { value: nest(300), kind: 'type', label: '300 nested arrays' },
];

/** YAML for a `yaml` property: blank, alias bombs, deep nesting, tags. */
export const BAD_YAML: Bad[] = [
  { value: ' ', kind: 'yaml', label: 'blank' },
  { value: '\n\n', kind: 'yaml', label: 'newlines' },
  { value: '~', kind: 'yaml', label: 'null document' },
  { value: 'null', kind: 'yaml', label: 'null word' },
  { value: '# only a comment\n', kind: 'yaml', label: 'comment only' },
  { value: '---\n...\n', kind: 'yaml', label: 'markers only' },
  { value: '42', kind: 'yaml', label: 'a number' },
  { value: '- a\n- b\n', kind: 'yaml', label: 'a list' },
  { value: aliasBomb(9), kind: 'yaml', label: 'billion laughs (9 levels)' },
  { value: 'a: &a [*a]\n', kind: 'yaml', label: 'self-referencing alias' },
  { value: 'a: *nowhere\n', kind: 'yaml', label: 'undefined alias' },
  { value: `${'['.repeat(20_000)}${']'.repeat(20_000)}`, kind: 'yaml', label: '20000 nested flow lists' },
  { value: `${'{a: '.repeat(5_000)}1${'}'.repeat(5_000)}`, kind: 'yaml', label: '5000 nested flow maps' },
  { value: 'a: !!binary AAAA\nb: !!js/function "x"\nc: !custom 1\n', kind: 'yaml', label: 'tags' },
  { value: 'a: 1\na: 2\n', kind: 'yaml', label: 'duplicate keys' },
  { value: 'a:\n\t- b\n', kind: 'yaml', label: 'tab indentation' },
  { value: '\ufeffid: x\n', kind: 'yaml', label: 'byte-order mark' },
  { value: `id: x\nsteps:\n${'  - {id: s, kind: say}\n'.repeat(20_000)}`, kind: 'yaml', label: '20000 steps' },
  { value: 'x'.repeat(260_000), kind: 'yaml', label: 'a 260000-char scalar' },
  { value: 'x'.repeat(262_145), kind: 'long', label: 'over the size limit' },
];

/** Whole bodies that are not what the route takes. */
const BAD_BODIES: { payload: string | Buffer; type: string; label: string }[] = [
  { payload: '', type: 'application/json', label: 'empty body' },
  { payload: '{', type: 'application/json', label: 'truncated JSON' },
  { payload: '{"a":', type: 'application/json', label: 'truncated JSON value' },
  { payload: 'null', type: 'application/json', label: 'null' },
  { payload: '[]', type: 'application/json', label: 'an array' },
  { payload: '"text"', type: 'application/json', label: 'a string' },
  { payload: '1e999', type: 'application/json', label: 'an infinite number' },
  { payload: '{"__proto__":{"polluted":1}}', type: 'application/json', label: '__proto__ key' },
  { payload: '{"constructor":{"prototype":{"polluted":1}}}', type: 'application/json', label: 'constructor.prototype' },
  { payload: `${'['.repeat(100_000)}${']'.repeat(100_000)}`, type: 'application/json', label: '100000 nested arrays' },
  { payload: Buffer.from([0xff, 0xfe, 0x7b, 0x00]), type: 'application/json', label: 'invalid UTF-8' },
  { payload: '{"a":"\\u0000"}', type: 'application/json', label: 'escaped NUL in an unknown key' },
  { payload: `{"a":"${'x'.repeat(2 * 1024 * 1024)}"}`, type: 'application/json', label: 'over the body limit' },
  { payload: 'a=1&b=2', type: 'application/x-www-form-urlencoded', label: 'a form' },
  { payload: 'hello', type: 'text/plain', label: 'plain text' },
  { payload: '{}', type: 'application/json; charset=utf-16', label: 'a charset we do not take' },
];

/** CSV bodies for the import route (its body is text/csv or XLSX, not JSON). */
const BAD_CSV: { payload: string; label: string }[] = [
  { payload: '', label: 'empty' },
  { payload: 'mrn,name,phone\n', label: 'header only' },
  { payload: `mrn,name,phone\nF1,a${NUL}b,+8613800138000\n`, label: 'NUL in a name' },
  { payload: `mrn,name,phone,custom.x${NUL}\nF2,Zhang,+8613800138000,1\n`, label: 'NUL in a custom column' },
  { payload: 'mrn,name,phone,discharge_date\nF3,Zhang,+8613800138000,2024-02-30\n', label: 'impossible discharge date' },
  { payload: 'mrn,name,phone,consent_at\nF4,Zhang,+8613800138000,2024-02-30T10:00:00Z\n', label: 'impossible consent time' },
  { payload: 'mrn,name,phone,consent_at\nF5,Zhang,+8613800138000,0000-01-01T00:00:00Z\n', label: 'consent in year 0' },
  { payload: 'mrn,name,phone\n"F6,unclosed\n', label: 'unclosed quote' },
  { payload: `mrn,name,phone\n${'F7,x,+8613800138000\n'.repeat(3)}F8,\u0001,+8613800138000\n`, label: 'control char in one row of several' },
  { payload: 'mrn,name,phone,timezone\nF9,Zhang,+8613800138000,Mars/Olympus\n', label: 'unknown timezone' },
];

function nest(depth: number): unknown {
  let v: unknown = 1;
  for (let i = 0; i < depth; i++) v = [v];
  return v;
}

/** The "billion laughs" document: each level 9 aliases of the one before. */
export function aliasBomb(levels: number): string {
  const lines = ['l0: &l0 "lol"'];
  for (let i = 1; i <= levels; i++) lines.push(`l${i}: &l${i} [${Array(9).fill(`*l${i - 1}`).join(', ')}]`);
  return `${lines.join('\n')}\n`;
}

/** mulberry32: a small seeded generator (the fuzz must repeat exactly). */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const KNOWN_PATTERNS: Record<string, string> = {
  '^[1-9][0-9]{0,17}$': '1',
  '^D[1-7]$': 'D3',
  '^[A-Za-z0-9_.-]{1,100}$': 'post-op-followup',
  '^[A-Za-z-]{2,16}$': 'en',
  '^[A-Za-z0-9_-]{1,40}$': 'default',
};

/** A schema's type; of a nullable type (OpenAPI 3.1: `["string", "null"]`), the non-null one. */
export function typeOf(s: Schema | undefined): string | undefined {
  return Array.isArray(s?.type) ? s.type.find((t) => t !== 'null') : s?.type;
}

/** A valid value for a schema (every optional property included, so every input gets exercised). */
export function validValue(s: Schema, name: string, hints: FuzzHints): unknown {
  if (s.const !== undefined) return s.const;
  if (s.enum) return s.enum[0];
  const alt = s.anyOf ?? s.oneOf;
  if (alt) return validValue(alt.find((a) => typeOf(a) !== 'null') ?? alt[0]!, name, hints);
  if (name in hints.byName) return hints.byName[name];
  switch (typeOf(s)) {
    case 'string': {
      if (s.format === 'date-time') return '2030-03-01T08:00:00Z';
      if (s.format === 'date') return '2030-03-01';
      if (s.pattern) {
        if (KNOWN_PATTERNS[s.pattern]) return KNOWN_PATTERNS[s.pattern];
        if (new RegExp(s.pattern).test('2030-03-01')) return '2030-03-01';
        if (new RegExp(s.pattern).test('09:00')) return '09:00';
      }
      return 'a'.repeat(Math.max(1, s.minLength ?? 1));
    }
    case 'integer': case 'number': return s.default ?? Math.max(s.minimum ?? 1, Math.min(1, s.maximum ?? 1));
    case 'boolean': return s.default ?? false;
    case 'array': {
      const tuple = Array.isArray(s.items) ? s.items : s.prefixItems;
      if (tuple) return tuple.map((t) => validValue(t, name, hints));
      return s.items ? Array.from({ length: Math.max(1, s.minItems ?? 1) }, () => validValue(s.items as Schema, name, hints)) : [];
    }
    case 'object': {
      const o: Record<string, unknown> = {};
      for (const [k, p] of Object.entries(s.properties ?? {})) o[k] = validValue(p, k, hints);
      if (!s.properties && typeof s.additionalProperties === 'object') o.key = 'value';
      return o;
    }
    default: return 'a';
  }
}

/** Every leaf of a value (path of keys/indexes), objects and arrays included as leaves too. */
function leaves(v: unknown, path: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  if (path.length > 0) out.push(path);
  if (Array.isArray(v)) v.forEach((x, i) => leaves(x, [...path, i], out));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) leaves(x, [...path, k], out);
  return out;
}

/** The schema of the value at `path` inside a value of schema `s` (nullable unions: the non-null side). */
function schemaAt(s: Schema, path: (string | number)[]): Schema | undefined {
  let cur: Schema | undefined = s;
  for (const k of path) {
    const alt: Schema[] | undefined = cur?.anyOf ?? cur?.oneOf;
    if (alt) cur = alt.find((a) => typeOf(a) !== 'null') ?? alt[0];
    if (!cur) return undefined;
    if (typeof k === 'number') cur = Array.isArray(cur.items) ? cur.items[k] : cur.prefixItems ? cur.prefixItems[k] : cur.items;
    else cur = cur.properties?.[k] ?? (typeof cur.additionalProperties === 'object' ? cur.additionalProperties : undefined);
  }
  const alt = cur?.anyOf ?? cur?.oneOf;
  return alt ? alt.find((a) => typeOf(a) !== 'null') ?? alt[0] : cur;
}

function setAt(root: unknown, path: (string | number)[], value: unknown): unknown {
  const copy = structuredClone(root) as Record<string | number, unknown>;
  let cur = copy;
  for (const k of path.slice(0, -1)) {
    const next = cur[k];
    if (!next || typeof next !== 'object') return copy; // an earlier replacement took this branch away
    cur = next as Record<string | number, unknown>;
  }
  cur[path[path.length - 1]!] = value;
  return copy;
}

function describeValue(b: Bad): string { return b.label; }

/**
 * In a URL a lone surrogate goes out as invalid UTF-8 (see enc): fastify refuses it in a path
 * (FST_ERR_BAD_URL) and decodes it to U+FFFD in a query, both fine; it is no control character there.
 */
function inUrl(b: Bad): Bad {
  return b.label === 'lone surrogate' ? { ...b, kind: 'odd', label: 'invalid UTF-8 (ED A0 80)' } : b;
}

/** encodeURIComponent, except that a lone surrogate goes out as the invalid UTF-8 a client could send (ED A0 80). */
function enc(s: string): string {
  const lone = /([\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff])/;
  return s.split(lone).map((part, i) => (i % 2 === 1 ? '%ED%A0%80' : encodeURIComponent(part))).join('');
}

/** All generated requests for a document. `session` is the Cookie header of an admin. */
export function generateRequests(doc: OpenApiDoc, hints: FuzzHints, session: string, seed: number): FuzzRequest[] {
  const random = seeded(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  const out: FuzzRequest[] = [];
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const operation = `${method.toUpperCase()} ${path}`;
      const params = op.parameters ?? [];
      const pathParams = Object.fromEntries(params.filter((p) => p.in === 'path').map((p) => [p.name, p.name === '*' ? 'campaigns' : hints.idFor(path)]));
      const query: Record<string, unknown> = Object.fromEntries(params.filter((p) => p.in === 'query').map((p) => [p.name, validValue(p.schema, p.name, hints)]));
      const bodySchema = op.requestBody?.content?.['application/json']?.schema;
      const body = bodySchema ? validValue(bodySchema, '', hints) : undefined;
      const takesBody = ['post', 'put', 'patch'].includes(method);
      // A GET with no inputs has nothing to fuzz (and /api/events streams forever).
      if (params.length === 0 && !takesBody) continue;
      const build = (p: Record<string, unknown>, q: Record<string, unknown>, b: unknown, extra: Partial<FuzzRequest> & Pick<FuzzRequest, 'kind' | 'label'>): FuzzRequest => {
        const url = path.replace(/\{([^}]+)\}/g, (_m, n: string) => (n === '*' ? String(p[n]).split('/').map(enc).join('/') : enc(String(p[n]))));
        const qs = Object.entries(q).flatMap(([k, v]) => (Array.isArray(v) && extra.label === 'repeated' ? v : [v]).map((x) => `${enc(k)}=${enc(typeof x === 'string' ? x : JSON.stringify(x))}`)).join('&');
        const headers: Record<string, string> = hints.withoutSession?.includes(operation) ? {} : { cookie: session };
        let payload: string | undefined;
        if (takesBody && b !== undefined) { headers['content-type'] = 'application/json'; payload = JSON.stringify(b); }
        return { method: method.toUpperCase(), url: qs ? `${url}?${qs}` : url, operation, headers, payload, ...extra };
      };
      for (const name of Object.keys(pathParams)) {
        const schema = params.find((p) => p.in === 'path' && p.name === name)?.schema;
        for (const bad of BAD_STRINGS.map(inUrl)) out.push(build({ ...pathParams, [name]: bad.value }, query, body, { field: `params.${name}`, schema, kind: bad.kind, label: describeValue(bad) }));
      }
      for (const name of Object.keys(query)) {
        const schema = params.find((p) => p.in === 'query' && p.name === name)?.schema;
        for (const bad of BAD_STRINGS.map(inUrl)) out.push(build(pathParams, { ...query, [name]: bad.value }, body, { field: `query.${name}`, schema, kind: bad.kind, label: describeValue(bad) }));
        out.push(build(pathParams, { ...query, [name]: [query[name], query[name]] }, body, { field: `query.${name}`, kind: 'type', label: 'repeated' }));
      }
      out.push(build(pathParams, { ...query, unknownParam: NUL }, body, { field: 'query.unknownParam', kind: 'control', label: 'NUL in an unknown parameter' }));
      if (body !== undefined) {
        for (const leaf of leaves(body)) {
          const field = `body.${leaf.join('.')}`;
          const last = leaf[leaf.length - 1];
          // Every control character and YAML case on every property; of the rest, a seeded sample
          // (a body has up to ~40 properties: all 49 values on each would take minutes).
          const others = [...BAD_STRINGS, ...BAD_JSON].filter((b) => b.kind !== 'control');
          const sample = Array.from({ length: BODY_SAMPLE }, () => pick(others));
          const values = [...new Set([...BAD_STRINGS, ...BAD_JSON].filter((b) => b.kind === 'control').concat(sample, last === 'yaml' ? BAD_YAML : []))];
          const schema = schemaAt(bodySchema!, leaf);
          for (const bad of values) out.push(build(pathParams, query, setAt(body, leaf, bad.value), { field, schema, kind: bad.kind, label: describeValue(bad) }));
        }
        // Several inputs bad at once (seeded picks).
        const all = leaves(body);
        for (let i = 0; i < 10 && all.length > 1; i++) {
          let b: unknown = body;
          const fields: string[] = [];
          for (let j = 0; j < 3; j++) {
            const leaf = pick(all);
            b = setAt(b, leaf, pick([...BAD_STRINGS, ...BAD_JSON]).value);
            fields.push(leaf.join('.'));
          }
          out.push(build(pathParams, query, b, { kind: 'combo', label: `combo of ${fields.join(', ')}` }));
        }
      }
      if (takesBody) {
        for (const bad of BAD_BODIES) {
          const r = build(pathParams, query, undefined, { kind: 'body', label: bad.label });
          out.push({ ...r, headers: { ...r.headers, 'content-type': bad.type }, payload: bad.payload });
        }
      }
      if (op.description?.includes('text/csv')) {
        for (const bad of BAD_CSV) {
          const r = build(pathParams, { ...query, dryRun: true }, undefined, { kind: 'csv', label: bad.label });
          out.push({ ...r, headers: { ...r.headers, 'content-type': 'text/csv' }, payload: bad.payload });
        }
        const r = build(pathParams, query, undefined, { kind: 'csv', label: 'not a workbook' });
        out.push({ ...r, headers: { ...r.headers, 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }, payload: Buffer.from('PK\u0003\u0004 not a zip') });
      }
    }
  }
  return out;
}
