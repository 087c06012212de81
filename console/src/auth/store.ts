/**
 * Users, sessions, login attempts and the setup token in PostgreSQL (tables from the campaigns
 * migration `*_auth.sql`). Session and setup tokens are random 256-bit values; only their SHA-256
 * is stored.
 */
import { createHash, randomBytes } from 'node:crypto';
import type pg from 'pg';
import { TzError, type FieldProblemCode } from '@tingzhen/voice-core';
import { audit } from '@tingzhen/campaigns';
import { DUMMY_HASH, hashPassword, verifyPassword } from './password.js';
import { isRole, type ConsoleRole, type SessionUser } from './roles.js';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, passwordProblems } from './policy.js';
import { attemptSucceeded, claimAttempt, DEFAULT_LIMITS, pruneThrottles, type LoginLimits } from './throttle.js';

export { MIN_PASSWORD_LENGTH } from './policy.js';
export { DEFAULT_LIMITS, type LoginLimits } from './throttle.js';
export const USERNAME = /^[a-z0-9_.-]{2,64}$/;
const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex');
const newToken = (): string => randomBytes(32).toString('base64url');

export interface UserRow { id: string; username: string; displayName: string | null; role: ConsoleRole; disabled: boolean; lastLoginAt: string | null; createdAt: string }
const USER_COLS = `id::text, username, display_name AS "displayName", role, disabled, last_login_at AS "lastLoginAt", created_at AS "createdAt"`;

/** The audit actor of a signed-in console user (the same text as `actorOf` in guard.ts). */
export const userActor = (username: string): string => `user:${username}`;

const PASSWORD_PROBLEM_TEXT = {
  too_short: `at least ${MIN_PASSWORD_LENGTH} characters`, too_long: `at most ${MAX_PASSWORD_LENGTH} characters`,
  common: 'a commonly used or breached password', repetitive: 'repeated or sequential characters', context: 'built on the username or the service name',
} as const;

/** Username and a new password (NIST SP 800-63B policy, see policy.ts); throws TZ_ERR_VALIDATION naming each problem. */
export function checkCredentialsShape(username: unknown, password: unknown): { username: string; password: string } {
  const problems: { field: string; code: FieldProblemCode; problem: string; reason?: string }[] = [];
  if (typeof username !== 'string' || !USERNAME.test(username)) problems.push({ field: 'username', code: 'bad_username', problem: '2-64 characters: a-z 0-9 _ . -' });
  if (typeof password !== 'string') problems.push({ field: 'password', code: 'password_too_short', problem: PASSWORD_PROBLEM_TEXT.too_short, reason: 'too_short' });
  else for (const reason of passwordProblems(password, typeof username === 'string' ? username : '')) problems.push({ field: 'password', code: `password_${reason}`, problem: PASSWORD_PROBLEM_TEXT[reason], reason });
  if (problems.length > 0) throw new TzError('TZ_ERR_VALIDATION', { problems });
  return { username: username as string, password: password as string };
}

/** Creates a console user, audited (`create` of `console_user`, its id and role) as `actor` (default `system`: the CLI, tests). */
export async function createUser(pool: pg.Pool, input: { username: string; password: string; role: ConsoleRole; displayName?: string | null }, actor = 'system'): Promise<UserRow> {
  const { username, password } = checkCredentialsShape(input.username, input.password);
  if (!isRole(input.role)) throw new TzError('TZ_ERR_VALIDATION', { problems: [{ field: 'role', code: 'not_allowed', problem: 'admin, nurse or viewer' }] });
  const hash = await hashPassword(password);
  try {
    const r = await pool.query<UserRow>(`INSERT INTO console_users (username, display_name, password_hash, role) VALUES ($1, $2, $3, $4) RETURNING ${USER_COLS}`,
      [username, input.displayName ?? null, hash, input.role]);
    const user = r.rows[0]!;
    await audit(pool, { actor, action: 'create', entity: 'console_user', entityId: user.id, details: { role: user.role } });
    return user;
  } catch (err) {
    if ((err as { code?: string }).code === '23505') throw new TzError('TZ_ERR_CONFLICT', { problem: 'username taken', field: 'username', code: 'taken' });
    throw new TzError('TZ_ERR_DB', { op: 'createUser' }, { cause: err });
  }
}

/** For the CLI: create the first (or another) admin. */
export async function createAdminUser(pool: pg.Pool, input: { username: string; password: string; displayName?: string }, actor = 'system'): Promise<UserRow> {
  return createUser(pool, { ...input, role: 'admin' }, actor);
}

export async function listUsers(pool: pg.Pool): Promise<UserRow[]> {
  return (await pool.query<UserRow>(`SELECT ${USER_COLS} FROM console_users ORDER BY username`)).rows;
}

