import type { DataItem, ConsentRecipient, ConsentWording } from '../referrals/consent.ts';
import { CONSENT_TEXT_VERSION, dataItems } from '../referrals/consent.ts';
import type { SelfcheckLang, Texts } from './languages.ts';

/**
 * The resident's own consent for "neem contact met mij op" (AVG art. 7 and 13): shown once the
 * address is known, so it names the team and organisation that will receive the request, lists
 * every kind of data that is sent, the purpose, how long it is kept, and how to withdraw, in the
 * self-check's five languages. The self-check asks no date of birth and stores no strain answer, so
 * those items are not listed.
 */
export const SELFCHECK_CONSENT_TEXT_VERSION = `selfcheck-${CONSENT_TEXT_VERSION}`;

/** What a self-referral stores about the person (create-self-referral.ts): all a referral can carry but a date of birth and a strain answer. */
export const selfcheckDataScope: readonly DataItem[] = dataItems.filter((item) => item !== 'birth_date' && item !== 'strain');

/** Each item as the resident reads it. The "question" a self-referral carries is the test's result. */
export const selfcheckItemLabels: Record<Exclude<DataItem, 'birth_date' | 'strain'>, Texts> = {
  name: { nl: 'uw naam', en: 'your name', tr: 'adınız', ar: 'اسمك', pl: 'imię i nazwisko' },
  phone: { nl: 'uw telefoonnummer', en: 'your phone number', tr: 'telefon numaranız', ar: 'رقم هاتفك', pl: 'numer telefonu' },
  email: { nl: 'uw e-mailadres', en: 'your e-mail address', tr: 'e-posta adresiniz', ar: 'بريدك الإلكتروني', pl: 'adres e-mail' },
  address: {
    nl: 'uw postcode en huisnummer',
    en: 'your postcode and house number',
    tr: 'posta kodunuz ve kapı numaranız',
    ar: 'رمزك البريدي ورقم منزلك',
    pl: 'kod pocztowy i numer domu',
  },
  preferred_language: { nl: 'de taal van deze test', en: 'the language of this test', tr: 'bu testin dili', ar: 'لغة هذا الاختبار', pl: 'język tego testu' },
  best_time_to_call: {
    nl: 'wanneer het team u het beste kan bellen',
    en: 'when the team can best call you',
    tr: 'ekibin sizi en iyi ne zaman arayabileceği',
    ar: 'أفضل وقت ليتصل بك الفريق',
    pl: 'kiedy zespół może najlepiej zadzwonić',
  },
  question: { nl: 'de uitslag van deze test', en: 'the result of this test', tr: 'bu testin sonucu', ar: 'نتيجة هذا الاختبار', pl: 'wynik tego testu' },
  needs: {
    nl: 'welke hulp bij de uitslag past',
    en: 'which help fits the result',
    tr: 'sonuca hangi yardımın uyduğu',
    ar: 'نوع المساعدة التي تناسب النتيجة',
    pl: 'jaka pomoc pasuje do wyniku',
  },
  urgency: {
    nl: 'of u een achterstand heeft met huur, energie of zorgverzekering',
    en: 'whether you are behind on rent, energy or health insurance',
    tr: 'kira, enerji veya sağlık sigortası ödemelerinde gecikmeniz olup olmadığı',
    ar: 'هل لديك متأخرات في الإيجار أو الطاقة أو التأمين الصحي',
    pl: 'czy ma Pan/Pani zaległości w czynszu, opłatach za energię lub ubezpieczeniu zdrowotnym',
  },
  contact_way: {
    nl: 'dat het team u belt of mailt',
    en: 'that the team calls or e-mails you',
    tr: 'ekibin sizi arayacağı veya e-posta göndereceği',
    ar: 'أن الفريق سيتصل بك أو يراسلك',
    pl: 'że zespół zadzwoni lub napisze e-mail',
  },
};

const lead: Texts = {
  nl: 'Klikt u op ‘Neem contact met mij op’? Dan sturen wij deze gegevens naar {team} van {organisation}:',
  en: 'If you click ‘Please contact me’, we send these details to {team} of {organisation}:',
  tr: '‘Benimle iletişime geçin’ düğmesine tıklarsanız, bu bilgileri {organisation} kurumundaki {team} ekibine göndeririz:',
  ar: 'إذا نقرت على "تواصلوا معي"، نرسل هذه البيانات إلى {team} التابع لـ {organisation}:',
  pl: 'Jeśli kliknie Pan/Pani „Proszę o kontakt”, wyślemy te dane do zespołu {team} ({organisation}):',
};

