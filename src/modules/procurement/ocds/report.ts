/** One problem found in an OCDS document. */
export interface Issue {
  /** JSON pointer (RFC 6901) into the validated document. */
  pointer: string;
  message: string;
}

/** What validating a document found: errors (against the schema) and warnings (beyond it). */
export interface ValidationReport {
  valid: boolean;
  errors: Issue[];
  warnings: Issue[];
}
