import { z } from 'zod';
import { badRequest, notFound } from '../errors.ts';
import type { AppContext } from './types.ts';

const uuid = z.uuid();

/** A route id that is not a UUID cannot exist: answer 404 instead of letting the database choke on it. */
export function idParam(c: AppContext, name = 'id'): string {
  const value = c.req.param(name);
  if (!value || !uuid.safeParse(value).success) throw notFound();
  return value;
}

/** Lists shown a page at a time take `?pagina=N` (from 1); anything else is a clear 400. */
export function pageParam(c: AppContext, name = 'pagina'): number {
  const value = c.req.query(name);
  if (value === undefined || value === '') return 1;
  if (!/^[1-9]\d{0,4}$/.test(value)) {
    throw badRequest(
      { nl: 'Deze pagina bestaat niet. Een paginanummer is een heel getal vanaf 1.', en: 'This page does not exist. A page number is a whole number from 1.' },
      'bad page number',
    );
  }
  return Number(value);
}
