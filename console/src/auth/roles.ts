/** Console roles. Campaigns routes name their allowed roles; an admin is not implicitly allowed everywhere. */
export const ROLES = ['admin', 'nurse', 'viewer'] as const;
export type ConsoleRole = (typeof ROLES)[number];
export const isRole = (x: unknown): x is ConsoleRole => typeof x === 'string' && (ROLES as readonly string[]).includes(x);

export interface SessionUser {
  id: string;
  username: string;
  displayName: string | null;
  role: ConsoleRole;
}
