import type { Text } from '../platform/i18n.ts';

/**
 * "Bedreigende situaties" (Wgs art. 4 lid 2): forced eviction; ending of gas, electricity, district
 * heating or water supply; cancellation or dissolution of the health insurance. With any of these
 * the first conversation is due within 3 working days. A municipality may add its own crisis types
 * (e.g. garnishment): `other_crisis` carries those, with a free text.
 */
export const urgencyTriggers = ['eviction', 'energy_water', 'health_insurance', 'other_crisis'] as const;
export type UrgencyTrigger = (typeof urgencyTriggers)[number];

export const urgencyLabels: Record<UrgencyTrigger, Text> = {
  eviction: { nl: 'Dreigende huisuitzetting', en: 'Threat of eviction' },
  energy_water: { nl: 'Afsluiting van gas, stroom, stadsverwarming of water dreigt', en: 'Gas, electricity, district heating or water about to be cut off' },
  health_insurance: { nl: 'Zorgverzekering wordt opgezegd of ontbonden', en: 'Health insurance about to be cancelled' },
  other_crisis: { nl: 'Andere crisis (bijvoorbeeld beslag op inkomen)', en: 'Other crisis (for example garnishment of income)' },
};

export function isUrgent(triggers: readonly string[]): boolean {
  return triggers.length > 0;
}
