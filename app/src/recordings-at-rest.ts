/**
 * Recordings at rest (issue 16 item 8), checked once at start-up by the roles that write (gateway)
 * and play (api) them: the directory, 0700 with its files 0600 (group and other bits are taken
 * away, with a warning saying how many), and the optional RECORDINGS_ENCRYPTION_KEY as 32 bytes.
 */
import { join, resolve } from 'node:path';
import { parseRecordingKey, tightenRecordingModes, type Config, type Logger } from '@tingzhen/voice-core';

export interface RecordingsAtRest {
  dir: string;
  /** AES-256-GCM key; undefined: recordings are written as plain WAV. */
  key?: Buffer;
}

export async function recordingsAtRest(config: Config, log: Logger): Promise<RecordingsAtRest> {
  const dir = resolve(config.recordingsDir ?? join(config.dataDir, 'recordings'));
  const key = config.recordingsEncryptionKey !== undefined ? parseRecordingKey(config.recordingsEncryptionKey) : undefined;
  const fixed = await tightenRecordingModes(dir);
  if (fixed.dirFixed || fixed.filesFixed > 0) log.warn({ dirFixed: fixed.dirFixed, filesFixed: fixed.filesFixed }, 'recordings were readable by other users: now readable by the service user only (directory 0700, files 0600)');
  return key ? { dir, key } : { dir };
}
