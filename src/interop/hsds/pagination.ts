import { z } from 'zod';
import { badRequest } from '../../platform/errors.ts';
import type { HsdsPage } from './hsds-types.ts';

export const DEFAULT_PER_PAGE = 50;
export const MAX_PER_PAGE = 200;

export interface PageRequest {
  page: number;
  perPage: number;
}

const positiveInt = z
  .string()
  .regex(/^\d{1,6}$/)
  .transform(Number);

/** `page` (from 1) and `per_page` (1–200) from the query string of an HSDS list endpoint. */
export function parsePageRequest(query: { page?: string | undefined; per_page?: string | undefined }): PageRequest {
  const page = query.page === undefined ? 1 : positiveInt.safeParse(query.page).data;
  if (page === undefined || page < 1) {
    throw badRequest({ nl: 'page moet een heel getal zijn vanaf 1.', en: 'page must be a whole number from 1.' }, 'bad page');
  }
  const perPage = query.per_page === undefined ? DEFAULT_PER_PAGE : positiveInt.safeParse(query.per_page).data;
  if (perPage === undefined || perPage < 1 || perPage > MAX_PER_PAGE) {
    throw badRequest(
      { nl: `per_page moet een heel getal zijn van 1 tot en met ${MAX_PER_PAGE}.`, en: `per_page must be a whole number from 1 to ${MAX_PER_PAGE}.` },
      'bad per_page',
    );
  }
  return { page, perPage };
}

/** The HSDS API page envelope (openapi.json, components.schemas.Page), plus the per_page asked for. */
export function toPage<T>(request: PageRequest, totalItems: number, contents: T[]): HsdsPage<T> {
  const totalPages = Math.ceil(totalItems / request.perPage);
  return {
    total_items: totalItems,
    total_pages: totalPages,
    page_number: request.page,
    per_page: request.perPage,
    size: contents.length,
    first_page: request.page === 1,
    last_page: request.page >= totalPages,
    empty: contents.length === 0,
    contents,
  };
}
