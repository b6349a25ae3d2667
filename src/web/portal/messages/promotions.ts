// Texts of the promotions page, the dashboard's promotions panel and the announcements (issue 13).
// Kept apart so the language files stay short; each spreads its part.
export const promotionsEn = {
  'nav.promotions': 'Promotions',
  'promos.title': 'Promotions',
  'promos.intro': 'Discounts you can use now. The price with every discount is shown before you pay.',
  'promos.introMine': 'Discounts you can use now with this account. The price with every discount is shown before you pay.',
  'promos.none': 'No promotions are running right now.',
  'promos.until': 'Until {date} (Baku time)',
  'promos.always': 'Always on',
  'promos.code': 'Code to type: {code}',
  'promos.automatic': 'No code needed',
  'promos.conditions': 'Conditions',
  'promos.panelTitle': 'Promotions for you',
  'promos.all': 'All promotions and their conditions',
  'promos.renew': 'Renew a number',
  'announce.label': 'Announcements',
  'promo.existingCustomers': 'The promo code {code} is for customers who have renewed with us before.',
} as const;

type PromotionsMessages = { readonly [K in keyof typeof promotionsEn]: string };

export const promotionsAz: PromotionsMessages = {
  'nav.promotions': 'Aksiyalar',
  'promos.title': 'Aksiyalar',
  'promos.intro': 'İndi istifadə edə biləcəyiniz endirimlər. Bütün endirimlərlə qiymət ödənişdən əvvəl göstərilir.',
  'promos.introMine': 'Bu hesabla indi istifadə edə biləcəyiniz endirimlər. Bütün endirimlərlə qiymət ödənişdən əvvəl göstərilir.',
  'promos.none': 'Hazırda heç bir aksiya keçirilmir.',
  'promos.until': '{date} tarixinədək (Bakı vaxtı)',
  'promos.always': 'Həmişə qüvvədədir',
  'promos.code': 'Yazılacaq kod: {code}',
  'promos.automatic': 'Kod lazım deyil',
  'promos.conditions': 'Şərtlər',
  'promos.panelTitle': 'Sizin üçün aksiyalar',
  'promos.all': 'Bütün aksiyalar və şərtləri',
  'promos.renew': 'Nömrəni yeniləyin',
  'announce.label': 'Elanlar',
  'promo.existingCustomers': '{code} promo kodu əvvəllər bizdə yeniləmə etmiş müştərilər üçündür.',
};

export const promotionsRu: PromotionsMessages = {
  'nav.promotions': 'Акции',
  'promos.title': 'Акции',
  'promos.intro': 'Скидки, которыми можно воспользоваться сейчас. Цена со всеми скидками показывается до оплаты.',
  'promos.introMine': 'Скидки, которыми можно воспользоваться сейчас с этой учётной записью. Цена со всеми скидками показывается до оплаты.',
  'promos.none': 'Сейчас акций нет.',
  'promos.until': 'До {date} (по бакинскому времени)',
  'promos.always': 'Действует всегда',
  'promos.code': 'Код для ввода: {code}',
  'promos.automatic': 'Код не нужен',
  'promos.conditions': 'Условия',
  'promos.panelTitle': 'Акции для вас',
  'promos.all': 'Все акции и их условия',
  'promos.renew': 'Продлить номер',
  'announce.label': 'Объявления',
  'promo.existingCustomers': 'Промокод {code} только для клиентов, которые уже продлевали номер у нас.',
};

export const promotionsZh: PromotionsMessages = {
  'nav.promotions': '优惠活动',
  'promos.title': '优惠活动',
  'promos.intro': '现在可以使用的优惠。付款前会显示所有优惠后的价格。',
  'promos.introMine': '此账户现在可以使用的优惠。付款前会显示所有优惠后的价格。',
  'promos.none': '目前没有进行中的优惠活动。',
  'promos.until': '截止 {date}（巴库时间）',
  'promos.always': '长期有效',
  'promos.code': '需输入的优惠码：{code}',
  'promos.automatic': '无需优惠码',
  'promos.conditions': '条件',
  'promos.panelTitle': '适合您的优惠',
  'promos.all': '全部优惠活动及条件',
  'promos.renew': '为号码续费',
  'announce.label': '公告',
  'promo.existingCustomers': '优惠码 {code} 仅限此前在我们这里续费过的客户使用。',
};

export const promotionsTr: PromotionsMessages = {
  'nav.promotions': 'Kampanyalar',
  'promos.title': 'Kampanyalar',
  'promos.intro': 'Şu anda kullanabileceğiniz indirimler. Tüm indirimlerle fiyat, ödemeden önce gösterilir.',
  'promos.introMine': 'Bu hesapla şu anda kullanabileceğiniz indirimler. Tüm indirimlerle fiyat, ödemeden önce gösterilir.',
  'promos.none': 'Şu anda devam eden kampanya yok.',
  'promos.until': '{date} tarihine kadar (Bakü saati)',
  'promos.always': 'Her zaman geçerli',
  'promos.code': 'Yazılacak kod: {code}',
  'promos.automatic': 'Kod gerekmez',
  'promos.conditions': 'Koşullar',
  'promos.panelTitle': 'Size özel kampanyalar',
  'promos.all': 'Tüm kampanyalar ve koşulları',
  'promos.renew': 'Numarayı yenile',
  'announce.label': 'Duyurular',
  'promo.existingCustomers': '{code} promosyon kodu daha önce bizde yenileme yapmış müşteriler içindir.',
};
