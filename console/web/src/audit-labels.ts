/** The audit trail's actions and kinds of record by name, zh-CN and en (README "Audit trail"); an unknown one is shown as it is. */
import { lang } from './i18n.js';

type Text = { zh: string; en: string };

export const AUDIT_ACTIONS: Record<string, Text> = {
  login: { zh: '登录', en: 'Sign-in' }, 'login-failed': { zh: '登录失败', en: 'Failed sign-in' }, logout: { zh: '退出登录', en: 'Sign-out' },
  unlock: { zh: '解除登录限制', en: 'Sign-in limit lifted' }, create: { zh: '创建', en: 'Create' }, update: { zh: '修改', en: 'Change' },
  delete: { zh: '删除', en: 'Delete' }, 'role-change': { zh: '更改角色', en: 'Role change' }, disable: { zh: '停用', en: 'Disable' },
  enable: { zh: '启用', en: 'Enable' }, 'password-reset': { zh: '重设密码', en: 'Password reset' }, read: { zh: '查看', en: 'Read' },
  import: { zh: '导入', en: 'Import' }, export: { zh: '导出', en: 'Export' }, dial: { zh: '拨号', en: 'Dial' }, 'dial-refused': { zh: '拒绝拨号', en: 'Dial refused' },
  testcall: { zh: '测试通话', en: 'Test call' }, listen: { zh: '开始监听', en: 'Listen-in' }, 'listen-stop': { zh: '结束监听', en: 'Listen-in ended' },
  claim: { zh: '认领', en: 'Claim' }, release: { zh: '释放', en: 'Release' }, resolve: { zh: '处理完成', en: 'Resolve' },
  closed: { zh: '关闭', en: 'Close' }, defer: { zh: '推迟', en: 'Defer' }, transfer: { zh: '转接', en: 'Transfer' },
};

export const AUDIT_ENTITIES: Record<string, Text> = {
  patient: { zh: '患者', en: 'Patient' }, patient_list: { zh: '患者列表', en: 'Patient list' }, campaign: { zh: '随访活动', en: 'Campaign' },
  call_result: { zh: '通话结果', en: 'Call result' }, call_result_list: { zh: '通话结果列表', en: 'Result list' }, inbound_call: { zh: '热线来电', en: 'Hotline call' },
  inbound_call_list: { zh: '热线来电列表', en: 'Hotline call list' }, escalation: { zh: '待办', en: 'Worklist item' }, escalation_list: { zh: '待办列表', en: 'Worklist' },
  recording: { zh: '录音', en: 'Recording' }, console_user: { zh: '用户', en: 'User' }, user: { zh: '用户', en: 'User' }, login_throttle: { zh: '登录限制', en: 'Sign-in limit' },
  'login-throttle': { zh: '登录限制', en: 'Sign-in limit' }, script: { zh: '话术脚本', en: 'Script' }, attempt: { zh: '拨打尝试', en: 'Call attempt' },
  'live-call': { zh: '实时通话', en: 'Live call' }, audit_log: { zh: '审计日志', en: 'Audit log' },
};

const pick = (table: Record<string, Text>, id: string) => { const x = table[id]; return x ? (lang.value === 'en' ? x.en : x.zh) : id; };
export const actionLabel = (id: string): string => pick(AUDIT_ACTIONS, id);
export const entityLabel = (id: string): string => pick(AUDIT_ENTITIES, id);
