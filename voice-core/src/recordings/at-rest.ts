/**
 * Recordings at rest (issue 16 item 8): optional AES-256-GCM encryption of a recording file with a
 * key from the environment (RECORDINGS_ENCRYPTION_KEY), and the file modes that keep recordings
 * readable by the service user only. The gateway encrypts when it saves; the console decrypts when
 * a nurse plays it back.
 *
 * File format (`<call>.wav.enc`): "TZREC1\0\0" (8 bytes), the key id (8 bytes: the first bytes of
 * sha256 of the key, to say "another key" rather than "damaged"), the IV (12 random bytes), the
 * ciphertext, the GCM tag (16 bytes). The file's bare name is the additional authenticated data, so
 * a file renamed or swapped for another call's fails to open.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { chmod, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { TzError } from '../errors.js';

const MAGIC = Buffer.from('TZREC1\0\0', 'latin1');
const KEY_ID_BYTES = 8;
/** 96-bit IV: GCM's natural size (NIST SP 800-38D 8.2.2, random IVs). */
const IV_BYTES = 12;
const TAG_BYTES = 16;
const HEADER_BYTES = MAGIC.length + KEY_ID_BYTES + IV_BYTES;

/** The suffix an encrypted recording's name carries. */
export const ENCRYPTED_RECORDING_SUFFIX = '.enc';

/** RECORDINGS_ENCRYPTION_KEY (64 hex digits or 44 base64 characters) to its 32 bytes. */
export function parseRecordingKey(text: string): Buffer {
  const t = text.trim();
  const key = /^[0-9A-Fa-f]{64}$/.test(t) ? Buffer.from(t, 'hex') : /^[A-Za-z0-9+/]{43}=$/.test(t) ? Buffer.from(t, 'base64') : null;
  if (!key || key.length !== 32) {
    throw new TzError('TZ_ERR_CONFIG_INVALID', { field: 'RECORDINGS_ENCRYPTION_KEY' }, { message: 'RECORDINGS_ENCRYPTION_KEY must be 32 bytes: 64 hex digits or 44 base64 characters. Fix: `openssl rand -hex 32`' });
  }
  return key;
}

function keyId(key: Buffer): Buffer {
  return createHash('sha256').update('tingzhen-recording-key').update(key).digest().subarray(0, KEY_ID_BYTES);
}

const aad = (name: string) => Buffer.from(`tingzhen-recording-v1:${name}`, 'utf8');

export function isEncryptedRecording(data: Buffer): boolean {
  return data.length >= HEADER_BYTES + TAG_BYTES && data.subarray(0, MAGIC.length).equals(MAGIC);
}

/** Encrypts a recording to be stored under the bare file name `name` (which must end in .enc). */
export function encryptRecording(plain: Buffer | Uint8Array, key: Buffer, name: string): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(aad(name));
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return Buffer.concat([MAGIC, keyId(key), iv, body, cipher.getAuthTag()]);
}

/** Decrypts a stored recording; a wrong key, another file's name or any changed byte is an error. */
export function decryptRecording(data: Buffer, key: Buffer, name: string): Buffer {
  if (!isEncryptedRecording(data)) throw new TzError('TZ_ERR_RECORDING_UNREADABLE', { reason: 'not-encrypted' });
  if (!data.subarray(MAGIC.length, MAGIC.length + KEY_ID_BYTES).equals(keyId(key))) throw new TzError('TZ_ERR_RECORDING_UNREADABLE', { reason: 'another-key' });
  const iv = data.subarray(MAGIC.length + KEY_ID_BYTES, HEADER_BYTES);
  const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  decipher.setAAD(aad(name));
  decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
  try {
    return Buffer.concat([decipher.update(data.subarray(HEADER_BYTES, data.length - TAG_BYTES)), decipher.final()]);
  } catch (err) {
    throw new TzError('TZ_ERR_RECORDING_UNREADABLE', { reason: 'damaged' }, { cause: err });
  }
}

/**
 * Start-up check of the recordings directory: it must be a directory (created 0700 when missing by
 * the first recording); group/other bits on it or on a recording are taken away. Returns what was
 * tightened (counts only: names are call ids).
 */
export async function tightenRecordingModes(dir: string): Promise<{ dirFixed: boolean; filesFixed: number }> {
  let s;
  try {
    s = await stat(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { dirFixed: false, filesFixed: 0 };
    throw err;
  }
  if (!s.isDirectory()) throw new TzError('TZ_ERR_CONFIG_INVALID', { field: 'RECORDINGS_DIR' }, { message: 'RECORDINGS_DIR is not a directory. Fix: point it at a directory (it is created with mode 0700 when missing)' });
  let dirFixed = false;
  if ((s.mode & 0o077) !== 0) {
    await chmod(dir, 0o700);
    dirFixed = true;
  }
  let filesFixed = 0;
  for (const e of await readdir(dir, { withFileTypes: true })) {
    if (!e.isFile()) continue;
    const p = join(dir, e.name);
    const m = (await stat(p)).mode;
    if ((m & 0o077) !== 0) {
      await chmod(p, m & 0o700);
      filesFixed += 1;
    }
  }
  return { dirFixed, filesFixed };
}
