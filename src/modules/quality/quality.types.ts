import type { Localized } from '../../platform/i18n/index.js';
import type { QualityBand } from '../catalog/index.js';

/** The criteria of the metadata quality score, in the order they are shown (docs/quality.md). */
export const CRITERION_IDS = [
  'description',
  'license',
  'frequency-declared',
  'frequency-kept',
  'temporal-coverage',
  'spatial-coverage',
  'contact',
  'resources-reachable',
  'open-formats',
  'schema',
  'dictionary',
] as const;
export type CriterionId = (typeof CRITERION_IDS)[number];

export type CriterionStatus = 'passed' | 'failed' | 'not-applicable';

/** What one criterion found: its verdict and the fact behind it, in words. */
export interface CriterionOutcome {
  id: CriterionId;
  status: CriterionStatus;
  /** "dernière mise à jour il y a 94 jours pour une fréquence mensuelle". */
  evidence: Localized;
}

/** A criterion as it is shown: its definition (docs/quality.md) with what it found. */
export interface CriterionResult extends CriterionOutcome {
  weight: number;
  title: Localized;
  /** Why it matters to people who reuse the data. */
  why: Localized;
  /** How the publisher can meet it. */
  fix: Localized;
}

/** A dataset's metadata quality: its score (0–100) and every criterion explained. */
export interface QualityReport {
  datasetId: string;
  score: number;
  band: QualityBand;
  criteria: CriterionResult[];
  computedAt: Date;
}

/** Why a link was found unreachable. */
export type LinkErrorCode = 'http' | 'timeout' | 'refused' | 'network';

/** The latest check of a link resource (a URL, not an uploaded file). */
export interface LinkCheck {
  resourceId: string;
  datasetId: string;
  url: string;
  ok: boolean;
  /** The final HTTP status (after redirects); null when nothing answered. */
  status: number | null;
  contentType: string | null;
  /** In bytes, when the server says (Content-Length, or the total of a Content-Range). */
  size: number | null;
  durationMs: number;
  error: { code: LinkErrorCode; detail: string } | null;
  checkedAt: Date;
  /** When the link was first found failing, for as long as it keeps failing. */
  failingSince: Date | null;
}

/** An organisation's datasets by quality, worst first, with their failed criteria. */
export interface OrganizationQuality {
  organization: { id: string; name: string; title: { fr: string; en: string | null } };
  count: number;
  scored: number;
  average: number | null;
  bands: Record<QualityBand, number>;
  datasets: {
    id: string;
    name: string;
    title: { fr: string; en: string | null };
    state: 'active' | 'draft' | 'deleted';
    private: boolean;
    score: number | null;
    band: QualityBand | null;
    computedAt: Date | null;
    failed: CriterionResult[];
  }[];
}
