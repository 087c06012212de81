/**
 * Typed errors with stable codes. Messages are fixed text; variable data goes into `details`
 * (which the logger redacts where it holds patient data). `retryable` tells callers (bullmq,
 * the call pipeline) whether trying again can help. The console words every code for people
 * (console/web/src/error-messages.ts; a test fails when a code has no zh-CN or en message).
 */
export const ERROR_CODES = {
  TZ_ERR_CONFIG_INVALID: { retryable: false, message: 'Configuration is invalid' },
  TZ_ERR_AUDIO_FORMAT: { retryable: false, message: 'Audio data is malformed or in an unsupported format' },
  TZ_ERR_WAV_INVALID: { retryable: false, message: 'WAV file is malformed or unsupported' },
  TZ_ERR_MODEL_MISSING: { retryable: false, message: 'A speech model file is missing' },
  TZ_ERR_MODEL_CORRUPT: { retryable: false, message: 'A speech model file is corrupt or truncated' },
  TZ_ERR_MODEL_LOAD: { retryable: false, message: 'A speech model could not be loaded' },
  TZ_ERR_DOWNLOAD: { retryable: true, message: 'A download failed' },
  TZ_ERR_CHECKSUM: { retryable: false, message: 'Checksum mismatch' },
  TZ_ERR_ENGINE: { retryable: true, message: 'A speech engine failed' },
  TZ_ERR_TTS_UNAVAILABLE: { retryable: false, message: 'No speech synthesizer is available' },
  TZ_ERR_SCRIPT_INVALID: { retryable: false, message: 'Call script is invalid' },
  TZ_ERR_SCRIPT_NOT_FOUND: { retryable: false, message: 'Call script not found' },
  TZ_ERR_DIALOG_STATE: { retryable: false, message: 'Dialog state is invalid for this input' },
  TZ_ERR_LLM: { retryable: true, message: 'The language model endpoint failed' },
  TZ_ERR_LLM_OUTPUT: { retryable: true, message: 'The language model returned output that failed validation' },
  TZ_ERR_ILLEGAL_TRANSITION: { retryable: false, message: 'Illegal state transition' },
  TZ_ERR_CALL_LEG: { retryable: false, message: 'Call leg error' },
  TZ_ERR_PROTOCOL: { retryable: false, message: 'Malformed protocol message' },
  TZ_ERR_AUTH: { retryable: false, message: 'Authentication failed' },
  TZ_ERR_FORBIDDEN: { retryable: false, message: 'Not allowed for this role' },
  TZ_ERR_SIP_REJECTED: { retryable: true, message: 'SIP request rejected' },
  TZ_ERR_DB: { retryable: true, message: 'Database operation failed' },
  TZ_ERR_QUEUE: { retryable: true, message: 'Queue operation failed' },
  TZ_ERR_NOT_FOUND: { retryable: false, message: 'Not found' },
  TZ_ERR_VALIDATION: { retryable: false, message: 'Input failed validation' },
  TZ_ERR_CONFLICT: { retryable: false, message: 'Conflicting change' },
  TZ_ERR_TIMEOUT: { retryable: true, message: 'Operation timed out' },
  TZ_ERR_UNAVAILABLE: { retryable: true, message: 'A part of the platform is not running right now' },
  TZ_ERR_INTERNAL: { retryable: false, message: 'Internal error' },
  TZ_ERR_RECORDING_UNREADABLE: { retryable: false, message: 'The recording cannot be decrypted (another key, or the file was changed)' },
} as const satisfies Record<string, { retryable: boolean; message: string }>;

export type ErrorCode = keyof typeof ERROR_CODES;

export class TzError extends Error {
  readonly code: ErrorCode;
  readonly retryable: boolean;
  readonly details: Readonly<Record<string, unknown>>;

  constructor(code: ErrorCode, details: Record<string, unknown> = {}, options: { cause?: unknown; message?: string; retryable?: boolean } = {}) {
    super(options.message ?? ERROR_CODES[code].message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'TzError';
    this.code = code;
    this.retryable = options.retryable ?? ERROR_CODES[code].retryable;
    this.details = details;
  }

  toJSON(): Record<string, unknown> {
    return { name: this.name, code: this.code, message: this.message, retryable: this.retryable, details: this.details };
  }
}

export function isTzError(err: unknown, code?: ErrorCode): err is TzError {
  return err instanceof TzError && (code === undefined || err.code === code);
}
