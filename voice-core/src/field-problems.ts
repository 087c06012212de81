/**
 * Schema validation errors as field problems (contracts/api-errors.ts): fastify's ajv errors
 * (`must have required property 'name'`) become `{ field: 'name', code: 'required' }`, one problem
 * per field, the most telling one first (a union's "must be null" and "must match a schema in
 * anyOf" say less than the branch's maxLength). Pure: the API plugins' error handlers call it.
 */
import type { FieldProblem, FieldProblemCode } from './contracts/api-errors.js';

/** The parts of an ajv error object fastify passes on (`err.validation`). */
export interface SchemaError { keyword: string; instancePath: string; params?: Record<string, unknown>; message?: string }

type Where = NonNullable<FieldProblem['in']>;

/** Lower ranks win when a field has several errors. */
const RANK: Record<string, number> = {
  required: 0, additionalProperties: 1, format: 2, pattern: 3, maxLength: 4, minLength: 4, maximum: 5, minimum: 5, exclusiveMaximum: 5, exclusiveMinimum: 5,
  maxItems: 6, minItems: 6, multipleOf: 7, enum: 8, const: 8, type: 9, anyOf: 10, oneOf: 10,
};
/** The pattern of an ISO calendar date (campaigns' IsoDate and IsoDateTime start with it). */
const DATE_PATTERN = /^\^\[1-9\]\\d\{3\}-/;

function pathOf(instancePath: string): string {
  return instancePath.split('/').filter(Boolean).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~')).join('.');
}

function codeOf(e: SchemaError): { code: FieldProblemCode; limit?: number } {
  const p = e.params ?? {};
  const limit = typeof p.limit === 'number' ? p.limit : undefined;
  const withLimit = (code: FieldProblemCode) => (limit === undefined ? { code } : { code, limit });
  switch (e.keyword) {
    case 'required': return { code: 'required' };
    case 'additionalProperties': return { code: 'unknown_field' };
    case 'format': return { code: p.format === 'date' ? 'bad_date' : p.format === 'date-time' ? 'bad_datetime' : 'bad_format' };
    case 'pattern': return { code: typeof p.pattern === 'string' && DATE_PATTERN.test(p.pattern) ? 'bad_date' : 'bad_format' };
    case 'maxLength': return withLimit('too_long');
    case 'minLength': return limit === 1 ? { code: 'required' } : withLimit('too_short');
    case 'maximum': case 'exclusiveMaximum': return withLimit('too_large');
    case 'minimum': case 'exclusiveMinimum': return withLimit('too_small');
    case 'maxItems': return withLimit('too_many');
    case 'minItems': return limit === 1 ? { code: 'required' } : withLimit('too_few');
    case 'type': return { code: p.type === 'integer' ? 'not_integer' : 'wrong_type' };
    case 'enum': case 'const': case 'anyOf': case 'oneOf': return { code: 'not_allowed' };
    default: return { code: 'bad_format' };
  }
}

/** The field an error is about: a missing or unknown property is named by the property. */
function fieldOf(e: SchemaError): string {
  const base = pathOf(e.instancePath);
  const p = e.params ?? {};
  const prop = e.keyword === 'required' ? p.missingProperty : e.keyword === 'additionalProperties' ? p.additionalProperty : undefined;
  return typeof prop === 'string' ? (base ? `${base}.${prop}` : prop) : base;
}

/**
 * One problem per field from a list of schema errors. `where` is fastify's validationContext
 * (`body`, `querystring`, `params`, `headers`).
 */
export function fieldProblemsFromSchemaErrors(errors: readonly SchemaError[], where?: string): FieldProblem[] {
  const best = new Map<string, SchemaError>();
  for (const e of errors) {
    const field = fieldOf(e);
    const had = best.get(field);
    if (!had || (RANK[e.keyword] ?? 11) < (RANK[had.keyword] ?? 11)) best.set(field, e);
  }
  const inPart: Where | undefined = where === 'body' || where === 'querystring' || where === 'params' || where === 'headers' ? where : undefined;
  return [...best].map(([field, e]) => ({ field, ...codeOf(e), problem: e.message ?? e.keyword, ...(inPart ? { in: inPart } : {}) }));
}

/** TypeBox's ValueError (Value.Errors), read without importing its enum: path and message, and the schema it failed. */
export interface TypeBoxError { path: string; message: string; schema: Record<string, unknown>; value: unknown }

/**
 * TypeBox value errors (`Expected required property`) as field problems, for code that validates
 * with TypeBox rather than ajv (the importer): the code is read from the failing schema and value.
 */
export function fieldProblemsFromTypeBox(errors: Iterable<TypeBoxError>): FieldProblem[] {
  const out = new Map<string, FieldProblem>();
  for (const e of errors) {
    const field = pathOf(e.path);
    if (out.has(field)) continue;
    const s = e.schema;
    let code: FieldProblemCode = 'bad_format';
    let limit: number | undefined;
    if (e.value === undefined && /required/i.test(e.message)) code = 'required';
    else if (/unexpected property/i.test(e.message)) code = 'unknown_field';
    else if (typeof e.value === 'string' && typeof s.maxLength === 'number' && e.value.length > s.maxLength) { code = 'too_long'; limit = s.maxLength; }
    else if (typeof e.value === 'string' && typeof s.minLength === 'number' && e.value.length < s.minLength) { code = s.minLength === 1 ? 'required' : 'too_short'; limit = s.minLength; }
    else if (typeof e.value === 'number' && typeof s.maximum === 'number' && e.value > s.maximum) { code = 'too_large'; limit = s.maximum; }
    else if (typeof e.value === 'number' && typeof s.minimum === 'number' && e.value < s.minimum) { code = 'too_small'; limit = s.minimum; }
    else if (s.format === 'date') code = 'bad_date';
    else if (s.format === 'date-time') code = 'bad_datetime';
    else if (Array.isArray(s.anyOf) || s.const !== undefined || Array.isArray(s.enum)) code = 'not_allowed';
    else if (typeof s.type === 'string' && typeof e.value !== s.type && !(s.type === 'integer' && typeof e.value === 'number')) code = s.type === 'integer' ? 'not_integer' : 'wrong_type';
    out.set(field, { field, code, problem: e.message, ...(limit === undefined ? {} : { limit }) });
  }
  return [...out.values()];
}
