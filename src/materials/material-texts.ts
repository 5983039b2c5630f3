import type { Category } from '../needs/categories.ts';
import type { SelfcheckLang, Texts } from '../selfcheck/languages.ts';
import type { PictogramName } from './pictograms.ts';

/**
 * The words on the materials for patients, in B1 Dutch and the self-check's languages (English,
 * Turkish, Polish, Arabic). Short on purpose: the pictograms carry most of the meaning.
 */
export type MaterialNeed = Exclude<PictogramName, 'selfcheck'>;

export interface NeedInfo {
  pictogram: MaterialNeed;
  label: Texts;
  /** The social map's category whose services help with this need first. */
  category: Category;
  /**
   * A threatening situation under the Wgs (art. 4, docs/product.md): eviction, energy or water cut
   * off, health insurance ended. The first conversation is then due within 3 working days.
   */
  threatening: boolean;
}

export const materialNeeds: readonly NeedInfo[] = [
  {
    pictogram: 'debt',
    label: { nl: 'Schulden', en: 'Debts', tr: 'Borçlar', pl: 'Długi', ar: 'الديون' },
    category: 'debt_counselling',
    threatening: false,
  },
  {
    pictogram: 'rent',
    label: { nl: 'Huur', en: 'Rent', tr: 'Kira', pl: 'Czynsz', ar: 'الإيجار' },
    category: 'debt_counselling',
    threatening: true,
  },
  {
    pictogram: 'energy',
    label: { nl: 'Energie', en: 'Energy', tr: 'Enerji', pl: 'Energia', ar: 'الطاقة' },
    category: 'debt_counselling',
    threatening: true,
  },
  {
    pictogram: 'insurance',
    label: { nl: 'Zorgverzekering', en: 'Health insurance', tr: 'Sağlık sigortası', pl: 'Ubezpieczenie zdrowotne', ar: 'التأمين الصحي' },
    category: 'debt_counselling',
    threatening: true,
  },
  {
    pictogram: 'benefits',
    label: { nl: 'Toeslagen en uitkering', en: 'Allowances and benefits', tr: 'Ödenekler ve yardımlar', pl: 'Dodatki i zasiłki', ar: 'الإعانات والبدلات' },
    category: 'income_support',
    threatening: false,
  },
  {
    pictogram: 'forms',
    label: { nl: 'Formulieren', en: 'Forms', tr: 'Formlar', pl: 'Formularze', ar: 'الاستمارات' },
    category: 'admin_help',
    threatening: false,
  },
  {
    pictogram: 'food',
    label: { nl: 'Eten', en: 'Food', tr: 'Yiyecek', pl: 'Jedzenie', ar: 'الطعام' },
    category: 'food_bank',
    threatening: false,
  },
  {
    pictogram: 'walk_in',
    label: { nl: 'Inloop', en: 'Walk-in', tr: 'Randevusuz', pl: 'Bez zapisów', ar: 'بدون موعد' },
    category: 'walk_in',
    threatening: false,
  },
];

export const cardTexts = {
  title: {
    nl: 'Zorgen over geld? Hier kunt u terecht',
    en: 'Worried about money? This is where you can go',
    tr: 'Para endişeniz mi var? Buraya başvurabilirsiniz',
    pl: 'Martwisz się o pieniądze? Tu znajdziesz pomoc',
    ar: 'هل لديك مخاوف بشأن المال؟ يمكنك التوجه إلى هنا',
  },
  notAlone: {
    nl: 'U bent niet de enige. De hulp is meestal gratis.',
    en: 'You are not alone. The help is usually free.',
    tr: 'Yalnız değilsiniz. Yardım genellikle ücretsizdir.',
    pl: 'Nie jesteś sam. Pomoc jest zwykle bezpłatna.',
    ar: 'لست وحدك. المساعدة مجانية في الغالب.',
  },
  walkIn: {
    nl: 'Binnenlopen zonder afspraak',
    en: 'Walk in without an appointment',
    tr: 'Randevusuz gelebilirsiniz',
    pl: 'Przyjdź bez umawiania się',
    ar: 'تعال بدون موعد',
  },
  call: { nl: 'Bellen', en: 'Call', tr: 'Arayın', pl: 'Zadzwoń', ar: 'اتصل' },
  scan: {
    nl: 'Scan: hulp bij u in de buurt',
    en: 'Scan: help near you',
    tr: 'Tarayın: yakınınızdaki yardım',
    pl: 'Zeskanuj: pomoc w pobliżu',
    ar: 'امسح الرمز: مساعدة بالقرب منك',
  },
  madeOn: { nl: 'Gemaakt op', en: 'Made on', tr: 'Hazırlanma tarihi', pl: 'Utworzono', ar: 'تاريخ الإعداد' },
  noWalkIn: {
    nl: 'Binnenlopen zonder afspraak: niet bekend. Bel of kijk op de website.',
    en: 'Walking in without an appointment: not known. Call or look at the website.',
    tr: 'Bilinen randevusuz saat yok. Arayın veya web sitesine bakın.',
    pl: 'Brak znanych godzin bez zapisów. Zadzwoń lub zajrzyj na stronę.',
    ar: 'لا توجد ساعات بدون موعد. اتصل أو زر الموقع.',
  },
} satisfies Record<string, Texts>;

