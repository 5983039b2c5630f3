/**
 * The referral lifecycle, mirroring FHIR R4 Task.status (the closed-loop referral pattern of the HL7
 * SDOH Clinical Care guide): requested → received → accepted → in-progress → completed, with
 * rejected, cancelled and failed as other ends. Forwarding to another team is a transition of its
 * own: the referral starts again as `requested` at the new team, the history keeps the old one.
 * Pure: no I/O.
 */
export const referralStatuses = ['requested', 'received', 'accepted', 'in-progress', 'completed', 'rejected', 'cancelled', 'failed'] as const;
export type ReferralStatus = (typeof referralStatuses)[number];

export type ReferralAction =
  | 'receive' // the team opened it
  | 'accept' // the team takes it on (and assigns a colleague)
  | 'record-contact' // first contact with the patient made
  | 'record-conversation' // first conversation held
  | 'forward' // to another team, with a reason
  | 'complete' // closed with an outcome
  | 'fail' // closed: not reachable after attempts
  | 'reject' // the team declines (wrong place, with a reason) — practice is told
  | 'cancel'; // the practice withdraws it, or the patient withdrew consent

const transitions: Record<ReferralAction, { from: readonly ReferralStatus[]; to: ReferralStatus | null }> = {
  receive: { from: ['requested'], to: 'received' },
  accept: { from: ['requested', 'received', 'accepted', 'in-progress'], to: 'accepted' },
  'record-contact': { from: ['accepted', 'in-progress'], to: 'in-progress' },
  'record-conversation': { from: ['accepted', 'in-progress'], to: 'in-progress' },
  forward: { from: ['requested', 'received', 'accepted', 'in-progress'], to: 'requested' },
  complete: { from: ['accepted', 'in-progress'], to: 'completed' },
  fail: { from: ['received', 'accepted', 'in-progress'], to: 'failed' },
  reject: { from: ['requested', 'received'], to: 'rejected' },
  cancel: { from: ['requested', 'received', 'accepted', 'in-progress'], to: 'cancelled' },
};

export const closedStatuses: readonly ReferralStatus[] = ['completed', 'rejected', 'cancelled', 'failed'];

export function isClosed(status: ReferralStatus): boolean {
  return closedStatuses.includes(status);
}

/** The next status, or null when the action is not allowed from this status. */
export function nextStatus(current: ReferralStatus, action: ReferralAction): ReferralStatus | null {
  const rule = transitions[action];
  if (!rule.from.includes(current)) return null;
  // Accepting again (re-assigning) keeps an in-progress referral in progress.
  if (action === 'accept' && current === 'in-progress') return 'in-progress';
  return rule.to;
}

export function allowedActions(current: ReferralStatus): ReferralAction[] {
  return (Object.keys(transitions) as ReferralAction[]).filter((a) => nextStatus(current, a) !== null);
}

/** How a referral ends (terugkoppeling to the practice), and the status each outcome closes with. */
export const outcomes = ['trajectory_started', 'referred_elsewhere', 'no_help_needed', 'declined', 'not_reachable'] as const;
export type Outcome = (typeof outcomes)[number];

export function statusForOutcome(outcome: Outcome): 'completed' | 'failed' {
  return outcome === 'not_reachable' ? 'failed' : 'completed';
}
