// Every SMS Saxla sends, in every customer language, as ICU messages. Rules that hold for all of them
// (tested over every template): no links, amounts written "12.50 AZN", and the check code is
// appended by the outbox, never here.
import { IntlMessageFormat } from 'intl-messageformat';
import type { IsoDate } from './calendar.ts';
import { DomainError } from './errors.ts';
import { formatMoneyForSms, type Locale, type Qepik } from './money.ts';

export const smsKinds = [
  'otp', 'payment_confirmation', 'top_up_confirmation', 'renewal_confirmation',
  'reminder', 'lifecycle_notice', 'appointment_reminder', 'auto_renew_notice', 'transfer_confirmation', 'spending_alert',
  'group_notice', 'sim_notice', 'support_notice', 'usage_notice',
] as const;
export type SmsKind = (typeof smsKinds)[number];

type Catalogue = Readonly<Record<string, Readonly<Record<Locale, string>>>>;

// Message ids: "<kind>" or "<kind>.<variant>".
export const smsMessages: Catalogue = {
  otp: {
    en: 'Saxla code: {code}. Valid 10 minutes. Never share it: Saxla staff will never ask for it.',
    az: 'Saxla kodu: {code}. 10 dəqiqə etibarlıdır. Heç kimə deməyin: Saxla əməkdaşları bu kodu soruşmur.',
    ru: 'Код Saxla: {code}. Действует 10 минут. Никому не сообщайте: сотрудники Saxla его не спрашивают.',
    zh: 'Saxla 验证码：{code}，10分钟内有效。请勿告诉任何人，Saxla 工作人员绝不会索要。',
    tr: 'Saxla kodu: {code}. 10 dakika geçerlidir. Kimseyle paylaşmayın: Saxla çalışanları bu kodu asla istemez.',
  },
  // A transfer's code names what it confirms, so a scammer cannot pass it off as a login code.
  'otp.transfer': {
    en: 'Saxla code: {code}. It confirms sending {amount} from {from} to {to}. Valid 10 minutes. Never share it.',
    az: 'Saxla kodu: {code}. {from} nömrəsindən {to} nömrəsinə {amount} göndərilməsini təsdiqləyir. 10 dəqiqə etibarlıdır. Heç kimə deməyin.',
    ru: 'Код Saxla: {code}. Подтверждает перевод {amount} с {from} на {to}. Действует 10 минут. Никому не сообщайте.',
    zh: 'Saxla 验证码：{code}，用于确认从 {from} 向 {to} 转账 {amount}。10分钟内有效。请勿告诉任何人。',
    tr: 'Saxla kodu: {code}. {from} numarasından {to} numarasına {amount} gönderimini onaylar. 10 dakika geçerlidir. Kimseyle paylaşmayın.',
  },
  'transfer_confirmation.sent': {
    en: 'Saxla: {amount} sent from {from} to {to}. Balance {balance}.',
    az: 'Saxla: {from} nömrəsindən {to} nömrəsinə {amount} göndərildi. Balans {balance}.',
    ru: 'Saxla: {amount} переведено с {from} на {to}. Баланс {balance}.',
    zh: 'Saxla：已从 {from} 向 {to} 转账 {amount}，余额 {balance}。',
    tr: 'Saxla: {from} numarasından {to} numarasına {amount} gönderildi. Bakiye {balance}.',
  },
  'transfer_confirmation.received': {
    en: 'Saxla: {amount} received on {to} from {from}. Balance {balance}.',
    az: 'Saxla: {to} nömrəsinə {from} nömrəsindən {amount} daxil oldu. Balans {balance}.',
    ru: 'Saxla: на {to} поступило {amount} с {from}. Баланс {balance}.',
    zh: 'Saxla：{to} 收到来自 {from} 的转账 {amount}，余额 {balance}。',
    tr: 'Saxla: {to} numarasına {from} numarasından {amount} geldi. Bakiye {balance}.',
  },
  // Codes that are meant to be passed on (issue 13): the member may give a group code to the payer,
  // so these say what the code is for instead of "never share it".
  'otp.group_join': {
    en: 'Saxla: {payer} invites this number to share their {plan}. To agree, enter code {code} or give it to them. Valid 10 minutes. Not expected? Ignore it.',
    az: 'Saxla: {payer} bu nömrəni öz {plan} paketinə dəvət edir. Razısınızsa, {code} kodunu daxil edin və ya ona verin. 10 dəqiqə etibarlıdır. Gözləmirdinizsə, nəzərə almayın.',
    ru: 'Saxla: {payer} приглашает этот номер в свой тариф «{plan}». Если согласны, введите код {code} или сообщите его ему. Код действует 10 минут. Не ждали? Просто проигнорируйте.',
    zh: 'Saxla：{payer} 邀请此号码加入其“{plan}”。如同意，请输入验证码 {code} 或将其告诉对方。10分钟内有效。如非预期，请忽略。',
    tr: 'Saxla: {payer} bu numarayı {plan} paketine davet ediyor. Kabul ediyorsanız {code} kodunu girin ya da ona iletin. Kod 10 dakika geçerlidir. Beklemiyorsanız dikkate almayın.',
  },
  'otp.add_sim': {
    en: 'Saxla: someone asked to put this number on another SIM (ending {tail}). If it was you, the code is {code}, valid 10 minutes. If not, share it with nobody.',
    az: 'Saxla: bu nömrəni başqa SIM-kartda (sonu {tail}) istifadə etmək istənilir. Bu sizsinizsə, kod: {code}, 10 dəqiqə etibarlıdır. Siz deyilsinizsə, kodu heç kimə verməyin.',
    ru: 'Saxla: запрошено подключение этого номера на ещё одну SIM-карту (оканчивается на {tail}). Если это вы, код: {code}, действует 10 минут. Если нет, никому его не сообщайте.',
    zh: 'Saxla：有人申请将此号码添加到另一张 SIM 卡（尾号 {tail}）。如是您本人，验证码为 {code}，10分钟内有效。如不是，请勿告诉任何人。',
    tr: 'Saxla: bu numaranın başka bir SIM karta (sonu {tail}) eklenmesi istendi. Siz istediyseniz kod: {code}, 10 dakika geçerlidir. Siz değilseniz kodu kimseyle paylaşmayın.',
  },
  'group_notice.removed': {
    en: 'Saxla: {msisdn} is no longer in the shared {plan}: the payer removed it. The number stays yours, valid until {validUntil}. Renew: *101# or a Saxla store.',
    az: 'Saxla: {msisdn} artıq ortaq {plan} paketində deyil: ödəyici onu çıxardı. Nömrə sizdə qalır, {validUntil} tarixinədək aktivdir. Yeniləyin: *101# və ya Saxla mağazası.',
    ru: 'Saxla: номер {msisdn} больше не входит в общий тариф «{plan}»: плательщик его исключил. Номер остаётся вашим и действует до {validUntil}. Продлить: *101# или салон Saxla.',
    zh: 'Saxla：{msisdn} 已被付款人移出共享的“{plan}”。号码仍归您所有，有效期至 {validUntil}。续期：拨打 *101# 或前往 Saxla 门店。',
    tr: 'Saxla: {msisdn} artık ortak {plan} paketinde değil: ödeyen kişi numarayı çıkardı. Numara sizde kalır, {validUntil} tarihine kadar geçerlidir. Uzatmak için: *101# ya da Saxla mağazası.',
  },
  // A SIM added to or taken off a number is told to the number at once (a SIM swap is how numbers are stolen).
  // Support cases (issue 13): the customer reads the answer where they opened the case (no link in an SMS).
  'support_notice.answer': {
    en: 'Saxla: we have answered your support case {ref}. Read it on the Saxla website, under Support.',
    az: 'Saxla: {ref} nömrəli müraciətinizə cavab verdik. Cavabı Saxla saytında, Dəstək bölməsində oxuyun.',
    ru: 'Saxla: мы ответили на ваше обращение {ref}. Ответ — на сайте Saxla, в разделе «Поддержка».',
    zh: 'Saxla：我们已回复您的客服工单 {ref}。请在 Saxla 网站的“客服”栏目中查看。',
    tr: 'Saxla: {ref} numaralı destek talebinizi yanıtladık. Yanıtı Saxla web sitesinde, Destek bölümünde okuyun.',
  },
  'support_notice.more_info': {
    en: 'Saxla: to help with your support case {ref} we need a few more details. Please reply on the Saxla website, under Support.',
    az: 'Saxla: {ref} nömrəli müraciətinizlə bağlı kömək üçün əlavə məlumat lazımdır. Zəhmət olmasa, Saxla saytında, Dəstək bölməsində cavab yazın.',
    ru: 'Saxla: чтобы помочь с обращением {ref}, нам нужно больше сведений. Ответьте, пожалуйста, на сайте Saxla, в разделе «Поддержка».',
    zh: 'Saxla：为处理您的客服工单 {ref}，我们需要更多信息。请在 Saxla 网站的“客服”栏目中回复。',
    tr: 'Saxla: {ref} numaralı destek talebinize yardımcı olmak için birkaç bilgiye daha ihtiyacımız var. Lütfen Saxla web sitesinde, Destek bölümünde yanıtlayın.',
  },
  'support_notice.resolution': {
    en: 'Saxla: your support case {ref} is resolved. You can read what we did on the Saxla website, under Support.',
    az: 'Saxla: {ref} nömrəli müraciətiniz həll olundu. Nə etdiyimizi Saxla saytında, Dəstək bölməsində oxuya bilərsiniz.',
    ru: 'Saxla: ваше обращение {ref} решено. Что мы сделали, можно прочитать на сайте Saxla, в разделе «Поддержка».',
    zh: 'Saxla：您的客服工单 {ref} 已解决。处理详情请在 Saxla 网站的“客服”栏目中查看。',
    tr: 'Saxla: {ref} numaralı destek talebiniz çözüldü. Ne yaptığımızı Saxla web sitesinde, Destek bölümünde okuyabilirsiniz.',
  },
  'sim_notice.added': {
    en: 'Saxla: a SIM ending {tail} now also works for {msisdn}. Not you? Go to a Saxla store with your ID at once.',
    az: 'Saxla: sonu {tail} olan SIM-kart indi {msisdn} nömrəsi üçün də işləyir. Siz deyilsinizsə, dərhal şəxsiyyət vəsiqəsi ilə Saxla mağazasına gəlin.',
    ru: 'Saxla: SIM-карта, оканчивающаяся на {tail}, теперь тоже работает с номером {msisdn}. Это не вы? Сразу приходите в салон Saxla с документом.',
    zh: 'Saxla：尾号 {tail} 的 SIM 卡现在也可使用号码 {msisdn}。如非本人操作，请立即携带身份证件前往 Saxla 门店。',
    tr: 'Saxla: sonu {tail} olan SIM kart artık {msisdn} numarası için de çalışıyor. Siz değilseniz hemen kimliğinizle bir Saxla mağazasına gelin.',
  },
  'sim_notice.removed': {
    en: 'Saxla: the SIM ending {tail} no longer works for {msisdn}. Your other SIMs are not affected.',
    az: 'Saxla: sonu {tail} olan SIM-kart artıq {msisdn} nömrəsi üçün işləmir. Digər SIM-kartlarınıza təsir etmir.',
    ru: 'Saxla: SIM-карта, оканчивающаяся на {tail}, больше не работает с номером {msisdn}. Остальные ваши SIM-карты работают как прежде.',
    zh: 'Saxla：尾号 {tail} 的 SIM 卡已停止使用号码 {msisdn}。您的其他 SIM 卡不受影响。',
    tr: 'Saxla: sonu {tail} olan SIM kart artık {msisdn} numarası için çalışmıyor. Diğer SIM kartlarınız etkilenmez.',
  },
  renewal_confirmation: {
    en: 'Saxla: {msisdn} renewed: {plan}, {months, plural, one {# month} other {# months}}, paid {amount}. Valid until {validUntil}.',
    az: 'Saxla: {msisdn} yeniləndi: {plan}, {months} ay, ödənildi {amount}. {validUntil} tarixinədək aktivdir.',
    ru: 'Saxla: номер {msisdn} продлён: {plan}, {months, plural, one {# месяц} few {# месяца} many {# месяцев} other {# месяца}}, оплачено {amount}. Действует до {validUntil}.',
    zh: 'Saxla：{msisdn} 已续期：{plan}，{months}个月，已付 {amount}。有效期至 {validUntil}。',
    tr: 'Saxla: {msisdn} numarasının süresi uzatıldı: {plan}, {months} ay, ödenen {amount}. {validUntil} tarihine kadar geçerlidir.',
  },
  top_up_confirmation: {
    en: 'Saxla: {amount} added to {msisdn}. Balance {balance}. Valid until {validUntil}.',
    az: 'Saxla: {msisdn} nömrəsinə {amount} əlavə olundu. Balans {balance}. {validUntil} tarixinədək aktivdir.',
    ru: 'Saxla: на {msisdn} зачислено {amount}. Баланс {balance}. Действует до {validUntil}.',
    zh: 'Saxla：{msisdn} 已充值 {amount}，余额 {balance}，有效期至 {validUntil}。',
    tr: 'Saxla: {msisdn} numarasına {amount} yüklendi. Bakiye {balance}. {validUntil} tarihine kadar geçerlidir.',
  },
  payment_confirmation: {
    en: 'Saxla: payment of {amount} received for order {order}. We are activating it now.',
    az: 'Saxla: {order} sifarişi üçün {amount} ödəniş alındı. Aktivləşdiririk.',
    ru: 'Saxla: платёж {amount} по заказу {order} получен. Активируем.',
    zh: 'Saxla：已收到订单 {order} 的付款 {amount}，正在激活。',
    tr: 'Saxla: {order} numaralı sipariş için {amount} ödeme alındı. Şimdi etkinleştiriyoruz.',
  },
  // Names only channels that exist: *101# and the stores (no app; the site address would be a link).
  'reminder.before_end': {
    en: 'Saxla: {msisdn} is valid until {validUntil} ({days, plural, one {# day} other {# days}} left). Renew: *101# or a Saxla store. Number can be lost in {daysToLoss} days.',
    az: 'Saxla: {msisdn} {validUntil}-dək aktivdir ({days} gün qalıb). Yeniləyin: *101# və ya Saxla mağazası. {daysToLoss} gün sonra nömrə itirilə bilər.',
    ru: 'Saxla: номер {msisdn} действует до {validUntil} (осталось дней: {days}). Продлить: *101# или салон Saxla. Номер можно потерять через дней: {daysToLoss}.',
    zh: 'Saxla：{msisdn} 有效期至 {validUntil}（剩 {days} 天）。续期：拨打 *101# 或前往 Saxla 门店。号码可能在 {daysToLoss} 天后被收回。',
    tr: 'Saxla: {msisdn} numarası {validUntil} tarihine kadar geçerli ({days} gün kaldı). Uzatmak için: *101# ya da Saxla mağazası. Numara {daysToLoss} gün sonra kaybedilebilir.',
  },
  'lifecycle_notice.one_way': {
    en: 'Saxla: {msisdn} now receives calls only. Renew to keep it: {daysToLoss} days until the number can be given to someone else. Dial *101#.',
    az: 'Saxla: {msisdn} indi yalnız zəng qəbul edir. Saxlamaq üçün yeniləyin: nömrənin başqasına verilməsinə {daysToLoss} gün qalıb. *101# yığın.',
    ru: 'Saxla: номер {msisdn} теперь только принимает звонки. Продлите, чтобы сохранить: до передачи номера другому дней: {daysToLoss}. Наберите *101#.',
    zh: 'Saxla：{msisdn} 现在只能接听来电。请续期以保留号码：{daysToLoss} 天后号码可能转给他人。请拨 *101#。',
    tr: 'Saxla: {msisdn} artık yalnızca gelen aramaları alabiliyor. Numarayı korumak için uzatın: {daysToLoss} gün sonra numara başkasına verilebilir. *101# tuşlayın.',
  },
  'lifecycle_notice.suspended': {
    en: 'Saxla: {msisdn} is suspended. Renew now to restore it: {daysToLoss} days until the number can be given to someone else.',
    az: 'Saxla: {msisdn} dayandırılıb. Bərpa üçün indi yeniləyin: nömrənin başqasına verilməsinə {daysToLoss} gün qalıb.',
    ru: 'Saxla: номер {msisdn} заблокирован. Продлите сейчас, чтобы восстановить: до передачи номера другому дней: {daysToLoss}.',
    zh: 'Saxla：{msisdn} 已停机。请立即续期恢复：{daysToLoss} 天后号码可能转给他人。',
    tr: 'Saxla: {msisdn} askıya alındı. Yeniden açmak için hemen uzatın: {daysToLoss} gün sonra numara başkasına verilebilir.',
  },
  'lifecycle_notice.quarantine': {
    en: 'Saxla: {msisdn} is closed. You can still restore it at a Saxla store with your ID within {daysToLoss} days; after that the number goes to someone else.',
    az: 'Saxla: {msisdn} bağlanıb. {daysToLoss} gün ərzində şəxsiyyət vəsiqəsi ilə Saxla mağazasında bərpa edə bilərsiniz; sonra nömrə başqasına verilir.',
    ru: 'Saxla: номер {msisdn} закрыт. Его ещё можно восстановить в салоне Saxla с документом в течение дней: {daysToLoss}; потом номер получит другой человек.',
    zh: 'Saxla：{msisdn} 已关闭。您可在 {daysToLoss} 天内携带身份证件到 Saxla 门店恢复；之后号码将转给他人。',
    tr: 'Saxla: {msisdn} kapatıldı. {daysToLoss} gün içinde kimliğinizle bir Saxla mağazasına gelerek numarayı geri alabilirsiniz; sonra numara başkasına verilir.',
  },
  appointment_reminder: {
    en: 'Saxla: reminder of your visit to {store} on {date} at {time}. Bring your passport and SIM card.',
    az: 'Saxla: {date} saat {time} {store} ziyarətinizi xatırladırıq. Pasport və SIM kartı götürün.',
    ru: 'Saxla: напоминаем о визите в {store} {date} в {time}. Возьмите паспорт и SIM-карту.',
    zh: 'Saxla：提醒您 {date} {time} 前往 {store}。请携带护照和 SIM 卡。',
    tr: 'Saxla: {date} saat {time} için {store} randevunuzu hatırlatırız. Pasaportunuzu ve SIM kartınızı yanınıza alın.',
  },
  // Auto-renew and auto top-up (issue 12): each failed try, and the cap holding a run back.
  'auto_renew_notice.declined': {
    en: 'Saxla: the automatic payment of {amount} for {msisdn} was declined by your card. We will try again on {retryDate}. Valid until {validUntil}.',
    az: 'Saxla: {msisdn} üçün {amount} avtomatik ödəniş kartınız tərəfindən rədd edildi. {retryDate} tarixində yenidən cəhd edəcəyik. {validUntil} tarixinədək aktivdir.',
    ru: 'Saxla: автоплатёж {amount} за {msisdn} отклонён вашей картой. Повторим {retryDate}. Номер действует до {validUntil}.',
    zh: 'Saxla：{msisdn} 的自动付款 {amount} 被您的银行卡拒绝。我们将在 {retryDate} 重试。有效期至 {validUntil}。',
    tr: 'Saxla: {msisdn} için {amount} otomatik ödeme kartınız tarafından reddedildi. {retryDate} tarihinde tekrar deneyeceğiz. {validUntil} tarihine kadar geçerli.',
  },
  'auto_renew_notice.balance_low': {
    en: 'Saxla: automatic renewal of {msisdn} needs {amount}, but the balance is {balance}. Top up before {retryDate}: we will try again then. Valid until {validUntil}.',
    az: 'Saxla: {msisdn} avtomatik yenilənməsi üçün {amount} lazımdır, balans isə {balance}. {retryDate} tarixinədək balansı artırın: onda yenidən cəhd edəcəyik. {validUntil} tarixinədək aktivdir.',
    ru: 'Saxla: для автопродления {msisdn} нужно {amount}, а на балансе {balance}. Пополните до {retryDate}: тогда повторим. Номер действует до {validUntil}.',
    zh: 'Saxla：{msisdn} 自动续期需要 {amount}，但余额只有 {balance}。请在 {retryDate} 前充值，届时我们将重试。有效期至 {validUntil}。',
    tr: 'Saxla: {msisdn} otomatik yenilemesi için {amount} gerekiyor, bakiye ise {balance}. {retryDate} tarihinden önce yükleme yapın: o gün tekrar deneyeceğiz. {validUntil} tarihine kadar geçerli.',
  },
  'auto_renew_notice.final': {
    en: 'Saxla: the automatic payment of {amount} for {msisdn} did not go through and will not be tried again this time. Renew: *101# or a Saxla store. Valid until {validUntil}.',
    az: 'Saxla: {msisdn} üçün {amount} avtomatik ödəniş alınmadı və bu dəfə yenidən cəhd edilməyəcək. Yeniləyin: *101# və ya Saxla mağazası. {validUntil} tarixinədək aktivdir.',
    ru: 'Saxla: автоплатёж {amount} за {msisdn} не прошёл, больше попыток в этот раз не будет. Продлить: *101# или салон Saxla. Номер действует до {validUntil}.',
    zh: 'Saxla：{msisdn} 的自动付款 {amount} 未成功，本次不再重试。续期：拨打 *101# 或前往 Saxla 门店。有效期至 {validUntil}。',
    tr: 'Saxla: {msisdn} için {amount} otomatik ödeme gerçekleşmedi ve bu sefer tekrar denenmeyecek. Uzatmak için: *101# ya da Saxla mağazası. {validUntil} tarihine kadar geçerli.',
  },
  'auto_renew_notice.cap_reached': {
    en: 'Saxla: the automatic payment of {amount} for {msisdn} was not made: it would pass your monthly limit of {cap}. We will try again on {retryDate}.',
    az: 'Saxla: {msisdn} üçün {amount} avtomatik ödəniş edilmədi: aylıq {cap} limitinizi keçərdi. {retryDate} tarixində yenidən cəhd edəcəyik.',
    ru: 'Saxla: автоплатёж {amount} за {msisdn} не выполнен: он превысил бы ваш месячный лимит {cap}. Повторим {retryDate}.',
    zh: 'Saxla：{msisdn} 的自动付款 {amount} 未执行：它会超过您每月 {cap} 的限额。我们将在 {retryDate} 重试。',
    tr: 'Saxla: {msisdn} için {amount} otomatik ödeme yapılmadı: aylık {cap} limitinizi aşacaktı. {retryDate} tarihinde tekrar deneyeceğiz.',
  },
  // Spending (issue 12): the budget's 80 % mark, and each anomaly with the charge that caused it.
  // "Not you" points to the website's Spending page and the stores by name, never by link.
  'spending_alert.budget': {
    en: 'Saxla: {msisdn} has spent {spent} this month, {percent}% of your monthly budget of {budget}.',
    az: 'Saxla: {msisdn} bu ay {spent} xərcləyib, bu, {budget} aylıq büdcənizin {percent}%-dir.',
    ru: 'Saxla: по номеру {msisdn} в этом месяце потрачено {spent}, это {percent}% вашего месячного бюджета {budget}.',
    zh: 'Saxla：{msisdn} 本月已消费 {spent}，占您每月预算 {budget} 的 {percent}%。',
    tr: 'Saxla: {msisdn} bu ay {spent} harcadı; bu, {budget} aylık bütçenizin %{percent} kadarı.',
  },
  'spending_alert.daily_spike': {
    en: 'Saxla: {msisdn} was charged {amount} on {date}, far more than usual. Largest: {what} {largest}. Not you? Press "This wasn\'t me" under Spending on the Saxla website, or visit a Saxla store.',
    az: 'Saxla: {date} tarixində {msisdn} nömrəsindən {amount} tutulub, adi haldan xeyli çox. Ən böyüyü: {what} {largest}. Siz deyilsiniz? Saxla saytında Xərclər bölməsində "Bu mən deyiləm" düyməsini basın və ya Saxla mağazasına gəlin.',
    ru: 'Saxla: {date} с номера {msisdn} списано {amount}, намного больше обычного. Крупнейшее: {what} {largest}. Это не вы? Нажмите «Это был не я» в разделе «Расходы» на сайте Saxla или придите в салон Saxla.',
    zh: 'Saxla：{msisdn} 在 {date} 被扣费 {amount}，远高于平时。最大一笔：{what} {largest}。不是您本人？请在 Saxla 网站“消费”页面点击“不是我”，或前往 Saxla 门店。',
    tr: 'Saxla: {msisdn} numarasından {date} tarihinde {amount} alındı, her zamankinden çok daha fazla. En büyüğü: {what} {largest}. Siz değil misiniz? Saxla web sitesinde Harcamalar bölümünde "Bu ben değilim" düğmesine basın ya da bir Saxla mağazasına gelin.',
  },
  'spending_alert.large_charge': {
    en: 'Saxla: unusually large charge on {msisdn}: {what} {largest} on {date}. Not you? Press "This wasn\'t me" under Spending on the Saxla website, or visit a Saxla store.',
    az: 'Saxla: {msisdn} nömrəsindən qeyri-adi böyük ödəniş: {date}, {what} {largest}. Siz deyilsiniz? Saxla saytında Xərclər bölməsində "Bu mən deyiləm" düyməsini basın və ya Saxla mağazasına gəlin.',
    ru: 'Saxla: необычно крупное списание с номера {msisdn}: {what} {largest}, {date}. Это не вы? Нажмите «Это был не я» в разделе «Расходы» на сайте Saxla или придите в салон Saxla.',
    zh: 'Saxla：{msisdn} 出现异常大额扣费：{date} {what} {largest}。不是您本人？请在 Saxla 网站“消费”页面点击“不是我”，或前往 Saxla 门店。',
    tr: 'Saxla: {msisdn} numarasında alışılmadık büyük ücret: {date}, {what} {largest}. Siz değil misiniz? Saxla web sitesinde Harcamalar bölümünde "Bu ben değilim" düğmesine basın ya da bir Saxla mağazasına gelin.',
  },
  'spending_alert.first_international': {
    en: 'Saxla: first international call charged to {msisdn}: {destination}, {largest} on {date}. Not you? Press "This wasn\'t me" under Spending on the Saxla website, or visit a Saxla store.',
    az: 'Saxla: {msisdn} nömrəsindən ilk beynəlxalq zəng ödənişi: {destination}, {largest}, {date}. Siz deyilsiniz? Saxla saytında Xərclər bölməsində "Bu mən deyiləm" düyməsini basın və ya Saxla mağazasına gəlin.',
    ru: 'Saxla: первый платный международный звонок с номера {msisdn}: {destination}, {largest}, {date}. Это не вы? Нажмите «Это был не я» в разделе «Расходы» на сайте Saxla или придите в салон Saxla.',
    zh: 'Saxla：{msisdn} 首次产生国际通话费用：{destination}，{largest}，{date}。不是您本人？请在 Saxla 网站“消费”页面点击“不是我”，或前往 Saxla 门店。',
    tr: 'Saxla: {msisdn} numarasında ilk uluslararası arama ücreti: {destination}, {largest}, {date}. Siz değil misiniz? Saxla web sitesinde Harcamalar bölümünde "Bu ben değilim" düğmesine basın ya da bir Saxla mağazasına gelin.',
  },
  'spending_alert.first_premium': {
    en: 'Saxla: {msisdn} was charged for a premium-rate number for the first time: {destination}, {largest} on {date}. Not you? Press "This wasn\'t me" under Spending on the Saxla website, or visit a Saxla store.',
    az: 'Saxla: {msisdn} nömrəsindən ilk dəfə yüksək tarifli nömrəyə ödəniş tutulub: {destination}, {largest}, {date}. Siz deyilsiniz? Saxla saytında Xərclər bölməsində "Bu mən deyiləm" düyməsini basın və ya Saxla mağazasına gəlin.',
    ru: 'Saxla: с номера {msisdn} впервые списано за платный номер: {destination}, {largest}, {date}. Это не вы? Нажмите «Это был не я» в разделе «Расходы» на сайте Saxla или придите в салон Saxla.',
    zh: 'Saxla：{msisdn} 首次产生高价号码费用：{destination}，{largest}，{date}。不是您本人？请在 Saxla 网站“消费”页面点击“不是我”，或前往 Saxla 门店。',
    tr: 'Saxla: {msisdn} numarasından ilk kez özel ücretli bir numara için ücret alındı: {destination}, {largest}, {date}. Siz değil misiniz? Saxla web sitesinde Harcamalar bölümünde "Bu ben değilim" düğmesine basın ya da bir Saxla mağazasına gelin.',
  },
  'spending_alert.first_roaming': {
    en: 'Saxla: first roaming charge on {msisdn}: {what} {largest} on {date}. Not you? Press "This wasn\'t me" under Spending on the Saxla website, or visit a Saxla store.',
    az: 'Saxla: {msisdn} nömrəsində ilk rouminq ödənişi: {what} {largest}, {date}. Siz deyilsiniz? Saxla saytında Xərclər bölməsində "Bu mən deyiləm" düyməsini basın və ya Saxla mağazasına gəlin.',
    ru: 'Saxla: первое списание за роуминг с номера {msisdn}: {what} {largest}, {date}. Это не вы? Нажмите «Это был не я» в разделе «Расходы» на сайте Saxla или придите в салон Saxla.',
    zh: 'Saxla：{msisdn} 首次产生漫游费用：{what} {largest}，{date}。不是您本人？请在 Saxla 网站“消费”页面点击“不是我”，或前往 Saxla 门店。',
    tr: 'Saxla: {msisdn} numarasında ilk dolaşım ücreti: {what} {largest}, {date}. Siz değil misiniz? Saxla web sitesinde Harcamalar bölümünde "Bu ben değilim" düğmesine basın ya da bir Saxla mağazasına gelin.',
  },
  // A pack used up by usage beyond it: once per pack and period, {what} from packNameForSms.
  'usage_notice.pack_used_up': {
    en: 'Saxla: your {what} pack on {msisdn} is used up; it renews on {date}. Until then, use is charged from your balance. Your packs: *101# then 5.',
    az: 'Saxla: {msisdn} nömrəsində {what} paketiniz bitdi, {date} tarixində yenilənir. O vaxtadək istifadə balansdan ödənilir. Paketləriniz: *101#, sonra 5.',
    ru: 'Saxla: пакет «{what}» на {msisdn} израсходован, обновится {date}. До тех пор оплата с баланса. Остатки пакетов: *101#, затем 5.',
    zh: 'Saxla：{msisdn} 的{what}套餐已用完，将于 {date} 重置。在此之前的用量从余额中扣除。查看套餐：拨 *101# 后按 5。',
    tr: 'Saxla: {msisdn} numaranızdaki {what} paketiniz bitti, {date} tarihinde yenilenir. O zamana kadar kullanım bakiyeden ödenir. Paketleriniz: *101# ve 5.',
  },
};

