export { normalizeUtterance, enWords, type Lang, type NormalizeOptions } from './normalize.js';
export { parseChineseNumber, findChineseNumbers, isDigitChar, digitValue, type NumberSpan } from './chinese-number.js';
export {
  toPinyin,
  foldSyllable,
  pinyinFind,
  pinyinIncludesAny,
  pinyinRepair,
  pinyinSimilarity,
  editDistance,
  type PinyinMatch,
  type PinyinMatchOptions,
  type PinyinRepairOptions,
} from './pinyin.js';
export { mandarinFromDialect } from './dialect.js';
