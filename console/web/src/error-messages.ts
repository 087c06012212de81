/**
 * The API's errors in words for people, zh-CN and en, keyed by code: every error code
 * (voice-core errors.ts), every field problem code (voice-core contracts/api-errors.ts) and the
 * labels of the fields an answer can name. Data only (types from voice-core, nothing at run
 * time), so app/test/console-error-messages.test.ts can check that no code lacks a message.
 */
import type { ErrorCode } from '@tingzhen/voice-core/errors';
import type { AuthReason, ConflictReason, FieldProblemCode } from '@tingzhen/voice-core/api-errors';

export interface Text { zh: string; en: string }

/** One message per error code: what happened and, where there is one, what to do. */
export const ERROR_MESSAGES: Record<ErrorCode, Text> = {
  TZ_ERR_CONFIG_INVALID: { zh: '系统配置有误，请联系管理员。', en: 'The system is misconfigured: please tell the administrator.' },
  TZ_ERR_AUDIO_FORMAT: { zh: '音频格式无法识别。', en: 'The audio is in a format the system cannot read.' },
  TZ_ERR_WAV_INVALID: { zh: '录音文件已损坏或格式不受支持。', en: 'The recording file is damaged or in an unsupported format.' },
  TZ_ERR_MODEL_MISSING: { zh: '缺少语音模型文件，请联系管理员。', en: 'A speech model is missing: please tell the administrator.' },
  TZ_ERR_MODEL_CORRUPT: { zh: '语音模型文件已损坏，请联系管理员。', en: 'A speech model file is damaged: please tell the administrator.' },
  TZ_ERR_MODEL_LOAD: { zh: '语音模型无法加载，请联系管理员。', en: 'A speech model could not be loaded: please tell the administrator.' },
  TZ_ERR_DOWNLOAD: { zh: '下载失败，请稍后再试。', en: 'A download failed: try again later.' },
  TZ_ERR_CHECKSUM: { zh: '文件校验失败（内容与预期不符）。', en: 'A file failed its check (its content is not what was expected).' },
  TZ_ERR_ENGINE: { zh: '语音引擎出错，请稍后再试。', en: 'The speech engine failed: try again later.' },
  TZ_ERR_TTS_UNAVAILABLE: { zh: '没有可用的语音合成，机器人无法说话。', en: 'No voice is available: the bot cannot speak.' },
  TZ_ERR_SCRIPT_INVALID: { zh: '话术脚本有误，请检查后再试。', en: 'The call script has mistakes: check it and try again.' },
  TZ_ERR_SCRIPT_NOT_FOUND: { zh: '找不到这个话术脚本，可能已被删除或改名。', en: 'This call script was not found: it may have been removed or renamed.' },
  TZ_ERR_DIALOG_STATE: { zh: '通话状态异常，请重新开始。', en: 'The call got into an unexpected state: start again.' },
  TZ_ERR_LLM: { zh: '大模型服务暂时无法使用。', en: 'The language model service is unavailable right now.' },
  TZ_ERR_LLM_OUTPUT: { zh: '大模型返回的内容无法使用。', en: 'The language model returned something that could not be used.' },
  TZ_ERR_ILLEGAL_TRANSITION: { zh: '当前状态下不能进行此操作，请刷新页面查看最新状态。', en: 'This cannot be done in the current state: reload the page to see the latest.' },
  TZ_ERR_CALL_LEG: { zh: '通话线路出错。', en: 'The call line failed.' },
  TZ_ERR_PROTOCOL: { zh: '收到了无法识别的消息。', en: 'A message could not be understood.' },
  TZ_ERR_AUTH: { zh: '请先登录。', en: 'Please sign in.' },
  TZ_ERR_FORBIDDEN: { zh: '您的角色没有权限进行此操作。', en: 'Your role is not allowed to do this.' },
  TZ_ERR_SIP_REJECTED: { zh: '电话线路拒绝了呼叫。', en: 'The phone line refused the call.' },
  TZ_ERR_DB: { zh: '数据库暂时无法访问，请稍后再试。', en: 'The database cannot be reached right now: try again shortly.' },
  TZ_ERR_QUEUE: { zh: '任务队列暂时无法访问，请稍后再试。', en: 'The job queue cannot be reached right now: try again shortly.' },
  TZ_ERR_NOT_FOUND: { zh: '找不到该记录，可能已被删除。', en: 'That record was not found: it may have been removed.' },
  TZ_ERR_VALIDATION: { zh: '请更正标出的内容后再试。', en: 'Please correct what is marked and try again.' },
  TZ_ERR_CONFLICT: { zh: '该记录刚被修改过，请刷新页面后再试。', en: 'Someone changed this meanwhile: reload the page and try again.' },
  TZ_ERR_TIMEOUT: { zh: '操作超时，请稍后再试。', en: 'This took too long: try again later.' },
  TZ_ERR_UNAVAILABLE: { zh: '系统的一部分正在重启，请几秒后再试。', en: 'Part of the system is restarting: try again in a few seconds.' },
  TZ_ERR_INTERNAL: { zh: '系统内部出错，请稍后再试；如仍出错，请联系管理员。', en: 'Something went wrong inside the system: try again, and tell the administrator if it happens again.' },
  TZ_ERR_RECORDING_UNREADABLE: { zh: '这段录音无法解密（密钥已更换或文件被改动）。', en: 'This recording cannot be decrypted (another key, or the file was changed).' },
};

