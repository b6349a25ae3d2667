// What a promotion's conditions say to a customer, in each language: the public promotions list
// (API and portal) writes its rules out of these sentences, so a customer reads the same rule
// wherever they meet it. {placeholders} are filled by promotion-offers.ts.
import type { Locale } from './money.ts';

export interface PromotionConditionTexts {
  /** The discount itself: "{value} off". */
  readonly off: string;
  readonly plans: string;
  readonly minMonths: string;
  readonly minOrder: string;
  readonly floor: string;
  readonly newCustomers: string;
  readonly existingCustomers: string;
  readonly onlineOnly: string;
  readonly counterOnly: string;
  readonly perCustomer: string;
  readonly perLine: string;
  readonly totalCap: string;
  readonly notCombinable: string;
  readonly monthsTier: string;
  readonly bundle: string;
}

export const promotionConditionTexts: Readonly<Record<Locale, PromotionConditionTexts>> = {
  az: {
    off: '{value} endirim',
    plans: 'Bu tariflər üçün: {plans}',
    minMonths: 'Ən azı {months} aylıq ödənişdə',
    minOrder: 'Sifariş {amount} məbləğindən başlayaraq',
    floor: 'Qiymət {amount} məbləğindən aşağı düşmür',
    newCustomers: 'Yalnız yeni müştərilər üçün (əvvəl yeniləmə almayanlar)',
    existingCustomers: 'Yalnız artıq yeniləmə almış müştərilər üçün',
    onlineOnly: 'Yalnız onlayn (portal və tətbiq)',
    counterOnly: 'Yalnız Saxla mağazasında',
    perCustomer: 'Hər müştəri üçün {count} dəfə',
    perLine: 'Hər nömrə üçün {count} dəfə',
    totalCap: 'İlk {count} istifadə ilə məhduddur',
    notCombinable: 'Digər endirimlərlə birləşmir: sizə daha sərfəli qiymət verilir',
    monthsTier: '{months} ay və daha çox: {value} endirim',
    bundle: 'Bir sifarişdə {lines} və daha çox nömrə: {value} endirim',
  },
  en: {
    off: '{value} off',
    plans: 'For these plans: {plans}',
    minMonths: 'When you pay for {months} months or more',
    minOrder: 'For orders from {amount}',
    floor: 'The price never goes below {amount}',
    newCustomers: 'New customers only (no renewal bought before)',
    existingCustomers: 'Only for customers who have renewed before',
    onlineOnly: 'Online only (portal and app)',
    counterOnly: 'At a Saxla store only',
    perCustomer: '{count} time(s) per customer',
    perLine: '{count} time(s) per number',
    totalCap: 'Limited to the first {count} uses',
    notCombinable: 'Not combined with other discounts: you get the better price',
    monthsTier: '{months} months or more: {value} off',
    bundle: '{lines} or more numbers in one order: {value} off',
  },
  ru: {
    off: 'Скидка {value}',
    plans: 'Для тарифов: {plans}',
    minMonths: 'При оплате от {months} мес.',
    minOrder: 'Для заказов от {amount}',
    floor: 'Цена не опускается ниже {amount}',
    newCustomers: 'Только для новых клиентов (ещё не покупавших продление)',
    existingCustomers: 'Только для клиентов, уже покупавших продление',
    onlineOnly: 'Только онлайн (портал и приложение)',
    counterOnly: 'Только в салоне Saxla',
    perCustomer: 'Не более {count} раз(а) на клиента',
    perLine: 'Не более {count} раз(а) на номер',
    totalCap: 'Только первые {count} использований',
    notCombinable: 'Не суммируется с другими скидками: вы получаете более выгодную цену',
    monthsTier: 'От {months} мес.: скидка {value}',
    bundle: 'От {lines} номеров в одном заказе: скидка {value}',
  },
  zh: {
    off: '优惠 {value}',
    plans: '适用套餐：{plans}',
    minMonths: '一次支付 {months} 个月或以上',
    minOrder: '订单金额满 {amount}',
    floor: '优惠后价格不低于 {amount}',
    newCustomers: '仅限新客户（此前未购买过续费）',
    existingCustomers: '仅限此前购买过续费的客户',
    onlineOnly: '仅限线上（门户网站和应用）',
    counterOnly: '仅限 Saxla 门店',
    perCustomer: '每位客户限用 {count} 次',
    perLine: '每个号码限用 {count} 次',
    totalCap: '仅限前 {count} 次使用',
    notCombinable: '不与其他优惠叠加：按更优惠的价格计算',
    monthsTier: '{months} 个月或以上：优惠 {value}',
    bundle: '一个订单含 {lines} 个或以上号码：优惠 {value}',
  },
  tr: {
    off: '{value} indirim',
    plans: 'Şu tarifeler için: {plans}',
    minMonths: '{months} ay veya daha fazlası için ödemede',
    minOrder: '{amount} ve üzeri siparişlerde',
    floor: 'Fiyat {amount} altına düşmez',
    newCustomers: 'Yalnızca yeni müşteriler (daha önce yenileme almamış olanlar)',
    existingCustomers: 'Yalnızca daha önce yenileme almış müşteriler',
    onlineOnly: 'Yalnızca çevrim içi (portal ve uygulama)',
    counterOnly: 'Yalnızca Saxla mağazasında',
    perCustomer: 'Müşteri başına {count} kez',
    perLine: 'Numara başına {count} kez',
    totalCap: 'İlk {count} kullanımla sınırlı',
    notCombinable: 'Diğer indirimlerle birleşmez: daha uygun fiyat uygulanır',
    monthsTier: '{months} ay ve üzeri: {value} indirim',
    bundle: 'Tek siparişte {lines} veya daha fazla numara: {value} indirim',
  },
};

export function fillText(template: string, values: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = values[name];
    return value === undefined ? whole : String(value);
  });
}
