/**
 * The supervisor's embedded PostgreSQL, kept running: when the server exits on its own (a crash,
 * an out-of-memory kill), it is started again on the same data directory and port after a backoff
 * (PostgreSQL replays its write-ahead log), while the roles' pools reconnect by themselves.
 */
import type { Logger } from '@tingzhen/voice-core';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../embedded-postgres.js';

export interface DatabaseStatus {
  state: 'up' | 'restarting' | 'stopped';
  restarts: number;
  lastExit: { code: number | null; signal: string | null; at: string } | null;
}

export class EmbeddedDatabaseKeeper {
  private db: EmbeddedDatabase | null = null;
  private state: DatabaseStatus['state'] = 'stopped';
  private restarts = 0;
  private lastExit: DatabaseStatus['lastExit'] = null;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  private delayMs: number;

  constructor(private readonly opts: { dataDir: string; port: number; log: Logger; backoffMs?: number; maxBackoffMs?: number }) {
    this.delayMs = opts.backoffMs ?? 1000;
  }

  /** Starts the server; its URL (the same after every restart). */
  async start(): Promise<string> {
    this.db = await this.launch();
    return this.db.url;
  }

  status(): DatabaseStatus {
    return { state: this.state, restarts: this.restarts, lastExit: this.lastExit };
  }

  private async launch(): Promise<EmbeddedDatabase> {
    const db = await startEmbeddedPostgres({
      dataDir: this.opts.dataDir, port: this.opts.port, log: this.opts.log,
      onUnexpectedExit: (code, signal) => this.onExit(code, signal),
    });
    this.state = 'up';
    return db;
  }

  private onExit(code: number | null, signal: NodeJS.Signals | null): void {
    this.db = null;
    this.lastExit = { code, signal, at: new Date().toISOString() };
    if (this.stopped) return;
    this.state = 'restarting';
    this.restarts += 1;
    this.scheduleLaunch();
  }

  private scheduleLaunch(): void {
    const delay = this.delayMs;
    this.delayMs = Math.min(this.delayMs * 2, this.opts.maxBackoffMs ?? 30_000);
    this.opts.log.error({ restarts: this.restarts, restartInMs: delay }, 'embedded PostgreSQL is down: starting it again');
    this.timer = setTimeout(() => {
      this.timer = null;
      this.launch().then((db) => {
        if (this.stopped) { void db.stop(); return; }
        this.db = db;
        this.delayMs = this.opts.backoffMs ?? 1000;
        this.opts.log.info({ restarts: this.restarts }, 'embedded PostgreSQL is back');
      }, (err: unknown) => {
        this.opts.log.error({ err: { message: (err as Error).message } }, 'embedded PostgreSQL did not start');
        if (!this.stopped) this.scheduleLaunch();
      });
    }, delay);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) { clearTimeout(this.timer); this.timer = null; }
    const db = this.db;
    this.db = null;
    this.state = 'stopped';
    if (db) await db.stop();
  }
}
