/**
 * The keystroke-level model (KLM) of Card, Moran and Newell ("The Psychology of Human-Computer
 * Interaction", 1983; Card, Moran & Newell, "The keystroke-level model for user performance time
 * with interactive systems", CACM 23(7), 1980): a task's time for a practised user is the sum of
 * its operators. A browser test lists its steps with their operators and performs exactly those
 * steps, so the estimate in the README is the estimate of what the test does.
 */
export const klmSeconds = {
  /** A key or mouse-button press, average skilled typist (55 words a minute). */
  K: 0.2,
  /** Pointing at a target on the screen with the mouse. */
  P: 1.1,
  /** Moving a hand between keyboard and mouse. */
  H: 0.4,
  /** Mental preparation: deciding and recalling what comes next. */
  M: 1.35,
} as const;

export type KlmOperator = keyof typeof klmSeconds;

export interface KlmStep {
  /** What the person does, as the README lists it. */
  does: string;
  operators: KlmOperator[];
  /** True when the step fills in a required input. */
  input?: boolean;
}

/** `n` of one operator, e.g. the 16 keystrokes of a name: `times('K', 16)`. */
export function times(operator: KlmOperator, n: number): KlmOperator[] {
  return Array.from({ length: n }, () => operator);
}

export function klmEstimate(steps: readonly KlmStep[]): number {
  return steps.flatMap((s) => s.operators).reduce((sum, op) => sum + klmSeconds[op], 0);
}

/** "M K K K" as "M 3K": the operators of a step in the usual short form. */
export function operatorSummary(operators: readonly KlmOperator[]): string {
  const parts: string[] = [];
  for (const op of operators) {
    const last = parts.at(-1);
    const match = last ? /^(\d*)([KPHM])$/.exec(last) : null;
    if (match && match[2] === op) parts[parts.length - 1] = `${Number(match[1] || 1) + 1}${op}`;
    else parts.push(op);
  }
  return parts.join(' ');
}
