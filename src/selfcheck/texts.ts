import { publicCategoryLabels } from '../needs/public-labels.ts';
import type { Category } from '../needs/categories.ts';
import type { Texts } from './languages.ts';
import { bsnMessage } from '../platform/bsn.ts';

/** Every sentence of the self-check pages, in the five languages (B1). */
export const ui = {
  title: {
    nl: 'Zelftest geldzorgen',
    en: 'Money worries self-check',
    tr: 'Para endişeleri öz testi',
    ar: 'اختبار ذاتي للمخاوف المالية',
    pl: 'Test: zmartwienia finansowe',
  },
  skip: { nl: 'Naar de inhoud', en: 'Skip to content', tr: 'İçeriğe geç', ar: 'انتقل إلى المحتوى', pl: 'Przejdź do treści' },
  languageNav: { nl: 'Kies uw taal', en: 'Choose your language', tr: 'Dilinizi seçin', ar: 'اختر لغتك', pl: 'Wybierz język' },
  intro: {
    nl: 'Beantwoord een paar korte vragen. De test is anoniem: we vragen uw naam niet. Aan het eind ziet u welke hulp er bij u in de buurt is.',
    en: 'Answer a few short questions. The test is anonymous: we do not ask your name. At the end you see what help there is near you.',
    tr: 'Birkaç kısa soruyu yanıtlayın. Anonimdir: adınızı sormuyoruz. Sonunda yakınınızda hangi yardımın olduğunu görürsünüz.',
    ar: 'أجب عن بعض الأسئلة القصيرة. الاختبار مجهول الهوية: لا نسأل عن اسمك. في النهاية سترى المساعدة المتوفرة بالقرب منك.',
    pl: 'Proszę odpowiedzieć na kilka krótkich pytań. Test jest anonimowy: nie pytamy o imię i nazwisko. Na końcu zobaczy Pan/Pani, jaka pomoc jest w pobliżu.',
  },
  questionCount: { nl: 'Vraag', en: 'Question', tr: 'Soru', ar: 'السؤال', pl: 'Pytanie' },
  submit: { nl: 'Bekijk de uitslag', en: 'See the result', tr: 'Sonucu gör', ar: 'اعرض النتيجة', pl: 'Zobacz wynik' },
  whatHelps: { nl: 'Wat kan helpen', en: 'What could help', tr: 'Ne yardımcı olabilir', ar: 'ما الذي قد يساعد', pl: 'Co może pomóc' },
  localHelp: { nl: 'Hulp bij u in de buurt', en: 'Help near you', tr: 'Yakınınızdaki yardım', ar: 'المساعدة بالقرب منك', pl: 'Pomoc w pobliżu' },
  postcode: { nl: 'Uw postcode', en: 'Your postcode', tr: 'Posta kodunuz', ar: 'الرمز البريدي', pl: 'Kod pocztowy' },
  postcodeHint: { nl: 'Bijvoorbeeld 7511 AB', en: 'For example 7511 AB', tr: 'Örneğin 7511 AB', ar: 'مثلًا 7511 AB', pl: 'Na przykład 7511 AB' },
  allLocalHelp: {
    nl: 'Alle hulp en plekken om binnen te lopen bij deze postcode',
    en: 'All help and walk-in places for this postcode',
    tr: 'Bu posta kodu için tüm yardım ve randevusuz gidilebilecek yerler (İngilizce sayfa)',
    ar: 'كل المساعدة والأماكن التي يمكن زيارتها دون موعد لهذا الرمز البريدي (صفحة باللغة الإنجليزية)',
    pl: 'Cała pomoc i miejsca bez umawiania się dla tego kodu pocztowego (strona po angielsku)',
  },
  showHelp: { nl: 'Laat hulp zien', en: 'Show help', tr: 'Yardımı göster', ar: 'اعرض المساعدة', pl: 'Pokaż pomoc' },
  badPostcode: {
    nl: 'Vul een postcode in zoals 7511 AB.',
    en: 'Enter a postcode like 7511 AB.',
    tr: '7511 AB gibi bir posta kodu girin.',
    ar: 'أدخل رمزًا بريديًا مثل 7511 AB.',
    pl: 'Proszę wpisać kod pocztowy, na przykład 7511 AB.',
  },
  noHelpFound: {
    nl: 'We vonden geen hulp voor deze postcode. Bel uw gemeente of vraag het uw huisarts.',
    en: 'We found no help for this postcode. Call your municipality or ask your GP.',
    tr: 'Bu posta kodu için yardım bulamadık. Belediyenizi arayın veya aile hekiminize sorun.',
    ar: 'لم نجد مساعدة لهذا الرمز البريدي. اتصل بالبلدية أو اسأل طبيبك العام.',
    pl: 'Nie znaleźliśmy pomocy dla tego kodu pocztowego. Proszę zadzwonić do gminy lub zapytać lekarza rodzinnego.',
  },
  free: { nl: 'Gratis', en: 'Free', tr: 'Ücretsiz', ar: 'مجاني', pl: 'Bezpłatnie' },
  call: { nl: 'Bellen', en: 'Call', tr: 'Arayın', ar: 'اتصل', pl: 'Zadzwoń' },
  walkIn: {
    nl: 'Binnenlopen zonder afspraak',
    en: 'Walk in without an appointment',
    tr: 'Randevusuz gidebilirsiniz',
    ar: 'ادخل دون موعد',
    pl: 'Bez umawiania się',
  },
  print: {
    nl: 'Print deze pagina of maak een foto',
    en: 'Print this page or take a photo',
    tr: 'Bu sayfayı yazdırın veya fotoğrafını çekin',
    ar: 'اطبع هذه الصفحة أو التقط صورة لها',
    pl: 'Proszę wydrukować tę stronę lub zrobić zdjęcie',
  },
  contactTitle: {
    nl: 'Wilt u dat iemand contact met u opneemt?',
    en: 'Would you like someone to contact you?',
    tr: 'Birinin sizinle iletişime geçmesini ister misiniz?',
    ar: 'هل تريد أن يتواصل معك أحد؟',
    pl: 'Czy chce Pan/Pani, żeby ktoś się z Panem/Panią skontaktował?',
  },
  contactIntro: {
    nl: 'Dat mag, het hoeft niet. Vul dan hieronder in hoe we u kunnen bereiken. Een hulpverlener uit uw gemeente belt of mailt u. Het is gratis.',
    en: 'You may, you do not have to. Fill in below how we can reach you. A counsellor from your municipality will call or e-mail you. It is free.',
    tr: 'İsterseniz, zorunlu değil. Size nasıl ulaşabileceğimizi aşağıya yazın. Belediyenizden bir yardım görevlisi sizi arar veya e-posta gönderir. Ücretsizdir.',
    ar: 'يمكنك ذلك إن أردت، وليس إلزاميًا. اكتب أدناه كيف يمكننا الوصول إليك. سيتصل بك أو يراسلك موظف مساعدة من بلديتك. الخدمة مجانية.',
    pl: 'Można, ale nie trzeba. Proszę wpisać poniżej, jak możemy się skontaktować. Doradca z Pana/Pani gminy zadzwoni lub napisze e-mail. To nic nie kosztuje.',
  },
  name: { nl: 'Uw naam', en: 'Your name', tr: 'Adınız', ar: 'اسمك', pl: 'Imię i nazwisko' },
  phone: { nl: 'Telefoonnummer', en: 'Phone number', tr: 'Telefon numarası', ar: 'رقم الهاتف', pl: 'Numer telefonu' },
  email: { nl: 'E-mailadres', en: 'E-mail address', tr: 'E-posta adresi', ar: 'البريد الإلكتروني', pl: 'Adres e-mail' },
  phoneOrEmail: {
    nl: 'Vul een telefoonnummer of e-mailadres in.',
    en: 'Enter a phone number or e-mail address.',
    tr: 'Bir telefon numarası veya e-posta adresi girin.',
    ar: 'أدخل رقم هاتف أو بريدًا إلكترونيًا.',
    pl: 'Proszę wpisać numer telefonu lub adres e-mail.',
  },
  phoneOrEmailHint: {
    nl: 'Vul een telefoonnummer of e-mailadres in, of allebei.',
    en: 'Enter a phone number or an e-mail address, or both.',
    tr: 'Bir telefon numarası veya e-posta adresi girin ya da ikisini de.',
    ar: 'أدخل رقم هاتف أو بريدًا إلكترونيًا، أو كليهما.',
    pl: 'Proszę wpisać numer telefonu lub adres e-mail albo oba.',
  },
  houseNumber: { nl: 'Huisnummer', en: 'House number', tr: 'Kapı numarası', ar: 'رقم المنزل', pl: 'Numer domu' },
  bestTime: {
    nl: 'Wanneer kunnen we u het beste bellen?',
    en: 'When is the best time to call you?',
    tr: 'Sizi en iyi ne zaman arayabiliriz?',
    ar: 'ما أفضل وقت للاتصال بك؟',
    pl: 'Kiedy najlepiej zadzwonić?',
  },
  optional: { nl: '(niet verplicht)', en: '(optional)', tr: '(isteğe bağlı)', ar: '(اختياري)', pl: '(nieobowiązkowe)' },
  next: { nl: 'Verder', en: 'Next', tr: 'Devam', ar: 'التالي', pl: 'Dalej' },
  consentTitle: {
    nl: 'Toestemming',
    en: 'Consent',
    tr: 'İzin',
    ar: 'الموافقة',
    pl: 'Zgoda',
  },
  consentFirst: {
    nl: 'Vul uw gegevens in en klik op "Verder". Dan ziet u welk team uw vraag krijgt, en wat wij doorsturen.',
    en: 'Fill in your details and click "Next". Then you see which team gets your request, and what we send.',
    tr: 'Bilgilerinizi girin ve ‘Devam’ düğmesine tıklayın. Sonra talebinizi hangi ekibin alacağını ve neyi gönderdiğimizi görürsünüz.',
    ar: 'أدخل بياناتك وانقر على "التالي". بعد ذلك سترى أي فريق سيستلم طلبك وما الذي نرسله.',
    pl: 'Proszę wpisać dane i kliknąć „Dalej”. Wtedy zobaczy Pan/Pani, który zespół dostanie prośbę i co wysyłamy.',
  },
  otherTeam: {
    nl: 'Bij dit adres hoort een ander team. Lees hieronder naar wie uw gegevens gaan, en geef opnieuw toestemming.',
    en: 'A different team belongs to this address. Read below who gets your details, and give consent again.',
    tr: 'Bu adrese başka bir ekip bakıyor. Bilgilerinizin kime gideceğini aşağıda okuyun ve yeniden izin verin.',
    ar: 'هذا العنوان يتبع فريقًا آخر. اقرأ أدناه إلى من تذهب بياناتك، ثم وافق مرة أخرى.',
    pl: 'Do tego adresu należy inny zespół. Proszę przeczytać poniżej, do kogo trafią dane, i ponownie wyrazić zgodę.',
  },
  closeAndClear: { nl: 'Sluit en wis', en: 'Close and clear', tr: 'Kapat ve sil', ar: 'أغلق وامسح', pl: 'Zamknij i usuń' },
  closeHint: {
    nl: 'Op een computer van iemand anders? Klik dan als u klaar bent op "Sluit en wis". Uw uitslag wordt dan gewist. Zonder klik wordt hij na 30 minuten gewist.',
    en: 'On someone else’s computer? Click "Close and clear" when you are done. Your result is then erased. Without a click it is erased after 30 minutes.',
    tr: 'Başka birinin bilgisayarında mısınız? İşiniz bitince ‘Kapat ve sil’ düğmesine tıklayın. Sonucunuz o zaman silinir. Tıklamazsanız 30 dakika sonra silinir.',
    ar: 'هل تستخدم حاسوب شخص آخر؟ انقر على "أغلق وامسح" عندما تنتهي. عندها تُمسح نتيجتك. وإن لم تنقر، تُمسح بعد 30 دقيقة.',
    pl: 'Korzysta Pan/Pani z cudzego komputera? Po zakończeniu proszę kliknąć „Zamknij i usuń”. Wynik zostanie wtedy usunięty. Bez kliknięcia zostanie usunięty po 30 minutach.',
  },
  cleared: {
    nl: 'Uw uitslag is gewist.',
    en: 'Your result has been erased.',
    tr: 'Sonucunuz silindi.',
    ar: 'تم مسح نتيجتك.',
    pl: 'Wynik został usunięty.',
  },
  noResult: {
    nl: 'Hier staat geen uitslag (meer). Een uitslag wordt gewist na "Sluit en wis", of als de pagina 30 minuten niet is gebruikt. U kunt de test opnieuw doen.',
    en: 'There is no result here (any more). A result is erased after "Close and clear", or when the page was not used for 30 minutes. You can do the test again.',
    tr: 'Burada sonuç yok (artık yok). Sonuç ‘Kapat ve sil’ ile veya sayfa 30 dakika kullanılmazsa silinir. Testi yeniden yapabilirsiniz.',
    ar: 'لا توجد نتيجة هنا (بعد الآن). تُمسح النتيجة بعد "أغلق وامسح"، أو إذا لم تُستخدم الصفحة لمدة 30 دقيقة. يمكنك إجراء الاختبار مرة أخرى.',
    pl: 'Tu nie ma (już) wyniku. Wynik jest usuwany po kliknięciu „Zamknij i usuń” lub gdy strona nie była używana przez 30 minut. Można zrobić test jeszcze raz.',
  },
  doTest: { nl: 'Doe de zelftest', en: 'Do the self-check', tr: 'Öz testi yapın', ar: 'قم بالاختبار الذاتي', pl: 'Zrób test' },
  consentNeeded: {
    nl: 'Zet een vinkje als u toestemming geeft. Anders kunnen we uw gegevens niet doorgeven.',
    en: 'Tick the box if you consent. Otherwise we cannot pass on your details.',
    tr: 'İzin veriyorsanız kutuyu işaretleyin. Aksi halde bilgilerinizi iletemeyiz.',
    ar: 'ضع علامة إذا كنت موافقًا. وإلا لا يمكننا تمرير بياناتك.',
    pl: 'Proszę zaznaczyć pole, jeśli wyraża Pan/Pani zgodę. Inaczej nie możemy przekazać danych.',
  },
  nameNeeded: { nl: 'Vul uw naam in.', en: 'Enter your name.', tr: 'Adınızı girin.', ar: 'أدخل اسمك.', pl: 'Proszę wpisać imię i nazwisko.' },
  /** The platform's one BSN message (platform/bsn.ts), in the self-check's five languages. */
  noBsn: {
    ...bsnMessage,
    tr: 'Metniniz BSN’ye (vatandaşlık hizmet numarası) benzeyen bir numara içeriyor. Korte Lijn asla BSN saklamaz. Lütfen numarayı silin.',
    ar: 'يحتوي النص على رقم يشبه رقم الخدمة المدنية (BSN). لا يحفظ Korte Lijn رقم BSN أبدًا. يرجى حذف الرقم.',
    pl: 'Tekst zawiera numer podobny do numeru BSN (burgerservicenummer). Korte Lijn nigdy nie przechowuje numeru BSN. Proszę usunąć ten numer.',
  },
  send: { nl: 'Neem contact met mij op', en: 'Please contact me', tr: 'Benimle iletişime geçin', ar: 'تواصلوا معي', pl: 'Proszę o kontakt' },
  sent: {
    nl: 'Bedankt. Uw vraag is doorgegeven aan: {team}. Zij nemen contact met u op, meestal binnen 3 werkdagen.',
    en: 'Thank you. Your request has been passed on to: {team}. They will contact you, usually within 3 working days.',
    tr: 'Teşekkürler. Talebiniz şuraya iletildi: {team}. Genellikle 3 iş günü içinde sizinle iletişime geçecekler.',
    ar: 'شكرًا لك. تم تحويل طلبك إلى: {team}. سيتواصلون معك، عادةً خلال 3 أيام عمل.',
    pl: 'Dziękujemy. Prośba została przekazana do: {team}. Skontaktują się z Panem/Panią, zwykle w ciągu 3 dni roboczych.',
  },
  // Both messages come back on a page that keeps what was filled in: they point at the button to press again.
  noAnswers: {
    nl: 'Beantwoord minstens één vraag. Dan laten we zien welke hulp bij u past.',
    en: 'Answer at least one question. Then we show which help suits you.',
    tr: 'En az bir soruyu yanıtlayın. O zaman size uygun yardımı gösteririz.',
    ar: 'أجب عن سؤال واحد على الأقل. عندها نعرض لك المساعدة المناسبة.',
    pl: 'Proszę odpowiedzieć na co najmniej jedno pytanie. Wtedy pokażemy, jaka pomoc pasuje.',
  },
  tooFast: {
    nl: 'Dat ging erg snel. Uw antwoorden staan er nog. Kijk of alles klopt en klik daarna nog een keer op de knop onderaan.',
    en: 'That was very fast. Your answers are still there. Check that everything is right, then click the button at the bottom again.',
    tr: 'Bu çok hızlı oldu. Cevaplarınız hâlâ burada. Her şeyin doğru olduğunu kontrol edin, sonra alttaki düğmeye tekrar tıklayın.',
    ar: 'كان ذلك سريعًا جدًا. إجاباتك ما زالت هنا. تحقق من صحة كل شيء، ثم اضغط مرة أخرى على الزر في الأسفل.',
    pl: 'To było bardzo szybko. Odpowiedzi są nadal zapisane. Proszę sprawdzić, czy wszystko się zgadza, i jeszcze raz kliknąć przycisk na dole.',
  },
  tooMany: {
    nl: 'Dit is vanaf deze computer te vaak gedaan. Probeer het over een uur opnieuw. Hulp nodig? Bel uw gemeente of vraag het uw huisarts.',
    en: 'This has been done too often from this computer. Try again in an hour. Need help? Call your municipality or ask your GP.',
    tr: 'Bu bilgisayardan çok fazla deneme yapıldı. Bir saat sonra tekrar deneyin. Yardım mı lazım? Belediyenizi arayın veya ev doktorunuza sorun.',
    ar: 'تمت المحاولة من هذا الحاسوب مرات كثيرة جدًا. حاول مرة أخرى بعد ساعة. هل تحتاج إلى مساعدة؟ اتصل ببلديتك أو اسأل طبيب العائلة.',
    pl: 'Z tego komputera próbowano zbyt wiele razy. Proszę spróbować za godzinę. Potrzebuje Pan/Pani pomocy? Proszę zadzwonić do gminy lub zapytać lekarza rodzinnego.',
  },
  expiredTitle: {
    nl: 'Deze pagina was te lang open',
    en: 'This page was open too long',
    tr: 'Bu sayfa çok uzun süre açık kaldı',
    ar: 'ظلت هذه الصفحة مفتوحة لفترة طويلة جدًا',
    pl: 'Ta strona była otwarta zbyt długo',
  },
  expiredBody: {
    nl: 'Voor uw veiligheid werkt een formulier niet meer als het te lang open staat. Er is niets verstuurd. Begin opnieuw: dat duurt maar een paar minuten.',
    en: 'For your safety a form stops working when it has been open too long. Nothing was sent. Start again: it only takes a few minutes.',
    tr: 'Güvenliğiniz için, çok uzun süre açık kalan bir form artık çalışmaz. Hiçbir şey gönderilmedi. Yeniden başlayın: sadece birkaç dakika sürer.',
    ar: 'من أجل أمانك، يتوقف النموذج عن العمل إذا بقي مفتوحًا لفترة طويلة. لم يتم إرسال أي شيء. ابدأ من جديد: لن يستغرق ذلك سوى بضع دقائق.',
    pl: 'Dla bezpieczeństwa formularz przestaje działać, jeśli jest otwarty zbyt długo. Nic nie zostało wysłane. Proszę zacząć od nowa: zajmie to tylko kilka minut.',
  },
  again: { nl: 'Opnieuw beginnen', en: 'Start again', tr: 'Yeniden başla', ar: 'ابدأ من جديد', pl: 'Zacznij od nowa' },
  errorTitle: {
    nl: 'Controleer het formulier',
    en: 'Please check the form',
    tr: 'Lütfen formu kontrol edin',
    ar: 'يرجى التحقق من النموذج',
    pl: 'Proszę sprawdzić formularz',
  },
  leaveEmpty: {
    nl: 'Laat dit veld leeg',
    en: 'Leave this field empty',
    tr: 'Bu alanı boş bırakın',
    ar: 'اترك هذا الحقل فارغًا',
    pl: 'Proszę zostawić to pole puste',
  },
  notTheOnly: {
    nl: 'Hulp vragen is normaal. Veel mensen doen het.',
    en: 'Asking for help is normal. Many people do it.',
    tr: 'Yardım istemek normaldir. Birçok kişi bunu yapar.',
    ar: 'طلب المساعدة أمر طبيعي. كثير من الناس يفعلون ذلك.',
    pl: 'Proszenie o pomoc jest normalne. Robi to wiele osób.',
  },
  // A self-referral for a postcode no team of Korte Lijn serves is not stored (create-self-referral.ts);
  // these say so and where to turn instead. {geldfit} and {example} are filled in by where-to-turn.tsx.
  notStored: {
    nl: 'We kunnen uw vraag niet doorgeven. Korte Lijn heeft geen hulpteam voor deze postcode. Daarom hebben we uw gegevens niet bewaard.',
    en: 'We cannot pass on your request. Korte Lijn has no help team for this postcode. So we have not kept your details.',
    tr: 'Talebinizi iletemiyoruz. Korte Lijn’in bu posta kodu için bir yardım ekibi yok. Bu nedenle bilgilerinizi saklamadık.',
    ar: 'لا يمكننا تحويل طلبك. ليس لدى Korte Lijn فريق مساعدة لهذا الرمز البريدي. لذلك لم نحتفظ ببياناتك.',
    pl: 'Nie możemy przekazać Pana/Pani prośby. Korte Lijn nie ma zespołu pomocy dla tego kodu pocztowego. Dlatego nie zapisaliśmy Pana/Pani danych.',
  },
  whereToTurn: {
    nl: 'Bel gratis naar Geldfit: {geldfit}. Geldfit helpt mensen met geldzorgen in heel Nederland. Of bel uw gemeente. Bij de meeste gemeenten is dat 14 met het netnummer erachter, bijvoorbeeld {example} in Amsterdam.',
    en: 'Call Geldfit for free: {geldfit}. Geldfit helps people with money worries all over the Netherlands. Or call your municipality. For most municipalities the number is 14 followed by the area code, for example {example} in Amsterdam.',
    tr: 'Geldfit’i ücretsiz arayın: {geldfit}. Geldfit, tüm Hollanda’da para endişesi olan insanlara yardım eder. Ya da belediyenizi arayın. Çoğu belediyede numara 14 ve ardından alan kodudur, örneğin Amsterdam için {example}.',
    ar: 'اتصل مجانًا بـ Geldfit على الرقم {geldfit}. تساعد Geldfit الأشخاص الذين لديهم مخاوف مالية في كل هولندا. أو اتصل ببلديتك. في معظم البلديات يكون الرقم 14 ثم رمز المنطقة، مثلًا {example} في أمستردام.',
    pl: 'Proszę zadzwonić bezpłatnie do Geldfit: {geldfit}. Geldfit pomaga ludziom ze zmartwieniami finansowymi w całej Holandii. Można też zadzwonić do swojej gminy. W większości gmin numer to 14 i numer kierunkowy, na przykład {example} w Amsterdamie.',
  },
} satisfies Record<string, Texts>;

/**
 * The national money-worries helpline (Geldfit, free of charge) and an example of a municipality's
 * 14 + area code number (Amsterdam), named where a resident is told where to turn.
 */
export const whereToTurnNumbers = { geldfit: '0800-8115', geldfitTel: '08008115', municipalityExample: '14 020' } as const;

/** The kinds of help in residents' words: the same names as /hulp (needs/public-labels.ts). */
export const helpLabels: Record<Category, Texts> = publicCategoryLabels;
