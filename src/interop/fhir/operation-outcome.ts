import { AppError } from '../../platform/errors.ts';
import type { Text } from '../../platform/i18n.ts';
import type { FhirResource } from './fhir-types.ts';

/**
 * Every error of the FHIR API is an OperationOutcome (FHIR R4 §3.1.0.1.6 "errors"): one issue with
 * the Dutch text in `details.text` and the English twin in `diagnostics`, and an issue type a
 * machine can act on. Pure.
 */
const issueTypes: Record<number, string> = {
  400: 'invalid',
  401: 'login',
  403: 'forbidden',
  404: 'not-found',
  409: 'conflict',
  413: 'too-costly',
  422: 'business-rule',
  429: 'throttled',
  503: 'transient',
};

export function operationOutcome(status: number, message: Text, code?: string): FhirResource {
  return {
    resourceType: 'OperationOutcome',
    issue: [
      {
        severity: status >= 500 ? 'fatal' : 'error',
        code: issueTypes[status] ?? 'exception',
        details: { ...(code ? { coding: [{ system: 'https://kortelijn.nl/fhir/CodeSystem/error', code }] } : {}), text: message.nl },
        diagnostics: message.en,
      },
    ],
  };
}

/** A refusal of the FHIR API: an AppError the route answers as an OperationOutcome. */
export function fhirError(code: string, status: AppError['status'], message: Text): AppError {
  return new AppError(code, status, message);
}

/**
 * The HTTP status the FHIR API answers an error with. The referral state machine says 409 in the
 * web app ("reload the page"); FHIR's RESTful API answers a request that breaks a business rule
 * with 422 Unprocessable Entity (FHIR R4 http.html "update": 422 for a resource that violates
 * applicable business rules), so a case system can tell it apart from a version conflict.
 */
export function fhirStatus(error: AppError): AppError['status'] {
  return error.code === 'illegal_transition' ? 422 : error.status;
}

export const serverError: Text = {
  nl: 'Er ging iets mis aan onze kant. Probeer het later opnieuw. Er is niets verloren gegaan van wat al was opgeslagen.',
  en: 'Something went wrong on our side. Please try again later. Nothing that was already saved has been lost.',
};