export const handoverTexts = {
  title: { nl: 'Zo gaat het verder', en: 'What happens next', tr: 'Bundan sonra ne olacak', pl: 'Co dalej', ar: 'ماذا سيحدث بعد ذلك' },
  referredTo: {
    nl: 'Uw huisartsenpraktijk heeft u aangemeld bij:',
    en: 'Your GP practice has referred you to:',
    tr: 'Aile hekiminiz sizi buraya yönlendirdi:',
    pl: 'Twoja przychodnia skierowała Cię do:',
    ar: 'أحالتك عيادة طبيب العائلة إلى:',
  },
  who: {
    nl: 'Wie neemt contact met u op',
    en: 'Who will contact you',
    tr: 'Sizinle kim iletişime geçecek',
    pl: 'Kto się z Tobą skontaktuje',
    ar: 'من سيتواصل معك',
  },
  byWhen: { nl: 'Uiterlijk op', en: 'At the latest on', tr: 'En geç', pl: 'Najpóźniej', ar: 'في موعد أقصاه' },
  fromNumber: { nl: 'Vanaf dit nummer', en: 'From this number', tr: 'Bu numaradan', pl: 'Z tego numeru', ar: 'من هذا الرقم' },
  atHand: { nl: 'Houd dit bij de hand', en: 'Have this at hand', tr: 'Bunları hazır bulundurun', pl: 'Przygotuj', ar: 'جهّز ما يلي' },
  notCalled: {
    nl: 'Niet gebeld? Bel dan zelf dit nummer.',
    en: 'Nobody called? Then call this number yourself.',
    tr: 'Aranmadınız mı? O zaman bu numarayı siz arayın.',
    pl: 'Nikt nie zadzwonił? Zadzwoń sam pod ten numer.',
    ar: 'لم يتصل بك أحد؟ اتصل أنت بهذا الرقم.',
  },
} satisfies Record<string, Texts>;

export const atHandItems: readonly Texts[] = [
  {
    nl: 'Brieven en rekeningen die nog niet betaald zijn',
    en: 'Letters and bills that are not paid yet',
    tr: 'Henüz ödenmemiş mektuplar ve faturalar',
    pl: 'Listy i rachunki, które nie są jeszcze zapłacone',
    ar: 'الرسائل والفواتير التي لم تُدفع بعد',
  },
  {
    nl: 'Uw bankafschriften van de laatste maand',
    en: 'Your bank statements of the last month',
    tr: 'Son aya ait banka hesap dökümleriniz',
    pl: 'Wyciągi z konta z ostatniego miesiąca',
    ar: 'كشوف حسابك البنكي للشهر الأخير',
  },
  {
    nl: 'Uw loonstrook of de brief over uw uitkering',
    en: 'Your payslip or the letter about your benefit',
    tr: 'Maaş bordronuz veya yardım mektubunuz',
    pl: 'Pasek wypłaty lub pismo o zasiłku',
    ar: 'قسيمة راتبك أو رسالة الإعانة',
  },
  {
    nl: 'Uw vragen, op papier',
    en: 'Your questions, written down',
    tr: 'Sorularınız, kâğıda yazılmış',
    pl: 'Twoje pytania, zapisane na kartce',
    ar: 'أسئلتك مكتوبة على ورقة',
  },
];

/** ISO weekday 1 (Monday) … 7 (Sunday), index 0 = Monday. */
export const weekdayNames: Record<SelfcheckLang, readonly string[]> = {
  nl: ['maandag', 'dinsdag', 'woensdag', 'donderdag', 'vrijdag', 'zaterdag', 'zondag'],
  en: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'],
  tr: ['Pazartesi', 'Salı', 'Çarşamba', 'Perşembe', 'Cuma', 'Cumartesi', 'Pazar'],
  pl: ['poniedziałek', 'wtorek', 'środa', 'czwartek', 'piątek', 'sobota', 'niedziela'],
  ar: ['الاثنين', 'الثلاثاء', 'الأربعاء', 'الخميس', 'الجمعة', 'السبت', 'الأحد'],
};

const locales: Record<SelfcheckLang, string> = { nl: 'nl-NL', en: 'en-GB', tr: 'tr-TR', pl: 'pl-PL', ar: 'ar-u-nu-latn' };

/** "3 december 2026" in the card's language, for a YYYY-MM-DD day. */
export function formatDay(isoDate: string, lang: SelfcheckLang): string {
  return new Intl.DateTimeFormat(locales[lang], { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${isoDate}T12:00:00Z`));
}

/**
 * The patient's preferred language as typed on the referral form ("Nederlands", "Turks", "Arabic")
 * → the card's language; Dutch when it is none of the five.
 */
export function cardLanguageOf(preferred: string | null): SelfcheckLang {
  const word = (preferred ?? '').trim().toLowerCase();
  if (/^(en|engels|english)/.test(word)) return 'en';
  if (/^(tr|turks|turkish|türkçe|turkce)/.test(word)) return 'tr';
  if (/^(pl|pools|polish|polski)/.test(word)) return 'pl';
  if (/^(ar|arabisch|arabic)/.test(word) || word.startsWith('العربية') || word.startsWith('عربي')) return 'ar';
  return 'nl';
}
