// The sandbox payment page's words in every customer language. It is a test provider's page, so
// it says so plainly, names the test cards, and tells the customer they are on their way back.
import type { Locale } from '../../../domain/money.ts';

export type SandboxPayKey = 'title' | 'test' | 'order' | 'amount' | 'card' | 'hint' | 'pay' | 'cancel' | 'paid' | 'declined'
  | 'closed' | 'unknown' | 'missing' | 'back' | 'redirecting';

export const sandboxPayTexts: Readonly<Record<Locale, Readonly<Record<SandboxPayKey, string>>>> = {
  en: {
    title: 'Saxla sandbox payment', test: 'A test payment page: no real card is charged and no money moves.',
    order: 'Order', amount: 'Amount', card: 'Card number', pay: 'Pay', cancel: 'Cancel and go back to Saxla',
    hint: 'Test cards: 4242 4242 4242 4242 pays, 4000 0000 0000 0002 is declined.',
    paid: 'Payment accepted. Your order will be activated within seconds.',
    declined: 'Your card was declined. Nothing was charged. On Saxla you can try again with another card.',
    closed: 'This payment is already finished.', unknown: 'That is not a sandbox test card.', missing: 'No such payment page.',
    back: 'Back to Saxla: follow your order', redirecting: 'You are being taken back to Saxla. If nothing happens, use the link below.',
  },
  az: {
    title: 'Saxla sınaq ödənişi', test: 'Sınaq ödəniş səhifəsidir: heç bir real kartdan pul tutulmur.',
    order: 'Sifariş', amount: 'Məbləğ', card: 'Kart nömrəsi', pay: 'Ödə', cancel: 'Ləğv et və Saxla-ya qayıt',
    hint: 'Sınaq kartları: 4242 4242 4242 4242 ödəyir, 4000 0000 0000 0002 rədd edilir.',
    paid: 'Ödəniş qəbul olundu. Sifarişiniz bir neçə saniyəyə aktivləşəcək.',
    declined: 'Kartınız rədd edildi. Heç nə tutulmadı. Saxla-da başqa kartla yenidən cəhd edə bilərsiniz.',
    closed: 'Bu ödəniş artıq başa çatıb.', unknown: 'Bu sınaq kartı deyil.', missing: 'Belə ödəniş səhifəsi yoxdur.',
    back: 'Saxla-ya qayıdın: sifarişinizi izləyin', redirecting: 'Saxla-ya qaytarılırsınız. Heç nə baş vermirsə, aşağıdakı keçiddən istifadə edin.',
  },
  ru: {
    title: 'Тестовая оплата Saxla', test: 'Тестовая страница оплаты: реальная карта не списывается, деньги не переводятся.',
    order: 'Заказ', amount: 'Сумма', card: 'Номер карты', pay: 'Оплатить', cancel: 'Отменить и вернуться в Saxla',
    hint: 'Тестовые карты: 4242 4242 4242 4242 оплачивает, 4000 0000 0000 0002 отклоняется.',
    paid: 'Платёж принят. Заказ будет активирован через несколько секунд.',
    declined: 'Карта отклонена. Деньги не списаны. В Saxla можно попробовать другую карту.',
    closed: 'Этот платёж уже завершён.', unknown: 'Это не тестовая карта.', missing: 'Такой страницы оплаты нет.',
    back: 'Вернуться в Saxla: статус заказа', redirecting: 'Возвращаем вас в Saxla. Если ничего не происходит, воспользуйтесь ссылкой ниже.',
  },
  zh: {
    title: 'Saxla 沙盒支付', test: '这是测试付款页面：不会从真实银行卡扣款，也没有资金流动。',
    order: '订单', amount: '金额', card: '卡号', pay: '支付', cancel: '取消并返回 Saxla',
    hint: '测试卡：4242 4242 4242 4242 支付成功，4000 0000 0000 0002 被拒绝。',
    paid: '付款已受理，订单将在几秒内激活。', declined: '您的卡被拒绝，未扣款。您可以在 Saxla 换一张卡重试。',
    closed: '此付款已完成。', unknown: '这不是沙盒测试卡。', missing: '没有此付款页面。',
    back: '返回 Saxla：查看订单状态', redirecting: '正在带您返回 Saxla。如果没有跳转，请点击下面的链接。',
  },
  tr: {
    title: 'Saxla deneme ödemesi', test: 'Bu bir deneme ödeme sayfasıdır: gerçek bir karttan ücret alınmaz, para hareket etmez.',
    order: 'Sipariş', amount: 'Tutar', card: 'Kart numarası', pay: 'Öde', cancel: 'İptal et ve Saxla\'ya dön',
    hint: 'Deneme kartları: 4242 4242 4242 4242 ödemeyi geçirir, 4000 0000 0000 0002 reddedilir.',
    paid: 'Ödeme kabul edildi. Siparişiniz birkaç saniye içinde etkinleşecek.',
    declined: 'Kartınız reddedildi. Hiçbir ücret alınmadı. Saxla\'da başka bir kartla tekrar deneyebilirsiniz.',
    closed: 'Bu ödeme zaten tamamlandı.', unknown: 'Bu bir deneme kartı değil.', missing: 'Böyle bir ödeme sayfası yok.',
    back: 'Saxla\'ya dön: siparişinizi takip edin', redirecting: 'Saxla\'ya geri götürülüyorsunuz. Bir şey olmazsa aşağıdaki bağlantıyı kullanın.',
  },
};
