import { describe, expect, it } from 'vitest';
import { dataExceptionCode, findInputProblem, isCalendarDate, isDateTime, MAX_INPUT_DEPTH, numberProblem, textProblem } from '../src/index.js';

describe('input checks shared by the HTTP edges', () => {
  it('refuses control characters and unpaired surrogates in text, keeps tab, newlines and any script', () => {
    expect(textProblem('a\u0000b')).toBe('contains a control character (U+0000)');
    expect(textProblem('\u001b[2J')).toBe('contains a control character (U+001B)');
    expect(textProblem('a\u007f')).toBe('contains a control character (U+007F)');
    expect(textProblem('a\u0085')).toBe('contains a control character (U+0085)');
    expect(textProblem('a\ud800b')).toBe('contains an unpaired surrogate (U+D800)');
    expect(textProblem('\udc00')).toBe('contains an unpaired surrogate (U+DC00)');
    for (const ok of ['line one\nline two\r\n\tindented', '王芳 术后随访', '😀 emoji pair', 'Ａ', '\u202e', '']) expect(textProblem(ok)).toBeNull();
  });

  it('refuses numbers that are not finite or beyond what a double holds exactly', () => {
    expect(numberProblem(Infinity)).toBe('is not a finite number');
    expect(numberProblem(Number.NaN)).toBe('is not a finite number');
    expect(numberProblem(2 ** 64)).toMatch(/out of range/);
    expect(numberProblem(-(2 ** 53))).toMatch(/out of range/);
    for (const ok of [0, -1, 1.5, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER]) expect(numberProblem(ok)).toBeNull();
  });

  it('names the first bad field of a parsed input, keys included, without recursion', () => {
    expect(findInputProblem({ name: 'ok', windows: { mon: [['09:00', '1\u0000']] } })).toEqual({ field: 'windows.mon.0.1', code: 'bad_character', problem: 'contains a control character (U+0000)' });
    expect(findInputProblem({ a: 'x\u0001', b: 'y\u0002' })?.field).toBe('a');
    expect(findInputProblem({ customFields: { ['k\u0000']: 1 } })).toEqual({ field: 'customFields.<key>', code: 'bad_character', problem: 'has a key that contains a control character (U+0000)' });
    expect(findInputProblem({ offset: Infinity })).toEqual({ field: 'offset', code: 'too_large', problem: 'is not a finite number' });
    expect(findInputProblem({ offset: Infinity }, { numbers: false })).toBeNull();
    expect(findInputProblem({ name: '\u0000' }, { text: false })).toBeNull();
    expect(findInputProblem('\u0000')).toEqual({ field: '', code: 'bad_character', problem: 'contains a control character (U+0000)' });
    expect(findInputProblem({ a: [1, 'two', null, true, { b: 'c' }] })).toBeNull();
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(findInputProblem({ deep })).toMatchObject({ code: 'malformed', problem: `is nested more than ${MAX_INPUT_DEPTH} levels deep` });
  });

  it('knows the calendar: no 30 February, 29 February in leap years only, no year 0', () => {
    for (const ok of ['2024-02-29', '2000-02-29', '2030-12-31', '1000-01-01', '9999-12-31']) expect(isCalendarDate(ok), ok).toBe(true);
    for (const bad of ['2024-02-30', '2023-02-29', '1900-02-29', '2024-13-01', '2024-00-10', '2024-04-31', '0000-01-01', '0999-12-31', '99999-01-01', '2024-1-01', ' 2024-01-01']) expect(isCalendarDate(bad), bad).toBe(false);
    for (const ok of ['2024-03-01T08:00:00Z', '2024-03-01t08:00:00.123z', '2024-03-01T08:00:00+08:00', '2016-12-31T23:59:60Z']) expect(isDateTime(ok), ok).toBe(true);
    for (const bad of ['2024-02-30T10:00:00Z', '2024-06-01T25:00:00Z', '2024-06-01T10:61:00Z', '2024-06-01T10:00:00', '2024-06-01T10:00:00+24:00', '0000-01-01T00:00:00Z']) expect(isDateTime(bad), bad).toBe(false);
  });

  it('recognises PostgreSQL data exceptions (class 22), also wrapped as a cause, and nothing else', () => {
    expect(dataExceptionCode(Object.assign(new Error('invalid byte sequence'), { code: '22021' }))).toBe('22021');
    expect(dataExceptionCode(new Error('wrapped', { cause: Object.assign(new Error('out of range'), { code: '22003' }) }))).toBe('22003');
    expect(dataExceptionCode(Object.assign(new Error('unique'), { code: '23505' }))).toBeNull();
    expect(dataExceptionCode(Object.assign(new Error('connection'), { code: 'ECONNREFUSED' }))).toBeNull();
    expect(dataExceptionCode('22003')).toBeNull();
    expect(dataExceptionCode(null)).toBeNull();
  });
});
