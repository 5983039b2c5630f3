import type { Category } from './categories.ts';

/** A text in every language a resident can choose (the self-check's five; /hulp uses nl and en). */
export type PublicText = Record<'nl' | 'en' | 'tr' | 'ar' | 'pl', string>;

/**
 * The kinds of help in residents' words: one set for /hulp and the self-check, so a resident sees
 * the same name on both (docs/glossary.md). Staff pages keep the professional names of
 * categories.ts ("Schuldhulpverlening", "Budgetcoaching").
 */
export const publicCategoryLabels: Record<Category, PublicText> = {
  debt_counselling: { nl: 'Hulp bij schulden', en: 'Help with debts', tr: 'Borç danışmanlığı', ar: 'المساعدة في الديون', pl: 'Pomoc w spłacie długów' },
  housing_arrears: {
    nl: 'Hulp bij huurachterstand',
    en: 'Help with rent arrears',
    tr: 'Kira borcu için yardım',
    ar: 'المساعدة في متأخرات الإيجار',
    pl: 'Pomoc przy zaległym czynszu',
  },
  budget_coaching: {
    nl: 'Hulp bij budgetteren',
    en: 'Help with budgeting',
    tr: 'Bütçe koçluğu',
    ar: 'المساعدة في إدارة الميزانية',
    pl: 'Pomoc w planowaniu budżetu',
  },
  income_support: { nl: 'Inkomen en toeslagen', en: 'Income and allowances', tr: 'Gelir ve yardımlar', ar: 'الدخل والإعانات', pl: 'Dochód i dodatki' },
  admin_help: {
    nl: 'Hulp bij brieven en formulieren',
    en: 'Help with letters and forms',
    tr: 'Mektup ve formlarda yardım',
    ar: 'المساعدة في الرسائل والاستمارات',
    pl: 'Pomoc z listami i formularzami',
  },
  money_buddy: {
    nl: 'Vrijwillig geldmaatje',
    en: 'Volunteer money buddy',
    tr: 'Gönüllü para arkadaşı',
    ar: 'متطوع يساعدك في أمور المال',
    pl: 'Wolontariusz do spraw finansów',
  },
  neighbourhood_team: { nl: 'Wijkteam', en: 'Neighbourhood team', tr: 'Mahalle ekibi', ar: 'فريق الحي', pl: 'Zespół dzielnicowy' },
  welfare_on_prescription: {
    nl: 'Welzijn op recept',
    en: 'Welfare on prescription',
    tr: 'Reçeteyle sosyal destek',
    ar: 'الرعاية الاجتماعية بوصفة',
    pl: 'Wsparcie społeczne na skierowanie',
  },
  food_bank: { nl: 'Voedselbank', en: 'Food bank', tr: 'Gıda bankası', ar: 'بنك الطعام', pl: 'Bank żywności' },
  legal_aid: {
    nl: 'Advies over uw rechten',
    en: 'Advice about your rights',
    tr: 'Haklarınız hakkında danışmanlık',
    ar: 'استشارة حول حقوقك',
    pl: 'Porada w sprawie Pana/Pani praw',
  },
  walk_in: {
    nl: 'Binnenlopen zonder afspraak',
    en: 'Walk in without an appointment',
    tr: 'Randevusuz gelebileceğiniz yer',
    ar: 'الحضور دون موعد',
    pl: 'Przyjście bez umawiania się',
  },
};
