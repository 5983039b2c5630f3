import { z } from 'zod';
import { notFound } from '../errors.ts';
import type { AppContext } from './types.ts';

const uuid = z.uuid();

/** A route id that is not a UUID cannot exist: answer 404 instead of letting the database choke on it. */
export function idParam(c: AppContext, name = 'id'): string {
  const value = c.req.param(name);
  if (!value || !uuid.safeParse(value).success) throw notFound();
  return value;
}
