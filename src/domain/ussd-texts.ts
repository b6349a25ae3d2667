// The *101# menu's words in every customer language. Russian and Chinese screens are UCS-2 (80 units),
// so their wordings are telegraphic on purpose; Azerbaijani and Turkish are written properly here
// and transliterated to GSM 7-bit when the screen is composed (182 septets).
import type { LineStatus } from './lifecycle.ts';
import { locales, type Locale } from './money.ts';
import type { UsageKind } from './vocabularies.ts';

export interface UssdTexts {
  readonly balance: (amount: string) => string;
  /** Stage and validity end together: "Active until 10.01.2027". */
  readonly stage: (status: LineStatus, validUntil: string) => string;
  /** Days of validity left, shown when the end is near. */
  readonly daysLeft: (days: number) => string;
  /** Days until the number may go to someone else, shown once the line has lapsed. */
  readonly lossIn: (days: number) => string;
  /** The four main options, one a line. */
  readonly menu: readonly [string, string, string, string];
  /** The same four, two a line, for screens the countdown crowds. */
  readonly menuCompact: readonly [string, string];
  /** When even that does not fit (UCS-2 with a countdown): renew, and 9 for the full menu. */
  readonly menuShort: string;
  /** The stage alone, for the leanest first screen. */
  readonly stageShort: (status: LineStatus) => string;
  readonly back: string;
  readonly next: string;
  readonly invalid: string;
  readonly choosePlan: string;
  readonly plansHeader: string;
  /** "Keep My Number 1.50 AZN/mo" in the plans list. */
  readonly perMonth: (price: string) => string;
  readonly months: (n: number) => string;
  readonly chooseMonths: string;
  readonly confirm: (price: string, until: string) => readonly string[];
  readonly payFromBalance: string;
  readonly renewThisPlan: string;
  readonly insufficient: (price: string, balance: string) => string;
  readonly renewed: (plan: string, months: string, price: string, until: string, balance: string) => string;
  readonly topUpsHeader: string;
  readonly noTopUps: string;
  readonly chooseLanguage: string;
  /** Quarantine and recyclable: nothing to do by USSD. */
  readonly restoreAtStore: (days: number) => string;
  readonly released: string;
  readonly unavailable: string;
  /** The fifth option, shown on the full menu: what is left in the packs. */
  readonly packsItem: string;
  readonly packsHeader: string;
  readonly noPacks: string;
  /** When the packs renew: "Renews 21.12.2026". */
  readonly packsRenew: (date: string) => string;
  /** Each pack's short name on a screen line. */
  readonly packKinds: Readonly<Record<UsageKind, string>>;
  readonly packUnits: { readonly minutes: string; readonly mb: string; readonly gb: string };
}

/** Each language named in itself, as the language menu shows it. */
export const languageNames: Readonly<Record<Locale, string>> = { az: 'Azərbaycan', en: 'English', ru: 'Русский', zh: '中文', tr: 'Türkçe' };
/** The language menu's order: the vocabulary's. */
export const languageOrder: readonly Locale[] = locales;

