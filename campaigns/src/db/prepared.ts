/**
 * Named (server-side prepared) statements for the hot path: PostgreSQL parses and plans them once
 * per connection instead of once per call. The name is derived from the text, so two texts never
 * share a name (node-pg refuses that) and equal texts always do.
 */
import { createHash } from 'node:crypto';

const names = new Map<string, string>();

export function prepared(text: string, values: unknown[]): { name: string; text: string; values: unknown[] } {
  let name = names.get(text);
  if (!name) {
    name = `tz_${createHash('sha1').update(text).digest('hex').slice(0, 24)}`;
    names.set(text, name);
  }
  return { name, text, values };
}
