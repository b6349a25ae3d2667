// The demo catalog: plans and promotions a fresh install seeds, priced like Azerbaijani prepaid
// offers of 2026. Plain data; catalog.test.ts runs every entry through parsePlan/parsePromotion.
import { parseInstant } from '../domain/calendar.ts';
import type { Plan } from '../domain/catalog.ts';
import { qepik } from '../domain/money.ts';
import type { Promotion } from '../domain/promotions.ts';

const GB = 1024;

export const demoPlans: readonly Plan[] = [
  {
    code: 'SAXLA_NOMRE',
    kind: 'keep_number',
    monthlyPrice: qepik(150),
    durations: [1, 3, 6, 12],
    allowances: { minutes: 5, sms: 5 },
    texts: {
      az: { name: 'Saxla Nömrə', description: 'Nömrəniz aktiv qalır: ayda 5 dəqiqə və 5 SMS.' },
      en: { name: 'Keep My Number', description: 'Keeps your number active, with 5 minutes and 5 SMS a month.' },
      ru: { name: 'Сохрани номер', description: 'Номер остаётся активным: 5 минут и 5 SMS в месяц.' },
      zh: { name: '保号套餐', description: '保持号码有效，每月含5分钟通话和5条短信。' },
    },
    sortOrder: 10,
  },
  {
    code: 'INTERNET_5GB',
    kind: 'data',
    monthlyPrice: qepik(600),
    durations: [1, 3, 6],
    allowances: { dataMb: 5 * GB },
    texts: {
      az: { name: 'İnternet 5 GB', description: 'Ayda 5 GB mobil internet.' },
      en: { name: 'Data 5 GB', description: '5 GB of mobile data a month.' },
      ru: { name: 'Интернет 5 ГБ', description: '5 ГБ мобильного интернета в месяц.' },
      zh: { name: '5GB流量包', description: '每月5GB移动数据流量。' },
    },
    sortOrder: 20,
  },
  {
    code: 'INTERNET_20GB',
    kind: 'data',
    monthlyPrice: qepik(1500),
    durations: [1, 3, 6, 12],
    allowances: { dataMb: 20 * GB },
    texts: {
      az: { name: 'İnternet 20 GB', description: 'Ayda 20 GB mobil internet: video və xəritələr üçün.' },
      en: { name: 'Data 20 GB', description: '20 GB of mobile data a month, enough for video and maps.' },
      ru: { name: 'Интернет 20 ГБ', description: '20 ГБ мобильного интернета в месяц: для видео и карт.' },
      zh: { name: '20GB流量包', description: '每月20GB移动数据流量，看视频、用地图都够用。' },
    },
    sortOrder: 30,
  },
  {
    code: 'DANISIQ_300',
    kind: 'voice',
    monthlyPrice: qepik(800),
    durations: [1, 3, 6],
    allowances: { minutes: 300, sms: 100 },
    texts: {
      az: { name: 'Danışıq 300', description: 'Azərbaycan daxilində ayda 300 dəqiqə və 100 SMS.' },
      en: { name: 'Talk 300', description: '300 minutes and 100 SMS a month within Azerbaijan.' },
      ru: { name: 'Разговоры 300', description: '300 минут и 100 SMS в месяц по Азербайджану.' },
      zh: { name: '通话300分钟', description: '每月300分钟阿塞拜疆境内通话和100条短信。' },
    },
    sortOrder: 40,
  },
  {
    code: 'BEYNELXALQ_100',
    kind: 'international',
    monthlyPrice: qepik(1000),
    durations: [1, 3, 6, 12],
    allowances: { internationalMinutes: 100 },
    texts: {
      az: { name: 'Beynəlxalq 100', description: 'Xaricə ayda 100 dəqiqə zəng.' },
      en: { name: 'International 100', description: '100 minutes a month of calls abroad.' },
      ru: { name: 'Международный 100', description: '100 минут в месяц на звонки за границу.' },
      zh: { name: '国际通话100分钟', description: '每月100分钟国际长途通话。' },
    },
    sortOrder: 50,
  },
  {
    code: 'ROUMINQ_3GB',
    kind: 'roaming',
    monthlyPrice: qepik(1800),
    durations: [1, 3],
    allowances: { roamingMb: 3 * GB },
    texts: {
      az: { name: 'Rouminq 3 GB', description: 'Xaricdə istifadə üçün ayda 3 GB mobil internet.' },
      en: { name: 'Roaming 3 GB', description: '3 GB of mobile data a month to use abroad.' },
      ru: { name: 'Роуминг 3 ГБ', description: '3 ГБ мобильного интернета в месяц за границей.' },
      zh: { name: '漫游3GB', description: '每月3GB境外漫游流量。' },
    },
    sortOrder: 60,
  },
  {
    code: 'ECNEBI_PAKET',
    kind: 'foreign_user',
    monthlyPrice: qepik(1200),
    durations: [1, 3, 6, 12],
    allowances: { internationalMinutes: 60, minutes: 100, dataMb: 3 * GB },
    texts: {
      az: { name: 'Əcnəbilər üçün', description: 'Ayda xaricə 60 dəqiqə, ölkədaxili 100 dəqiqə və 3 GB internet.' },
      en: { name: 'Expat Pack', description: '60 international and 100 local minutes plus 3 GB a month.' },
      ru: { name: 'Для иностранцев', description: 'В месяц: 60 минут за границу, 100 минут по стране и 3 ГБ.' },
      zh: { name: '外籍人士套餐', description: '每月60分钟国际通话、100分钟国内通话和3GB流量。' },
    },
    sortOrder: 70,
  },
  {
    code: 'AILE_4',
    kind: 'family',
    monthlyPrice: qepik(3000),
    durations: [1, 3, 6, 12],
    allowances: { lines: 4, dataMb: 20 * GB, minutes: 500 },
    texts: {
      az: { name: 'Ailə paketi', description: '4 nömrəyədək: ortaq 20 GB internet və 500 dəqiqə.' },
      en: { name: 'Family Plan', description: 'Up to 4 numbers sharing 20 GB of data and 500 minutes.' },
      ru: { name: 'Семейный', description: 'До 4 номеров: общие 20 ГБ интернета и 500 минут.' },
      zh: { name: '家庭套餐', description: '最多4个号码共享20GB流量和500分钟通话。' },
    },
    sortOrder: 80,
  },
  {
    code: 'MULTI_SIM',
    kind: 'multi_sim',
    monthlyPrice: qepik(1000),
    durations: [1, 3, 6, 12],
    allowances: { lines: 3, dataMb: 10 * GB },
    texts: {
      az: { name: 'Multi-SIM', description: 'Bir nömrə, 3 SIM-kart: planşet və saat üçün ortaq 10 GB.' },
      en: { name: 'Multi-SIM', description: 'One number on up to 3 SIMs, sharing 10 GB with a tablet or watch.' },
      ru: { name: 'Мульти-SIM', description: 'Один номер на 3 SIM-картах: общие 10 ГБ для планшета и часов.' },
      zh: { name: '一号多卡', description: '一个号码最多3张SIM卡，平板和手表共享10GB流量。' },
    },
    sortOrder: 90,
  },
];