/**
 * Changes a user; each kind of change is one audit row by `actor`, written in the same transaction:
 * `role-change` {from, to}, `disable` / `enable`, `password-reset`, `update` {fields} (the display
 * name); `sessionsEnded` counts the sessions a disable or a new password ended.
 */
export async function updateUser(pool: pg.Pool, id: string, patch: { role?: ConsoleRole; disabled?: boolean; password?: string; displayName?: string | null }, actor = 'system'): Promise<UserRow> {
  if (patch.role !== undefined && !isRole(patch.role)) throw new TzError('TZ_ERR_VALIDATION', { problems: [{ field: 'role', code: 'not_allowed', problem: 'admin, nurse or viewer' }] });
  const username = (await pool.query<{ username: string }>('SELECT username FROM console_users WHERE id = $1', [id])).rows[0]?.username;
  if (username === undefined) throw new TzError('TZ_ERR_NOT_FOUND', { entity: 'user', id });
  const hash = patch.password !== undefined ? await hashPassword(checkCredentialsShape(username, patch.password).password) : null;
  const c = await pool.connect();
  try {
    await c.query('BEGIN');
    // The row as it was, locked: the audit's `from` is the role this change replaced.
    const before = (await c.query<{ role: ConsoleRole; disabled: boolean }>('SELECT role, disabled FROM console_users WHERE id = $1 FOR UPDATE', [id])).rows[0];
    if (!before) throw new TzError('TZ_ERR_NOT_FOUND', { entity: 'user', id });
    const r = await c.query<UserRow>(`UPDATE console_users SET role = COALESCE($2, role), disabled = COALESCE($3, disabled), password_hash = COALESCE($4, password_hash),
      display_name = CASE WHEN $5::boolean THEN $6 ELSE display_name END, updated_at = now() WHERE id = $1 RETURNING ${USER_COLS}`,
    [id, patch.role ?? null, patch.disabled ?? null, hash, patch.displayName !== undefined, patch.displayName ?? null]);
    const user = r.rows[0];
    if (!user) throw new TzError('TZ_ERR_NOT_FOUND', { entity: 'user', id });
    // A disabled user or a new password ends every open session of that user.
    const sessionsEnded = patch.disabled === true || hash ? (await c.query('DELETE FROM console_sessions WHERE user_id = $1', [id])).rowCount ?? 0 : 0;
    const row = (action: string, details: Record<string, unknown> = {}) => audit(c, { actor, action, entity: 'console_user', entityId: id, details });
    let written = 0;
    if (patch.role !== undefined && patch.role !== before.role) { await row('role-change', { from: before.role, to: patch.role }); written++; }
    if (patch.disabled !== undefined && patch.disabled !== before.disabled) { await row(patch.disabled ? 'disable' : 'enable', patch.disabled ? { sessionsEnded } : {}); written++; }
    if (hash) { await row('password-reset', { sessionsEnded }); written++; }
    if (patch.displayName !== undefined || written === 0) await row('update', { fields: Object.keys(patch).filter((k) => k !== 'password') });
    await c.query('COMMIT');
    return user;
  } catch (err) {
    await c.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    c.release();
  }
}

export async function countAdmins(pool: pg.Pool): Promise<number> {
  return (await pool.query<{ n: number }>("SELECT count(*)::int AS n FROM console_users WHERE role = 'admin' AND NOT disabled")).rows[0]!.n;
}

/**
 * Checks the password; refuses (TZ_ERR_AUTH reason rate_limited, with retryAfterMs) while the
 * account or the source address is in a delay after failures (throttle.ts: counted atomically
 * before the check, exponential delays).
 */
export async function login(pool: pg.Pool, username: string, password: string, ip: string, ttlMs: number, limits: LoginLimits = DEFAULT_LIMITS): Promise<{ token: string; user: SessionUser; expiresAt: Date }> {
  const name = typeof username === 'string' ? username.trim().toLowerCase().slice(0, 64) : '';
  const claim = await claimAttempt(pool, name, ip, limits);
  if (!claim.allowed) {
    const known = (await pool.query<{ id: string }>('SELECT id::text FROM console_users WHERE username = $1', [name])).rows[0];
    await auditFailedLogin(pool, known ? { id: known.id, username: name } : null, ip, { reason: 'rate_limited', limitedBy: claim.kind });
    throw new TzError('TZ_ERR_AUTH', { reason: 'rate_limited', retryAfterMs: claim.retryAfterMs, limitedBy: claim.kind });
  }
  const r = await pool.query<{ id: string; username: string; displayName: string | null; role: ConsoleRole; hash: string; disabled: boolean }>(
    'SELECT id::text, username, display_name AS "displayName", role, password_hash AS hash, disabled FROM console_users WHERE username = $1', [name]);
  const row = r.rows[0];
  const passwordOk = await verifyPassword(typeof password === 'string' ? password : '', row?.hash ?? DUMMY_HASH);
  const ok = passwordOk && !!row && !row.disabled;
  await pool.query('INSERT INTO console_login_attempts (username, ip, ok) VALUES ($1, $2, $3)', [name, ip, ok]);
  if (!ok || !row) {
    await auditFailedLogin(pool, row ?? null, ip, { reason: !row ? 'unknown_user' : !passwordOk ? 'bad_password' : 'disabled' });
    throw new TzError('TZ_ERR_AUTH', { reason: 'bad_credentials' });
  }
  await attemptSucceeded(pool, name, ip, limits);
  const token = newToken();
  const expiresAt = new Date(Date.now() + ttlMs);
  await pool.query('INSERT INTO console_sessions (token_hash, user_id, expires_at) VALUES ($1, $2, $3)', [sha256(token), row.id, expiresAt]);
  await pool.query('UPDATE console_users SET last_login_at = now() WHERE id = $1', [row.id]);
  await audit(pool, { actor: userActor(row.username), action: 'login', entity: 'console_user', entityId: row.id, details: { ip } });
  // Housekeeping: old attempts and expired sessions (indexed deletes, cheap).
  await pool.query("DELETE FROM console_login_attempts WHERE at < now() - interval '1 day'");
  await pruneThrottles(pool);
  await pool.query('DELETE FROM console_sessions WHERE expires_at < now()');
  return { token, user: { id: row.id, username: row.username, displayName: row.displayName, role: row.role }, expiresAt };
}

