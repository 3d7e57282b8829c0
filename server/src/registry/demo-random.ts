/**
 * The demo data's randomness and word lists: a fixed-seed PRNG (mulberry32), so the same seed
 * always produces the same people, ratings and inspections, and the Chinese words they are made of.
 */
import type { BadReviewReason } from '@plsr/shared/vocabulary';

export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [min, max]. */
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  /** True with probability p. */
  chance(p: number): boolean;
  /** One of the keys, with probability proportional to its weight. */
  weighted<K extends string | number>(weights: ReadonlyArray<readonly [K, number]>): K;
}

export function mulberry32(seed: number): Random {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  return {
    next,
    int,
    pick: <T>(items: readonly T[]): T => {
      if (items.length === 0) throw new Error('pick from an empty list');
      return items[int(0, items.length - 1)] as T;
    },
    chance: (p) => next() < p,
    weighted: <K extends string | number>(weights: ReadonlyArray<readonly [K, number]>): K => {
      const total = weights.reduce((s, [, w]) => s + w, 0);
      let r = next() * total;
      for (const [key, w] of weights) {
        r -= w;
        if (r < 0) return key;
      }
      const last = weights[weights.length - 1];
      if (!last) throw new Error('weighted pick from an empty list');
      return last[0];
    },
  };
}

/** A UUID-shaped (version 4, RFC variant) id drawn from the PRNG: deterministic, unlike randomUUID. */
export function demoUuid(random: Random): string {
  const hex = Array.from({ length: 32 }, () => random.int(0, 15).toString(16));
  hex[12] = '4';
  hex[16] = (8 + random.int(0, 3)).toString(16);
  const h = hex.join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** Common surnames, weighted towards those frequent in Ningxia (马, 杨, 李, 王 …). */
// prettier-ignore
const SURNAMES: ReadonlyArray<readonly [string, number]> = [
  ['马', 12], ['王', 10], ['李', 10], ['张', 8], ['杨', 7], ['刘', 7], ['田', 3], ['海', 2], ['丁', 2],
  ['金', 2], ['白', 2], ['苏', 2], ['何', 2], ['赵', 3], ['陈', 3], ['周', 2], ['吴', 2], ['孙', 2],
  ['徐', 1], ['郭', 2], ['高', 2], ['罗', 1], ['冯', 1], ['纳', 1], ['虎', 1], ['拓', 1], ['黑', 1],
  ['锁', 1], ['韩', 2], ['曹', 1], ['魏', 1], ['蒋', 1], ['贾', 1], ['段', 1], ['万', 1], ['雍', 1],
];
// prettier-ignore
const GIVEN_CHARS = [
  '建', '国', '军', '文', '明', '华', '平', '红', '玲', '芳', '静', '丽', '伟', '强', '磊', '洋', '勇',
  '艳', '杰', '娟', '涛', '斌', '霞', '鹏', '辉', '刚', '燕', '波', '宁', '海', '凤', '春', '梅', '兰',
  '学', '东', '志', '晓', '小', '雪', '瑞', '欣', '佳', '睿', '宇', '琳', '涵', '福', '贵', '忠', '萍',
  '秀', '英', '成', '林', '亮', '婷', '彦', '俊', '荣', '德', '银', '川', '慧', '颖', '倩', '超', '帅',
];

export function personName(random: Random): string {
  const surname = random.weighted(SURNAMES);
  const given = random.chance(0.7) ? random.pick(GIVEN_CHARS) + random.pick(GIVEN_CHARS) : random.pick(GIVEN_CHARS);
  return surname + given;
}

/** Pairs of characters for law-firm names: 明德, 正和, 博达 … */
// prettier-ignore
const FIRM_FIRST = ['明', '正', '博', '金', '天', '方', '致', '恒', '德', '众', '汇', '昊', '华', '信', '诚', '泰', '瑞', '嘉', '鼎', '君', '宁', '朔', '贺', '塞', '中'];
// prettier-ignore
const FIRM_SECOND = ['德', '和', '达', '鼎', '平', '正', '远', '信', '衡', '诚', '泽', '通', '安', '合', '邦', '元', '宇', '川', '立', '仁', '方', '盛', '峰', '锐', '律'];

/** `count` distinct firm names, each '<省简称><两字>律师事务所(演示)'. */
export function firmNames(random: Random, provinceShort: string, count: number): string[] {
  const names = new Set<string>();
  while (names.size < Math.min(count, FIRM_FIRST.length * (FIRM_SECOND.length - 1))) {
    const first = random.pick(FIRM_FIRST);
    const second = random.pick(FIRM_SECOND);
    if (first !== second) names.add(`${provinceShort}${first}${second}律师事务所(演示)`);
  }
  return [...names];
}

/** '宁夏回族自治区' → '宁夏', '广东省' → '广东', '北京市' → '北京'. */
export function provinceShortName(name: string): string {
  return name.replace(/(壮族|回族|维吾尔)?自治区$|省$|市$|特别行政区$/, '');
}

export const EXEMPT_REASONS = [
  '办公场所重新装修改造,暂不参评',
  '城镇建设拆迁新建,政府办公场所尚未建成,暂不参评',
  '乡镇(街道)区划调整,工作站合并重建中,暂不参评',
] as const;

/** Short comments residents leave, by how satisfied they were. */
export const COMMENTS = {
  // prettier-ignore
  good: [
    '解答很耐心,讲得明白', '律师很专业,帮了大忙', '调解很及时,矛盾解决了', '态度好,办事快',
    '服务热情周到,点赞', '不用跑远路,在村里就办了', '讲解清楚,心里踏实了', '帮我们写了起诉状,很感谢',
    '工作人员很负责,多次电话跟进', '法律顾问经常来村里,方便',
  ],
  fair: ['还可以,就是等的时间有点长', '基本解决了问题', '解答得比较笼统', '人有点多,排队久'],
  bad: ['问了几次都没说清楚', '去了两次都没人', '态度不太好', '拖了很久也没有结果', '感觉不太专业'],
} as const;

/** Optional free text beside a bad-review reason code. */
export const REASON_TEXTS: Record<BadReviewReason, readonly string[]> = {
  poor_attitude: ['说话不耐烦', '爱答不理的'],
  unprofessional: ['问的问题答不上来', '说法前后不一致'],
  slow: ['一个多月了还没办完', '说好的回电话一直没打'],
  not_solved: ['纠纷还是没有解决', '跑了好几趟问题还在'],
  asked_for_fees: ['说要先交钱才给办'],
  absent: ['上班时间去了没人', '值班表上的人不在'],
  other: ['希望改进'],
};