const purpose: Texts = {
  nl: 'Het team belt of mailt u over hulp bij geld. Het is gratis.',
  en: 'The team calls or e-mails you about help with money. It is free.',
  tr: 'Ekip, para konusunda yardım için sizi arar veya e-posta gönderir. Ücretsizdir.',
  ar: 'يتصل بك الفريق أو يراسلك بشأن المساعدة في الأمور المالية. الخدمة مجانية.',
  pl: 'Zespół zadzwoni lub napisze w sprawie pomocy w kwestiach finansowych. To nic nie kosztuje.',
};

const kept: Texts = {
  nl: 'Het team bewaart uw gegevens tot {months} nadat uw vraag is afgesloten. Daarna worden ze gewist.',
  en: 'The team keeps your details until {months} after your request is closed. Then they are erased.',
  tr: 'Ekip, talebiniz kapatıldıktan sonra bilgilerinizi {months} daha saklar. Sonra bilgiler silinir.',
  ar: 'يحتفظ الفريق ببياناتك حتى {months} بعد إغلاق طلبك. ثم تُحذف.',
  pl: 'Zespół przechowuje dane do {months} po zamknięciu sprawy. Potem dane są usuwane.',
};

const withdraw: Texts = {
  nl: 'Wilt u het later niet meer? Bel of mail dan het team. Het team stopt dan, en uw gegevens worden gewist.',
  en: 'If you no longer want this later, call or e-mail the team. The team then stops, and your details are erased.',
  tr: 'Daha sonra artık istemezseniz ekibi arayın veya e-posta gönderin. Ekip o zaman durur ve bilgileriniz silinir.',
  ar: 'إذا لم تعد تريد ذلك لاحقًا، اتصل بالفريق أو راسله. عندها يتوقف الفريق وتُحذف بياناتك.',
  pl: 'Jeśli później nie będzie Pan/Pani tego chcieć, proszę zadzwonić lub napisać do zespołu. Zespół wtedy przestanie, a dane zostaną usunięte.',
};

/** The box the resident ticks, naming the team again. */
export const consentBox: Texts = {
  nl: 'Ik geef toestemming om deze gegevens naar {team} te sturen.',
  en: 'I consent to sending these details to {team}.',
  tr: 'Bu bilgilerin {team} ekibine gönderilmesine izin veriyorum.',
  ar: 'أوافق على إرسال هذه البيانات إلى {team}.',
  pl: 'Zgadzam się na wysłanie tych danych do zespołu {team}.',
};

/** Month counts with each language's plural (Polish and Arabic have several forms). */
const monthWords: Record<SelfcheckLang, Partial<Record<Intl.LDMLPluralRule, string>> & { other: string }> = {
  nl: { one: 'maand', other: 'maanden' },
  en: { one: 'month', other: 'months' },
  tr: { other: 'ay' },
  pl: { one: 'miesiąc', few: 'miesiące', many: 'miesięcy', other: 'miesiąca' },
  ar: { few: 'أشهر', many: 'شهرًا', other: 'شهر' },
};

function months(lang: SelfcheckLang, n: number): string {
  const words = monthWords[lang];
  return `${n} ${words[new Intl.PluralRules(lang).select(n)] ?? words.other}`;
}

/**
 * Arabic reads right to left; a Latin team name inside it is isolated (U+2068 … U+2069) so the
 * surrounding punctuation stays where it belongs (Unicode bidi algorithm, UAX #9).
 */
function isolate(lang: SelfcheckLang, text: string): string {
  return lang === 'ar' ? `\u2068${text}\u2069` : text;
}

function put(text: string, values: Record<string, string>): string {
  return text.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);
}

export function selfcheckConsentWording(lang: SelfcheckLang, to: ConsentRecipient, retentionMonths: number): ConsentWording {
  const names = { team: isolate(lang, to.team), organisation: isolate(lang, to.organisation) };
  return {
    lead: put(lead[lang], names),
    items: selfcheckDataScope.filter((item) => item !== 'birth_date').map((item) => selfcheckItemLabels[item as keyof typeof selfcheckItemLabels][lang]),
    closing: [purpose[lang], put(kept[lang], { months: months(lang, retentionMonths) }), withdraw[lang]],
  };
}

export function selfcheckConsentBox(lang: SelfcheckLang, team: string): string {
  return put(consentBox[lang], { team: isolate(lang, team) });
}
