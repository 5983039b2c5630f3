import type { Database } from '../platform/db/database.ts';
import type { RequestContext } from '../platform/context.ts';
import { createOrganisation } from '../admin/organisations.ts';
import { createContact } from '../socialmap/create-contact.ts';
import { createLocation } from '../socialmap/create-location.ts';
import { createService } from '../socialmap/create-service.ts';
import type { Category } from '../needs/categories.ts';
import type { ContactInput } from '../socialmap/entries.ts';
import type { TimeSlot } from '../socialmap/opening-hours.ts';
import { loadShippedPostcodeAreas } from '../routing/reference-data.ts';
import { twenteMunicipalities } from './twente.ts';

/**
 * The Twente social map for the demo: debt counselling, neighbourhood teams, the Meldpunt
 * Geldzorgen, volunteer money buddies, Wijkwijzer walk-in points, a food bank and legal aid in
 * Enschede, Almelo, Hengelo, Twenterand and Haaksbergen. Organisation names follow the real
 * landscape; every person, phone number and e-mail address is fictitious, addresses are
 * illustrative. Verification dates are spread so that some entries are fresh, some due, some stale.
 */
export interface SocialMapSeedRefs {
  regionId: string;
  /** Municipality name → organisation id. */
  municipalities: Map<string, string>;
  geldmaatjesId: string;
  netwerkId: string;
  teams: {
    schuldhulpEnschede: string;
    wijkteamEnschedeCentrum: string;
    meldpuntAlmelo: string;
    wijkteamHengeloNoord: string;
    schuldhulpHengelo: string;
    sociaalTeamTwenterand: string;
    sociaalTeamHaaksbergen: string;
    geldmaatjesEnschede: string;
    regionalDesk: string;
  };
}

const DAY = 86_400_000;
const daysAgo = (days: number) => new Date(Date.now() - days * DAY);
const gm = (name: string) => twenteMunicipalities.find((m) => m.name === name)!.cbs;

/** Weekly hours: the same times on each of the given weekdays. */
function hours(weekdays: number[], opens_at: string, closes_at: string): TimeSlot[] {
  return weekdays.map((weekday) => ({ weekday, opens_at, closes_at }));
}
const WORKDAYS = [1, 2, 3, 4, 5];

