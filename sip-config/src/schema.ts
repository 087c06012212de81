/**
 * SIP trunks and peers (YAML). Secrets never live in the file: a trunk names the environment
 * variable that holds its password (`passwordEnv`), read by the app's config loading.
 */
import { Type, type Static } from '@sinclair/typebox';

const Host = Type.String({ minLength: 1, maxLength: 253, pattern: '^[A-Za-z0-9.:\\[\\]-]+$', description: 'host name or IP address' });
const Port = Type.Integer({ minimum: 1, maximum: 65535 });
const Id = Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,62}$', description: 'lower-case id: letters, digits, dashes' });
const EnvName = Type.String({ pattern: '^[A-Z][A-Z0-9_]*$', description: 'name of an environment variable (upper case)' });
const Codec = Type.Union([Type.Literal('PCMU'), Type.Literal('PCMA')]);
/** IPv4 address or CIDR block. */
const Cidr = Type.String({ pattern: '^(\\d{1,3}\\.){3}\\d{1,3}(/\\d{1,2})?$', description: 'IPv4 address or CIDR, e.g. 10.0.0.0/24' });

export const TrunkSchema = Type.Object({
  id: Id,
  description: Type.Optional(Type.String({ maxLength: 200 })),
  host: Host,
  port: Type.Optional(Port),
  /** How tingzhen reaches it. 'udp' trunks go through the Kamailio edge (sip.js has no UDP retransmission timers). */
  transport: Type.Union([Type.Literal('tcp'), Type.Literal('tls'), Type.Literal('udp')], { default: 'tcp' }),
  /**
   * Reach the trunk through the Kamailio edge (gateway.edge or gateway.edgeWebSocket) instead of
   * straight: the edge relays our INVITE / REGISTER to `host` over the trunk's `transport`.
   * Default: true for UDP trunks and whenever the gateway uses edgeWebSocket, false otherwise.
   */
  viaEdge: Type.Optional(Type.Boolean()),
  username: Type.Optional(Type.String({ minLength: 1, maxLength: 128 })),
  passwordEnv: Type.Optional(EnvName),
  register: Type.Optional(Type.Boolean()),
  registerExpiresS: Type.Optional(Type.Integer({ minimum: 60, maximum: 86400 })),
  /** Number presented as caller id on campaign calls (P-Asserted-Identity, RFC 3325). */
  callerId: Type.Optional(Type.String({ pattern: '^\\+?[0-9]{3,20}$' })),
  /** Prefix added to dialled numbers (trunk dialling plan). */
  dialPrefix: Type.Optional(Type.String({ pattern: '^[0-9+*#]{0,10}$' })),
  maxConcurrentCalls: Type.Optional(Type.Integer({ minimum: 1, maximum: 10000 })),
  /** Calls per second the carrier allows. */
  maxCallsPerSecond: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 1000 })),
  codecs: Type.Optional(Type.Array(Codec, { minItems: 1, uniqueItems: true })),
}, { additionalProperties: false });

export const PeerSchema = Type.Object({
  id: Id,
  description: Type.Optional(Type.String({ maxLength: 200 })),
  /** Source addresses allowed to send us calls. */
  addresses: Type.Array(Cidr, { minItems: 1 }),
  /** Require digest auth from this peer (username + the env var holding the password). */
  auth: Type.Optional(Type.Object({ username: Type.String({ minLength: 1 }), passwordEnv: EnvName }, { additionalProperties: false })),
  /** Script for calls from this peer (hotline); default: the gateway's default script. */
  script: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
}, { additionalProperties: false });

export const SipConfigSchema = Type.Object({
  gateway: Type.Optional(Type.Object({
    listen: Type.Optional(Type.Object({ host: Host, port: Port }, { additionalProperties: false })),
    /**
     * Reach the Kamailio edge over SIP WebSocket instead of listening (RFC 7118): the gateway
     * connects out, REGISTERs there and takes its calls on that connection. Not with `listen`.
     */
    edgeWebSocket: Type.Optional(Type.String({ pattern: '^wss?://[^\\s]+$', description: 'a ws:// or wss:// URL of the Kamailio edge, e.g. ws://10.0.0.10:8080' })),
    /**
     * The Kamailio edge's SIP address toward the gateways (TCP, or TLS), for a gateway that
     * listens: requests to trunks with viaEdge carry it as a loose Route (RFC 3261 section 16.12).
     */
    edge: Type.Optional(Type.Object({ host: Host, port: Type.Optional(Port), transport: Type.Optional(Type.Union([Type.Literal('tcp'), Type.Literal('tls')])) }, { additionalProperties: false })),
    publicHost: Type.Optional(Host),
    mediaAddress: Type.Optional(Host),
    rtpPorts: Type.Optional(Type.Object({ minPort: Type.Integer({ minimum: 1024, maximum: 65535 }), maxPort: Type.Integer({ minimum: 1024, maximum: 65535 }) }, { additionalProperties: false })),
    codecs: Type.Optional(Type.Array(Codec, { minItems: 1, uniqueItems: true })),
    ringTimeoutMs: Type.Optional(Type.Integer({ minimum: 1000, maximum: 180000 })),
    /**
     * Inbound TCP/TLS connections (RFC 3261 section 18.3): a message not completed within
     * partialMessageTimeoutMs is answered 400 (when it can be) and its connection closed; a
     * connection idle for idleTimeoutMs is closed unless a call runs on it; one source address
     * may hold maxConnectionsPerSource connections. Defaults 10000 ms, 300000 ms, 100 (the
     * gateway's stream-limits.ts, which checks the same bounds).
     */
    streams: Type.Optional(Type.Object({
      partialMessageTimeoutMs: Type.Optional(Type.Integer({ minimum: 100, maximum: 120000, description: 'an integer of milliseconds from 100 to 120000, e.g. 10000' })),
      idleTimeoutMs: Type.Optional(Type.Integer({ minimum: 1000, maximum: 86400000, description: 'an integer of milliseconds from 1000 to 86400000, e.g. 300000' })),
      maxConnectionsPerSource: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000, description: 'an integer from 1 to 100000, e.g. 100' })),
    }, { additionalProperties: false })),
  }, { additionalProperties: false })),
  trunks: Type.Array(TrunkSchema, { default: [] }),
  peers: Type.Array(PeerSchema, { default: [] }),
}, { additionalProperties: false });

export type Trunk = Static<typeof TrunkSchema>;
export type Peer = Static<typeof PeerSchema>;
export type SipConfig = Static<typeof SipConfigSchema>;
