import type { Category } from '../needs/categories.ts';
import type { SelfcheckLang, Texts } from './languages.ts';
import { questions, type AnswerKey } from './questions.ts';

/**
 * Scoring of the self-check. Pure. Arrears with rent or mortgage, energy or water, or the health
 * insurance make the result urgent whatever else is answered: they are where the Wgs "bedreigende
 * situaties" start. The law's 3 working days (Wgs art. 4 lid 2) hold only once eviction, a cut-off
 * of gas, electricity, district heating or water, or the end of the health insurance threatens —
 * an arrear alone does not give that right, so the urgent text promises no more (`wgsThreats`).
 */
export type Answers = Partial<Record<string, AnswerKey>>;
export type Level = 'none' | 'some' | 'serious' | 'urgent';

const points: Record<AnswerKey, number> = { never: 0, no: 0, sometimes: 1, unsure: 1, often: 2, yes: 2, always: 3 };

const CRISIS_QUESTIONS = ['rent_arrears', 'energy_arrears', 'insurance_arrears'];

export function score(answers: Answers): number {
  return questions.reduce((sum, q) => {
    const a = answers[q.id];
    return sum + (a && q.answers.includes(a) ? points[a] : 0);
  }, 0);
}

export function level(answers: Answers): Level {
  if (CRISIS_QUESTIONS.some((id) => answers[id] === 'yes')) return 'urgent';
  const total = score(answers);
  if (total >= 6) return 'serious';
  if (total >= 2) return 'some';
  return 'none';
}

const atLeast = (a: AnswerKey | undefined, min: 'sometimes' | 'often') => a !== undefined && points[a] >= points[min] && a !== 'unsure';

/** Which kinds of help fit the answers, most important first. */
export function suggestedHelp(answers: Answers): Category[] {
  const help: Category[] = [];
  const add = (c: Category) => {
    if (!help.includes(c)) help.push(c);
  };
  const debts = answers['unpaid_bills'] === 'yes' || answers['collectors'] === 'yes' || level(answers) === 'urgent';
  if (debts) add('debt_counselling');
  // Rent or mortgage arrears: the housing desk (and the landlord's arrangement) before eviction starts.
  if (answers['rent_arrears'] === 'yes') add('housing_arrears');
  if (atLeast(answers['letters_hard'], 'sometimes')) add('admin_help');
  if (atLeast(answers['ends_meet'], 'sometimes') || atLeast(answers['skip_care'], 'sometimes')) add('income_support');
  if (atLeast(answers['ends_meet'], 'sometimes') && !debts) add('budget_coaching');
  if (help.length > 0 || atLeast(answers['worry_sleep'], 'often')) add('money_buddy');
  if (answers['life_event'] === 'yes') add('neighbourhood_team');
  if (debts || atLeast(answers['ends_meet'], 'often')) add('walk_in');
  return help;
}

