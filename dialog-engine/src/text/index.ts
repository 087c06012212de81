export { normalizeUtterance, enWords, type Lang, type NormalizeOptions } from './normalize.js';
export { parseChineseNumber, findChineseNumbers, isDigitChar, digitValue, type NumberSpan } from './chinese-number.js';
export {
  toPinyin,
  foldSyllable,
  pinyinFind,
  pinyinIncludesAny,
  pinyinSimilarity,
  editDistance,
  type PinyinMatch,
  type PinyinMatchOptions,
} from './pinyin.js';
