/**
 * Graceful shutdown of the HTTP side (SIGTERM/SIGINT, server.ts). Once draining, every new request
 * is refused at once with 503, Retry-After and Connection: close — before it reaches the app, so it
 * stores nothing — while the requests already in flight run to their end. A load balancer retries
 * the refused ones on another instance; a browser shows a page that says to try again.
 */
type Fetch = (request: Request, env: unknown) => Response | Promise<Response>;

export interface Drain {
  /** The app's fetch, counted and refused once draining. */
  fetch: Fetch;
  /** Requests being answered now. */
  readonly inFlight: number;
  readonly draining: boolean;
  /** Starts refusing new requests; resolves true once none is in flight, false when `timeoutMs` passed first. */
  drain(timeoutMs: number): Promise<boolean>;
}

export const RETRY_AFTER_SHUTDOWN_SECONDS = 5;

const refusal = `<!doctype html>
<html lang="nl"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Korte Lijn start opnieuw</title></head>
<body><main><h1>Korte Lijn start opnieuw</h1>
<p>Probeer het over een paar seconden opnieuw. Wat al was opgeslagen, blijft bewaard. Wat u net verstuurde, is niet opgeslagen: verstuur het opnieuw.</p>
<p lang="en">Korte Lijn is restarting. Please try again in a few seconds. Nothing that was already saved has been lost. What you just sent was not saved: please send it again.</p>
</main></body></html>`;

export function drainable(fetch: Fetch): Drain {
  let inFlight = 0;
  let draining = false;
  let idle: (() => void) | null = null;
  const finished = () => {
    inFlight--;
    if (inFlight === 0) idle?.();
  };
  return {
    get inFlight() {
      return inFlight;
    },
    get draining() {
      return draining;
    },
    fetch: async (request, env) => {
      if (draining) {
        return new Response(request.method === 'HEAD' ? null : refusal, {
          status: 503,
          headers: {
            'content-type': 'text/html; charset=utf-8',
            'retry-after': String(RETRY_AFTER_SHUTDOWN_SECONDS),
            connection: 'close',
            'cache-control': 'no-store',
            'content-security-policy': "default-src 'none'",
          },
        });
      }
      inFlight++;
      try {
        return await fetch(request, env);
      } finally {
        finished();
      }
    },
    drain: (timeoutMs) => {
      draining = true;
      if (inFlight === 0) return Promise.resolve(true);
      return new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => resolve(false), Math.max(0, timeoutMs));
        idle = () => {
          clearTimeout(timer);
          resolve(true);
        };
      });
    },
  };
}
