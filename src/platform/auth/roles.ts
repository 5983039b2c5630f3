import type { Role } from '../db/schema.ts';
import type { Text } from '../i18n.ts';

export const roles: readonly Role[] = ['practice_staff', 'practice_admin', 'team_member', 'team_admin', 'region_coordinator', 'policy_officer', 'admin'];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (roles as readonly string[]).includes(value);
}

export type MembershipKind = 'practice' | 'team' | 'region' | 'none';

/** Which membership a role needs: the data scope of everything the user may see. */
export function membershipKindOf(role: Role): MembershipKind {
  switch (role) {
    case 'practice_staff':
    case 'practice_admin':
      return 'practice';
    case 'team_member':
    case 'team_admin':
      return 'team';
    // A municipal policy officer sees figures of their region, or of one municipality in it
    // (users.municipality_code); never a referral (issue 12, "Zicht op behoefte").
    case 'region_coordinator':
    case 'policy_officer':
      return 'region';
    case 'admin':
      return 'none';
  }
}

export const roleLabels: Record<Role, Text> = {
  practice_staff: { nl: 'Medewerker huisartsenpraktijk', en: 'GP practice staff' },
  practice_admin: { nl: 'Praktijkmanager', en: 'Practice manager' },
  team_member: { nl: 'Medewerker sociaal team', en: 'Social domain team member' },
  team_admin: { nl: 'Teamcoördinator', en: 'Team coordinator' },
  region_coordinator: { nl: 'Regionale aanjager', en: 'Regional coordinator' },
  policy_officer: { nl: 'Beleidsmedewerker gemeente', en: 'Municipal policy officer' },
  admin: { nl: 'Functioneel beheerder', en: 'Functional administrator' },
};