/** Sign-in refusals (TZ_ERR_AUTH details.reason) in their own words. */
export const AUTH_MESSAGES: Record<AuthReason, Text> = {
  no_session: { zh: '登录已过期，请重新登录。', en: 'Your session has ended: please sign in again.' },
  rate_limited: { zh: '尝试次数过多，请稍后再试。', en: 'Too many attempts: try again later.' },
  bad_credentials: { zh: '用户名或密码错误。', en: 'Wrong username or password.' },
  bad_setup_token: { zh: '设置令牌无效或已用过（见服务器启动日志）。', en: 'The setup token is wrong or already used (see the server start log).' },
};

/** Conflicts that are not "changed meanwhile" (TZ_ERR_CONFLICT details.reason). */
export const CONFLICT_MESSAGES: Record<ConflictReason, Text> = {
  last_admin: { zh: '这是最后一个启用的管理员：请先让另一位用户成为管理员。', en: 'This is the last active administrator: make another user an administrator first.' },
};

/** Answers that carry no code of ours (a proxy's 502, a network failure), by HTTP status class. */
export const STATUS_MESSAGES: Record<'network' | 'client' | 'server', Text> = {
  network: { zh: '无法连接服务器，请检查网络后再试。', en: 'The server cannot be reached: check the network and try again.' },
  client: { zh: '请求未被接受，请刷新页面后再试。', en: 'The request was not accepted: reload the page and try again.' },
  server: { zh: '服务器暂时无法处理，请稍后再试。', en: 'The server cannot handle this right now: try again shortly.' },
};

