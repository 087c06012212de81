export { interpret } from './interpret.js';
export { yesNoZh, repairFromQuestion } from './yes-no-zh.js';
export { yesNoEn } from './yes-no-en.js';
export { parseNumber, extractQuantities, questOf, numberText, type Quantity, type Quest, type UnitCat } from './number.js';
export { parseBloodPressure, type BloodPressure } from './blood-pressure.js';
export { parseScale, type ScaleResult } from './scale.js';
export { parseDate, type DateResult } from './date.js';
export { detectIntent } from './intent.js';
export { matchChoice } from './choice.js';
export { parseEnNumber, parseEnInteger, enToDigits } from './en-number.js';
export { numberSpans, enNumberText, type NumSpan } from './spans.js';
export { questionFrame, type QuestionFrame } from './question.js';
export {
  EXPECT_KINDS,
  UNITS,
  INTENTS,
  toWire,
  type ExpectKind,
  type Unit,
  type IntentId,
  type ChoiceOption,
  type Expectation,
  type NluRequest,
  type NluResult,
  type NumberResult,
  type YesNo,
} from './types.js';
export { callbackWhen, reportsDeath } from './callback-time.js';
