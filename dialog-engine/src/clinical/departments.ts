/**
 * Hospital departments a triage or a script may recommend (导诊), as stable ids with the labels
 * the bot speaks. The one table for clinical triage and script templates.
 */

export const DEPARTMENTS = {
  cardiology: { zh: '心血管内科', en: 'Cardiology' },
  neurology: { zh: '神经内科', en: 'Neurology' },
  respiratory: { zh: '呼吸内科', en: 'Respiratory medicine' },
  gastroenterology: { zh: '消化内科', en: 'Gastroenterology' },
  'general-surgery': { zh: '普通外科', en: 'General surgery' },
  orthopedics: { zh: '骨科', en: 'Orthopaedics' },
  pediatrics: { zh: '儿科', en: 'Paediatrics' },
  dermatology: { zh: '皮肤科', en: 'Dermatology' },
  ent: { zh: '耳鼻喉科', en: 'ENT' },
  ophthalmology: { zh: '眼科', en: 'Ophthalmology' },
  urology: { zh: '泌尿外科', en: 'Urology' },
  gynecology: { zh: '妇科', en: 'Gynaecology' },
  obstetrics: { zh: '产科', en: 'Obstetrics' },
  endocrinology: { zh: '内分泌科', en: 'Endocrinology' },
  psychiatry: { zh: '精神心理科', en: 'Psychiatry and psychology' },
  emergency: { zh: '急诊科', en: 'Emergency department' },
  'general-medicine': { zh: '普通内科', en: 'General medicine' },
  stomatology: { zh: '口腔科', en: 'Dentistry (stomatology)' },
  nephrology: { zh: '肾内科', en: 'Nephrology' },
  'infectious-disease': { zh: '感染科', en: 'Infectious diseases' },
  pharmacy: { zh: '药学门诊', en: 'Pharmacy clinic' },
} as const satisfies Record<string, { zh: string; en: string }>;

export type DepartmentId = keyof typeof DEPARTMENTS;

/** Adult medical departments that become 儿科 for a child. Surgical and organ specialties stay. */
export const PEDIATRIC_OVERRIDE: ReadonlySet<DepartmentId> = new Set<DepartmentId>([
  'general-medicine', 'respiratory', 'gastroenterology', 'cardiology', 'neurology', 'infectious-disease', 'endocrinology', 'nephrology',
]);

export function isDepartmentId(code: string): code is DepartmentId {
  return Object.prototype.hasOwnProperty.call(DEPARTMENTS, code);
}

/** Spoken label for a department id; null (none given) reads as general medicine, an unknown id as itself. */
export function departmentLabel(code: string | null, lang: 'zh' | 'en'): string {
  if (code === null) return DEPARTMENTS['general-medicine'][lang];
  return isDepartmentId(code) ? DEPARTMENTS[code][lang] : code;
}
