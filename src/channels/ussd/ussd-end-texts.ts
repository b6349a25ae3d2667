// The USSD channel's one table from error code to the END text a customer reads, per language.
// Codes a USSD request cannot meet share the general text. When the line (so its language) is not
// known, Azerbaijani and English are shown together; both are GSM 7-bit and fit one screen.
import type { ErrorCode } from '../../domain/errors.ts';
import type { Locale } from '../../domain/money.ts';
import { composeScreen, cutToScreen } from '../../domain/ussd-screen.ts';

type EndTexts = Readonly<Record<Locale, string>>;

const general: EndTexts = {
  az: 'Sorğunu yerinə yetirə bilmədik. Bir azdan yenidən *101# yığın.',
  en: 'We could not do that. Please dial *101# again in a moment.',
  ru: 'Не получилось. Наберите *101# ещё раз чуть позже.',
  zh: '操作未完成，请稍后再拨 *101#。',
  tr: 'İşlem yapılamadı. Biraz sonra tekrar *101# tuşlayın.',
};

const byCode: Partial<Readonly<Record<ErrorCode, EndTexts>>> = {
  LINE_NOT_FOUND: {
    az: 'Bu nömrə Saxla ilə xidmət olunmur.',
    en: 'This number is not served by Saxla.',
    ru: 'Этот номер не обслуживается Saxla.',
    zh: '此号码不由 Saxla 服务。',
    tr: 'Bu numaraya Saxla hizmet vermiyor.',
  },
  INVALID_MSISDN: {
    az: 'Nömrəni tanımadıq.',
    en: 'We could not read this phone number.',
    ru: 'Не удалось распознать номер.',
    zh: '无法识别此号码。',
    tr: 'Bu telefon numarası okunamadı.',
  },
  USSD_SESSION_EXPIRED: {
    az: 'Sessiyanın vaxtı bitdi. Yenidən *101# yığın.',
    en: 'This session has timed out. Please dial *101# again.',
    ru: 'Сеанс истёк. Наберите *101# снова.',
    zh: '会话已超时，请重新拨打 *101#。',
    tr: 'Oturumun süresi doldu. Tekrar *101# tuşlayın.',
  },
  VALIDATION_FAILED: {
    az: 'Sorğu anlaşılmadı. Yenidən *101# yığın.',
    en: 'We did not understand that. Please dial *101# again.',
    ru: 'Запрос не понят. Наберите *101# снова.',
    zh: '无法识别输入，请重新拨打 *101#。',
    tr: 'İsteğiniz anlaşılamadı. Tekrar *101# tuşlayın.',
  },
  INSUFFICIENT_BALANCE: {
    az: 'Balans kifayət deyil. Balansı artırın və yenidən *101# yığın.',
    en: 'Not enough balance for this plan. Top up and dial *101# again.',
    ru: 'Недостаточно средств. Пополните баланс и наберите *101#.',
    zh: '余额不足，请充值后再拨 *101#。',
    tr: 'Bu tarife için bakiye yetersiz. Bakiye yükleyip tekrar *101# tuşlayın.',
  },
  LINE_IN_QUARANTINE: {
    az: 'Nömrə bağlıdır: şəxsiyyət vəsiqəsi ilə Saxla mağazasında bərpa edin.',
    en: 'This number is closed: restore it at a Saxla store with your ID.',
    ru: 'Номер закрыт: восстановите его в салоне Saxla с документом.',
    zh: '号码已关闭：请携带证件到 Saxla 门店恢复。',
    tr: 'Numara kapalı: kimliğinizle bir Saxla mağazasında geri açtırın.',
  },
  LINE_RECYCLABLE: {
    az: 'Nömrə buraxılıb və artıq bərpa oluna bilməz.',
    en: 'This number has been released and can no longer be restored.',
    ru: 'Номер освобождён, восстановить нельзя.',
    zh: '号码已释放，无法恢复。',
    tr: 'Numara serbest bırakıldı ve artık geri getirilemez.',
  },
  FORBIDDEN: {
    az: 'Bu xidmətə giriş yoxdur.',
    en: 'This service is not available here.',
    ru: 'Сервис недоступен.',
    zh: '此服务不可用。',
    tr: 'Bu hizmet burada kullanılamıyor.',
  },
};

export function ussdEndText(code: ErrorCode, language: Locale | null): string {
  const texts = byCode[code] ?? general;
  if (language !== null) return cutToScreen(composeScreen([texts[language]], language));
  return cutToScreen(composeScreen([texts.az, texts.en], 'az'));
}
