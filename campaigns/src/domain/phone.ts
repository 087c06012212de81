/**
 * Phone numbers are stored in E.164 (ITU-T E.164: '+', country code, national number, at most
 * 15 digits). Input in national form is accepted with a default country and normalised.
 */
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';

export function normalizePhone(input: string, defaultCountry: string = 'CN'): string | null {
  const trimmed = input.trim();
  if (trimmed === '' || trimmed.length > 32) return null;
  const parsed = parsePhoneNumberFromString(trimmed, defaultCountry as CountryCode);
  if (!parsed || !parsed.isValid()) return null;
  return parsed.number;
}

export function isE164(value: string): boolean {
  return /^\+[1-9]\d{6,14}$/.test(value) && normalizePhone(value) === value;
}
