/**
 * node-media-server v4's signed stream URLs (src/server/broadcast_server.js `verifyAuth`):
 * `?sign=<exp>-<md5(streamPath + "-" + exp + "-" + secret)>`, exp in Unix seconds, streamPath
 * `/<app>/<name>`. The relay checks both publish and play against it when auth is on. The hash is
 * the server's choice (MD5); what protects the stream is the secret, the expiry and the random
 * stream name.
 */
import { createHash } from 'node:crypto';

export const STREAM_APP = 'live';

/** Stream names the relay accepts (its SAFE_NAME_PATTERN). */
export const STREAM_NAME_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

export function streamSign(streamName: string, secret: string, expiresAtS: number): string {
  const path = `/${STREAM_APP}/${streamName}`;
  return `${expiresAtS}-${createHash('md5').update(`${path}-${expiresAtS}-${secret}`).digest('hex')}`;
}
