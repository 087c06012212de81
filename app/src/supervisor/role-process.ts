/**
 * One role of the platform as a child process of the supervisor (`tingzhen start --roles <role>`),
 * restarted with exponential backoff when it exits on its own. The child tells the supervisor over
 * the IPC channel when it is up (`{ type: 'tingzhen:ready' }`); it stops itself when that channel
 * closes (the supervisor died), so no orphan keeps a port.
 */
import { fork, type ChildProcess } from 'node:child_process';
import type { Logger } from '@tingzhen/voice-core';

export type RoleName = 'api' | 'gateway' | 'worker';
export type RoleState = 'starting' | 'up' | 'restarting' | 'stopping' | 'stopped';

/** What /health shows of a role. */
export interface RoleStatus {
  role: RoleName;
  state: RoleState;
  pid: number | null;
  /** Restarts after the child exited on its own (not counting the first start). */
  restarts: number;
  /** When the current child became ready (ISO time). */
  upSince: string | null;
  /** How the last child ended, when one did. */
  lastExit: { code: number | null; signal: string | null; at: string } | null;
  /** When the next start is due while restarting (ISO time). */
  nextStartAt: string | null;
}

/** The message a supervised child sends once its role is up. */
export interface ReadyMessage { type: 'tingzhen:ready'; setupToken?: string | null }

export function isReadyMessage(m: unknown): m is ReadyMessage {
  return typeof m === 'object' && m !== null && (m as { type?: unknown }).type === 'tingzhen:ready';
}

export interface RoleProcessOptions {
  role: RoleName;
  /** The program's entry (app/bin/tingzhen.js). */
  entry: string;
  env: Record<string, string | undefined>;
  log: Logger;
  /** First restart delay, ms; doubles per restart up to `maxBackoffMs`. */
  backoffMs?: number;
  maxBackoffMs?: number;
  /** A child that stayed up this long is healthy again: the next crash restarts after `backoffMs`. */
  stableAfterMs?: number;
  /** On stop: how long the child may take after SIGTERM before SIGKILL, ms. */
  stopTimeoutMs: number;
  /** Called on every state change (the supervisor's /health reads `status()`). */
  onChange?: (status: RoleStatus) => void;
  /** Called with the ready message of each child. */
  onReady?: (msg: ReadyMessage) => void;
}

export class RoleProcess {
  private child: ChildProcess | null = null;
  private state: RoleState = 'stopped';
  private restarts = 0;
  private upSince: Date | null = null;
  private lastExit: RoleStatus['lastExit'] = null;
  private nextStartAt: Date | null = null;
  private timer: NodeJS.Timeout | null = null;
  private delayMs: number;
  private firstReady: { resolve: () => void; reject: (e: Error) => void } | null = null;

  constructor(private readonly opts: RoleProcessOptions) {
    this.delayMs = opts.backoffMs ?? 1000;
  }

  get role(): RoleName { return this.opts.role; }

  status(): RoleStatus {
    return {
      role: this.opts.role, state: this.state, pid: this.child?.pid ?? null, restarts: this.restarts,
      upSince: this.upSince?.toISOString() ?? null, lastExit: this.lastExit, nextStartAt: this.nextStartAt?.toISOString() ?? null,
    };
  }

  /** Starts the child; resolves when it is ready, rejects if the first child exits before that. */
  start(): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.firstReady = { resolve, reject };
      this.spawn();
    });
  }

  private setState(s: RoleState): void {
    this.state = s;
    this.opts.onChange?.(this.status());
  }

  private spawn(): void {
    this.nextStartAt = null;
    this.setState('starting');
    const child = fork(this.opts.entry, ['start', '--roles', this.opts.role], {
      env: this.opts.env,
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      // Its own process group: a Ctrl-C at the terminal reaches the supervisor only, which stops
      // the roles in order (the gateway drains first) instead of all at once.
      detached: true,
    });
    this.child = child;
    this.opts.onChange?.(this.status());
    child.on('message', (m: unknown) => {
      if (!isReadyMessage(m) || child !== this.child) return;
      this.upSince = new Date();
      this.setState('up');
      this.opts.log.info({ role: this.opts.role, pid: child.pid, restarts: this.restarts }, 'role up');
      this.opts.onReady?.(m);
      this.firstReady?.resolve();
      this.firstReady = null;
    });
    child.on('error', (err) => this.opts.log.error({ role: this.opts.role, err: { message: err.message } }, 'role process error'));
    child.on('exit', (code, signal) => this.onExit(child, code, signal));
  }

  private onExit(child: ChildProcess, code: number | null, signal: NodeJS.Signals | null): void {
    if (child !== this.child) return;
    this.child = null;
    const at = new Date();
    this.lastExit = { code, signal, at: at.toISOString() };
    const wasUpFor = this.upSince ? at.getTime() - this.upSince.getTime() : 0;
    this.upSince = null;
    if (this.state === 'stopping' || this.state === 'stopped') {
      this.setState('stopped');
      return;
    }
    if (this.firstReady) {
      // The first start failed (bad configuration, port taken...): the supervisor reports it and stops.
      this.firstReady.reject(new Error(`the ${this.opts.role} role exited during start-up (code ${code ?? 'none'}, signal ${signal ?? 'none'})`));
      this.firstReady = null;
      this.setState('stopped');
      return;
    }
    if (wasUpFor >= (this.opts.stableAfterMs ?? 60_000)) this.delayMs = this.opts.backoffMs ?? 1000;
    const delay = this.delayMs;
    this.delayMs = Math.min(this.delayMs * 2, this.opts.maxBackoffMs ?? 30_000);
    this.restarts += 1;
    this.nextStartAt = new Date(at.getTime() + delay);
    this.opts.log.error({ role: this.opts.role, code, signal, restartInMs: delay, restarts: this.restarts }, 'role exited: restarting');
    this.setState('restarting');
    this.timer = setTimeout(() => { this.timer = null; this.spawn(); }, delay);
  }

  /** SIGTERM (the role drains), SIGKILL after `stopTimeoutMs`; no restart. */
  async stop(): Promise<void> {
    if (this.timer) { clearTimeout(this.timer); this.timer = null; }
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) {
      this.setState('stopped');
      return;
    }
    this.setState('stopping');
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    child.kill('SIGTERM');
    const killer = setTimeout(() => {
      this.opts.log.warn({ role: this.opts.role }, 'role did not stop in time: killing it');
      child.kill('SIGKILL');
    }, this.opts.stopTimeoutMs);
    await exited;
    clearTimeout(killer);
  }
}
