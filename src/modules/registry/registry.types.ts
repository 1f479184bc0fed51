/** The registry's domain types: what its services return and its API and pages show. */

/** An enterprise of the current edition. */
export interface Enterprise {
  neq: string;
  name: string | null;
  status: string | null;
  statusOn: string | null;
  legalForm: string | null;
  regime: string | null;
  registeredOn: string | null;
  employees: string | null;
  activityCode: string | null;
  activity: string | null;
  address: string | null;
  municipality: string | null;
  postalCode: string | null;
  bankrupt: boolean | null;
  constitutedOn: string | null;
  constitutionPlace: string | null;
}

/** A change between two editions, in the order the feed gives them. */
export interface Change {
  seq: number;
  neq: string;
  kind: string;
  details: Record<string, unknown> | null;
  edition: string;
}

/** An enterprise found by a search, with the name that matched. */
export interface EnterpriseHit extends Enterprise {
  /** The name that matched (current or former) and how well. */
  matchedName: string | null;
  former: boolean;
  score: number | null;
}
