import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { translator } from '../platform/i18n.ts';
import { validateValues } from '../platform/http/forms.ts';
import { capacityFormSchema, capacityText, CAPACITY_VALID_DAYS, currentCapacity } from './capacity.ts';

const DAY = 24 * 60 * 60 * 1000;
const confirmedAt = new Date('2026-11-01T09:30:00Z');
const after = (days: number, extraMs = 0) => new Date(confirmedAt.getTime() + days * DAY + extraMs);

describe('a service’s capacity status', () => {
  test('a status never set is unknown', () => {
    assert.deepEqual(currentCapacity({ status: null, waitingWeeks: null, confirmedAt: null }, after(0)), { status: 'unknown', lapsedAt: null });
  });

  test('a confirmed status counts for 30 days, to the minute', () => {
    const stored = { status: 'waiting_list', waitingWeeks: 6, confirmedAt } as const;
    const day29 = currentCapacity(stored, after(CAPACITY_VALID_DAYS, -60_000));
    assert.equal(day29.status, 'waiting_list');
    assert.deepEqual(day29.status === 'waiting_list' && [day29.waitingWeeks, day29.validUntil.toISOString()], [6, after(30).toISOString()]);
  });

  test('after 30 days without confirmation it expires back to unknown, and says when it lapsed', () => {
    const stored = { status: 'open', waitingWeeks: null, confirmedAt } as const;
    assert.deepEqual(currentCapacity(stored, after(30)), { status: 'unknown', lapsedAt: after(30) });
    assert.deepEqual(currentCapacity(stored, after(90)), { status: 'unknown', lapsedAt: after(30) });
  });

  test('confirming again starts the 30 days anew', () => {
    const reconfirmed = { status: 'closed', waitingWeeks: null, confirmedAt: after(29) } as const;
    assert.equal(currentCapacity(reconfirmed, after(45)).status, 'closed');
  });

  test('a waiting list reads with its expected weeks, in Dutch and English', () => {
    const capacity = currentCapacity({ status: 'waiting_list', waitingWeeks: 6, confirmedAt }, after(1));
    assert.deepEqual(capacityText(capacity), { nl: 'Wachtlijst: ongeveer 6 weken', en: 'Waiting list: about 6 weeks' });
    const one = currentCapacity({ status: 'waiting_list', waitingWeeks: 1, confirmedAt }, after(1));
    assert.equal(capacityText(one).nl, 'Wachtlijst: ongeveer 1 week');
    assert.equal(capacityText(currentCapacity({ status: 'closed', waitingWeeks: null, confirmedAt }, after(1))).nl, 'Tijdelijk gesloten voor nieuwe mensen');
  });
});

describe('the capacity form', () => {
  const t = translator('nl');
  const parse = (values: Record<string, string>) => validateValues(capacityFormSchema(t), values);

  test('a status is required, from the list', () => {
    const none = parse({});
    assert.equal(!none.ok && none.errors['capacity_status'], 'Kies of de dienst nieuwe mensen aanneemt.');
    assert.equal(parse({ capacity_status: 'full' }).ok, false);
  });

  test('a waiting list needs the expected weeks, 1 to 52; other statuses drop a number typed anyway', () => {
    for (const weeks of ['', '0', '53', 'zes', '6.5']) {
      const result = parse({ capacity_status: 'waiting_list', capacity_waiting_weeks: weeks });
      assert.match((!result.ok && result.errors['capacity_waiting_weeks']) || '', /een getal van 1 tot en met 52/, weeks);
    }
    const six = parse({ capacity_status: 'waiting_list', capacity_waiting_weeks: ' 6 ' });
    assert.deepEqual(six.ok && six.data, { status: 'waiting_list', waitingWeeks: 6 });
    const open = parse({ capacity_status: 'open', capacity_waiting_weeks: '4' });
    assert.deepEqual(open.ok && open.data, { status: 'open', waitingWeeks: null });
  });
});
