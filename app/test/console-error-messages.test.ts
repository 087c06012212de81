/**
 * Issue 18 item 3: every API error code (voice-core ERROR_CODES), every field problem code and
 * every sign-in reason has a message for people in zh-CN and in en (console/web/src/error-messages.ts).
 * Fails when a code is added without its words, or when a message leaks a code or an English
 * validator phrase.
 */
import { describe, expect, it } from 'vitest';
import { AUTH_REASONS, CONFLICT_REASONS, ERROR_CODES, FIELD_PROBLEM_CODES } from '@tingzhen/voice-core';
import { AUTH_MESSAGES, CONFLICT_MESSAGES, ERROR_MESSAGES, FIELD_LABELS, PROBLEM_MESSAGES, type Text } from '@tingzhen/console/error-messages';

const HAN = /[\u4e00-\u9fff]/;

function checkText(what: string, m: Text | undefined): void {
  expect(m, `${what} has no message`).toBeDefined();
  expect(m!.zh.trim(), `${what}: zh-CN`).not.toBe('');
  expect(m!.en.trim(), `${what}: en`).not.toBe('');
  expect(m!.zh, `${what}: zh-CN is Chinese`).toMatch(HAN);
  expect(m!.en, `${what}: en is not Chinese`).not.toMatch(HAN);
  for (const text of [m!.zh, m!.en]) {
    expect(text, what).not.toMatch(/TZ_ERR|Expected|must have|must NOT|must match|must be equal|[a-z][A-Z]/);
  }
}

describe('console error messages', () => {
  it('words every API error code in zh-CN and en', () => {
    for (const code of Object.keys(ERROR_CODES)) checkText(code, (ERROR_MESSAGES as Record<string, Text>)[code]);
    // Nothing worded that is not a code (a removed code takes its words with it).
    expect(Object.keys(ERROR_MESSAGES).sort()).toEqual(Object.keys(ERROR_CODES).sort());
  });

  it('words every field problem code, sign-in reason and conflict reason in zh-CN and en', () => {
    for (const code of FIELD_PROBLEM_CODES) checkText(code, (PROBLEM_MESSAGES as Record<string, Text>)[code]);
    expect(Object.keys(PROBLEM_MESSAGES).sort()).toEqual([...FIELD_PROBLEM_CODES].sort());
    for (const reason of AUTH_REASONS) checkText(reason, (AUTH_MESSAGES as Record<string, Text>)[reason]);
    for (const reason of CONFLICT_REASONS) checkText(reason, (CONFLICT_MESSAGES as Record<string, Text>)[reason]);
  });

  it('labels fields by what the pages call them, never by an internal name', () => {
    for (const [field, label] of Object.entries(FIELD_LABELS)) checkText(field, label);
    for (const field of ['consentStatus', 'doNotCallReason', 'timezone', 'endDate', 'password', 'username', 'phones', 'mrn']) expect(FIELD_LABELS[field], field).toBeDefined();
  });
});
