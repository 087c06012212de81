/** Department codes scripts and triage use, with the words spoken for them. */
export const DEPARTMENT_LABELS: Readonly<Record<string, { zh: string; en: string }>> = {
  emergency: { zh: '急诊科', en: 'the emergency department' },
  cardiology: { zh: '心血管内科', en: 'cardiology' },
  respiratory: { zh: '呼吸内科', en: 'respiratory medicine' },
  neurology: { zh: '神经内科', en: 'neurology' },
  gastroenterology: { zh: '消化内科', en: 'gastroenterology' },
  'general-surgery': { zh: '普通外科', en: 'general surgery' },
  orthopedics: { zh: '骨科', en: 'orthopaedics' },
  pediatrics: { zh: '儿科', en: 'paediatrics' },
  psychiatry: { zh: '精神心理科', en: 'mental health' },
  'general-medicine': { zh: '普通内科', en: 'general medicine' },
  'infectious-disease': { zh: '发热门诊', en: 'the fever clinic' },
  dermatology: { zh: '皮肤科', en: 'dermatology' },
  urology: { zh: '泌尿外科', en: 'urology' },
  gynecology: { zh: '妇科', en: 'gynaecology' },
  ent: { zh: '耳鼻喉科', en: 'ear, nose and throat' },
  ophthalmology: { zh: '眼科', en: 'ophthalmology' },
  endocrinology: { zh: '内分泌科', en: 'endocrinology' },
  pharmacy: { zh: '药学门诊', en: 'the pharmacy clinic' },
};

export function departmentLabel(code: string | null, lang: 'zh' | 'en'): string {
  if (code === null) return DEPARTMENT_LABELS['general-medicine']![lang];
  return DEPARTMENT_LABELS[code]?.[lang] ?? code;
}