/**
 * A refused sign-in in the audit trail (`login-failed`): the account when the name is one; a name
 * that is no account is never written (it may be a password typed into the wrong field, or a
 * patient's name), only that it was unknown. Never the password.
 */
async function auditFailedLogin(pool: pg.Pool, user: { id: string; username: string } | null, ip: string, details: Record<string, unknown>): Promise<void> {
  await audit(pool, { actor: user ? userActor(user.username) : 'anonymous', action: 'login-failed', entity: 'console_user', entityId: user?.id ?? null, details: { ...details, ip } });
}

/** The user behind a session token, or null. Slides the expiry forward when past half its life. */
export async function sessionUser(pool: pg.Pool, token: string, ttlMs: number): Promise<SessionUser | null> {
  if (!token || token.length > 100) return null;
  const r = await pool.query<SessionUser & { expiresAt: Date }>(`UPDATE console_sessions s SET last_seen_at = now(),
      expires_at = CASE WHEN s.expires_at - now() < make_interval(secs => $2 / 2) THEN now() + make_interval(secs => $2) ELSE s.expires_at END
    FROM console_users u WHERE s.token_hash = $1 AND u.id = s.user_id AND s.expires_at > now() AND NOT u.disabled
    RETURNING u.id::text, u.username, u.display_name AS "displayName", u.role, s.expires_at AS "expiresAt"`, [sha256(token), ttlMs / 1000]);
  const row = r.rows[0];
  return row ? { id: row.id, username: row.username, displayName: row.displayName, role: row.role } : null;
}

/** Ends a session; a session that existed is audited (`logout` by its user). */
export async function logout(pool: pg.Pool, token: string): Promise<void> {
  const r = await pool.query<{ id: string; username: string }>(`DELETE FROM console_sessions s USING console_users u WHERE s.token_hash = $1 AND u.id = s.user_id
    RETURNING u.id::text AS id, u.username`, [sha256(token)]);
  const u = r.rows[0];
  if (u) await audit(pool, { actor: userActor(u.username), action: 'logout', entity: 'console_user', entityId: u.id });
}

/**
 * At start: when no user exists yet, issue a fresh one-time setup token (older unused ones are
 * voided) and return it for printing; otherwise null. No default password exists anywhere.
 */
export async function ensureSetupToken(pool: pg.Pool, ttlMs = 24 * 3600_000): Promise<string | null> {
  const users = (await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM console_users')).rows[0]!.n;
  if (users > 0) return null;
  const token = newToken();
  await pool.query('DELETE FROM console_setup_tokens WHERE used_at IS NULL');
  await pool.query('INSERT INTO console_setup_tokens (token_hash, expires_at) VALUES ($1, $2)', [sha256(token), new Date(Date.now() + ttlMs)]);
  return token;
}

/** Uses the setup token once to create the first admin; refused once any user exists. */
export async function setupFirstAdmin(pool: pg.Pool, token: string, input: { username: string; password: string; displayName?: string }): Promise<UserRow> {
  checkCredentialsShape(input.username, input.password);
  const used = await pool.query(`UPDATE console_setup_tokens SET used_at = now() WHERE token_hash = $1 AND used_at IS NULL AND expires_at > now()
    AND NOT EXISTS (SELECT 1 FROM console_users) RETURNING 1`, [sha256(typeof token === 'string' ? token : '')]);
  if (used.rowCount === 0) throw new TzError('TZ_ERR_AUTH', { reason: 'bad_setup_token' });
  return createAdminUser(pool, input, 'system:setup');
}
