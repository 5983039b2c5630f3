import type { Texts } from './languages.ts';

/**
 * At most 10 short questions in plain language (B1), each with a pictogram (assets in ./pictograms).
 * Answer scales are small and the same where possible. The order goes from general to specific, and
 * the three Wgs crisis situations (rent, energy/water, health insurance) are asked explicitly.
 * Every Turkish, Arabic and Polish text has a recorded back-translation into Dutch
 * (back-translations.ts): a translation that asks something else is caught there.
 */
export type AnswerKey = 'never' | 'sometimes' | 'often' | 'always' | 'yes' | 'no' | 'unsure';

export interface Question {
  id: string;
  pictogram: string;
  text: Texts;
  answers: readonly AnswerKey[];
}

const frequency = ['never', 'sometimes', 'often', 'always'] as const;
const yesNo = ['yes', 'no', 'unsure'] as const;

export const questions: readonly Question[] = [
  {
    id: 'ends_meet',
    pictogram: 'wallet',
    text: {
      nl: 'Is het moeilijk om rond te komen aan het eind van de maand?',
      en: 'Is it hard to make ends meet at the end of the month?',
      tr: 'Ay sonunu getirmek sizin için zor mu?',
      ar: 'هل من الصعب عليك تدبير أمورك المالية حتى نهاية الشهر؟',
      pl: 'Czy trudno jest Panu/Pani związać koniec z końcem pod koniec miesiąca?',
    },
    answers: frequency,
  },
  {
    id: 'unpaid_bills',
    pictogram: 'bills',
    text: {
      nl: 'Heeft u rekeningen die u niet kunt betalen?',
      en: 'Do you have bills you cannot pay?',
      tr: 'Ödeyemediğiniz faturalarınız var mı?',
      ar: 'هل لديك فواتير لا تستطيع دفعها؟',
      pl: 'Czy ma Pan/Pani rachunki, których nie może Pan/Pani zapłacić?',
    },
    answers: yesNo,
  },
  {
    id: 'collectors',
    pictogram: 'letter',
    text: {
      nl: 'Krijgt u brieven van een incassobureau of deurwaarder?',
      en: 'Do you get letters from a debt collector or bailiff?',
      tr: 'Bir tahsilat bürosundan veya icra memurundan mektup alıyor musunuz?',
      ar: 'هل تصلك رسائل من شركة تحصيل ديون أو من محضر قضائي؟',
      pl: 'Czy dostaje Pan/Pani listy od firmy windykacyjnej lub komornika?',
    },
    answers: yesNo,
  },
  {
    id: 'rent_arrears',
    pictogram: 'house',
    text: {
      nl: 'Heeft u een achterstand met de huur of hypotheek?',
      en: 'Are you behind on your rent or mortgage?',
      tr: 'Kira veya ipotek ödemelerinde gecikmeniz var mı?',
      ar: 'هل أنت متأخر في دفع الإيجار أو القرض العقاري؟',
      pl: 'Czy ma Pan/Pani zaległości w czynszu lub kredycie hipotecznym?',
    },
    answers: yesNo,
  },
  {
    id: 'energy_arrears',
    pictogram: 'energy',
    text: {
      nl: 'Heeft u een achterstand met gas, stroom of water?',
      en: 'Are you behind on gas, electricity or water bills?',
      tr: 'Doğalgaz, elektrik veya su faturalarında gecikmeniz var mı?',
      ar: 'هل أنت متأخر في دفع فواتير الغاز أو الكهرباء أو الماء؟',
      pl: 'Czy ma Pan/Pani zaległości w opłatach za gaz, prąd lub wodę?',
    },
    answers: yesNo,
  },
  {
    id: 'insurance_arrears',
    pictogram: 'health',
    text: {
      nl: 'Heeft u een achterstand met de zorgverzekering?',
      en: 'Are you behind on your health insurance?',
      tr: 'Sağlık sigortası ödemelerinde gecikmeniz var mı?',
      ar: 'هل أنت متأخر في دفع التأمين الصحي؟',
      pl: 'Czy ma Pan/Pani zaległości w ubezpieczeniu zdrowotnym?',
    },
    answers: yesNo,
  },
  {
    id: 'skip_care',
    pictogram: 'pills',
    text: {
      nl: 'Slaat u wel eens de dokter of medicijnen over omdat het geld kost?',
      en: 'Do you ever skip the doctor or medicine because it costs money?',
      tr: 'Para gerektirdiği için doktora gitmediğiniz veya ilaçlarınızı almadığınız oluyor mu?',
      ar: 'هل تتخلى أحيانًا عن العلاج أو الدواء لأنه يكلف مالًا؟',
      pl: 'Czy zdarza się Panu/Pani rezygnować z leczenia lub leków, bo kosztują?',
    },
    answers: frequency,
  },
  {
    id: 'worry_sleep',
    pictogram: 'moon',
    text: {
      nl: 'Ligt u wakker van zorgen over geld?',
      en: 'Do worries about money keep you awake at night?',
      tr: 'Para endişeleri yüzünden geceleri uyuyamadığınız oluyor mu?',
      ar: 'هل يبقيك القلق بشأن المال مستيقظًا في الليل؟',
      pl: 'Czy zmartwienia o pieniądze nie dają Panu/Pani spać?',
    },
    answers: frequency,
  },
  {
    id: 'life_event',
    pictogram: 'change',
    text: {
      nl: 'Is er kort geleden iets groots veranderd? Bijvoorbeeld werk kwijt, scheiding, ziekte of overlijden.',
      en: 'Has something big changed recently? For example losing your job, divorce, illness or a death.',
      tr: 'Son zamanlarda büyük bir değişiklik oldu mu? Örneğin işini kaybetmek, boşanma, hastalık veya bir ölüm.',
      ar: 'هل تغيّر شيء كبير مؤخرًا؟ مثل فقدان العمل أو الطلاق أو المرض أو وفاة شخص.',
      pl: 'Czy ostatnio zmieniło się coś ważnego? Na przykład utrata pracy, rozwód, choroba lub śmierć bliskiej osoby.',
    },
    answers: yesNo,
  },
  {
    id: 'letters_hard',
    pictogram: 'forms',
    text: {
      nl: 'Vindt u brieven en formulieren (van de gemeente of Belastingdienst) moeilijk?',
      en: 'Do you find letters and forms (from the municipality or tax office) difficult?',
      tr: 'Belediye veya vergi dairesinden gelen mektupları ve formları zor buluyor musunuz?',
      ar: 'هل تجد الرسائل والاستمارات (من البلدية أو مصلحة الضرائب) صعبة؟',
      pl: 'Czy listy i formularze (z gminy lub urzędu skarbowego) są dla Pana/Pani trudne?',
    },
    answers: frequency,
  },
];

export const answerLabels: Record<AnswerKey, Texts> = {
  never: { nl: 'Nooit', en: 'Never', tr: 'Hiçbir zaman', ar: 'أبدًا', pl: 'Nigdy' },
  sometimes: { nl: 'Soms', en: 'Sometimes', tr: 'Bazen', ar: 'أحيانًا', pl: 'Czasami' },
  often: { nl: 'Vaak', en: 'Often', tr: 'Sık sık', ar: 'غالبًا', pl: 'Często' },
  always: { nl: 'Altijd', en: 'Always', tr: 'Her zaman', ar: 'دائمًا', pl: 'Zawsze' },
  yes: { nl: 'Ja', en: 'Yes', tr: 'Evet', ar: 'نعم', pl: 'Tak' },
  no: { nl: 'Nee', en: 'No', tr: 'Hayır', ar: 'لا', pl: 'Nie' },
  unsure: { nl: 'Weet ik niet', en: "I don't know", tr: 'Bilmiyorum', ar: 'لا أعرف', pl: 'Nie wiem' },
};