export type SmsValue = string | number;

/** "28.02.2027", the way a date reads in an SMS (the zh text uses ISO order). */
export function formatSmsDate(day: IsoDate, locale: Locale): string {
  if (locale === 'zh') return day;
  const [y, m, d] = day.split('-');
  return `${d}.${m}.${y}`;
}

export function smsAmount(amount: Qepik): string {
  return formatMoneyForSms(amount);
}

/** Renders one message; a missing template or value is a programming error, said clearly. */
// Parsing a template and resolving its locale cost more than formatting: each is done once.
const compiled = new Map<string, IntlMessageFormat>();

export function smsText(messageId: string, locale: Locale, values: Readonly<Record<string, SmsValue>>): string {
  const template = smsMessages[messageId]?.[locale];
  if (template === undefined) throw new DomainError('SMS_TEMPLATE_MISSING', `no SMS template "${messageId}" in ${locale}`);
  const cacheKey = `${messageId}\u0000${locale}`;
  let format = compiled.get(cacheKey);
  if (!format) {
    format = new IntlMessageFormat(template, locale);
    compiled.set(cacheKey, format);
  }
  const formatted = format.format(values);
  if (typeof formatted !== 'string') throw new DomainError('SMS_TEMPLATE_MISSING', `template "${messageId}" did not render to text`);
  return formatted;
}