export const demoPromotions: readonly Promotion[] = [
  {
    kind: 'multi_month',
    code: 'MULTI_MONTH',
    names: { az: 'Uzunmüddətli ödəniş endirimi', en: 'Multi-month discount', ru: 'Скидка за оплату на несколько месяцев', zh: '多月预付优惠' },
    tiers: [{ minMonths: 6, basisPoints: 1000 }, { minMonths: 12, basisPoints: 1500 }],
  },
  {
    kind: 'bundle',
    code: 'BUNDLE',
    names: { az: 'Bir neçə nömrə endirimi', en: 'Multi-line discount', ru: 'Скидка за несколько номеров', zh: '多号码优惠' },
    minLines: 2,
    basisPoints: 500,
  },
  {
    kind: 'automatic',
    code: 'NOVRUZ_2027',
    names: { az: 'Novruz bayramı endirimi', en: 'Novruz holiday discount', ru: 'Скидка к Новрузу', zh: '诺鲁孜节优惠' },
    value: { type: 'percent', basisPoints: 2000 },
    // Through 30 March, Baku time; the end instant is excluded.
    validFrom: parseInstant('2027-03-15T00:00:00+04:00'),
    validUntil: parseInstant('2027-03-31T00:00:00+04:00'),
    planKinds: ['keep_number', 'foreign_user', 'international'],
  },
  {
    kind: 'code',
    code: 'WELCOME10',
    names: { az: 'Xoş gəlmisiniz endirimi', en: 'Welcome discount', ru: 'Приветственная скидка', zh: '新用户优惠' },
    value: { type: 'percent', basisPoints: 1000 },
    validFrom: parseInstant('2026-01-01T00:00:00+04:00'),
    validUntil: parseInstant('2028-01-01T00:00:00+04:00'),
    perCustomerCap: 1,
    combinable: true,
  },
  {
    kind: 'code',
    code: 'STUDENT5',
    names: { az: 'Tələbə endirimi', en: 'Student discount', ru: 'Студенческая скидка', zh: '学生优惠' },
    value: { type: 'fixed', amount: qepik(500) },
    validFrom: parseInstant('2026-09-01T00:00:00+04:00'),
    validUntil: parseInstant('2027-09-01T00:00:00+04:00'),
    minMonths: 3,
    combinable: true,
  },
];