export const resultTexts: Record<Level, { title: Texts; body: Texts }> = {
  none: {
    title: {
      nl: 'Geen grote geldzorgen',
      en: 'No big money worries',
      tr: 'Büyük para endişesi yok',
      ar: 'لا توجد مخاوف مالية كبيرة',
      pl: 'Brak dużych zmartwień finansowych',
    },
    body: {
      nl: 'U lijkt nu geen grote geldzorgen te hebben. Verandert er iets? Doe de zelftest dan gerust nog een keer. Hulp vragen mag altijd.',
      en: 'You do not seem to have big money worries right now. If something changes, feel free to do the self-check again. You can always ask for help.',
      tr: 'Şu anda büyük para endişeleriniz yok gibi görünüyor. Bir şey değişirse testi tekrar yapabilirsiniz. Her zaman yardım isteyebilirsiniz.',
      ar: 'يبدو أنه ليست لديك مخاوف مالية كبيرة الآن. إذا تغيّر شيء، يمكنك إجراء الاختبار مرة أخرى. يمكنك دائمًا طلب المساعدة.',
      pl: 'Wygląda na to, że teraz nie ma Pan/Pani dużych zmartwień finansowych. Jeśli coś się zmieni, proszę zrobić test jeszcze raz. Zawsze można poprosić o pomoc.',
    },
  },
  some: {
    title: { nl: 'U bent niet de enige', en: 'You are not the only one', tr: 'Yalnız değilsiniz', ar: 'لست وحدك', pl: 'Nie jest Pan/Pani sam/sama' },
    body: {
      nl: 'Veel mensen hebben soms moeite met geld. Hulp vragen is slim: hoe eerder, hoe makkelijker het op te lossen is. De hulp hieronder is gratis.',
      en: 'Many people sometimes struggle with money. Asking for help is smart: the sooner, the easier it is to solve. The help below is free.',
      tr: 'Birçok insan bazen para konusunda zorlanır. Yardım istemek akıllıcadır: ne kadar erken, o kadar kolay çözülür. Aşağıdaki yardım ücretsizdir.',
      ar: 'كثير من الناس يواجهون أحيانًا صعوبات مالية. طلب المساعدة تصرّف ذكي: كلما كان أبكر، كان الحل أسهل. المساعدة أدناه مجانية.',
      pl: 'Wiele osób czasem ma kłopoty z pieniędzmi. Warto poprosić o pomoc: im wcześniej, tym łatwiej to rozwiązać. Poniższa pomoc jest bezpłatna.',
    },
  },
  serious: {
    title: {
      nl: 'U bent niet de enige: er is hulp',
      en: 'You are not the only one: help is there',
      tr: 'Yalnız değilsiniz: yardım var',
      ar: 'لست وحدك: المساعدة متوفرة',
      pl: 'Nie jest Pan/Pani sam/sama: jest pomoc',
    },
    body: {
      nl: 'U heeft zorgen over geld. Dat overkomt veel mensen, en het is niet uw schuld. Er is gratis hulp bij u in de buurt. Hoe eerder u hulp vraagt, hoe beter.',
      en: 'You have worries about money. That happens to many people, and it is not your fault. There is free help near you. The sooner you ask for help, the better.',
      tr: 'Para konusunda endişeleriniz var. Bu birçok insanın başına gelir ve sizin suçunuz değildir. Yakınınızda ücretsiz yardım var. Ne kadar erken yardım isterseniz o kadar iyi.',
      ar: 'لديك مخاوف بشأن المال. هذا يحدث لكثير من الناس، وليس ذنبك. هناك مساعدة مجانية بالقرب منك. كلما طلبت المساعدة أبكر، كان ذلك أفضل.',
      pl: 'Ma Pan/Pani zmartwienia związane z pieniędzmi. Zdarza się to wielu osobom i to nie jest Pana/Pani wina. W pobliżu jest bezpłatna pomoc. Im szybciej poprosi Pan/Pani o pomoc, tym lepiej.',
    },
  },
  urgent: {
    title: {
      nl: 'Vraag vandaag nog hulp',
      en: 'Ask for help today',
      tr: 'Bugün yardım isteyin',
      ar: 'اطلب المساعدة اليوم',
      pl: 'Proszę poprosić o pomoc jeszcze dziś',
    },
    body: {
      nl: 'U heeft een betalingsachterstand. Dan is het goed om snel hulp te vragen.',
      en: 'You are behind on a payment. Then it is wise to ask for help quickly.',
      tr: 'Bir ödemede gecikmeniz var. O zaman hızlıca yardım istemek iyi olur.',
      ar: 'لديك متأخرات في الدفع. من الأفضل أن تطلب المساعدة بسرعة.',
      pl: 'Ma Pan/Pani zaległość w płatnościach. Warto wtedy szybko poprosić o pomoc.',
    },
  },
};

/**
 * The urgent result's next step. "Call one of the numbers below" only when numbers do follow (the
 * local help for a known postcode); otherwise the way to get them, or to be called.
 */
