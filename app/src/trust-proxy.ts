/**
 * TRUST_PROXY -> fastify's `trustProxy` option. Which hops may set X-Forwarded-For and
 * X-Forwarded-Proto decides the client address the login limits count per source, and whether a
 * request came over TLS (the session cookie's Secure flag). Unset: nobody is trusted, the socket's
 * address is the client.
 */
import type { Config } from '@tingzhen/voice-core';

/** fastify's `trustProxy` (a hop count is a function: the types of fastify's options lack the number form). */
export type TrustProxy = boolean | string[] | ((address: string, hop: number) => boolean);

export function trustProxyOption(value: Config['trustProxy']): TrustProxy {
  if (value === undefined || value === 'false') return false;
  if (value === 'true') return true;
  if (/^[0-9]{1,2}$/.test(value)) {
    const hops = Number(value);
    return (_address, hop) => hop < hops;
  }
  return value.split(',').map((s) => s.trim()).filter((s) => s.length > 0);
}

/**
 * A role process behind the supervisor's front door trusts only the front door (loopback), which
 * has already resolved the client's address and protocol against TRUST_PROXY and passes them on.
 */
export function roleTrustProxy(config: Config): TrustProxy {
  return config.supervisedChild ? ['127.0.0.1', '::1'] : trustProxyOption(config.trustProxy);
}
