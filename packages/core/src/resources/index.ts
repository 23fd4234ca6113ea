export { Collection, Resource, type CallOptions, type WithUnknownFields } from './resource.ts';
export {
  AgentStatuses,
  type AgentChannelStatus,
  type AgentStatus,
  type AgentStatusListParams,
} from './agent-status.ts';
export {
  Attachments,
  type Attachment,
  type AttachmentListParams,
  type UploadOptions,
} from './attachments.ts';
export { Bots, type BotCompleteParams, type BotHandoverParams, type BotResult } from './bots.ts';
export { Categories, type Category, type CategoryListParams } from './categories.ts';
export { Channels, type Channel } from './channels.ts';
export {
  Contents,
  type Content,
  type ContentAttachment,
  type ContentListParams,
  type NewDiscussionParams,
  type ReplyParams,
  type StructuredContent,
  type TemplateComponent,
} from './contents.ts';
export { CustomFields, type CustomField } from './custom-fields.ts';
export { Events, type AuditEvent, type AuditEventListParams } from './events.ts';
export { Identities, type Identity, type IdentityListParams } from './identities.ts';
export {
  IdentityGroups,
  type IdentityGroup,
  type IdentityGroupListParams,
  type IdentityGroupUpdateParams,
} from './identity-groups.ts';
export {
  Interventions,
  type CustomFieldValues,
  type Intervention,
  type InterventionListParams,
} from './interventions.ts';
export { Sources, type Source, type SourceListParams } from './sources.ts';
export { Tags, type Tag, type TagListParams } from './tags.ts';
export { Teams, type Team } from './teams.ts';
export { Threads, type Thread, type ThreadListParams } from './threads.ts';
export { Users, type User, type UserListParams } from './users.ts';
export {
  WEBHOOK_EVENT_TYPES,
  Webhooks,
  type Webhook,
  type WebhookCreateParams,
  type WebhookEventType,
  type WebhookUpdateParams,
} from './webhooks.ts';
