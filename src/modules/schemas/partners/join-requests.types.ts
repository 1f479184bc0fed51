export const PARTNER_KINDS = ['municipalite', 'societe-civile', 'organisme-public'] as const;
export type PartnerKind = (typeof PARTNER_KINDS)[number];
export type JoinStatus = 'pending' | 'approved' | 'refused';

export interface JoinRequest {
  id: string;
  userId: string;
  organizationTitle: string;
  organizationName: string;
  kind: PartnerKind;
  municipalityCode: string | null;
  contactName: string;
  contactEmail: string;
  plans: string;
  ecosystem: string | null;
  status: JoinStatus;
  reason: string | null;
  organizationId: string | null;
  decidedBy: string | null;
  decidedAt: string | null;
  createdAt: string;
}

/** What someone who wants their organisation on the portal fills in. */
export interface JoinRequestInput {
  organizationTitle: string;
  kind: string;
  municipalityCode: string | null;
  contactName: string;
  contactEmail: string;
  /** Without an account: the password of the account the request creates (its login: the email). */
  password: string | null;
  plans: string;
  ecosystem: string | null;
}

export interface JoinEvent {
  at: string;
  step: string;
  actor: string;
  detail: Record<string, string>;
}

/** A step of the way to a first published dataset with a schema. */
export interface ChecklistStep {
  id: 'approved' | 'dataset' | 'schema' | 'valid' | 'public';
  done: boolean;
  /** Where to go next (a dataset's name), when known. */
  dataset: string | null;
}
