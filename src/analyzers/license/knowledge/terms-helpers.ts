/** Small builders that keep the term tables short and uniform. */
import type {
  CommercialUse,
  DisclosureScope,
  LicenseTerms,
  SourceDisclosureTerm,
  Term,
  UseRestrictions,
  UserThreshold,
} from './types.js';

/** A term with the clause it comes from. */
export function term<T>(value: T, clause: string, note?: string): Term<T> {
  return note === undefined ? { value, clause } : { value, clause, note };
}

/** Clause text for a matter the licence does not address. */
export function silent(what: string): string {
  return `silent: the text has no ${what} clause`;
}

/** Source disclosure with its reach. */
export function disclose(
  scope: DisclosureScope,
  clause: string,
  note?: string,
): SourceDisclosureTerm {
  return { ...term(true, clause, note), scope };
}

/** Defaults for a permissive code licence: everything off unless stated. */
function base(): LicenseTerms {
  return {
    attribution: term(false, silent('attribution')),
    noticeFile: term(false, silent('NOTICE-file')),
    sourceDisclosure: term(false, silent('source-disclosure')),
    sameLicense: term(false, silent('same-licence')),
    patentGrant: term(false, silent('express patent grant')),
    commercialUse: term<CommercialUse>('allowed', silent('commercial-use restriction')),
    userThreshold: term<UserThreshold | null>(null, silent('user-count threshold')),
    useRestrictions: term<UseRestrictions>(
      { restrictions: [], passDownstream: false },
      silent('field-of-use restriction'),
    ),
    derivativeNaming: term<string | null>(null, silent('derivative naming')),
    outputRestrictions: term<string | null>(null, silent('output-use restriction')),
  };
}

/**
 * Full terms from overrides; every term not given is "silent". Callers must give
 * `commercialUse` explicitly with its clause when the licence grants it.
 */
export function terms(overrides: Partial<LicenseTerms>): LicenseTerms {
  return { ...base(), ...overrides };
}
