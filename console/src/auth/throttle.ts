/**
 * Sign-in throttling per account and per source address (issue 16 item 2), in PostgreSQL.
 *
 * Every attempt is counted as a failure *before* the password is checked, inside one transaction
 * that holds both rows (`SELECT ... FOR UPDATE`), so 20 parallel wrong passwords cannot all be
 * checked against a limit of 5: the 6th finds the row already delayed. A right password then
 * clears the account's count and takes its own attempt back from the source's.
 *
 * Past `freeFailures`, each failure delays the next attempt exponentially (first delay, doubling,
 * up to a cap) instead of locking out for a fixed window; a count left alone for `resetAfterMs`
 * starts again from zero. The source is the client address as fastify resolves it with
 * TRUST_PROXY, so behind the hospital's reverse proxy each workstation counts for itself, and a
 * source's delays (which do hold back a right password too) start short.
 */
import type pg from 'pg';

export interface ThrottleRule {
  /** Failures allowed before the first delay. */
  freeFailures: number;
  /** Delay after the first failure past the free ones, ms; doubles per further failure. */
  firstDelayMs: number;
  /** Longest delay, ms. */
  maxDelayMs: number;
  /** A count with no failure for this long starts again from zero, ms. */
  resetAfterMs: number;
}

export interface LoginLimits { user: ThrottleRule; ip: ThrottleRule }

/**
 * Per account: 5 free failures, then 30 s, 1, 2, 4, 8 min, capped at 15 min; counted over a day
 * (about 100 guesses a day at most, NIST SP 800-63B's ceiling for one account).
 * Per source: 20 free failures (a ward PC shared by a shift), then 10 s doubling to 15 min, reset
 * after an hour.
 */
export const DEFAULT_LIMITS: LoginLimits = {
  user: { freeFailures: 5, firstDelayMs: 30_000, maxDelayMs: 15 * 60_000, resetAfterMs: 24 * 3600_000 },
  ip: { freeFailures: 20, firstDelayMs: 10_000, maxDelayMs: 15 * 60_000, resetAfterMs: 3600_000 },
};

export type ThrottleKind = 'user' | 'ip';
export interface ThrottleRow { kind: ThrottleKind; subject: string; failures: number; lastFailureAt: string | null; lockedUntil: string | null; locked: boolean }

/** The delay a count of `failures` sets (0 while within the free failures), ms. */
export function delayFor(rule: ThrottleRule, failures: number): number {
  const over = failures - rule.freeFailures;
  if (over < 0) return 0;
  return Math.min(rule.maxDelayMs, rule.firstDelayMs * 2 ** Math.min(over, 30));
}

export type Claim = { allowed: true } | { allowed: false; retryAfterMs: number; kind: ThrottleKind };

/**
 * Counts one attempt for `user` and `ip` unless either is in a delay; then it refuses and
 * counts nothing. Atomic: the rows are locked for the check and the count.
 */
export async function claimAttempt(pool: pg.Pool, user: string, ip: string, limits: LoginLimits): Promise<Claim> {
  const subjects: [ThrottleKind, string][] = [['ip', ip.slice(0, 100)], ['user', user.slice(0, 100)]];
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    // Rows in a fixed order (ip before user), so two sign-ins never wait on each other in a circle.
    await client.query(`INSERT INTO console_login_throttle (kind, subject) VALUES ($1, $2), ($3, $4) ON CONFLICT DO NOTHING`, subjects.flat());
    const rows = (await client.query<{ kind: ThrottleKind; failures: number; waitMs: number; stale: boolean }>(
      `SELECT kind, failures, GREATEST(0, EXTRACT(EPOCH FROM (locked_until - clock_timestamp())) * 1000)::float8 AS "waitMs",
         COALESCE(last_failure_at < clock_timestamp() - make_interval(secs => CASE kind WHEN 'user' THEN $5::float8 ELSE $6::float8 END), false) AS stale
       FROM console_login_throttle WHERE (kind, subject) IN (($1, $2), ($3, $4)) ORDER BY kind FOR UPDATE`,
      [...subjects.flat(), limits.user.resetAfterMs / 1000, limits.ip.resetAfterMs / 1000])).rows;
    const blocked = rows.filter((r) => r.waitMs > 0).sort((a, b) => b.waitMs - a.waitMs)[0];
    if (blocked) {
      await client.query('COMMIT');
      return { allowed: false, retryAfterMs: Math.ceil(blocked.waitMs), kind: blocked.kind };
    }
    for (const r of rows) {
      const failures = (r.stale ? 0 : r.failures) + 1;
      const delayMs = delayFor(limits[r.kind], failures);
      await client.query(`UPDATE console_login_throttle SET failures = $3, last_failure_at = clock_timestamp(),
          locked_until = CASE WHEN $4::float8 > 0 THEN clock_timestamp() + make_interval(secs => $4::float8 / 1000) END
        WHERE kind = $1 AND subject = $2`, [r.kind, subjects.find(([k]) => k === r.kind)![1], failures, delayMs]);
    }
    await client.query('COMMIT');
    return { allowed: true };
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

/** After a right password: the account starts afresh; the source gets this attempt back. */
export async function attemptSucceeded(pool: pg.Pool, user: string, ip: string, limits: LoginLimits): Promise<void> {
  await pool.query(`DELETE FROM console_login_throttle WHERE kind = 'user' AND subject = $1`, [user.slice(0, 100)]);
  await pool.query(`UPDATE console_login_throttle SET failures = GREATEST(failures - 1, 0),
      locked_until = CASE WHEN failures - 1 >= $2 THEN locked_until END
    WHERE kind = 'ip' AND subject = $1`, [ip.slice(0, 100), limits.ip.freeFailures]);
}

/** For the admin view: accounts and sources with recent failures, delayed ones first. */
export async function listThrottles(pool: pg.Pool, limit = 200): Promise<ThrottleRow[]> {
  return (await pool.query<ThrottleRow>(`SELECT kind, subject, failures, last_failure_at AS "lastFailureAt", locked_until AS "lockedUntil",
      COALESCE(locked_until > clock_timestamp(), false) AS locked
    FROM console_login_throttle WHERE failures > 0 ORDER BY (locked_until > clock_timestamp()) IS TRUE DESC, last_failure_at DESC NULLS LAST LIMIT $1`, [limit])).rows;
}

/** An admin lifts the delay and clears the count of one account or source. True if there was one. */
export async function clearThrottle(pool: pg.Pool, kind: ThrottleKind, subject: string): Promise<boolean> {
  return ((await pool.query('DELETE FROM console_login_throttle WHERE kind = $1 AND subject = $2', [kind, subject])).rowCount ?? 0) > 0;
}

/** Housekeeping: counts nobody touched for a day and no longer delaying anyone. */
export async function pruneThrottles(pool: pg.Pool): Promise<void> {
  await pool.query(`DELETE FROM console_login_throttle WHERE (last_failure_at IS NULL OR last_failure_at < clock_timestamp() - interval '1 day') AND (locked_until IS NULL OR locked_until < clock_timestamp())`);
}
