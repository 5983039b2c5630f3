import type { SelfcheckLang } from './languages.ts';

/**
 * Back-translations of the self-check questions: each Turkish, Arabic and Polish question put back
 * into Dutch by someone who did not write it, and compared with the Dutch question. This is how the
 * Turkish question 7 was found to ask the opposite ("has it never happened that you *took* your
 * medicine?"). A test (back-translations.test.ts) holds each entry to the text the app shows: change a
 * translation and its back-translation must be recorded again, or the test fails.
 *
 * `text` is the translation as it was reviewed, `back` its meaning in Dutch, word for word where
 * that helps, and `meaningKept` the reviewer's verdict against the Dutch question.
 */
export interface BackTranslation {
  text: string;
  back: string;
  meaningKept: boolean;
}

export type TranslatedLang = Exclude<SelfcheckLang, 'nl' | 'en'>;

/** Who compared, and when. A native speaker confirms each language before a pilot with residents. */
export const backTranslationReview = {
  on: '2026-11-30',
  by: 'Korte Lijn team, from the B1 copy review of 2026-11-30',
  nativeSpeakerCheck: { tr: 'pending', ar: 'pending', pl: 'pending' } as Record<TranslatedLang, 'pending' | 'done'>,
};

export const backTranslations: Record<string, Record<TranslatedLang, BackTranslation>> = {
  ends_meet: {
    tr: { text: 'Ay sonunu getirmek sizin için zor mu?', back: 'Is het voor u moeilijk om het eind van de maand te halen?', meaningKept: true },
    ar: {
      text: 'هل من الصعب عليك تدبير أمورك المالية حتى نهاية الشهر؟',
      back: 'Is het voor u moeilijk om met uw geld rond te komen tot het eind van de maand?',
      meaningKept: true,
    },
    pl: {
      text: 'Czy trudno jest Panu/Pani związać koniec z końcem pod koniec miesiąca?',
      back: 'Is het voor u moeilijk om aan het eind van de maand rond te komen?',
      meaningKept: true,
    },
  },
  unpaid_bills: {
    tr: { text: 'Ödeyemediğiniz faturalarınız var mı?', back: 'Heeft u rekeningen die u niet kunt betalen?', meaningKept: true },
    ar: { text: 'هل لديك فواتير لا تستطيع دفعها؟', back: 'Heeft u rekeningen die u niet kunt betalen?', meaningKept: true },
    pl: { text: 'Czy ma Pan/Pani rachunki, których nie może Pan/Pani zapłacić?', back: 'Heeft u rekeningen die u niet kunt betalen?', meaningKept: true },
  },
  collectors: {
    tr: {
      text: 'Bir tahsilat bürosundan veya icra memurundan mektup alıyor musunuz?',
      back: 'Krijgt u brieven van een incassobureau of een deurwaarder?',
      meaningKept: true,
    },
    ar: {
      text: 'هل تصلك رسائل من شركة تحصيل ديون أو من محضر قضائي؟',
      back: 'Krijgt u brieven van een incassobedrijf of van een gerechtsdeurwaarder?',
      meaningKept: true,
    },
    pl: {
      text: 'Czy dostaje Pan/Pani listy od firmy windykacyjnej lub komornika?',
      back: 'Krijgt u brieven van een incassobedrijf of een deurwaarder?',
      meaningKept: true,
    },
  },
  rent_arrears: {
    tr: { text: 'Kira veya ipotek ödemelerinde gecikmeniz var mı?', back: 'Bent u te laat met het betalen van de huur of de hypotheek?', meaningKept: true },
    ar: { text: 'هل أنت متأخر في دفع الإيجار أو القرض العقاري؟', back: 'Bent u achter met het betalen van de huur of de hypotheek?', meaningKept: true },
    pl: {
      text: 'Czy ma Pan/Pani zaległości w czynszu lub kredycie hipotecznym?',
      back: 'Heeft u een achterstand met de huur of de hypotheek?',
      meaningKept: true,
    },
  },
  energy_arrears: {
    tr: {
      text: 'Doğalgaz, elektrik veya su faturalarında gecikmeniz var mı?',
      back: 'Bent u te laat met de rekeningen voor gas, stroom of water?',
      meaningKept: true,
    },
    ar: {
      text: 'هل أنت متأخر في دفع فواتير الغاز أو الكهرباء أو الماء؟',
      back: 'Bent u achter met het betalen van de rekeningen voor gas, stroom of water?',
      meaningKept: true,
    },
    pl: {
      text: 'Czy ma Pan/Pani zaległości w opłatach za gaz, prąd lub wodę?',
      back: 'Heeft u een achterstand met betalingen voor gas, stroom of water?',
      meaningKept: true,
    },
  },
  insurance_arrears: {
    tr: { text: 'Sağlık sigortası ödemelerinde gecikmeniz var mı?', back: 'Bent u te laat met het betalen van de zorgverzekering?', meaningKept: true },
    ar: { text: 'هل أنت متأخر في دفع التأمين الصحي؟', back: 'Bent u achter met het betalen van de zorgverzekering?', meaningKept: true },
    pl: { text: 'Czy ma Pan/Pani zaległości w ubezpieczeniu zdrowotnym?', back: 'Heeft u een achterstand met de zorgverzekering?', meaningKept: true },
  },
  skip_care: {
    tr: {
      text: 'Para gerektirdiği için doktora gitmediğiniz veya ilaçlarınızı almadığınız oluyor mu?',
      back: 'Komt het voor dat u niet naar de dokter gaat of uw medicijnen niet neemt, omdat het geld kost?',
      meaningKept: true,
    },
    ar: {
      text: 'هل تتخلى أحيانًا عن العلاج أو الدواء لأنه يكلف مالًا؟',
      back: 'Ziet u wel eens af van behandeling of medicijnen omdat het geld kost?',
      meaningKept: true,
    },
    pl: {
      text: 'Czy zdarza się Panu/Pani rezygnować z leczenia lub leków, bo kosztują?',
      back: 'Komt het voor dat u afziet van behandeling of medicijnen, omdat ze geld kosten?',
      meaningKept: true,
    },
  },
  worry_sleep: {
    tr: {
      text: 'Para endişeleri yüzünden geceleri uyuyamadığınız oluyor mu?',
      back: 'Komt het voor dat u door zorgen over geld ’s nachts niet kunt slapen?',
      meaningKept: true,
    },
    ar: { text: 'هل يبقيك القلق بشأن المال مستيقظًا في الليل؟', back: 'Houdt zorg over geld u ’s nachts wakker?', meaningKept: true },
    pl: { text: 'Czy zmartwienia o pieniądze nie dają Panu/Pani spać?', back: 'Houden zorgen over geld u uit de slaap?', meaningKept: true },
  },
  life_event: {
    tr: {
      text: 'Son zamanlarda büyük bir değişiklik oldu mu? Örneğin işini kaybetmek, boşanma, hastalık veya bir ölüm.',
      back: 'Is er de laatste tijd een grote verandering geweest? Bijvoorbeeld werk kwijtraken, scheiding, ziekte of een overlijden.',
      meaningKept: true,
    },
    ar: {
      text: 'هل تغيّر شيء كبير مؤخرًا؟ مثل فقدان العمل أو الطلاق أو المرض أو وفاة شخص.',
      back: 'Is er onlangs iets groots veranderd? Zoals werk kwijtraken, scheiding, ziekte of het overlijden van iemand.',
      meaningKept: true,
    },
    pl: {
      text: 'Czy ostatnio zmieniło się coś ważnego? Na przykład utrata pracy, rozwód, choroba lub śmierć bliskiej osoby.',
      back: 'Is er onlangs iets belangrijks veranderd? Bijvoorbeeld werk kwijt, scheiding, ziekte of de dood van een naaste.',
      meaningKept: true,
    },
  },
  letters_hard: {
    tr: {
      text: 'Belediye veya vergi dairesinden gelen mektupları ve formları zor buluyor musunuz?',
      back: 'Vindt u de brieven en formulieren van de gemeente of de belastingdienst moeilijk?',
      meaningKept: true,
    },
    ar: {
      text: 'هل تجد الرسائل والاستمارات (من البلدية أو مصلحة الضرائب) صعبة؟',
      back: 'Vindt u de brieven en formulieren (van de gemeente of de belastingdienst) moeilijk?',
      meaningKept: true,
    },
    pl: {
      text: 'Czy listy i formularze (z gminy lub urzędu skarbowego) są dla Pana/Pani trudne?',
      back: 'Zijn brieven en formulieren (van de gemeente of de belastingdienst) moeilijk voor u?',
      meaningKept: true,
    },
  },
};
