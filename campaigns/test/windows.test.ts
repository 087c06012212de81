import { describe, expect, it } from 'vitest';
import { isAllowedAt, nextSlot, startOfLocalDay, validateWindows, type WindowSpec } from '../src/index.js';

const WEEKDAYS_9_TO_12 = { mon: [['09:00', '12:00']], tue: [['09:00', '12:00']], wed: [['09:00', '12:00']], thu: [['09:00', '12:00']], fri: [['09:00', '12:00'], ['14:00', '17:30']] } as WindowSpec['windows'];

describe('calling windows', () => {
  it('finds the next allowed moment in the local timezone', () => {
    const spec: WindowSpec = { windows: WEEKDAYS_9_TO_12, timezone: 'Asia/Shanghai' };
    // Friday 2025-03-07 12:30 in Shanghai (04:30Z): the afternoon window opens at 14:00 local = 06:00Z.
    const s = nextSlot(new Date('2025-03-07T04:30:00Z'), spec)!;
    expect(s.at.toISOString()).toBe('2025-03-07T06:00:00.000Z');
    expect(s.windowEnd.toISOString()).toBe('2025-03-07T09:30:00.000Z');
    // Friday 18:00 local: the weekend is closed, so Monday 09:00 local = 01:00Z.
    expect(nextSlot(new Date('2025-03-07T10:00:00Z'), spec)!.at.toISOString()).toBe('2025-03-10T01:00:00.000Z');
    // Inside a window, now is allowed.
    expect(isAllowedAt(new Date('2025-03-10T02:00:00Z'), spec)).toBe(true);
    expect(isAllowedAt(new Date('2025-03-10T04:00:00Z'), spec)).toBe(false);
  });

  it('keeps local hours across a DST change (America/New_York, 2025-03-09)', () => {
    const spec: WindowSpec = { windows: { sat: [['09:00', '12:00']], mon: [['09:00', '12:00']] }, timezone: 'America/New_York' };
    // Saturday 09:00 EST = 14:00Z; Monday 09:00 EDT = 13:00Z.
    expect(nextSlot(new Date('2025-03-08T10:00:00Z'), spec)!.at.toISOString()).toBe('2025-03-08T14:00:00.000Z');
    expect(nextSlot(new Date('2025-03-08T18:00:00Z'), spec)!.at.toISOString()).toBe('2025-03-10T13:00:00.000Z');
  });

  it('moves a window start that falls in the DST gap to the first valid instant', () => {
    const spec: WindowSpec = { windows: { sun: [['02:30', '04:00']] }, timezone: 'America/New_York' };
    // 02:30 does not exist on 2025-03-09; 03:00 EDT = 07:00Z. The window still ends at 04:00 EDT = 08:00Z.
    const s = nextSlot(new Date('2025-03-09T00:00:00Z'), spec)!;
    expect(s.at.getTime()).toBeGreaterThanOrEqual(Date.parse('2025-03-09T07:00:00Z'));
    expect(s.windowEnd.toISOString()).toBe('2025-03-09T08:00:00.000Z');
  });

  it('skips quiet days and stops at the end date', () => {
    const spec: WindowSpec = { windows: WEEKDAYS_9_TO_12, timezone: 'UTC', quietDays: ['2025-03-10'], endDate: '2025-03-11' };
    expect(nextSlot(new Date('2025-03-10T08:00:00Z'), spec)!.at.toISOString()).toBe('2025-03-11T09:00:00.000Z');
    expect(nextSlot(new Date('2025-03-11T13:00:00Z'), spec)).toBeNull();
  });

  it('starts no earlier than the start date and reports bad windows', () => {
    const spec: WindowSpec = { windows: WEEKDAYS_9_TO_12, timezone: 'UTC', startDate: '2025-03-12' };
    expect(nextSlot(new Date('2025-03-10T08:00:00Z'), spec)!.at.toISOString()).toBe('2025-03-12T09:00:00.000Z');
    expect(validateWindows({ mon: [['12:00', '09:00']] })).toHaveLength(1);
    expect(validateWindows({ mon: [['9am', '10:00']] } as never)).toHaveLength(1);
    expect(() => nextSlot(new Date(), { windows: {}, timezone: 'Mars/Olympus' })).toThrow(/validation/i);
  });

  it('computes the local day start for the daily cap', () => {
    expect(startOfLocalDay(new Date('2025-03-07T20:00:00Z'), 'Asia/Shanghai').toISOString()).toBe('2025-03-07T16:00:00.000Z');
  });
});
