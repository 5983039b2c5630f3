import { test } from 'node:test';
import assert from 'node:assert/strict';
import { drainable } from './drain.ts';

/** A fetch whose answers the test releases one by one. */
function slowApp() {
  const waiting: Array<() => void> = [];
  let handled = 0;
  const fetch = async () => {
    handled++;
    await new Promise<void>((resolve) => waiting.push(resolve));
    return new Response('done', { status: 200 });
  };
  return { fetch, waiting, handled: () => handled };
}

test('while draining, a request in flight runs to its end and a new one is refused with 503, Retry-After and Connection: close', async () => {
  const app = slowApp();
  const drain = drainable(app.fetch);
  const inFlight = drain.fetch(new Request('http://korte.test/verwijzingen/nieuw', { method: 'POST' }), {});
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(drain.inFlight, 1);

  const drained = drain.drain(5_000);
  const refused = await drain.fetch(new Request('http://korte.test/verwijzingen/nieuw', { method: 'POST' }), {});
  assert.equal(refused.status, 503);
  assert.equal(refused.headers.get('retry-after'), '5');
  assert.equal(refused.headers.get('connection'), 'close');
  assert.match(await refused.text(), /Korte Lijn start opnieuw/);
  assert.equal(app.handled(), 1, 'the refused request never reached the app');

  app.waiting.shift()!();
  assert.equal((await inFlight).status, 200);
  assert.equal(await drained, true);
});

test('draining with nothing in flight is done at once', async () => {
  const drain = drainable(slowApp().fetch);
  assert.equal(await drain.drain(1_000), true);
  assert.equal(drain.draining, true);
});

test('a request still running when the time is up makes the drain report false', async () => {
  const app = slowApp();
  const drain = drainable(app.fetch);
  void drain.fetch(new Request('http://korte.test/'), {});
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(await drain.drain(20), false);
  app.waiting.shift()!();
});
