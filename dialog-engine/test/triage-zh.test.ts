import { describe, expect, it } from 'vitest';
import { triage, type DepartmentId, type DispositionId } from '../src/clinical/index.js';

type Row = [string, DispositionId, DepartmentId | null];

/** Narratives in recognizer style (no punctuation), first and third person. */
const ROWS: Row[] = [
  // red flags
  ['我胸口压着疼出了一身冷汗', 'D1', null],
  ['我爸突然说话不清楚嘴也歪了', 'D1', null],
  ['我妈喘不过气来嘴唇发紫', 'D1', null],
  ['吃了虾以后喉咙发紧全身起疙瘩', 'D1', null],
  ['手指割破了血止不住', 'D1', null],
  ['我老伴晕倒了叫不醒', 'D1', null],
  ['孩子发高烧突然抽搐', 'D1', null],
  ['我最近总觉得活着没意思不想活了', 'D3', null],
  ['我已经吃了一整瓶安眠药不想活了', 'D1', null],
  ['宝宝两个月发烧三十八度二', 'D2', null],
  ['做完手术第三天高烧寒战', 'D2', null],
  // chest, breathing, heart
  ['胸口有点闷', 'D2', null],
  ['深呼吸的时候胸口疼一按就疼', 'D5', 'general-medicine'],
  ['这两天走路有点气短', 'D4', 'respiratory'],
  ['突然喘不上气', 'D2', null],
  ['心慌心跳很快', 'D4', 'cardiology'],
  ['我妈七十五岁今天早上晕倒了一会儿就醒了', 'D2', null],
  // headache, dizziness
  ['头疼三天了还恶心想吐', 'D4', 'neurology'],
  ['经常头疼好几年了', 'D6', 'neurology'],
  ['有点头晕', 'D5', 'neurology'],
  ['发烧头疼脖子发硬', 'D2', null],
  // abdomen
  ['肚子疼得厉害在床上打滚', 'D2', null],
  ['右下腹疼了一天还有点发烧', 'D4', 'general-surgery'],
  ['胃不太舒服两天了', 'D5', 'gastroenterology'],
  ['大便发黑像柏油一样', 'D2', null],
  ['拉肚子一天了', 'D7', null],
  ['拉肚子四天了', 'D5', 'gastroenterology'],
  ['吐了一天喝水都吐', 'D4', 'gastroenterology'],
  ['便秘一个多星期了', 'D6', 'gastroenterology'],
  // fever
  ['我发烧三十八度昨天开始的', 'D7', null],
  ['发烧三十九度八', 'D4', 'general-medicine'],
  ['发烧五天了还没退', 'D4', 'general-medicine'],
  ['孩子三岁发烧三十九度五', 'D4', 'pediatrics'],
  ['我女儿五岁发烧三十八度', 'D5', 'pediatrics'],
  ['宝宝四个月发烧三十八度', 'D4', 'pediatrics'],
  ['孩子发烧身上起了红点压了也不褪色', 'D1', null], // NICE NG240: 疑似脑膜炎球菌病, 立即转运
  // cough, ENT
  ['咳嗽两天有点流鼻涕', 'D7', null],
  ['咳嗽三周了一直不好', 'D5', 'respiratory'],
  ['痰里带血', 'D4', 'respiratory'],
  ['嗓子疼', 'D7', null],
  ['耳朵疼还发烧', 'D5', 'ent'],
  ['流鼻血半个小时了止不住', 'D1', null],
  // injury
  ['从梯子上摔下来腿变形了不能走', 'D4', 'orthopedics'],
  ['骨头都露出来了', 'D2', null],
  ['脚崴了有点肿', 'D5', 'orthopedics'],
  ['孩子摔了一跤头撞到桌角吐了两次', 'D2', null],
  ['切菜切到手口子很深', 'D4', 'general-surgery'],
  ['被狗咬了', 'D4', 'emergency'],
  ['被开水烫了一下手有点红', 'D7', null],
  // wound / post-op
  ['做完手术伤口红肿流脓', 'D4', 'general-surgery'],
  ['伤口裂开了', 'D4', 'general-surgery'],
  // urinary, gyn, obstetrics
  ['尿频尿急尿痛', 'D5', 'urology'],
  ['尿血还发烧腰疼', 'D4', 'urology'],
  ['尿不出来憋得难受', 'D2', null],
  ['怀孕八周下面见红肚子疼', 'D2', null],
  ['月经不规律', 'D6', 'gynecology'],
  ['怀孕了想问问产检', 'D6', 'obstetrics'],
  // mental health
  ['最近心情不好高兴不起来', 'D5', 'psychiatry'],
  ['晚上老是睡不着', 'D6', 'psychiatry'],
  // skin, eyes, teeth
  ['身上起了疹子很痒', 'D6', 'dermatology'],
  ['眼睛红还有眼屎', 'D6', 'ophthalmology'],
  ['眼睛溅进了消毒水', 'D2', null],
  ['牙疼得厉害', 'D5', 'stomatology'],
  // chronic disease, medication
  ['血压一百八十五头疼', 'D2', null],
  ['我想问一下降压药漏吃了一次怎么办', 'D6', 'pharmacy'],
  // A child who swallowed blood-pressure tablets: calcium-channel blockers and beta blockers are
  // 'one pill can kill' drugs; the AAPCC consensus guideline (Olson et al., Clin Toxicol 2005) sends
  // any such ingestion by a child to the ED, so poisoning -> 120, no longer a nurse call (was D3).
  ['孩子把我的降压药吃了两片', 'D1', null],
  ['喝了农药', 'D1', null],
  ['孩子误服了洗衣液', 'D2', null],
  ['我儿子喝了一口消毒水', 'D2', null],
  ['宝宝吞了一颗纽扣电池', 'D2', null],
  ['孩子误吃了奶奶的降压药', 'D1', null],
  ['宝宝把一板药都吃了', 'D1', null],
  ['我有糖尿病想复查一下血糖', 'D6', 'endocrinology'],
  ['这几天腿肿体重长了四斤', 'D4', 'cardiology'],
  ['腰疼', 'D6', 'orthopedics'],
  ['我想挂个号', 'D6', 'general-medicine'],
  ['我有高血压今天量了一百九头有点晕', 'D2', null],
  ['老人摔了一跤站不起来', 'D2', null],
  ['腿摔了肿得很厉害不能走路', 'D4', 'orthopedics'],
  ['吃了药以后全身起风团', 'D4', 'dermatology'],
  ['我家老爷子八十多了这两天发烧咳嗽', 'D4', 'general-medicine'],
  ['孩子一岁半拉肚子一天拉了七八次尿也少了', 'D4', 'pediatrics'],
  ['我怀孕三十周胎动少了', 'D2', null],
  ['血糖测了二点八手抖出冷汗', 'D2', null],
  ['我老婆说她活不下去了', 'D3', null],
];

describe('triage zh', () => {
  for (const [text, disposition, department] of ROWS) {
    it(`${text} -> ${disposition} ${department ?? ''}`, () => {
      const r = triage(text, 'zh');
      expect({ disposition: r.disposition, department: r.department }).toEqual({ disposition, department });
    });
  }
  it('red flags come with no department and a reason', () => {
    const r = triage('我爸胸口压着疼出冷汗', 'zh');
    expect(r.red_flags).toEqual(['chest-pain-cardiac']);
    expect(r.department).toBeNull();
    expect(r.reasons.join(' ')).toContain('chest-pain-cardiac');
  });
  it('uses the age option', () => {
    expect(triage('发烧三十八度', 'zh', { ageMonths: 1 }).disposition).toBe('D2');
  });
});
