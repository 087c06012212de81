/**
 * The one configuration schema of the platform. Every setting is read from one environment
 * variable named in its `env` annotation; nothing else in the code reads process.env.
 * docker-compose.yml is checked against this list by a test.
 */
import { Type, type Static } from '@sinclair/typebox';

const Port = (env: string, def: number, description: string) =>
  Type.Integer({ env, default: def, minimum: 0, maximum: 65535, description });

export const ROLES = ['api', 'gateway', 'worker'] as const;

export const ConfigSchema = Type.Object({
  logLevel: Type.Union(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((l) => Type.Literal(l)), {
    env: 'LOG_LEVEL', default: 'info', description: 'pino log level', fix: 'one of fatal, error, warn, info, debug, trace, silent',
  }),
  httpHost: Type.String({ env: 'HTTP_HOST', default: '127.0.0.1', minLength: 1, description: 'Address the API/console and media WebSocket listen on' }),
  httpPort: Port('HTTP_PORT', 8080, 'Port of the API/console and media WebSocket (0 = any free port)'),
  roles: Type.Array(Type.Union(ROLES.map((r) => Type.Literal(r))), {
    env: 'TINGZHEN_ROLES', default: [...ROLES], minItems: 1, description: 'Roles this process runs (comma separated)', fix: 'a comma-separated list of api, gateway, worker',
  }),
  trustProxy: Type.Optional(Type.String({ env: 'TRUST_PROXY', minLength: 1, pattern: '^(true|false|[0-9]{1,2}|[0-9A-Fa-f.:/]+(\\s*,\\s*[0-9A-Fa-f.:/]+)*)$', description: 'The reverse proxies in front whose X-Forwarded-For / X-Forwarded-Proto are believed (fastify trustProxy): their addresses or CIDRs (comma separated), a hop count, or true (any: only when nothing but the proxy reaches the port); unset = none, the socket address is the client', fix: 'the proxy\'s address(es) or CIDR(s) such as 10.0.0.5,10.1.0.0/16, a hop count such as 1, or true' })),
  opsToken: Type.Optional(Type.String({ env: 'OPS_TOKEN', minLength: 16, description: 'Bearer token (Authorization: Bearer ...) for GET /metrics and the details of GET /health; unset = /metrics is refused and /health says only its status', fix: 'at least 16 random characters, e.g. from `openssl rand -hex 32`' })),
  supervise: Type.Boolean({ env: 'TINGZHEN_SUPERVISE', default: true, description: 'With more than one role, `start` runs each role as its own child process under a supervisor that restarts it, so a crash of one never takes the others down (false: all roles in one process)' }),
  supervisedChild: Type.Boolean({ env: 'TINGZHEN_SUPERVISED', default: false, description: 'Set by the supervisor on the role processes it starts (not for operators): trust the supervisor\'s X-Forwarded-For, report readiness over IPC' }),
  edgeHost: Type.Optional(Type.String({ env: 'TINGZHEN_EDGE_HOST', minLength: 1, description: 'Set by the supervisor on the gateway process (not for operators): the address AudioSocket and the default SIP listener bind, the operator\'s HTTP_HOST (the role\'s own HTTP is on loopback); unset = HTTP_HOST' })),
  dataDir: Type.String({ env: 'TINGZHEN_DATA_DIR', default: '.data', minLength: 1, description: 'Where the embedded database, recordings and downloads live' }),
  databaseUrl: Type.Optional(Type.String({ env: 'DATABASE_URL', pattern: '^postgres(ql)?://', description: 'PostgreSQL URL; unset = embedded PostgreSQL in the data directory', fix: 'a URL like postgres://user:pass@host:5432/db, or unset it to use the embedded database' })),
  databaseRuntimeUrl: Type.Optional(Type.String({ env: 'DATABASE_RUNTIME_URL', pattern: '^postgres(ql)?://', description: 'With DATABASE_URL: the least-privilege role the platform works as (DATABASE_URL\'s user only migrates and grants; created with this password when missing); unset with DATABASE_URL = work as DATABASE_URL\'s user (a warning: the audit trail is then only as safe as that user). The embedded database always uses its own runtime role', fix: 'a URL like postgres://tingzhen_app:pass@host:5432/db naming a plain login role (no superuser, CREATEROLE or CREATEDB), see README "Database roles"' })),
  embeddedPgPort: Port('EMBEDDED_PG_PORT', 54329, 'Port of the embedded PostgreSQL (only when DATABASE_URL is unset)'),
  redisUrl: Type.Optional(Type.String({ env: 'REDIS_URL', pattern: '^rediss?://', description: 'Redis URL for bullmq; unset = bullmq PostgreSQL backend on the same database', fix: 'a URL like redis://127.0.0.1:6379, or unset it to queue jobs in PostgreSQL' })),
  queuePrefix: Type.String({ env: 'QUEUE_PREFIX', default: 'tingzhen', minLength: 1, pattern: '^[A-Za-z0-9_-]+$', description: 'bullmq key/schema prefix' }),
  modelsDir: Type.String({ env: 'TINGZHEN_MODELS_DIR', default: 'models', minLength: 1, description: 'Directory holding the speech models' }),
  recordingsDir: Type.Optional(Type.String({ env: 'RECORDINGS_DIR', minLength: 1, description: 'Where call recordings go (default: <data dir>/recordings)' })),
  hotlineRecording: Type.Boolean({ env: 'HOTLINE_RECORDING', default: true, description: 'Record hotline calls (their script then tells the caller; false: not recorded and not announced)' }),
  recordingRetentionDays: Type.Integer({ env: 'RECORDING_RETENTION_DAYS', default: 90, minimum: 1, description: 'Days a recording is kept' }),
  recordingsEncryptionKey: Type.Optional(Type.String({ env: 'RECORDINGS_ENCRYPTION_KEY', pattern: '^([0-9A-Fa-f]{64}|[A-Za-z0-9+/]{43}=)$', description: 'Encrypts new recordings at rest (AES-256-GCM); they are decrypted on playback. Keep it: recordings encrypted with a lost key cannot be played. Unset = recordings are stored as plain WAV (still 0600 in a 0700 directory)', fix: 'a 32-byte key as 64 hex digits or 44 base64 characters, e.g. from `openssl rand -hex 32`' })),
  asrEndpointSilenceMs: Type.Integer({ env: 'ASR_ENDPOINT_SILENCE_MS', default: 600, minimum: 100, maximum: 5000, description: 'Default trailing silence that ends a caller turn, ms' }),
  vadMinSilenceMs: Type.Integer({ env: 'VAD_MIN_SILENCE_MS', default: 300, minimum: 50, maximum: 3000, description: 'VAD silence that closes a speech segment, ms' }),
  espeakBinary: Type.String({ env: 'ESPEAK_BINARY', default: 'espeak-ng', minLength: 1, description: 'The espeak-ng program (name on PATH or path): the fallback voice of a language without a neural TTS model', fix: 'the path of espeak-ng (Debian: apt-get install espeak-ng espeak-ng-data)' }),
  denoise: Type.Boolean({ env: 'DENOISE', default: false, description: 'Run the GTCRN denoiser on caller audio by default' }),
  gatewayAuthSecret: Type.Optional(Type.String({ env: 'GATEWAY_AUTH_SECRET', minLength: 16, description: 'Secret that signs media-stream tokens', fix: 'at least 16 random characters, e.g. from `openssl rand -hex 32`' })),
  llmBaseUrl: Type.Optional(Type.String({ env: 'LLM_BASE_URL', pattern: '^https?://', description: 'OpenAI-compatible endpoint (…/v1); unset = rules only' })),
  llmApiKey: Type.Optional(Type.String({ env: 'LLM_API_KEY', description: 'API key for the LLM endpoint' })),
  llmModel: Type.String({ env: 'LLM_MODEL', default: 'qwen2.5-7b-instruct', minLength: 1, description: 'Model name sent to the LLM endpoint' }),
  llmTimeoutMs: Type.Integer({ env: 'LLM_TIMEOUT_MS', default: 4000, minimum: 100, maximum: 120000, description: 'LLM request timeout, ms' }),
  gatewayUrl: Type.Optional(Type.String({ env: 'GATEWAY_URL', pattern: '^https?://', description: 'Where campaign workers reach the gateway (POST /v1/dial); unset = this process', fix: 'the gateway base URL, e.g. http://gateway:8081' })),
  audioSocketPort: Type.Optional(Type.Integer({ env: 'AUDIOSOCKET_PORT', minimum: 1, maximum: 65535, description: 'TCP port for Asterisk AudioSocket legs; unset = off' })),
  mediaRelayRtmpPort: Type.Optional(Type.Integer({ env: 'MEDIA_RELAY_RTMP_PORT', minimum: 1, maximum: 65535, description: 'Loopback TCP port of the live listen-in relay\'s RTMP input (the gateway\'s ffmpeg publishers); unset = a free port chosen at start', fix: 'a free port number 1-65535, different from MEDIA_RELAY_HTTP_PORT, or unset' })),
  mediaRelayHttpPort: Type.Optional(Type.Integer({ env: 'MEDIA_RELAY_HTTP_PORT', minimum: 1, maximum: 65535, description: 'Loopback TCP port of the live listen-in relay\'s HTTP-FLV output (read by the listen-in proxy); unset = a free port chosen at start', fix: 'a free port number 1-65535, different from MEDIA_RELAY_RTMP_PORT, or unset' })),
  audioSocketAllow: Type.Array(Type.String({ minLength: 1 }), { env: 'AUDIOSOCKET_ALLOW', default: ['127.0.0.1', '::1', '::ffff:127.0.0.1'], description: 'Addresses allowed to open AudioSocket legs (comma separated)' }),
  sipConfigFile: Type.Optional(Type.String({ env: 'SIP_CONFIG', minLength: 1, description: 'SIP trunks and peers (YAML, see sip-config/README.md); unset = no SIP endpoint', fix: 'the path of a sip.yaml such as sip-config/examples/sip.yaml' })),
  nurseLineUri: Type.Optional(Type.String({ env: 'NURSE_LINE_URI', pattern: '^sips?:', description: 'SIP URI of the nurse line SIP calls are transferred to (REFER, or bridged when REFER fails); unset = no live transfer, the call goes to the worklist', fix: 'a SIP URI such as sip:8001@pbx.hospital.local' })),
  drainTimeoutMs: Type.Integer({ env: 'DRAIN_TIMEOUT_MS', default: 300_000, minimum: 0, maximum: 3_600_000, description: 'On SIGTERM, how long calls in progress may go on while the gateway takes no new ones, ms (give the service manager a longer stop timeout)' }),
  hotlineScript: Type.String({ env: 'HOTLINE_SCRIPT', default: 'triage-hotline', minLength: 1, description: 'Script answering inbound calls that name none' }),
  hospitalName: Type.String({ env: 'HOSPITAL_NAME', default: '医院随访中心', minLength: 1, description: 'Hospital name, the only thing said to an answering machine besides the call-back number' }),
  hospitalCallbackNumber: Type.String({ env: 'HOSPITAL_CALLBACK_NUMBER', default: '', description: 'Call-back number left on voicemail' }),
  defaultCountry: Type.String({ env: 'DEFAULT_COUNTRY', default: 'CN', pattern: '^[A-Z]{2}$', description: 'Country of phone numbers written without a country code', fix: 'an ISO 3166 alpha-2 code such as CN' }),
  hospitalTimezone: Type.String({ env: 'HOSPITAL_TIMEZONE', default: 'Asia/Shanghai', minLength: 1, description: 'IANA timezone of the hospital' }),
});

export type Config = Static<typeof ConfigSchema>;