const en: UssdTexts = {
  balance: (a) => `Balance ${a}`,
  stage: (s, d) => ({
    active: `Active until ${d}`,
    one_way: `Expired ${d}: incoming calls only`,
    suspended: `Expired ${d}: line blocked`,
    quarantine: `Closed since ${d}`,
    recyclable: `Released, expired ${d}`,
  })[s],
  daysLeft: (n) => (n === 1 ? 'Last day today' : `${n} days left`),
  lossIn: (n) => `Renew now: number can be lost in ${n} days`,
  menu: ['1 Renew from balance', '2 Plans and prices', '3 Last top-ups', '4 Language'],
  menuCompact: ['1 Renew 2 Plans', '3 Top-ups 4 Language'],
  menuShort: '1 Renew 9 Menu',
  stageShort: (s) => ({ active: 'Active', one_way: 'Incoming calls only', suspended: 'Line blocked', quarantine: 'Closed', recyclable: 'Released' })[s],
  back: '0 Back',
  next: '9 More',
  invalid: 'Invalid choice, try again:',
  choosePlan: 'Renew with plan:',
  plansHeader: 'Plans, a month:',
  perMonth: (p) => `${p}/month`,
  months: (n) => (n === 1 ? '1 month' : `${n} months`),
  chooseMonths: 'For how long?',
  confirm: (p, d) => [`Price ${p}`, `Valid until ${d}`],
  payFromBalance: '1 Pay from balance',
  renewThisPlan: '1 Renew with this plan',
  insufficient: (p, b) => `Not enough balance: the plan costs ${p}, your balance is ${b}. Top up and dial *101# again.`,
  renewed: (plan, m, p, d, b) => `Done: ${plan}, ${m}. Paid ${p}. Valid until ${d}. Balance ${b}. An SMS confirms it.`,
  topUpsHeader: 'Last top-ups:',
  noTopUps: 'No top-ups yet.',
  chooseLanguage: 'Language:',
  restoreAtStore: (n) => `This number is closed. Restore it at a Saxla store with your ID within ${n} days.`,
  released: 'This number has been released and can no longer be restored.',
  unavailable: 'Service unavailable, please dial *101# again later.',
  packsItem: '5 My packs',
  packsHeader: 'Left in packs:',
  noPacks: 'No packs this period.',
  packsRenew: (d) => `Renews ${d}`,
  packKinds: { voice: 'Calls', sms: 'SMS', data: 'Data', roaming_voice: 'Roaming calls', roaming_data: 'Roaming data', international: 'Intl calls' },
  packUnits: { minutes: 'min', mb: 'MB', gb: 'GB' },
};

const az: UssdTexts = {
  balance: (a) => `Balans ${a}`,
  stage: (s, d) => ({
    active: `${d} tarixinədək aktiv`,
    one_way: `Müddət bitib ${d}: yalnız gələn zənglər`,
    suspended: `Müddət bitib ${d}: nömrə bloklanıb`,
    quarantine: `${d} tarixindən bağlıdır`,
    recyclable: `Nömrə buraxılıb, müddət bitib ${d}`,
  })[s],
  daysLeft: (n) => (n === 1 ? 'Bu gün son gündür' : `${n} gün qalıb`),
  lossIn: (n) => `İndi yeniləyin: ${n} gündən sonra nömrə itə bilər`,
  menu: ['1 Balansdan yenilə', '2 Tariflər və qiymətlər', '3 Son artırmalar', '4 Dil'],
  menuCompact: ['1 Yenilə 2 Tariflər', '3 Artırmalar 4 Dil'],
  menuShort: '1 Yenilə 9 Menyu',
  stageShort: (s) => ({ active: 'Aktiv', one_way: 'Yalnız gələn zənglər', suspended: 'Bloklanıb', quarantine: 'Bağlıdır', recyclable: 'Buraxılıb' })[s],
  back: '0 Geri',
  next: '9 Daha',
  invalid: 'Yanlış seçim, yenidən:',
  choosePlan: 'Tarif seçin:',
  plansHeader: 'Tariflər, aylıq:',
  perMonth: (p) => `${p}/ay`,
  months: (n) => `${n} ay`,
  chooseMonths: 'Nə qədər müddətə?',
  confirm: (p, d) => [`Qiymət ${p}`, `${d} tarixinədək aktiv`],
  payFromBalance: '1 Balansdan ödə',
  renewThisPlan: '1 Bu tariflə yenilə',
  insufficient: (p, b) => `Balans kifayət deyil: tarif ${p}, balansınız ${b}. Balansı artırın və yenidən *101# yığın.`,
  renewed: (plan, m, p, d, b) => `Hazırdır: ${plan}, ${m}. Ödənildi ${p}. ${d} tarixinədək aktiv. Balans ${b}. SMS göndərildi.`,
  topUpsHeader: 'Son artırmalar:',
  noTopUps: 'Hələ artırma yoxdur.',
  chooseLanguage: 'Dil:',
  restoreAtStore: (n) => `Nömrə bağlıdır. ${n} gün ərzində şəxsiyyət vəsiqəsi ilə Saxla mağazasında bərpa edin.`,
  released: 'Nömrə buraxılıb və artıq bərpa oluna bilməz.',
  unavailable: 'Xidmət əlçatan deyil, bir azdan yenidən *101# yığın.',
  packsItem: '5 Paketlərim',
  packsHeader: 'Paketlərdə qalan:',
  noPacks: 'Bu dövrdə paket yoxdur.',
  packsRenew: (d) => `Yenilənir: ${d}`,
  packKinds: { voice: 'Zənglər', sms: 'SMS', data: 'İnternet', roaming_voice: 'Rouminq zəng', roaming_data: 'Rouminq internet', international: 'Beynəlxalq' },
  packUnits: { minutes: 'dəq', mb: 'MB', gb: 'GB' },
};

