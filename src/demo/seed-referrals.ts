import { randomBytes } from 'node:crypto';
import type { Database } from '../platform/db/database.ts';
import type { RequestContext } from '../platform/context.ts';
import { publicBaseUrl, type Config } from '../platform/config.ts';
import { loadShippedPostcodeAreas } from '../routing/reference-data.ts';
import { checkReferralRoute } from '../referrals/check-referral-route.ts';
import { sendReferral, type SendReferralInput } from '../referrals/send-referral.ts';

/**
 * Two demo referrals from Huisartsenpraktijk De Esch for patients in Hengelo-Noord, so the demo
 * team's inbox is not empty. Sent through the real use case (routing, consent, due dates, audit,
 * notifications), on behalf of the demo assistant. The people are fictitious.
 */
const demoPatients: Array<Omit<SendReferralInput, 'idempotency_key' | 'recipientTeamId' | 'consent'>> = [
  {
    patient_name: 'Ans Voorbeeld (demo)',
    birth_date: '1958-06-02',
    phone: '06 0000 0001',
    email: null,
    postcode: '7553',
    house_number: '3',
    preferred_language: 'Nederlands',
    best_time_to_call: 'ochtend',
    needs: ['admin_help'],
    question: 'Ik snap de brieven van de Belastingdienst niet meer en laat ze liggen.',
    urgency_triggers: [],
    handover: 'neutral_talk',
    contact_channel: 'phone',
  },
  {
    patient_name: 'Karim Demo (demo)',
    birth_date: '1990-11-17',
    phone: '06 0000 0002',
    email: null,
    postcode: '7552',
    house_number: '21',
    preferred_language: 'Nederlands, Arabisch',
    best_time_to_call: 'na 16.00 uur',
    needs: ['debt_counselling'],
    question: 'Het energiebedrijf dreigt af te sluiten; ik heb een betalingsachterstand.',
    urgency_triggers: ['energy_water'],
    handover: 'phone_together',
    contact_channel: 'phone',
  },
];

export async function seedDemoReferrals(
  db: Database,
  ctx: RequestContext,
  assistantEmail: string,
  config: Pick<Config, 'publicUrl' | 'port'> = { publicUrl: undefined, port: 3000 },
): Promise<number> {
  const assistant = await db.selectFrom('users').selectAll().where('email', '=', assistantEmail).executeTakeFirst();
  if (!assistant?.practice_id) return 0;
  await loadShippedPostcodeAreas(db);
  const asAssistant: RequestContext = {
    ...ctx,
    actor: {
      userId: assistant.id,
      role: assistant.role,
      name: assistant.name,
      email: assistant.email,
      practiceId: assistant.practice_id,
      teamId: null,
      regionId: null,
    },
  };
  for (const patient of demoPatients) {
    const route = await checkReferralRoute(db, asAssistant, { postcode: patient.postcode, houseNumber: patient.house_number, need: patient.needs[0] ?? null });
    await sendReferral(
      db,
      asAssistant,
      {
        ...patient,
        idempotency_key: randomBytes(24).toString('base64url'),
        recipientTeamId: route.teamId,
        consent: { given: true, method: 'verbal', feedbackAllowed: true },
      },
      publicBaseUrl(config),
    );
  }
  return demoPatients.length;
}