/** What is wrong with a field; {n} is the limit the answer names. */
export const PROBLEM_MESSAGES: Record<FieldProblemCode, Text> = {
  required: { zh: '必须填写', en: 'is required' },
  unknown_field: { zh: '系统不认识这一项（请刷新页面）', en: 'is not something the system knows (reload the page)' },
  wrong_type: { zh: '类型不对', en: 'has the wrong kind of value' },
  not_allowed: { zh: '不是可选的值', en: 'is not one of the allowed values' },
  too_short: { zh: '至少 {n} 个字符', en: 'needs at least {n} characters' },
  too_long: { zh: '最多 {n} 个字符', en: 'may have at most {n} characters' },
  too_few: { zh: '至少 {n} 项', en: 'needs at least {n} entries' },
  too_many: { zh: '最多 {n} 项', en: 'may have at most {n} entries' },
  too_small: { zh: '不能小于 {n}', en: 'may not be less than {n}' },
  too_large: { zh: '不能大于 {n}', en: 'may not be more than {n}' },
  not_integer: { zh: '必须是整数', en: 'must be a whole number' },
  bad_format: { zh: '格式不对', en: 'is not in the expected format' },
  bad_date: { zh: '不是有效日期', en: 'is not a real date' },
  bad_datetime: { zh: '不是有效的日期时间', en: 'is not a real date and time' },
  bad_character: { zh: '含有不可用的字符（控制字符）', en: 'contains a character that cannot be used (a control character)' },
  malformed: { zh: '某个值格式不对或超出范围', en: 'a value is malformed or out of range' },
  unknown_timezone: { zh: '不是已知的时区', en: 'is not a known time zone' },
  bad_phone: { zh: '不是有效的电话号码', en: 'is not a valid phone number' },
  end_before_start: { zh: '不能早于开始日期', en: 'may not be before the start date' },
  bad_window: { zh: '时段有误：结束时间须晚于开始时间', en: 'a window is wrong: it must end after it starts' },
  bad_username: { zh: '2-64 个字符，只能用小写字母、数字和 _ . -', en: '2-64 characters: lower-case letters, digits and _ . -' },
  taken: { zh: '已被使用，请换一个', en: 'is already in use: choose another' },
  password_too_short: { zh: '密码至少 15 个字符', en: 'The password needs at least 15 characters' },
  password_too_long: { zh: '密码最多 200 个字符', en: 'The password may have at most 200 characters' },
  password_common: { zh: '这是常见或已泄露的密码，请换一个', en: 'This is a common or breached password: choose another' },
  password_repetitive: { zh: '密码不能是重复或连续的字符', en: 'The password may not be repeated or sequential characters' },
  password_context: { zh: '密码不能以用户名或系统名称为主', en: 'The password may not be built on the username or the system name' },
  bad_script: { zh: '话术脚本无法读取（YAML 有误）', en: 'The call script cannot be read (the YAML is wrong)' },
};

/**
 * Field names an API answer can carry, as the pages label them. A field not listed here is shown
 * as "一项输入" / "an input", never by its internal name.
 */
export const FIELD_LABELS: Record<string, Text> = {
  mrn: { zh: '病历号', en: 'MRN' }, name: { zh: '名称', en: 'Name' }, phones: { zh: '电话', en: 'Phone' }, language: { zh: '语言', en: 'Language' },
  timezone: { zh: '时区', en: 'Time zone' }, consentStatus: { zh: '同意状态', en: 'Consent' }, consentAt: { zh: '同意时间', en: 'Consent time' },
  doNotCall: { zh: '勿电联', en: 'Do not call' }, doNotCallReason: { zh: '勿电联原因', en: 'Reason for do not call' }, dischargeDate: { zh: '出院日期', en: 'Discharge date' },
  department: { zh: '科室', en: 'Department' }, diagnosis: { zh: '诊断', en: 'Diagnosis' }, customFields: { zh: '自定义字段', en: 'Custom fields' },
  scriptId: { zh: '话术脚本', en: 'Script' }, scriptVersion: { zh: '脚本版本', en: 'Script version' }, startDate: { zh: '开始日期', en: 'Start date' },
  endDate: { zh: '结束日期', en: 'End date' }, windows: { zh: '拨打时段', en: 'Calling windows' }, maxAttempts: { zh: '最多拨打次数', en: 'Max attempts' },
  concurrency: { zh: '并发数', en: 'Concurrency' }, retryDelaysMinutes: { zh: '重拨间隔', en: 'Retry delay' }, quietDays: { zh: '免打扰日期', en: 'Quiet days' },
  patientIds: { zh: '患者', en: 'Patients' }, username: { zh: '用户名', en: 'Username' }, password: { zh: '密码', en: 'Password' },
  role: { zh: '角色', en: 'Role' }, displayName: { zh: '姓名', en: 'Name' }, token: { zh: '设置令牌', en: 'Setup token' }, note: { zh: '处理记录', en: 'Note' },
  from: { zh: '开始时间', en: 'From' }, to: { zh: '结束时间', en: 'To' }, actor: { zh: '操作人', en: 'User' }, action: { zh: '操作', en: 'Action' },
  entity: { zh: '对象类型', en: 'Kind' }, entityId: { zh: '对象编号', en: 'Id' }, patientId: { zh: '患者编号', en: 'Patient id' },
  limit: { zh: '每页条数', en: 'Page size' }, offset: { zh: '翻页位置', en: 'Page position' }, yaml: { zh: '话术脚本', en: 'Call script' },
};

export const SOME_FIELD: Text = { zh: '一项输入', en: 'An input' };