export const urgentNextStep: Record<'withNumbers' | 'withoutNumbers', Texts> = {
  withNumbers: {
    nl: 'Bel vandaag een van de nummers hieronder. Of vraag hieronder of iemand contact met u opneemt.',
    en: 'Call one of the numbers below today. Or ask below for someone to contact you.',
    tr: 'Bugün aşağıdaki numaralardan birini arayın. Ya da aşağıda biriyle iletişime geçilmesini isteyin.',
    ar: 'اتصل اليوم بأحد الأرقام أدناه. أو اطلب أدناه أن يتواصل معك أحد.',
    pl: 'Proszę zadzwonić dziś pod jeden z numerów poniżej. Albo poprosić poniżej o kontakt.',
  },
  withoutNumbers: {
    nl: 'Vul hieronder uw postcode in: dan ziet u telefoonnummers van hulp bij u in de buurt. Of vraag hieronder of iemand contact met u opneemt.',
    en: 'Enter your postcode below to see phone numbers of help near you. Or ask below for someone to contact you.',
    tr: 'Yakınınızdaki yardımın telefon numaralarını görmek için aşağıya posta kodunuzu yazın. Ya da aşağıda biriyle iletişime geçilmesini isteyin.',
    ar: 'اكتب رمزك البريدي أدناه لترى أرقام هواتف المساعدة القريبة منك. أو اطلب أدناه أن يتواصل معك أحد.',
    pl: 'Proszę wpisać poniżej kod pocztowy, aby zobaczyć numery telefonów pomocy w pobliżu. Albo poprosić poniżej o kontakt.',
  },
};

/**
 * What the law gives, and only that (Wgs art. 4 lid 2): with one of these three threats the
 * municipality must hold a first conversation within 3 working days. Shown with the urgent result.
 */
export const wgsThreats: { intro: Texts; situations: Record<'eviction' | 'energy_water' | 'health_insurance', Texts> } = {
  intro: {
    nl: 'Dreigt een van deze dingen? Dan moet de gemeente binnen 3 werkdagen een eerste gesprek met u hebben:',
    en: 'Is one of these things about to happen? Then the municipality must have a first conversation with you within 3 working days:',
    tr: 'Bunlardan biri olmak üzere mi? O zaman belediye 3 iş günü içinde sizinle ilk görüşmeyi yapmak zorundadır:',
    ar: 'هل يوشك أن يحدث أحد هذه الأمور؟ عندها يجب على البلدية أن تجري معك محادثة أولى خلال 3 أيام عمل:',
    pl: 'Czy grozi jedna z tych rzeczy? Wtedy gmina musi przeprowadzić z Panem/Panią pierwszą rozmowę w ciągu 3 dni roboczych:',
  },
  situations: {
    eviction: {
      nl: 'u moet uit uw huis (huisuitzetting)',
      en: 'you have to leave your home (eviction)',
      tr: 'evinizden çıkarılacaksınız (tahliye)',
      ar: 'سيتم إخراجك من بيتك (إخلاء)',
      pl: 'eksmisja z mieszkania',
    },
    energy_water: {
      nl: 'uw gas, stroom, stadsverwarming of water wordt afgesloten',
      en: 'your gas, electricity, district heating or water will be cut off',
      tr: 'doğalgazınız, elektriğiniz, merkezi ısıtmanız veya suyunuz kesilecek',
      ar: 'سيتم قطع الغاز أو الكهرباء أو التدفئة المركزية أو الماء عنك',
      pl: 'odcięcie gazu, prądu, ogrzewania miejskiego lub wody',
    },
    health_insurance: {
      nl: 'uw zorgverzekering stopt',
      en: 'your health insurance will end',
      tr: 'sağlık sigortanız sona erecek',
      ar: 'سينتهي تأمينك الصحي',
      pl: 'koniec ubezpieczenia zdrowotnego',
    },
  },
};

export function resultText(answers: Answers, lang: SelfcheckLang) {
  const texts = resultTexts[level(answers)];
  return { title: texts.title[lang], body: texts.body[lang] };
}
