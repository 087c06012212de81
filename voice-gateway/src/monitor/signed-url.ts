/**
 * node-media-server v4's signed stream URLs (src/server/broadcast_server.js `verifyAuth`):
 * `?sign=<exp>-<md5(streamPath + "-" + exp + "-" + secret)>`, exp in Unix seconds, streamPath
 * `/<app>/<name>`. The relay checks both publish and play against it when auth is on. The hash is
 * the server's choice (MD5); what protects the stream is the secret, the expiry and the random
 * stream name.
 */
import { createHash, timingSafeEqual } from 'node:crypto';

export const STREAM_APP = 'live';

/** Stream names the relay accepts (its SAFE_NAME_PATTERN). */
export const STREAM_NAME_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

export function streamSign(streamName: string, secret: string, expiresAtS: number): string {
  const path = `/${STREAM_APP}/${streamName}`;
  return `${expiresAtS}-${createHash('md5').update(`${path}-${expiresAtS}-${secret}`).digest('hex')}`;
}

/**
 * Whether `sign` is a valid, unexpired play/publish signature of the stream (what the relay checks;
 * checked here too because node-media-server answers a bad one with 200 and an empty body).
 */
export function checkStreamSign(streamName: string, secret: string, sign: string, nowS = Math.floor(Date.now() / 1000)): boolean {
  const m = /^([0-9]{1,12})-[0-9a-f]{32}$/.exec(sign);
  if (!m || !STREAM_NAME_PATTERN.test(streamName)) return false;
  const expiresAtS = Number(m[1]);
  if (expiresAtS < nowS) return false;
  const expected = Buffer.from(streamSign(streamName, secret, expiresAtS));
  const got = Buffer.from(sign);
  return expected.length === got.length && timingSafeEqual(expected, got);
}
