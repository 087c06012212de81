/**
 * One audit-trail entry (issue 16 item 4). Declared here because it crosses packages: campaigns
 * writes it (`audit(db, entry)` / `auditWriter(pool)` from @tingzhen/campaigns), the console writes
 * logins and user changes, and the gateway's /v1/dial route gets an `AuditWriter` injected by the
 * app (it has no database code of its own).
 *
 * Every row is chained to the previous one by a sha256 hash in the database (`tingzhen audit
 * verify` checks the chain); the writer needs only INSERT on the table.
 *
 * Never put a phone number, a name, a record number, a patient's words or a secret in `details`:
 * ids only (the row is read by admins and exported as CSV).
 */
export interface AuditEntry {
  /** Who acted: a console username, `system:<part>` (e.g. `system:gateway`), or `anonymous`. */
  actor: string;
  /**
   * What was done. In use: login, login-failed, logout, create, update, delete, read, export,
   * import, dial, dial-refused, listen, listen-stop, claim, release, resolve, role-change, disable,
   * enable, password-reset, unlock (a sign-in delay lifted), testcall; a recording played is a read
   * of entity recording.
   */
  action: string;
  /** The kind of thing acted on: console_user, patient, patient_list, recording, call, campaign, ... */
  entity: string;
  /** Its id (text: numeric ids, call ids and usernames alike). */
  entityId?: string | null;
  /** The patient concerned, when there is one (the audit page filters by it). */
  patientId?: string | null;
  /** Anything else that explains the act (ids, counts, the client address): never patient data. */
  details?: Record<string, unknown>;
}

/** Writes one audit entry (the app builds it from the pool; the gateway gets it injected). */
export type AuditWriter = (entry: AuditEntry) => Promise<void>;
