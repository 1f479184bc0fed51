import type { Localized } from '../../../platform/i18n/index.js';

export const MEMBER_ROLES = ['lead', 'member', 'observer'] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];

export interface EcosystemMember {
  organizationId: string;
  role: MemberRole;
  contact: string | null;
  joinedAt: string;
}

export interface Ecosystem {
  slug: string;
  title: Localized;
  purpose: Localized;
  governance: Localized;
  leadOrganizationId: string;
  contact: string;
  members: EcosystemMember[];
  createdAt: string;
}

export interface EcosystemInput {
  slug: string;
  title: Localized;
  purpose: Localized;
  governance: Localized;
  /** The lead organisation, by id or name; it becomes a member with the role `lead`. */
  leadOrganization: string;
  contact: string;
}

/** A file that went into a consolidated table. */
export interface ConsolidationSource {
  datasetId: string;
  resourceId: string;
  organizationId: string;
  /** What identifies the file's version: its SHA-256, or its link. */
  version: string;
  rows: number;
  valid: boolean;
}

export interface Consolidation {
  ecosystem: string;
  schema: string;
  datasetId: string;
  resourceId: string;
  rows: number;
  sources: ConsolidationSource[];
  skipped: { datasetId: string; resourceId: string; reason: Localized }[];
  builtAt: string;
}
