import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { ConnectionGate, waitForTurn, withWaitBudget } from './admission.ts';

const isBusy = (err: unknown) => (err as { code?: string }).code === 'db_busy' && (err as { status?: number }).status === 503;

describe("admission to the database's connections", () => {
  it('the first caller gets the connection at once, the next ones in the order they came', async () => {
    const gate = new ConnectionGate(1000);
    const order: string[] = [];
    await gate.enter();
    const b = gate.enter().then(() => order.push('b'));
    const c = gate.enter().then(() => order.push('c'));
    assert.equal(gate.waiting, 2);
    gate.leave();
    await b;
    gate.leave();
    await c;
    gate.leave();
    assert.deepEqual(order, ['b', 'c']);
    assert.equal(gate.waiting, 0);
  });

  it('a caller that waited longer than the limit is refused with "busy" (503), and leaves the queue', async () => {
    const gate = new ConnectionGate(50);
    await gate.enter();
    const started = performance.now();
    await assert.rejects(gate.enter(), isBusy);
    assert.ok(performance.now() - started < 1000, 'refused after the limit, not when the holder is done');
    assert.equal(gate.waiting, 0);
    gate.leave();
    await gate.enter(); // the connection is free again: nobody is left holding it
  });

  it('the holder is never cut off: it keeps the connection until it leaves, however long that takes', async () => {
    const gate = new ConnectionGate(20);
    await gate.enter();
    await assert.rejects(gate.enter(), isBusy);
    await sleep(60);
    let admitted = false;
    const next = gate.enter().then(() => (admitted = true));
    await sleep(5);
    assert.equal(admitted, false, 'the connection is still held');
    gate.leave();
    await next;
    assert.equal(admitted, true);
  });

  it("when the connection comes free after a waiter's deadline (a statement blocked the timers), that waiter is refused and the next one served", async () => {
    let now = 0;
    const gate = new ConnectionGate(5_000, 1, () => now);
    await gate.enter();
    const late = gate.enter();
    now = 3_000;
    const onTime = gate.enter();
    now = 6_000; // the first waiter's deadline passed while its timer could not run
    gate.leave();
    await assert.rejects(late, isBusy);
    await onTime;
    assert.equal(gate.waiting, 0);
    gate.leave();
  });

  it('with a pool, as many callers as there are connections get one at once; the next one waits', async () => {
    const gate = new ConnectionGate(1000, 3);
    await Promise.all([gate.enter(), gate.enter(), gate.enter()]);
    let admitted = false;
    const fourth = gate.enter().then(() => (admitted = true));
    await sleep(5);
    assert.equal(admitted, false);
    gate.leave();
    await fourth;
    for (let i = 0; i < 3; i++) gate.leave();
  });

  it('the statements of one request share one wait: once the request has waited the limit in total, its next wait is refused at once', async () => {
    let now = 0;
    const gate = new ConnectionGate(5_000, 1, () => now);
    await gate.enter(); // someone else holds the connection
    await withWaitBudget({ waitedMs: 0 }, async () => {
      const first = gate.enter();
      now += 3_000;
      gate.leave(); // handed to this request after 3 s
      await first;
      const second = gate.enter(); // 2 s of its 5 s left
      now += 2_500;
      gate.leave(); // comes free after 2.5 s: too late for this request
      await assert.rejects(second, isBusy);
      await gate.enter(); // nobody holds it now: no wait, so no refusal
      const third = gate.enter();
      await assert.rejects(third, isBusy, 'no budget left, so no waiting at all');
    });
  });

  it('work outside a request (a background job) gets the full limit for each statement', async () => {
    let now = 0;
    const gate = new ConnectionGate(5_000, 1, () => now);
    await gate.enter();
    for (let i = 0; i < 3; i++) {
      const next = gate.enter();
      now += 4_000;
      gate.leave();
      await next;
    }
    gate.leave();
  });

  it('a request read while others kept the event loop busy (PGlite statements) for longer than the limit is refused at once', async () => {
    const budget = { waitedMs: 0 };
    const turn = withWaitBudget(budget, () => waitForTurn(100));
    const until = performance.now() + 150;
    while (performance.now() < until); // the statements of requests read before it run synchronously
    await assert.rejects(turn, isBusy);
    assert.ok(budget.waitedMs >= 150);
  });

  it('a request whose turn comes at once goes ahead, and its wait counts against its budget', async () => {
    const budget = { waitedMs: 0 };
    await withWaitBudget(budget, () => waitForTurn(100));
    assert.ok(budget.waitedMs < 100);
  });
});
