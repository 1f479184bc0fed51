/**
 * The metadata quality score of datasets, explained criterion by criterion (each with why it
 * matters and how to fix it), per organisation, and the link checker (decision 0025).
 */

export { CRITERIA, DESCRIPTION_MIN_LENGTH, FREQUENCY_DAYS, toleranceDays } from './criteria.js';
export { linkReason } from './link-check.js';
export type { LinkChecker } from './link-check.service.js';
export { qualityMigrations } from './migrations.js';
export { createQualityModule, type QualityServices } from './quality.module.js';
export type { QualityService } from './quality.service.js';
export * from './quality.types.js';
