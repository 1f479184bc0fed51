/**
 * The parts of a Frictionless Table Schema (v1 and v2) the validator applies. Descriptors are
 * checked against the official profiles first (standard/); these types describe what is read.
 */
export type FieldType =
  | 'string'
  | 'number'
  | 'integer'
  | 'boolean'
  | 'date'
  | 'time'
  | 'datetime'
  | 'year'
  | 'yearmonth'
  | 'duration'
  | 'geopoint'
  | 'geojson'
  | 'object'
  | 'array'
  | 'list'
  | 'any';

export interface FieldConstraints {
  required?: boolean;
  unique?: boolean;
  minLength?: number;
  maxLength?: number;
  minimum?: string | number;
  maximum?: string | number;
  exclusiveMinimum?: string | number;
  exclusiveMaximum?: string | number;
  pattern?: string;
  enum?: (string | number)[];
}

export interface Field {
  name: string;
  title?: string;
  description?: string;
  type?: FieldType;
  format?: string;
  constraints?: FieldConstraints;
  trueValues?: string[];
  falseValues?: string[];
  decimalChar?: string;
  groupChar?: string;
  bareNumber?: boolean;
  missingValues?: string[];
}

export interface ForeignKey {
  fields: string | string[];
  reference: {
    /** `""` for the same table; the name of a reference set of the portal (Quai's extension). */
    resource: string;
    fields: string | string[];
    /** Quai: the reference set is checked at each row's date in this field. */
    asOfField?: string;
  };
}

export interface TableSchema {
  $schema?: string;
  name?: string;
  version?: string;
  title?: string;
  description?: string;
  fields: Field[];
  missingValues?: string[];
  primaryKey?: string | string[];
  foreignKeys?: ForeignKey[];
  /** Validata's extension: checks registered by name where Table Schema falls short. */
  custom_checks?: { name: string; params?: Record<string, unknown> }[];
}

export const asList = (value: string | string[] | undefined): string[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];
