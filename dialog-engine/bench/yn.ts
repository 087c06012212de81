// Debug: read one yes/no answer. Usage: tsx bench/yn.ts zh|en "question" "answer"
import { interpret } from '../src/nlu/index.js';
const [lang, asked, utterance] = process.argv.slice(2) as ['zh' | 'en', string, string];
console.log(JSON.stringify(interpret({ lang, asked, utterance, expect: 'yes-no' })));
