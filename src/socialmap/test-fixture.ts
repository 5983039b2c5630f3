import type { ServiceInput } from './entries.ts';

/** A valid active debt-counselling service of `organisationId`, for tests; `over` changes any field. */
export function serviceInput(organisationId: string, over: Partial<ServiceInput> = {}): ServiceInput {
  return {
    organisation_id: organisationId,
    team_id: null,
    name: 'Dienst',
    description: '',
    url: null,
    email: null,
    phone: '053 000 0000',
    status: 'active',
    categories: ['debt_counselling'],
    is_free: true,
    fees_description: null,
    eligibility_description: null,
    application_process: null,
    languages: ['nl'],
    areas: { municipalities: [], districts: [], pc4s: [] },
    location_ids: [],
    phone_hours: [],
    ...over,
  };
}
