/**
 * The secret that signs media-stream and dial tokens: GATEWAY_AUTH_SECRET, or (zero-configuration
 * start) a random one generated once and kept in the data directory, readable by its owner only.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Config } from '@tingzhen/voice-core';

export async function gatewaySecret(config: Config): Promise<string> {
  if (config.gatewayAuthSecret !== undefined) return config.gatewayAuthSecret;
  const file = resolve(config.dataDir, 'gateway-secret');
  try {
    const s = (await readFile(file, 'utf8')).trim();
    if (s.length >= 16) return s;
  } catch { /* first start */ }
  await mkdir(resolve(config.dataDir), { recursive: true });
  const secret = randomBytes(32).toString('hex');
  await writeFile(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}