const ru: UssdTexts = {
  balance: (a) => `Баланс ${a}`,
  stage: (s, d) => ({
    active: `Активен до ${d}`,
    one_way: `Истёк ${d}: только вх.`,
    suspended: `Истёк ${d}: блок`,
    quarantine: `Закрыт с ${d}`,
    recyclable: `Номер освобождён`,
  })[s],
  daysLeft: (n) => `Ещё ${n} дн`,
  lossIn: (n) => `До потери номера ${n} дн`,
  menu: ['1 Продлить', '2 Тарифы', '3 Пополнения', '4 Язык'],
  menuCompact: ['1 Продлить 2 Тарифы', '3 Платежи 4 Язык'],
  menuShort: '1 Продлить 9 Меню',
  stageShort: (s) => ({ active: 'Активен', one_way: 'Только входящие', suspended: 'Заблокирован', quarantine: 'Закрыт', recyclable: 'Освобождён' })[s],
  back: '0 Назад',
  next: '9 Ещё',
  invalid: 'Неверный выбор:',
  choosePlan: 'Тариф:',
  plansHeader: 'Тарифы в месяц:',
  perMonth: (p) => p,
  months: (n) => `${n} мес`,
  chooseMonths: 'Срок:',
  confirm: (p, d) => [`Цена ${p}`, `До ${d}`],
  payFromBalance: '1 Оплатить',
  renewThisPlan: '1 Подключить',
  insufficient: (p, b) => `Мало средств: цена ${p}, баланс ${b}. Пополните и наберите *101#`,
  renewed: (plan, m, p, d, b) => `Готово: ${plan}, ${m}, ${p}. До ${d}. Баланс ${b}`,
  topUpsHeader: 'Пополнения:',
  noTopUps: 'Пополнений нет.',
  chooseLanguage: 'Язык:',
  restoreAtStore: (n) => `Номер закрыт. Восстановите в салоне Saxla с документом за ${n} дн.`,
  released: 'Номер освобождён, восстановить нельзя.',
  unavailable: 'Сервис недоступен, наберите *101# позже.',
  packsItem: '5 Пакеты',
  packsHeader: 'Остаток пакетов:',
  noPacks: 'Пакетов нет.',
  packsRenew: (d) => `Обновление ${d}`,
  packKinds: { voice: 'Звонки', sms: 'SMS', data: 'Интернет', roaming_voice: 'Роуминг', roaming_data: 'Роуминг инт.', international: 'Междунар.' },
  packUnits: { minutes: 'мин', mb: 'МБ', gb: 'ГБ' },
};

const zh: UssdTexts = {
  balance: (a) => `余额 ${a}`,
  stage: (s, d) => ({
    active: `有效期至 ${d}`,
    one_way: `${d} 已到期：仅可接听`,
    suspended: `${d} 已到期：已停机`,
    quarantine: `${d} 起已关闭`,
    recyclable: '号码已释放',
  })[s],
  daysLeft: (n) => `还剩 ${n} 天`,
  lossIn: (n) => `请续期：${n} 天后号码可能收回`,
  menu: ['1 余额续期', '2 套餐价格', '3 充值记录', '4 语言'],
  menuCompact: ['1 续期 2 套餐', '3 充值 4 语言'],
  menuShort: '1 续期 9 菜单',
  stageShort: (s) => ({ active: '有效', one_way: '仅可接听', suspended: '已停机', quarantine: '已关闭', recyclable: '已释放' })[s],
  back: '0 返回',
  next: '9 更多',
  invalid: '选择无效，请重试：',
  choosePlan: '选择套餐：',
  plansHeader: '套餐（每月）：',
  perMonth: (p) => p,
  months: (n) => `${n}个月`,
  chooseMonths: '续期时长：',
  confirm: (p, d) => [`价格 ${p}`, `有效期至 ${d}`],
  payFromBalance: '1 用余额支付',
  renewThisPlan: '1 续期此套餐',
  insufficient: (p, b) => `余额不足：套餐 ${p}，余额 ${b}。请充值后再拨 *101#。`,
  renewed: (plan, m, p, d, b) => `已续期：${plan}，${m}，已付 ${p}。有效期至 ${d}。余额 ${b}。短信确认已发送。`,
  topUpsHeader: '最近充值：',
  noTopUps: '暂无充值记录。',
  chooseLanguage: '语言：',
  restoreAtStore: (n) => `号码已关闭。请在 ${n} 天内携带证件到 Saxla 门店恢复。`,
  released: '号码已释放，无法恢复。',
  unavailable: '服务暂不可用，请稍后再拨 *101#。',
  packsItem: '5 套餐剩余',
  packsHeader: '套餐剩余：',
  noPacks: '本期无套餐。',
  packsRenew: (d) => `${d}重置`,
  packKinds: { voice: '通话', sms: '短信', data: '流量', roaming_voice: '漫游通话', roaming_data: '漫游流量', international: '国际通话' },
  packUnits: { minutes: '分钟', mb: 'MB', gb: 'GB' },
};

