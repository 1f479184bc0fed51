/** A text of the interface in both languages. */
export interface Text {
  fr: string;
  en: string;
}

export const m = (fr: string, en: string): Text => ({ fr, en });