export async function seedSocialMap(db: Database, ctx: RequestContext, refs: SocialMapSeedRefs): Promise<void> {
  // Some services cover a district: the district table must be there (idempotent; the server loads it at start too).
  await loadShippedPostcodeAreas(db);
  const municipality = (name: string) => refs.municipalities.get(name)!;
  const social = async (name: string, city: string, website: string) =>
    (
      await createOrganisation(db, ctx, {
        kind: 'social',
        name,
        region_id: refs.regionId,
        cbs_code: null,
        agb_code: null,
        street: null,
        house_number: null,
        postcode: null,
        city,
        phone: null,
        email: null,
        website,
      })
    ).id;
  const voedselbank = await social('Voedselbank Enschede-Haaksbergen', 'Enschede', 'https://voedselbank.example');
  const juridischLoket = await social('Het Juridisch Loket', 'Enschede', 'https://juridischloket.example');

  const verifiedAt = async (table: 'services' | 'locations' | 'contacts', id: string, at: Date | null) => {
    await db.updateTable(table).set({ last_verified_at: at }).where('id', '=', id).execute();
  };

  const location = async (
    organisationId: string,
    l: {
      name: string;
      street: string;
      nr: string;
      postcode: string;
      city: string;
      walkIn?: TimeSlot[];
      opening?: TimeSlot[];
      description?: string;
      accessibility?: string;
      verified: number | null;
    },
  ) => {
    const { id } = await createLocation(db, ctx, {
      organisation_id: organisationId,
      name: l.name,
      description: l.description ?? null,
      street: l.street,
      house_number: l.nr,
      postcode: l.postcode,
      city: l.city,
      is_walk_in: Boolean(l.walkIn?.length),
      accessibility: l.accessibility ?? 'Rolstoeltoegankelijk.',
      opening_hours: l.opening ?? [],
      walk_in_hours: l.walkIn ?? [],
    });
    await verifiedAt('locations', id, l.verified === null ? null : daysAgo(l.verified));
    return id;
  };

  const service = async (s: {
    organisationId: string;
    teamId?: string;
    name: string;
    description: string;
    categories: Category[];
    phone?: string;
    email?: string;
    url?: string;
    phoneHours?: TimeSlot[];
    eligibility?: string;
    apply?: string;
    fees?: string;
    languages?: string[];
    municipalities?: string[];
    districts?: string[];
    pc4s?: string[];
    locations?: string[];
    verified: number | null;
    contacts?: Array<
      Omit<ContactInput, 'phone_hours' | 'job_title' | 'email' | 'phone'> & {
        job_title?: string;
        phone?: string;
        email?: string;
        phone_hours?: TimeSlot[];
        verified: number | null;
      }
    >;
  }) => {
    const { id } = await createService(db, ctx, {
      organisation_id: s.organisationId,
      team_id: s.teamId ?? null,
      name: s.name,
      description: s.description,
      url: s.url ?? null,
      email: s.email ?? null,
      phone: s.phone ?? null,
      status: 'active',
      categories: s.categories,
      is_free: !s.fees,
      fees_description: s.fees ?? null,
      eligibility_description: s.eligibility ?? null,
      application_process: s.apply ?? null,
      languages: s.languages ?? ['nl'],
      areas: { municipalities: (s.municipalities ?? []).map(gm), districts: s.districts ?? [], pc4s: s.pc4s ?? [] },
      location_ids: s.locations ?? [],
      phone_hours: s.phoneHours ?? [],
    });
    await verifiedAt('services', id, s.verified === null ? null : daysAgo(s.verified));
    for (const c of s.contacts ?? []) {
      const contact = await createContact(db, ctx, id, {
        name: c.name,
        job_title: c.job_title ?? null,
        phone: c.phone ?? null,
        email: c.email ?? null,
        visibility: c.visibility,
        phone_hours: c.phone_hours ?? [],
      });
      await verifiedAt('contacts', contact.id, c.verified === null ? null : daysAgo(c.verified));
    }
    return id;
  };

  // ——— Enschede ———
  const enschede = municipality('Enschede');
  const wijkwijzerCentrum = await location(enschede, {
    name: 'Wijkwijzer Centrum',
    street: 'Hengelosestraat',
    nr: '51',
    postcode: '7514 AE',
    city: 'Enschede',
    walkIn: hours([1, 3], '09:30', '12:00'),
    verified: 40,
  });
  const wijkwijzerVelve = await location(enschede, {
    name: 'Wijkwijzer Velve-Lindenhof',
    street: 'Lipperkerkstraat',
    nr: '8',
    postcode: '7533 AH',
    city: 'Enschede',
    walkIn: hours([2, 4], '13:30', '16:00'),
    verified: 200,
  });
  const wijkwijzerDeppenbroek = await location(enschede, {
    name: 'Wijkwijzer Deppenbroek',
    street: 'Deppenbroekstraat',
    nr: '12',
    postcode: '7523 CK',
    city: 'Enschede',
    walkIn: hours([2], '09:00', '12:00'),
    verified: 300,
  });
  const wijkwijzerGlanerbrug = await location(enschede, {
    name: 'Wijkwijzer Glanerbrug',
    street: 'Gronausestraat',
    nr: '1178',
    postcode: '7534 AS',
    city: 'Enschede',
    walkIn: hours([5], '09:00', '12:00'),
    verified: 25,
  });
  const stadskantoor = await location(enschede, {
    name: 'Stadskantoor Enschede',
    street: 'Hengelosestraat',
    nr: '51',
    postcode: '7514 AE',
    city: 'Enschede',
    opening: hours(WORKDAYS, '08:30', '17:00'),
    verified: 15,
  });

  await service({
    organisationId: enschede,
    teamId: refs.teams.schuldhulpEnschede,
    name: 'Schuldhulpverlening Enschede',
    description: 'Hulp als u schulden heeft of rekeningen niet meer kunt betalen. Samen maken we een plan. U krijgt snel een eerste gesprek.',
    categories: ['debt_counselling', 'housing_arrears', 'budget_coaching'],
    phone: '053 481 0000',
    email: 'schuldhulp@enschede.example',
    url: 'https://www.enschede.example/schuldhulp',
    phoneHours: hours(WORKDAYS, '09:00', '12:00'),
    eligibility: 'Inwoners van Enschede met schulden of betalingsachterstanden, ook als de schulden nog klein zijn.',
    apply: 'Bellen of binnenlopen bij een Wijkwijzer. Bij dreigende uithuiszetting of afsluiting krijgt u binnen 3 werkdagen een gesprek.',
    languages: ['nl', 'en', 'tr', 'ar'],
    municipalities: ['Enschede'],
    locations: [stadskantoor, wijkwijzerCentrum],
    verified: 20,
    contacts: [
      {
        name: 'Anouk Brink',
        job_title: 'Schuldhulpverlener, vaste contactpersoon huisartsen',
        phone: '06 1234 5601',
        email: 'a.brink@enschede.example',
        visibility: 'professional',
        phone_hours: hours([2, 4], '08:30', '10:00'),
        verified: 20,
      },
      {
        name: 'Ronald Kaya',
        job_title: 'Consulent geldzaken',
        phone: '053 481 0010',
        email: 'geldzaken@enschede.example',
        visibility: 'public',
        phone_hours: hours([1, 3, 5], '09:00', '12:00'),
        verified: 60,
      },
    ],
  });
  await service({
    organisationId: enschede,
    name: 'Wijkwijzer Enschede: inloop bij vragen over geld en post',
    description: 'Loop binnen zonder afspraak. Een medewerker kijkt met u naar brieven, formulieren en rekeningen, en helpt u op weg.',
    categories: ['walk_in', 'admin_help'],
    phone: '053 481 0100',
    phoneHours: hours(WORKDAYS, '09:00', '17:00'),
    eligibility: 'Alle inwoners van Enschede.',
    apply: 'Geen aanmelding nodig: loop binnen tijdens de inloop.',
    languages: ['nl', 'en', 'tr', 'ar', 'ti'],
    municipalities: ['Enschede'],
    locations: [wijkwijzerCentrum, wijkwijzerVelve, wijkwijzerDeppenbroek, wijkwijzerGlanerbrug],
    verified: 215,
    contacts: [
      {
        name: 'Wendy Nijhuis',
        job_title: 'Coördinator Wijkwijzers',
        phone: '06 1234 5602',
        email: 'w.nijhuis@enschede.example',
        visibility: 'professional',
        verified: 215,
      },
    ],
  });
  await service({
    organisationId: enschede,
    teamId: refs.teams.wijkteamEnschedeCentrum,
    name: 'Wijkteam Enschede-Centrum',
    description: 'Het wijkteam helpt bij zorgen over geld, werk, gezondheid of het gezin. Eén vaste coach voor het hele huishouden.',
    categories: ['neighbourhood_team', 'budget_coaching'],
    phone: '053 481 0001',
    phoneHours: hours(WORKDAYS, '08:30', '12:30'),
    eligibility: 'Inwoners van de wijk Centrum (postcodes 7511 tot en met 7514).',
    apply: 'Bellen met het wijkteam, of de huisarts verwijst.',
    languages: ['nl', 'en', 'de'],
    districts: ['WK015301'],
    locations: [wijkwijzerCentrum],
    verified: 45,
    contacts: [
      {
        name: 'Joyce Hendriks',
        job_title: 'Wijkcoach, spreekuur in de praktijk op dinsdag',
        phone: '06 1234 5603',
        email: 'j.hendriks@enschede.example',
        visibility: 'professional',
        phone_hours: hours([1, 2, 3, 4, 5], '08:30', '09:30'),
        verified: 45,
      },
    ],
  });
  const geldmaatjesSpreekuur = await location(refs.geldmaatjesId, {
    name: 'Spreekuur Geldmaatjes in de Centrale Bibliotheek',
    street: 'Pijpenstraat',
    nr: '15',
    postcode: '7511 GM',
    city: 'Enschede',
    walkIn: hours([4], '13:00', '15:00'),
    verified: 290,
  });
  await service({
    organisationId: refs.geldmaatjesId,
    teamId: refs.teams.geldmaatjesEnschede,
    name: 'Geldmaatjes Twente',
    description: 'Een getrainde vrijwilliger helpt u thuis om overzicht te krijgen in uw geldzaken. Gratis en zonder oordeel.',
    categories: ['money_buddy', 'admin_help'],
    phone: '06 0000 0000',
    email: 'hulp@geldmaatjes.example',
    phoneHours: hours([1, 3], '10:00', '12:00'),
    eligibility: 'Iedereen die hulp wil bij de administratie. U hoeft geen schulden te hebben.',
    apply: 'Bel of mail. Binnen twee weken komt een coördinator kennismaken.',
    languages: ['nl', 'en', 'pl'],
    municipalities: ['Enschede', 'Hengelo', 'Almelo', 'Haaksbergen', 'Twenterand'],
    locations: [geldmaatjesSpreekuur],
    verified: 300,
    contacts: [
      {
        name: 'Marieke Smit',
        job_title: 'Coördinator vrijwilligers',
        phone: '06 0000 0001',
        email: 'marieke@geldmaatjes.example',
        visibility: 'public',
        phone_hours: hours([1, 3], '10:00', '12:00'),
        verified: 300,
      },
    ],
  });
  const uitgiftepunt = await location(voedselbank, {
    name: 'Uitgiftepunt Voedselbank Enschede-Zuid',
    street: 'Kuipersdijk',
    nr: '40',
    postcode: '7512 CH',
    city: 'Enschede',
    opening: hours([5], '13:00', '16:00'),
    verified: null,
  });
  await service({
    organisationId: voedselbank,
    name: 'Voedselbank',
    description: 'Een wekelijks voedselpakket voor huishoudens die even niet genoeg geld hebben voor eten.',
    categories: ['food_bank'],
    phone: '053 000 2000',
    eligibility: 'Huishoudens met een inkomen onder de grens van de Voedselbank. De intake kijkt of u in aanmerking komt.',
    apply: 'Aanmelden via het wijkteam, de schuldhulpverlening of de Wijkwijzer: zij doen de intake met u.',
    languages: ['nl', 'en', 'ar', 'uk'],
    municipalities: ['Enschede', 'Haaksbergen'],
    locations: [uitgiftepunt],
    verified: null,
    contacts: [{ name: 'Henk Oude Vrielink', job_title: 'Intakecoördinator', phone: '06 0000 2001', visibility: 'professional', verified: null }],
  });
  const loketEnschede = await location(juridischLoket, {
    name: 'Het Juridisch Loket Enschede',
    street: 'Van Loenshof',
    nr: '20',
    postcode: '7511 NE',
    city: 'Enschede',
    walkIn: hours([2], '09:00', '12:00'),
    opening: hours(WORKDAYS, '09:00', '17:00'),
    verified: 30,
  });
  const loketAlmelo = await location(juridischLoket, {
    name: 'Het Juridisch Loket Almelo',
    street: 'Wierdensestraat',
    nr: '7',
    postcode: '7607 GA',
    city: 'Almelo',
    walkIn: hours([4], '13:00', '16:00'),
    verified: 30,
  });
  await service({
    organisationId: juridischLoket,
    name: 'Gratis juridisch advies',
    description: 'Gratis advies over problemen met geld en recht: een deurwaarder, een incassobureau, huur of werk.',
    categories: ['legal_aid'],
    phone: '0900 000 0000',
    url: 'https://juridischloket.example',
    phoneHours: hours(WORKDAYS, '09:00', '17:00'),
    eligibility: 'Mensen met een laag of middeninkomen.',
    apply: 'Bellen, of binnenlopen tijdens de inloop.',
    languages: ['nl', 'en'],
    municipalities: ['Enschede', 'Hengelo', 'Almelo', 'Twenterand', 'Haaksbergen'],
    locations: [loketEnschede, loketAlmelo],
    verified: 30,
  });

  // ——— Almelo ———
  const almelo = municipality('Almelo');
  const stadhuisAlmelo = await location(almelo, {
    name: 'Stadhuis Almelo',
    street: 'Haven Zuidzijde',
    nr: '30',
    postcode: '7607 EW',
    city: 'Almelo',
    walkIn: hours([3], '09:00', '12:00'),
    opening: hours(WORKDAYS, '08:30', '17:00'),
    verified: 10,
  });
  await service({
    organisationId: almelo,
    teamId: refs.teams.meldpuntAlmelo,
    name: 'Schuldhulpverlening Almelo',
    description: 'Hulp bij schulden en betalingsachterstanden, van een eerste gesprek tot een regeling met schuldeisers.',
    categories: ['debt_counselling', 'housing_arrears', 'budget_coaching', 'income_support'],
    phone: '0546 54 1000',
    email: 'schuldhulp@almelo.example',
    phoneHours: hours(WORKDAYS, '08:30', '12:30'),
    eligibility: 'Inwoners van Almelo.',
    apply: 'Bel het team of loop woensdagochtend binnen op het stadhuis. De huisarts kan ook verwijzen via Korte Lijn.',
    languages: ['nl', 'tr', 'ar', 'pl'],
    pc4s: ['7601', '7602', '7603', '7604', '7605', '7606', '7607', '7608', '7609', '7610', '7611'],
    locations: [stadhuisAlmelo],
    verified: 5,
    contacts: [
      {
        name: 'Sevda Demir',
        job_title: 'Schuldhulpverlener, vaste contactpersoon huisartsen',
        phone: '06 1234 5604',
        email: 's.demir@almelo.example',
        visibility: 'professional',
        phone_hours: hours([1, 3, 5], '08:30', '09:30'),
        verified: 5,
      },
      {
        name: 'Bas Timmer',
        job_title: 'Consulent schuldhulp',
        phone: '0546 54 1001',
        visibility: 'public',
        phone_hours: hours([2, 4], '13:00', '15:00'),
        verified: 5,
      },
    ],
  });
  await service({
    organisationId: almelo,
    teamId: refs.teams.meldpuntAlmelo,
    name: 'Meldpunt Geldzorgen Almelo',
    description: 'Eén telefoonnummer voor alle vragen over geld. Wij luisteren en zoeken samen met u de juiste hulp.',
    categories: ['debt_counselling', 'admin_help', 'walk_in'],
    phone: '0546 54 0000',
    phoneHours: hours([1, 2, 3, 4, 5], '09:00', '17:00'),
    eligibility: 'Inwoners van Almelo.',
    apply: 'Bellen of mailen; u hoeft niets voor te bereiden.',
    languages: ['nl', 'tr'],
    municipalities: ['Almelo'],
    locations: [stadhuisAlmelo],
    verified: 230,
    contacts: [{ name: 'Ilse Kamphuis', job_title: 'Consulent Meldpunt', phone: '06 1234 5605', visibility: 'professional', verified: 230 }],
  });

  // ——— Hengelo ———
  const hengelo = municipality('Hengelo');
  const deKern = await location(hengelo, {
    name: 'Wijkcentrum De Kern',
    street: 'Wilderinkshoek',
    nr: '8',
    postcode: '7552 AB',
    city: 'Hengelo',
    walkIn: hours([1], '13:00', '15:00'),
    verified: 90,
  });
  const stadhuisHengelo = await location(hengelo, {
    name: 'Stadhuis Hengelo',
    street: 'Hazemeijerplein',
    nr: '1',
    postcode: '7551 DR',
    city: 'Hengelo',
    opening: hours(WORKDAYS, '09:00', '16:30'),
    verified: 280,
  });
  await service({
    organisationId: hengelo,
    teamId: refs.teams.wijkteamHengeloNoord,
    name: 'Wijkteam Hengelo-Noord',
    description: 'Hulp dichtbij bij geldzorgen, opvoeden, werk en gezondheid. De wijkcoach komt ook thuis.',
    categories: ['neighbourhood_team', 'budget_coaching', 'admin_help'],
    phone: '074 245 0000',
    phoneHours: hours(WORKDAYS, '08:30', '12:00'),
    eligibility: 'Inwoners van Hengelo-Noord.',
    apply: 'Bellen, binnenlopen in De Kern op maandagmiddag, of de huisarts verwijst.',
    languages: ['nl', 'en', 'tr'],
    districts: ['WK016402'],
    locations: [deKern],
    verified: 90,
    contacts: [
      {
        name: 'Ricardo Wolters',
        job_title: 'Wijkcoach geldzaken',
        phone: '06 1234 5606',
        email: 'r.wolters@hengelo.example',
        visibility: 'professional',
        phone_hours: hours([2, 4], '08:30', '09:30'),
        verified: 90,
      },
      { name: 'Esther de Boer', job_title: 'Teamcoördinator', phone: '074 245 0002', visibility: 'public', verified: 260 },
    ],
  });
  await service({
    organisationId: hengelo,
    teamId: refs.teams.schuldhulpHengelo,
    name: 'Schuldhulp Hengelo',
    description: 'Schuldhulpverlening van de gemeente Hengelo: van een eerste gesprek tot schuldregeling.',
    // Rent arrears and a threatened eviction go to debt counselling first (Wgs art. 4: within 3 working days).
    categories: ['debt_counselling', 'housing_arrears', 'income_support'],
    phone: '074 245 0001',
    phoneHours: hours([1, 2, 4], '09:00', '12:00'),
    eligibility: 'Inwoners van Hengelo.',
    apply: 'Bellen; binnen 3 werkdagen volgt een gesprek als er beslag of afsluiting dreigt.',
    languages: ['nl'],
    municipalities: ['Hengelo'],
    locations: [stadhuisHengelo],
    verified: 295,
    contacts: [{ name: 'Tom Veldhuis', job_title: 'Schuldhulpverlener', phone: '06 1234 5607', visibility: 'professional', verified: 295 }],
  });

  // ——— Twenterand ———
  const twenterand = municipality('Twenterand');
  const vriezenveen = await location(twenterand, {
    name: 'Gemeentehuis Vriezenveen',
    street: 'Westeinde',
    nr: '32',
    postcode: '7671 CD',
    city: 'Vriezenveen',
    opening: hours(WORKDAYS, '08:30', '16:30'),
    verified: 195,
  });
  const vroomshoop = await location(twenterand, {
    name: 'Inloop in de bibliotheek Vroomshoop',
    street: 'Julianastraat',
    nr: '12',
    postcode: '7681 HB',
    city: 'Vroomshoop',
    walkIn: hours([2], '10:00', '12:00'),
    verified: 195,
  });
  await service({
    organisationId: twenterand,
    teamId: refs.teams.sociaalTeamTwenterand,
    name: 'Sociaal Team Twenterand',
    description: 'Voor vragen over geld, werk, zorg en wonen in Vriezenveen, Vroomshoop, Den Ham en Westerhaar.',
    categories: ['neighbourhood_team', 'debt_counselling', 'income_support'],
    phone: '0546 84 0000',
    phoneHours: hours(WORKDAYS, '09:00', '12:00'),
    eligibility: 'Inwoners van Twenterand.',
    apply: 'Bellen of binnenlopen op dinsdagochtend in Vroomshoop.',
    languages: ['nl', 'de'],
    municipalities: ['Twenterand'],
    locations: [vriezenveen, vroomshoop],
    verified: 200,
    contacts: [
      {
        name: 'Gerrit Jan Vos',
        job_title: 'Consulent sociaal team',
        phone: '06 1234 5608',
        visibility: 'professional',
        phone_hours: hours([1, 3], '13:00', '14:00'),
        verified: 200,
      },
    ],
  });

  // ——— Haaksbergen ———
  const haaksbergen = municipality('Haaksbergen');
  const huisHaaksbergen = await location(haaksbergen, {
    name: 'Inloop in het gemeentehuis Haaksbergen',
    street: 'Rozengaardseweg',
    nr: '2',
    postcode: '7481 GA',
    city: 'Haaksbergen',
    walkIn: hours([4], '09:00', '11:30'),
    verified: 50,
  });
  await service({
    organisationId: haaksbergen,
    teamId: refs.teams.sociaalTeamHaaksbergen,
    name: 'Sociaal Team Haaksbergen',
    description: 'Hulp bij geldzorgen, eenzaamheid en zorgvragen. Ook welzijn op recept: de huisarts verwijst naar activiteiten in de buurt.',
    categories: ['neighbourhood_team', 'debt_counselling', 'welfare_on_prescription'],
    phone: '053 573 0000',
    phoneHours: hours(WORKDAYS, '08:30', '12:30'),
    eligibility: 'Inwoners van Haaksbergen, Buurse en Sint Isidorushoeve.',
    apply: 'Bellen of donderdagochtend binnenlopen.',
    languages: ['nl'],
    municipalities: ['Haaksbergen'],
    locations: [huisHaaksbergen],
    verified: 50,
    contacts: [
      {
        name: 'Lotte Scholten',
        job_title: 'Welzijnscoach',
        phone: '06 1234 5609',
        visibility: 'professional',
        phone_hours: hours([2], '08:30', '10:00'),
        verified: 50,
      },
    ],
  });

  // ——— The whole region ———
  await service({
    organisationId: refs.netwerkId,
    teamId: refs.teams.regionalDesk,
    name: 'Regionaal Meldpunt Geldzorgen Twente',
    description: 'Het regionale loket: helpt iedereen in Twente verder, ook als niet duidelijk is welke gemeente of welk team erbij hoort.',
    categories: ['debt_counselling', 'admin_help'],
    phone: '053 000 1000',
    phoneHours: hours(WORKDAYS, '09:00', '17:00'),
    eligibility: 'Alle inwoners van Twente.',
    apply: 'Bellen; wij zoeken de juiste hulp in uw gemeente en dragen u warm over.',
    languages: ['nl', 'en'],
    municipalities: twenteMunicipalities.map((m) => m.name),
    verified: 12,
  });
}