const tr: UssdTexts = {
  balance: (a) => `Bakiye ${a}`,
  stage: (s, d) => ({
    active: `${d} tarihine kadar aktif`,
    one_way: `Süre doldu ${d}: yalnızca gelen aramalar`,
    suspended: `Süre doldu ${d}: hat kapatıldı`,
    quarantine: `${d} tarihinden beri kapalı`,
    recyclable: `Numara serbest bırakıldı, süre doldu ${d}`,
  })[s],
  daysLeft: (n) => (n === 1 ? 'Bugün son gün' : `${n} gün kaldı`),
  lossIn: (n) => `Hemen uzatın: numara ${n} gün sonra kaybedilebilir`,
  menu: ['1 Bakiyeden uzat', '2 Tarifeler ve fiyatlar', '3 Son yüklemeler', '4 Dil'],
  menuCompact: ['1 Uzat 2 Tarifeler', '3 Yüklemeler 4 Dil'],
  menuShort: '1 Uzat 9 Menü',
  stageShort: (s) => ({ active: 'Aktif', one_way: 'Yalnızca gelen aramalar', suspended: 'Hat kapatıldı', quarantine: 'Kapalı', recyclable: 'Serbest bırakıldı' })[s],
  back: '0 Geri',
  next: '9 Devamı',
  invalid: 'Geçersiz seçim, yeniden:',
  choosePlan: 'Tarife seçin:',
  plansHeader: 'Tarifeler, aylık:',
  perMonth: (p) => `${p}/ay`,
  months: (n) => `${n} ay`,
  chooseMonths: 'Ne kadar süreyle?',
  confirm: (p, d) => [`Fiyat ${p}`, `${d} tarihine kadar geçerli`],
  payFromBalance: '1 Bakiyeden öde',
  renewThisPlan: '1 Bu tarifeyle uzat',
  insufficient: (p, b) => `Bakiye yetersiz: tarife ${p}, bakiyeniz ${b}. Bakiye yükleyip tekrar *101# tuşlayın.`,
  renewed: (plan, m, p, d, b) => `Tamam: ${plan}, ${m}. Ödenen ${p}. ${d} tarihine kadar geçerli. Bakiye ${b}. SMS ile onaylandı.`,
  topUpsHeader: 'Son yüklemeler:',
  noTopUps: 'Henüz yükleme yok.',
  chooseLanguage: 'Dil:',
  restoreAtStore: (n) => `Numara kapalı. ${n} gün içinde kimliğinizle bir Saxla mağazasında geri açtırın.`,
  released: 'Numara serbest bırakıldı ve artık geri getirilemez.',
  unavailable: 'Hizmet şu an kullanılamıyor, biraz sonra tekrar *101# tuşlayın.',
  packsItem: '5 Paketlerim',
  packsHeader: 'Paketlerde kalan:',
  noPacks: 'Bu dönemde paket yok.',
  packsRenew: (d) => `Yenilenme: ${d}`,
  packKinds: { voice: 'Aramalar', sms: 'SMS', data: 'Mobil veri', roaming_voice: 'Yurt dışı arama', roaming_data: 'Yurt dışı veri', international: 'Uluslararası' },
  packUnits: { minutes: 'dk', mb: 'MB', gb: 'GB' },
};

export const ussdTexts: Readonly<Record<Locale, UssdTexts>> = { az, en, ru, zh, tr };
