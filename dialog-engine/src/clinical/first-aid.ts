/**
 * The one short life-saving instruction per red flag, said before "hang up and call 120". Written
 * from public first-aid guidance (BE-FAST / 中风120: note the time, nothing by mouth; direct
 * pressure on bleeding; recovery position). No diagnosis, no drugs, no doses. Scripts cannot
 * override these.
 */
import type { RedFlagId } from './types.js';

export const RED_FLAG_INSTRUCTION: Readonly<Partial<Record<RedFlagId, { zh: string; en: string }>>> = {
  'chest-pain-cardiac': { zh: '请立即停止活动，坐下或躺下休息。', en: 'Stop what you are doing and sit or lie down.' },
  'stroke-signs': { zh: '请记下症状开始的时间，不要吃东西，也不要喝水。', en: 'Note the time the symptoms started, and do not eat or drink anything.' },
  'severe-breathing': { zh: '请坐直身体，尽量保持平静。', en: 'Sit upright and try to stay calm.' },
  anaphylaxis: { zh: '如果呼吸困难请坐起来，否则请平躺并抬高双腿。', en: 'If breathing is hard, sit up; otherwise lie flat with your legs raised.' },
  'severe-bleeding': { zh: '请用干净的布用力按住出血的地方。', en: 'Press firmly on the bleeding with a clean cloth.' },
  'altered-consciousness': { zh: '如果病人叫不醒但有呼吸，请让他侧躺。', en: 'If the person cannot be woken but is breathing, turn them onto their side.' },
  suicidal: { zh: '请不要一个人待着，马上请身边的人陪着您。', en: 'Please do not stay alone; ask someone to be with you right now.' },
  poisoning: { zh: '不要催吐，把药瓶或农药瓶带上；如果是煤气，先开窗通风，离开房间。', en: 'Do not make the person vomit; keep the bottle or packet. For gas or fumes, open the windows and get out of the room.' },
  'major-trauma': { zh: '除非有危险，请不要搬动伤者，有出血请用力按住。', en: 'Do not move the injured person unless they are in danger, and press firmly on any bleeding.' },
};
