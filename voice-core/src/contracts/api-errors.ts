/**
 * What an API error answer carries, on every route (the campaigns API, the console's own routes,
 * the gateway's /v1): `{ error: { code, message, details } }`. `code` is one of ERROR_CODES
 * (errors.ts: the one declaration of the codes); `message` is fixed English for operators. A
 * refused input also carries `details.problems`: one FieldProblem per problem, naming the field by
 * its path (`name`, `phones.0`, `windows.mon.0.1`) and the problem by a code from the closed set
 * below, which the console words in the user's language next to the field (never the English
 * `problem`, never the internal field name).
 *
 * This module has no runtime imports besides TypeBox, so the console's browser bundle can import
 * its types (`@tingzhen/voice-core/api-errors`).
 */
import { Type, type Static } from '@sinclair/typebox';

/** Why a field was refused. Each code has a zh-CN and an en message in the console (a test checks). */
export const FIELD_PROBLEM_CODES = [
  'required', 'unknown_field', 'wrong_type', 'not_allowed', 'too_short', 'too_long', 'too_few', 'too_many', 'too_small', 'too_large',
  'not_integer', 'bad_format', 'bad_date', 'bad_datetime', 'bad_character', 'malformed', 'unknown_timezone', 'bad_phone', 'end_before_start',
  'bad_window', 'bad_username', 'taken', 'password_too_short', 'password_too_long', 'password_common', 'password_repetitive', 'password_context',
  'bad_script',
] as const;
export type FieldProblemCode = (typeof FIELD_PROBLEM_CODES)[number];

export const FieldProblemSchema = Type.Object({
  /** Path of the field in the input, dot separated; '' for the input as a whole. */
  field: Type.String(),
  code: Type.Union(FIELD_PROBLEM_CODES.map((c) => Type.Literal(c))),
  /** The problem in English, for logs and API clients (the console shows its own words for `code`). */
  problem: Type.String(),
  /** Where the field was: the JSON body, the query string (fastify says querystring, the input guard query) or the path. */
  in: Type.Optional(Type.Union([Type.Literal('body'), Type.Literal('querystring'), Type.Literal('query'), Type.Literal('params'), Type.Literal('headers')])),
  /** The bound a too_long / too_short / too_small / too_large / too_many / too_few broke (characters, items or the number). */
  limit: Type.Optional(Type.Number()),
});
export type FieldProblem = Static<typeof FieldProblemSchema>;

export const ApiErrorSchema = Type.Object({
  error: Type.Object({
    code: Type.String({ pattern: '^TZ_ERR_[A-Z_]+$' }),
    message: Type.String(),
    details: Type.Record(Type.String(), Type.Unknown()),
  }),
});
export type ApiErrorBody = Static<typeof ApiErrorSchema>;

/** Why TZ_ERR_AUTH refused (details.reason). */
export const AUTH_REASONS = ['no_session', 'rate_limited', 'bad_credentials', 'bad_setup_token'] as const;
export type AuthReason = (typeof AUTH_REASONS)[number];

/** Why TZ_ERR_CONFLICT refused, when it is not "changed meanwhile" (details.reason). */
export const CONFLICT_REASONS = ['last_admin'] as const;
export type ConflictReason = (typeof CONFLICT_REASONS)[number];
