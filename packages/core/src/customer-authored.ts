/**
 * The one rule, used by every trigger and poller, for "a customer wrote this" (DESIGN: one vocabulary).
 *
 * A message is customer-authored when:
 * - nobody created it inside RingCX: `creator_id` is empty (agents, bots and API calls always set it,
 *   private notes included), and
 * - its status is not an agent's (`user_reply`, `user_initiated`), and
 * - its author is not one of the identities the caller says are its own (a bot's identity on a source).
 *
 * The `private` flag is deliberately not part of the rule: on messaging channels (web chat, DMs) the
 * customer's own messages arrive with `private: true`.
 */
export interface AuthorshipFields {
  creator_id?: string | null;
  status?: string | null;
  author_id?: string | null;
}

/** Content statuses that only agents' (and bots') messages have. */
export const AGENT_CONTENT_STATUSES: ReadonlySet<string> = new Set(['user_reply', 'user_initiated']);

export function isCustomerAuthored(
  content: AuthorshipFields,
  ownIdentityIds: ReadonlySet<string> | readonly string[] = [],
): boolean {
  if (content.creator_id) return false;
  if (content.status && AGENT_CONTENT_STATUSES.has(content.status)) return false;
  const own = ownIdentityIds instanceof Set ? ownIdentityIds : new Set(ownIdentityIds as readonly string[]);
  return !(content.author_id && own.has(content.author_id));
}
