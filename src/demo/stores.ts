// Demo stores in five cities, marked demo. Addresses and positions are near real streets, but the
// stores are invented. Counter counts are small on purpose (one counter in Lankaran, Nakhchivan and
// at 28 May) so that a few seeded visits make slots nearly full.
import type { IsoDate } from '../domain/calendar.ts';
import { parseWeeklyHours, type Store, type WeeklyHours } from '../domain/store-schedule.ts';

const weekdaysLong = parseWeeklyHours({
  mon: [['09:00', '19:00']], tue: [['09:00', '19:00']], wed: [['09:00', '19:00']], thu: [['09:00', '19:00']], fri: [['09:00', '19:00']],
  sat: [['10:00', '16:00']],
});
const withLunch = parseWeeklyHours({
  mon: [['09:00', '13:00'], ['14:00', '18:00']], tue: [['09:00', '13:00'], ['14:00', '18:00']], wed: [['09:00', '13:00'], ['14:00', '18:00']],
  thu: [['09:00', '13:00'], ['14:00', '18:00']], fri: [['09:00', '13:00'], ['14:00', '18:00']], sat: [['10:00', '14:00']],
});
const mall = parseWeeklyHours({
  mon: [['10:00', '22:00']], tue: [['10:00', '22:00']], wed: [['10:00', '22:00']], thu: [['10:00', '22:00']], fri: [['10:00', '22:00']],
  sat: [['10:00', '22:00']], sun: [['11:00', '20:00']],
});

// Azerbaijani public holidays in the demo's window: Solidarity Day, New Year, Novruz.
const holidays = ['2026-12-31', '2027-01-01', '2027-01-02', '2027-03-20', '2027-03-21', '2027-03-22', '2027-03-23', '2027-03-24'] as IsoDate[];

function store(
  id: string, code: string, city: string, lat: number, lng: number, counters: number, hours: WeeklyHours,
  names: Store['names'], addresses: Store['addresses'], services: readonly string[] = ['renewal', 'restore', 'new_line', 'other'],
): Store {
  return { id, code, city, lat, lng, names, addresses, services, phone: null, demo: true, schedule: { hours, holidays, counters, slotMinutes: 30 } };
}

export const demoStores: readonly Store[] = [
  store('baku-28-may', 'BAK1', 'Baku', 40.3797, 49.8486, 1, weekdaysLong,
    { az: 'Saxla — 28 May', en: 'Saxla — 28 May', ru: 'Saxla — 28 Мая' },
    { az: '28 May küçəsi 3, Nəsimi rayonu, Bakı', en: '3 28 May Street, Nasimi district, Baku', ru: 'ул. 28 Мая 3, Насиминский район, Баку' }),
  store('baku-fountain-square', 'BAK2', 'Baku', 40.3703, 49.8373, 3, weekdaysLong,
    { az: 'Saxla — Fəvvarələr meydanı', en: 'Saxla — Fountain Square', ru: 'Saxla — Площадь Фонтанов' },
    { az: 'Nizami küçəsi 67, Səbail rayonu, Bakı', en: '67 Nizami Street, Sabail district, Baku', ru: 'ул. Низами 67, Сабаильский район, Баку' }),
  store('baku-ganjlik', 'BAK3', 'Baku', 40.4009, 49.8527, 4, mall,
    { az: 'Saxla — Gənclik Mall', en: 'Saxla — Ganjlik Mall', ru: 'Saxla — Гянджлик Молл' },
    { az: 'Fətəli Xan Xoyski prospekti 14, Nərimanov rayonu, Bakı', en: '14 Fatali Khan Khoyski Avenue, Narimanov district, Baku', ru: 'пр. Фатали Хана Хойского 14, Наримановский район, Баку' }),
  store('baku-khatai', 'BAK4', 'Baku', 40.3834, 49.8716, 2, withLunch,
    { az: 'Saxla — Xətai', en: 'Saxla — Khatai', ru: 'Saxla — Хатаи' },
    { az: 'Xətai prospekti 38, Xətai rayonu, Bakı', en: '38 Khatai Avenue, Khatai district, Baku', ru: 'пр. Хатаи 38, Хатаинский район, Баку' }),
  store('ganja-javad-khan', 'GNJ1', 'Ganja', 40.6828, 46.3606, 2, withLunch,
    { az: 'Saxla — Gəncə, Cavad xan', en: 'Saxla — Ganja, Javad Khan', ru: 'Saxla — Гянджа, Джавад хан' },
    { az: 'Cavad xan küçəsi 12, Gəncə', en: '12 Javad Khan Street, Ganja', ru: 'ул. Джавад хана 12, Гянджа' }),
  store('sumgait-sulh', 'SMQ1', 'Sumgait', 40.5897, 49.6686, 2, weekdaysLong,
    { az: 'Saxla — Sumqayıt', en: 'Saxla — Sumgait', ru: 'Saxla — Сумгаит' },
    { az: 'Sülh küçəsi 5, Sumqayıt', en: '5 Sulh Street, Sumgait', ru: 'ул. Сулх 5, Сумгаит' }),
  store('lankaran-aslanov', 'LNK1', 'Lankaran', 38.7543, 48.8506, 1, withLunch,
    { az: 'Saxla — Lənkəran', en: 'Saxla — Lankaran', ru: 'Saxla — Ленкорань' },
    { az: 'Həzi Aslanov küçəsi 40, Lənkəran', en: '40 Hazi Aslanov Street, Lankaran', ru: 'ул. Ази Асланова 40, Ленкорань' }, ['renewal', 'restore', 'other']),
  store('nakhchivan-aliyev', 'NAX1', 'Nakhchivan', 39.2089, 45.4122, 1, withLunch,
    { az: 'Saxla — Naxçıvan', en: 'Saxla — Nakhchivan', ru: 'Saxla — Нахичевань' },
    { az: 'Heydər Əliyev prospekti 20, Naxçıvan', en: '20 Heydar Aliyev Avenue, Nakhchivan', ru: 'пр. Гейдара Алиева 20, Нахичевань' }, ['renewal', 'restore', 'other']),
];

/** Places taken in the demo so some slots show as nearly full: [store, days ahead, slot index, places]. */
export const demoBookings: readonly (readonly [string, number, number, number])[] = [
  ['baku-28-may', 1, 0, 1], ['baku-28-may', 1, 1, 1], ['baku-28-may', 1, 3, 1],
  ['baku-fountain-square', 1, 2, 2], ['baku-fountain-square', 1, 3, 3], ['baku-fountain-square', 2, 0, 2],
  ['baku-ganjlik', 1, 4, 3],
  ['lankaran-aslanov', 1, 0, 1], ['nakhchivan-aliyev', 2, 1, 1], ['ganja-javad-khan', 1, 5, 1],
];
