/**
 * Call results to a JSON-lines file until the campaigns store takes them. The file holds
 * transcripts (patient data): it lives in the data directory, never in logs.
 */
import { appendFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { CallReport, CallSink } from './types.js';

export class FileCallSink implements CallSink {
  constructor(private readonly file: string) {}

  async write(report: CallReport): Promise<void> {
    await mkdir(dirname(this.file), { recursive: true });
    await appendFile(this.file, `${JSON.stringify(report)}\n`);
  }
}

/** Keeps reports in memory (tests, the benchmark). */
export class MemoryCallSink implements CallSink {
  readonly reports: CallReport[] = [];
  async write(report: CallReport): Promise<void> {
    this.reports.push(report);
  }
}
