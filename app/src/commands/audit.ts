/**
 * `tingzhen audit verify`: checks the audit trail's hash chain (issue 16 item 4) and exits non-zero
 * when a row was changed, removed or reordered. Prints rows by sequence number only, never their
 * content (the output may be pasted into a ticket).
 */
import pg from 'pg';
import { isTzError, loadConfig } from '@tingzhen/voice-core';
import { verifyAuditChain, type AuditVerifyReport } from '@tingzhen/campaigns/audit';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, type Command, type CommandIo } from './command.js';

const usage = `Usage: tingzhen audit verify [--anchor SEQ:HASH] [--json]

Reads the whole audit trail in one snapshot and checks every row's sha256 hash and its link to the
row before it, the gap-free sequence and the chain head. A changed row fails its hash; a removed
row leaves a gap and a broken link; reordered rows break both; removed last rows leave the head
ahead of the table. Problems are printed by sequence number only.

The last row's sequence number and hash are printed: note them somewhere the database's owner
cannot write (a ticket, a printout) and pass them later as --anchor SEQ:HASH; that also catches a
chain rewritten wholesale with fresh hashes.

  --anchor SEQ:HASH   the hash row SEQ had when it was noted
  --json              print the report as JSON

Database: DATABASE_RUNTIME_URL, else DATABASE_URL; with neither, the embedded database in
TINGZHEN_DATA_DIR (the running one, or started for the check). Only SELECT is needed.
Exit codes: 0 the chain is intact, 1 it is not (or the database cannot be read), 2 bad usage.
`;

function parse(args: string[]): { anchor?: { seq: string; hash: string }; json: boolean } | null {
  if (args[0] !== 'verify') return null;
  let json = false;
  let anchor: { seq: string; hash: string } | undefined;
  for (let i = 1; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--json') json = true;
    else if (a === '--anchor' || a.startsWith('--anchor=')) {
      const v = a === '--anchor' ? args[++i] : a.slice('--anchor='.length);
      const m = /^([1-9][0-9]{0,18}):([0-9a-f]{64})$/.exec(v ?? '');
      if (!m) return null;
      anchor = { seq: m[1]!, hash: m[2]! };
    } else return null;
  }
  return { ...(anchor ? { anchor } : {}), json };
}

function print(report: AuditVerifyReport, io: CommandIo, json: boolean): void {
  if (json) {
    io.stdout.write(`${JSON.stringify(report)}\n`);
    return;
  }
  for (const p of report.problems) io.stdout.write(`seq ${p.seq}: ${p.kind}: ${p.detail}\n`);
  io.stdout.write(report.ok
    ? `audit trail intact: ${report.rows} rows; last seq ${report.lastSeq} hash ${report.lastHash}\n`
    : `audit trail NOT intact: ${report.problems.length} problem(s) in ${report.rows} rows; last seq ${report.lastSeq} hash ${report.lastHash}\n`);
}

const audit: Command = {
  name: 'audit',
  usage,
  async run(args: string[], io: CommandIo): Promise<number> {
    const opts = parse(args);
    if (!opts) {
      io.stderr.write(usage);
      return EXIT_USAGE;
    }
    let stop: (() => Promise<void>) | undefined;
    try {
      const config = loadConfig(io.env);
      let url = config.databaseRuntimeUrl ?? config.databaseUrl;
      if (url === undefined) {
        const { runningEmbeddedUrl, startEmbeddedPostgres } = await import('../embedded-postgres.js');
        url = await runningEmbeddedUrl(config.dataDir, config.embeddedPgPort) ?? undefined;
        if (url === undefined) {
          const { createLogger } = await import('@tingzhen/voice-core');
          const db = await startEmbeddedPostgres({ dataDir: config.dataDir, port: config.embeddedPgPort, log: createLogger({ level: 'warn', name: 'tingzhen-audit' }) });
          url = db.url;
          stop = () => db.stop();
        }
      }
      const pool = new pg.Pool({ connectionString: url, max: 1 });
      try {
        const report = await verifyAuditChain(pool, opts.anchor ? { anchor: opts.anchor } : {});
        print(report, io, opts.json);
        return report.ok ? EXIT_OK : EXIT_FAILURE;
      } finally {
        await pool.end();
      }
    } catch (err) {
      // The message only: a connection error's fields may carry the URL.
      io.stderr.write(`tingzhen audit: ${isTzError(err) ? `${err.code}: ${err.message}` : (err as Error).message}\n`);
      return EXIT_FAILURE;
    } finally {
      await stop?.();
    }
  },
};

export default audit;
