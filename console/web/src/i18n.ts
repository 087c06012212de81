/** UI text, zh-CN first. `t(key)` in the current language; missing English falls back to Chinese. */

export type Lang = 'zh-CN' | 'en';
const zh = {
  auditLog: '审计日志', auditActor: '操作人', auditAction: '操作', auditEntity: '对象类型', auditEntityId: '对象编号', auditPatientId: '患者编号', auditDetails: '详情',
  auditClear: '清除筛选', auditExport: '导出 CSV', auditVerify: '校验哈希链', auditIntact: '审计日志完整：{n} 条记录，未发现篡改', auditBroken: '审计日志被篡改：发现 {n} 处问题', auditMore: '更早的记录',
  appName: '听诊 · 护士工作台', signIn: '登录', signOut: '退出登录', username: '用户名', password: '密码', badLogin: '用户名或密码错误',
  rateLimited: '尝试次数过多，请稍后再试', setupTitle: '创建第一个管理员', setupToken: '一次性设置令牌（见服务器启动日志）', create: '创建',
  language: 'Language / 语言', patients: '患者', campaigns: '随访活动', results: '通话结果', worklist: '待办', testCall: '测试通话', users: '用户管理',
  forbidden: '您没有权限访问此页面。', loading: '加载中…', error: '出错了', save: '保存', cancel: '取消', search: '搜索', none: '无',
  importTitle: '导入患者（CSV / XLSX）', chooseFile: '选择文件', checkFile: '检查文件', confirmImport: '确认导入有效行', importRows: '行数', importValid: '有效',
  importHint: '第一行为列名，可用中文或英文：病历号、姓名、手机号（必填），性别、出生日期、科室、诊断、出院日期、同意状态（选填）。支持 Excel 另存的 CSV（GBK 或 UTF-8）、Unicode 文本和 XLSX。下载模板：',
  templateCsv: 'CSV 模板', templateXlsx: 'Excel 模板', importPreview: '解析结果（前 {n} 行，请核对姓名等是否正确）', importWarnings: '提醒', fileEncoding: '文件编码',
  diagnosis: '诊断', dischargeDate: '出院日期',
  issue_unknown_column: '未识别的列：其中 {n} 个值不会导入（可改成模板中的列名，或改名为 custom.列名 以保留）', issue_duplicate_column: '与“{other}”列对应同一字段：其中 {n} 个值不会导入',
  issue_above_header: '位于列名行之上，不导入', issue_unclosed_quote: '引号未闭合：此行的某个字段以 " 开头却没有结束（此行未导入）',
  issue_bad_quote: '引号后还有文字：请把整个字段放在引号内，字段中的 " 写成 ""（此行未导入）', issue_undecodable: '含有无法按文件编码识别的字节（乱码），此行未导入',
  issue_duplicate_phone: '与第 {row} 行（病历号 {mrn}）的电话相同', issue_duplicate_phone_db: '与系统中已有患者（病历号 {mrn}）的电话相同', issue_missing_column: '缺少此列',
  importInvalid: '无效', imported: '已导入', row: '行', column: '列', problem: '问题', mrn: '病历号', name: '姓名', phone: '电话', department: '科室',
  consent: '同意状态', doNotCall: '勿电联', reason: '原因', edit: '编辑', consent_unknown: '未知', consent_granted: '已同意', consent_refused: '拒绝', consent_withdrawn: '已撤回',
  newCampaign: '新建随访活动', script: '话术脚本', preview: '对话预览', startDate: '开始日期', endDate: '结束日期', timezone: '时区',
  windows: '拨打时段（每周）', maxAttempts: '最多拨打次数', retryMinutes: '重拨间隔（分钟）', concurrency: '并发数', selectPatients: '选择患者', selectAll: '全选',
  no_answer: '无人接听', busy: '忙线', failed: '失败', voicemail: '语音信箱', answered: '已接听', queued: '排队中', dialing: '拨号中', expired: '已过期', cancelled: '已取消', rejected: '已拒绝', held: '暂缓',
  start: '开始', pause: '暂停', resume: '继续', cancelCampaign: '终止', state: '状态', progress: '进度', outcomes: '结果统计', outcomesOverTime: '结果随时间变化',
  draft: '草稿', scheduled: '已排期', running: '进行中', paused: '已暂停', completed: '已完成',
  gatewayUnreachable: '语音网关无法连接，暂停拨号至', gatewayUnreachableShort: '网关无法连接',
  contacts: '联系人', pending: '待拨', active: '进行中', exhausted: '次数用尽', opted_out: '退出', unreachable: '无法联系', skipped: '跳过',
  disposition: '处置', redFlag: '危险信号', from: '从', to: '到', duration: '时长', time: '时间', open: '打开', filter: '筛选', all: '全部',
  transcript: '通话记录', answers: '回答', summary: '摘要', tags: '标签', recording: '录音', latency: '每轮延迟', turn: '轮次', gap: '响应间隔',
  speaker: '说话人', caller: '患者', bot: '机器人', confidence: '置信度', noRecording: '无录音', noLatency: '无延迟数据',
  priority: '优先级', claim: '认领', resolve: '处理完成', note: '处理记录', claimedBy: '认领人', overdue: '已超时', newItems: '条新待办',
  release: '释放', resolved: '已处理', claimed: '已认领', call: '拨回',
  startCall: '开始通话', hangUp: '挂断', micNeeded: '需要麦克风权限', botSpeaking: '机器人正在说话', connected: '已连接', disconnected: '已断开',
  role: '角色', admin: '管理员', nurse: '护士', viewer: '只读', disabled: '已停用', addUser: '添加用户', enable: '启用', disable: '停用',
  hotlineCall: '热线来电', hotlineCalls: '热线来电', callerNumber: '来电号码', calledNumber: '呼入号码', unknownNumber: '号码未知', callbackAt: '约定回电',
  outcome: '通话结局', interruptedCall: '此通话因系统故障中断：中断前的回答已保存', resumedFrom: '接续被中断的通话（尝试 #{id}），沿用之前的回答：', restartedAfter: '被中断的通话（尝试 #{id}）已从头重新询问', carriedFrom: '沿用自尝试 #{id}', callLang: '通话语言', lang_zh: '中文', lang_en: '英文', recordingDeleted: '录音已按保存期限删除', includeTests: '显示测试通话', testTag: '测试通话',
  callerHotline: '来电者', unknownPatient: '患者信息缺失', via_dtmf: '按键', via_speech: '语音', via_llm: '语音（大模型）',
  retryIn: '{s} 秒后可再试', loginThrottles: '登录限制', throttleKind: '类型', throttle_user: '账号', throttle_ip: '来源地址', throttleSubject: '账号或地址',
  failures: '失败次数', lastFailure: '最近失败', lockedUntil: '延迟至', unlock: '解除限制', throttled: '延迟中', noThrottles: '目前没有登录失败记录',
  showResolved: '显示已处理的待办', resolvedBy: '处理人', resolvedAt: '处理时间', timezoneCommon: '常用', timezoneAll: '全部时区',
  patientSearch: '搜索患者（姓名、病历号或手机尾号）', phoneTail: '尾号', selectShown: '全选显示的患者（{n} 位）', chosenCount: '已选 {n} 位',
  emptyWorklist: '目前没有需要处理的待办。有通话需要护士跟进时会出现在这里，并响铃提醒。', emptyWorklistAll: '还没有任何待办，已处理的也没有。',
  emptyHotline: '还没有热线来电。来电结束后会列在这里；勾选“显示测试通话”可查看测试通话。', emptyAudit: '没有符合筛选条件的记录。请放宽筛选条件，或点“清除筛选”。',
  emptyPatients: '还没有患者。请用上方的“导入患者”导入 CSV 或 Excel 文件。', emptySearch: '没有符合搜索的患者，请换个关键词。',
  emptyCampaigns: '还没有随访活动。点“新建随访活动”开始第一个。', emptyResults: '没有通话结果。随访活动开始拨打后结果会出现在这里；如已设置筛选，请放宽条件。',
  emptyPicker: '还没有患者：请先到“患者”页导入，再回来选择。', auditAnyUser: '全部用户', auditAnyAction: '全部操作', auditSystem: '系统',
  signedOut: '登录已过期，请重新登录。',
  saved: '已保存', campaignName: '活动名称', esc_open: '待处理', esc_claimed: '已认领', esc_resolved: '已处理', csv: '导出 CSV', chartEmpty: '暂无结果', live: '实时', campaign: '活动', total: '合计',
};
type Key = keyof typeof zh;
const en: Partial<Record<Key, string>> = {
  auditLog: 'Audit log', auditActor: 'User', auditAction: 'Action', auditEntity: 'Kind', auditEntityId: 'Id', auditPatientId: 'Patient id', auditDetails: 'Details',
  auditClear: 'Clear filters', auditExport: 'Export CSV', auditVerify: 'Check hash chain', auditIntact: 'Audit log intact: {n} rows, no tampering found', auditBroken: 'Audit log tampered with: {n} problem(s) found', auditMore: 'Older rows',
  appName: 'Tingzhen · Nurse console', signIn: 'Sign in', signOut: 'Sign out', username: 'Username', password: 'Password', badLogin: 'Wrong username or password',
  rateLimited: 'Too many attempts, try again later', setupTitle: 'Create the first administrator', setupToken: 'One-time setup token (see the server start log)', create: 'Create',
  patients: 'Patients', campaigns: 'Campaigns', results: 'Results', worklist: 'Worklist', testCall: 'Test call', users: 'Users',
  forbidden: 'You do not have access to this page.', loading: 'Loading…', error: 'Something went wrong', save: 'Save', cancel: 'Cancel', search: 'Search', none: 'None',
  importTitle: 'Import patients (CSV / XLSX)', chooseFile: 'Choose file', checkFile: 'Check file', confirmImport: 'Import the valid rows', importRows: 'Rows', importValid: 'Valid',
  importHint: 'The first row names the columns, in English or Chinese: mrn, name, phone (required); gender, birth_date, department, diagnosis, discharge_date, consent_status (optional). CSV from Excel (UTF-8 or GBK), Unicode text and XLSX are read. Templates:',
  templateCsv: 'CSV template', templateXlsx: 'Excel template', importPreview: 'As read from the file (first {n} rows: check the names)', importWarnings: 'Warnings', fileEncoding: 'File encoding',
  diagnosis: 'Diagnosis', dischargeDate: 'Discharge date',
  issue_unknown_column: 'Unknown column: its {n} value(s) are not imported (rename it as in the template, or to custom.<name> to keep it)', issue_duplicate_column: 'Same field as column "{other}": its {n} value(s) are not imported',
  issue_above_header: 'Above the header row: not imported', issue_unclosed_quote: 'Unclosed quote: a field opened with " does not close on this line (line not imported)',
  issue_bad_quote: 'Text after a closing quote: quote the whole field and double any " inside it (line not imported)', issue_undecodable: 'Holds bytes that are not text in the file\'s encoding (garbled): row not imported',
  issue_duplicate_phone: 'Same phone as row {row} (MRN {mrn})', issue_duplicate_phone_db: 'Same phone as patient MRN {mrn} already in the system', issue_missing_column: 'Missing column',
  importInvalid: 'Invalid', imported: 'Imported', row: 'Row', column: 'Column', problem: 'Problem', mrn: 'MRN', name: 'Name', phone: 'Phone', department: 'Department',
  consent: 'Consent', doNotCall: 'Do not call', reason: 'Reason', edit: 'Edit', consent_unknown: 'Unknown', consent_granted: 'Granted', consent_refused: 'Refused', consent_withdrawn: 'Withdrawn',
  newCampaign: 'New campaign', script: 'Script', preview: 'Conversation preview', startDate: 'Start date', endDate: 'End date', timezone: 'Time zone',
  windows: 'Calling windows (weekly)', maxAttempts: 'Max attempts', retryMinutes: 'Retry delay (minutes)', concurrency: 'Concurrency', selectPatients: 'Patients', selectAll: 'Select all',
  no_answer: 'No answer', busy: 'Busy', failed: 'Failed', voicemail: 'Voicemail', answered: 'Answered', queued: 'Queued', dialing: 'Dialing', expired: 'Expired', cancelled: 'Cancelled', rejected: 'Rejected', held: 'Held',
  start: 'Start', pause: 'Pause', resume: 'Resume', cancelCampaign: 'Cancel', state: 'State', progress: 'Progress', outcomes: 'Outcomes', outcomesOverTime: 'Outcomes over time',
  draft: 'Draft', scheduled: 'Scheduled', running: 'Running', paused: 'Paused', completed: 'Completed',
  gatewayUnreachable: 'Voice gateway unreachable: no calls placed until', gatewayUnreachableShort: 'Gateway unreachable',
  contacts: 'Contacts', pending: 'Pending', active: 'Active', exhausted: 'Exhausted', opted_out: 'Opted out', unreachable: 'Unreachable', skipped: 'Skipped',
  disposition: 'Disposition', redFlag: 'Red flag', from: 'From', to: 'To', duration: 'Duration', time: 'Time', open: 'Open', filter: 'Filter', all: 'All',
  transcript: 'Transcript', answers: 'Answers', summary: 'Summary', tags: 'Tags', recording: 'Recording', latency: 'Turn latency', turn: 'Turn', gap: 'Gap',
  speaker: 'Speaker', caller: 'Patient', bot: 'Bot', confidence: 'Confidence', noRecording: 'No recording', noLatency: 'No latency data',
  priority: 'Priority', claim: 'Claim', resolve: 'Resolve', note: 'Note', claimedBy: 'Claimed by', overdue: 'Overdue', newItems: 'new items',
  release: 'Release', resolved: 'Resolved', claimed: 'Claimed', call: 'Call back',
  startCall: 'Start call', hangUp: 'Hang up', micNeeded: 'Microphone permission needed', botSpeaking: 'Bot speaking', connected: 'Connected', disconnected: 'Disconnected',
  role: 'Role', admin: 'Admin', nurse: 'Nurse', viewer: 'Viewer', disabled: 'Disabled', addUser: 'Add user', enable: 'Enable', disable: 'Disable',
  hotlineCall: 'Hotline call', hotlineCalls: 'Hotline calls', callerNumber: 'Caller number', calledNumber: 'Number dialled', unknownNumber: 'Number unknown', callbackAt: 'Call back at',
  outcome: 'Outcome', interruptedCall: 'This call was cut by a system fault: the answers given before it are kept', resumedFrom: 'Resumes the interrupted call (attempt #{id}), keeping its answers: ', restartedAfter: 'Started over after the interrupted call (attempt #{id})', carriedFrom: 'kept from attempt #{id}', callLang: 'Call language', lang_zh: 'Mandarin', lang_en: 'English', recordingDeleted: 'Recording deleted after retention', includeTests: 'Show test calls', testTag: 'Test call',
  callerHotline: 'Caller', unknownPatient: 'Patient record missing', via_dtmf: 'keypad', via_speech: 'speech', via_llm: 'speech (LLM)',
  retryIn: 'try again in {s} s', loginThrottles: 'Sign-in limits', throttleKind: 'Kind', throttle_user: 'Account', throttle_ip: 'Source address', throttleSubject: 'Account or address',
  failures: 'Failures', lastFailure: 'Last failure', lockedUntil: 'Delayed until', unlock: 'Lift limit', throttled: 'Delayed', noThrottles: 'No failed sign-ins right now',
  showResolved: 'Show resolved items', resolvedBy: 'Resolved by', resolvedAt: 'Resolved at', timezoneCommon: 'Common', timezoneAll: 'All time zones',
  patientSearch: 'Search patients (name, MRN or last digits of the phone)', phoneTail: 'ends', selectShown: 'Select the patients shown ({n})', chosenCount: '{n} chosen',
  emptyWorklist: 'Nothing needs a nurse right now. Calls that do appear here, with a sound.', emptyWorklistAll: 'No worklist items yet, resolved or open.',
  emptyHotline: 'No hotline calls yet. Calls are listed here when they end; tick "Show test calls" to see test calls.', emptyAudit: 'No rows match the filters. Widen them, or press "Clear filters".',
  emptyPatients: 'No patients yet. Import a CSV or Excel file with "Import patients" above.', emptySearch: 'No patient matches the search: try other words.',
  emptyCampaigns: 'No campaigns yet. Press "New campaign" to start the first one.', emptyResults: 'No call results. They appear here once a campaign calls; if filters are set, widen them.',
  emptyPicker: 'No patients yet: import them on the Patients page first, then come back.', auditAnyUser: 'Any user', auditAnyAction: 'Any action', auditSystem: 'System',
  signedOut: 'Your session has ended: please sign in again.',
  saved: 'Saved', campaignName: 'Campaign name', esc_open: 'Open', esc_claimed: 'Claimed', esc_resolved: 'Resolved', csv: 'Export CSV', chartEmpty: 'No results yet', live: 'Live', campaign: 'Campaign', total: 'Total',
};

const stored = typeof localStorage !== 'undefined' ? localStorage.getItem('tz.lang') : null;
export const lang = { value: (stored === 'en' ? 'en' : 'zh-CN') as Lang };
/** Sets the language; the caller re-renders the app (App keeps it in state). */
export function setLang(l: Lang): void {
  lang.value = l;
  localStorage.setItem('tz.lang', l);
  document.documentElement.lang = l;
}
export function t(key: Key | string): string {
  const k = key as Key;
  return (lang.value === 'en' ? en[k] : undefined) ?? zh[k] ?? key;
}
