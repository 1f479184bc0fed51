import { createRequire } from 'node:module';
import countries from 'i18n-iso-countries';
import en from 'i18n-iso-countries/langs/en.json' with { type: 'json' };
import fr from 'i18n-iso-countries/langs/fr.json' with { type: 'json' };
import type { Snapshot } from '../reference.types.js';

const require = createRequire(import.meta.url);

/** ISO 3166-1 from the `i18n-iso-countries` package; the package's version is the label. */
export function isoCountries(): Snapshot {
  countries.registerLocale(fr);
  countries.registerLocale(en);
  const version = (require('i18n-iso-countries/package.json') as { version: string }).version;
  const codes = Object.keys(countries.getAlpha2Codes()).sort();
  return {
    set: 'pays',
    label: version,
    referenceDate: '2016-05-10',
    fictitious: false,
    sources: [
      {
        name: `i18n-iso-countries@${version}`,
        sha256: '',
        bytes: 0,
        rows: codes.length,
        url: `https://www.npmjs.com/package/i18n-iso-countries/v/${version}`,
        licence: 'MIT',
      },
    ],
    entities: codes.map((code) => ({
      code,
      name: countries.getName(code, 'fr') ?? code,
      nameEn: countries.getName(code, 'en') ?? null,
      attributes: {
        alpha3: countries.alpha2ToAlpha3(code) ?? null,
        numeric: countries.alpha2ToNumeric(code) ?? null,
      },
    })),
    retirements: [],
  };
}
