export { SYMPTOM_IDS, RED_FLAG_IDS, isSymptomId, type SymptomId, type RedFlagId, type ClinicalLang, type Mention, type MentionStatus, type Subject } from './types.js';
export { extractSymptoms, FEVER_C, type SymptomOptions, type SymptomResult } from './symptoms.js';
export { detectRedFlags, INFANT_FEVER_C, INFANT_FEVER_MAX_MONTHS, POSTOP_SEPSIS_C, type RedFlagContext } from './redflags.js';
export { DISPOSITION_LADDER, DISPOSITION_IDS, RED_FLAG_DISPOSITION, moreUrgent, redFlagDisposition, type DispositionInfo, type DispositionId, type RedFlagDispositionOptions } from './dispositions.js';
export { RED_FLAG_INSTRUCTION } from './first-aid.js';
export { DEPARTMENTS, departmentLabel, isDepartmentId, type DepartmentId } from './departments.js';
export { triage, ELDERLY_YEARS, CHILD_YEARS, type TriageOptions, type TriageResult } from './triage.js';
export { findMentions, normalizeNarrative } from './mentions.js';
export { extractTemperatureC, extractAge, extractDurationDays, extractSystolic, parseEnglishNumber, type Age } from './quantities.js';
