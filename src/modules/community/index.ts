/**
 * Community: accounts for the public and what people bring to the portal (plan measures 3 and 5).
 */
export type { PublicAccounts } from './accounts/public-accounts.service.js';
export {
  type AlertEvent,
  type AlertSettings,
  type Follow,
  type FollowKind,
  WEBHOOK_EVENTS,
} from './alerts/alerts.types.js';
export type { FollowsService } from './alerts/follows.service.js';
export { CHECK_YOUR_MAIL } from './api/public-accounts.routes.js';
export { type CommunityServices, createCommunityModule } from './community.module.js';
export {
  CONSULTATION_STATES,
  type Consultation,
  type ConsultationState,
  type ConsultationsService,
  type ConsultationTheme,
} from './consultations/consultations.service.js';
export type { DiscussionsService } from './discussions/discussions.service.js';
export type { Post, Thread, ThreadDetail } from './discussions/discussions.types.js';
export { communityMigrations } from './migrations.js';
export type { MessagesService, QueuedMessage } from './moderation/messages.service.js';
export type { LoggedStep, ModerationService } from './moderation/moderation.service.js';
export type { RequestsService } from './requests/requests.service.js';
export {
  type DataRequest,
  REQUEST_SORTS,
  REQUEST_STATUSES,
  type RequestEvent,
  type RequestSort,
  type RequestStatus,
} from './requests/requests.types.js';
export type { CallsService } from './reuses/calls.service.js';
export type { ReusesService } from './reuses/reuses.service.js';
export { type Call, REUSE_TYPES, type Reuse, type ReuseType } from './reuses/reuses.types.js';
export type { DeliveryRow as WebhookDelivery, WebhookRow as Webhook } from './webhooks/webhooks.repo.js';
export type { WebhooksService } from './webhooks/webhooks.service.js';
