import { notFound } from '../http/errors.ts';
import type {
  ContentRecord,
  IdentityRecord,
  InterventionRecord,
  ThreadRecord,
  UserRecord,
} from '../store/records.ts';
import type { SandboxContext } from './context.ts';
import { canRead } from './permissions.ts';

/**
 * Lookups as a user sees them: an object in a source the user cannot read does not exist for them
 * (404, the same answer as an unknown id), REFERENCE §10.4.
 */

export function readableThread(ctx: SandboxContext, user: UserRecord, id: string): ThreadRecord {
  const thread = ctx.store.threads.get(id);
  if (!thread || !canRead(user, thread.source_id)) throw notFound('thread', id);
  return thread;
}

export function readableContent(ctx: SandboxContext, user: UserRecord, id: string): ContentRecord {
  const content = ctx.store.contents.get(id);
  if (!content || !canRead(user, content.source_id)) throw notFound('content', id);
  return content;
}

export function readableIntervention(ctx: SandboxContext, user: UserRecord, id: string): InterventionRecord {
  const intervention = ctx.store.interventions.get(id);
  if (!intervention || !canRead(user, intervention.source_id)) throw notFound('intervention', id);
  return intervention;
}

/** Sources whose community is this one. */
export function sourcesOfCommunity(ctx: SandboxContext, communityId: string): string[] {
  return ctx.store.sources
    .all()
    .filter((source) => source.community_id === communityId)
    .map((source) => source.id);
}

/** An identity is readable when the user reads a source of its community. */
export function canReadIdentity(ctx: SandboxContext, user: UserRecord, identity: IdentityRecord): boolean {
  return sourcesOfCommunity(ctx, identity.community_id).some((sourceId) => canRead(user, sourceId));
}

export function readableIdentity(ctx: SandboxContext, user: UserRecord, id: string): IdentityRecord {
  const identity = ctx.store.identities.get(id);
  if (!identity || !canReadIdentity(ctx, user, identity)) throw notFound('identity', id);
  return identity;
}

/** The thread's intervention that is not closed, if any (a thread has at most one). */
export function openInterventionOf(ctx: SandboxContext, threadId: string): InterventionRecord | undefined {
  return ctx.store.interventions
    .all()
    .find((intervention) => intervention.thread_id === threadId && intervention.status !== 'closed');
}

/** The thread's most recent closed intervention, which a new message or `POST /interventions` reopens. */
export function lastClosedInterventionOf(
  ctx: SandboxContext,
  threadId: string,
): InterventionRecord | undefined {
  return ctx.store.interventions
    .all()
    .filter((intervention) => intervention.thread_id === threadId && intervention.status === 'closed')
    .sort((a, b) => (a.created_at < b.created_at ? 1 : a.created_at > b.created_at ? -1 : 0))[0];
}

export function contentsOfThread(ctx: SandboxContext, threadId: string): ContentRecord[] {
  return ctx.store.contents.all().filter((content) => content.thread_id === threadId);
}

/** A customer's message: imported from the channel, not written by anyone inside RingCX. */
export function isCustomerMessage(content: ContentRecord): boolean {
  return content.creator_id === null;
}
