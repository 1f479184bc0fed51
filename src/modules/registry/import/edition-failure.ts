import type { Localized } from '../../../platform/i18n/index.js';
import { localized } from '../../../platform/i18n/index.js';

export interface EditionError {
  message: Localized;
  file?: string;
  line?: number;
}

/** An edition that cannot be imported, and why, with the file and line when known. */
export class EditionFailure extends Error {
  constructor(readonly detail: EditionError) {
    super(detail.message.en);
  }
}

export function editionFailure(
  fr: string,
  en: string,
  where: { file?: string; line?: number } = {},
): EditionFailure {
  return new EditionFailure({ message: localized(fr, en), ...where });
}
