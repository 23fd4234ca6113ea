import type { FastifyRequest } from 'fastify';
import { ApiError } from './http/errors.ts';
import { optionalString, requestParams } from './http/params.ts';
import { hasPermission } from './model/permissions.ts';
import type { UserRecord } from './store/records.ts';
import type { Store } from './store/store.ts';

/**
 * API access tokens. Each token acts as one user and inherits that user's permissions
 * (REFERENCE §1.3; §11.1 notes a newer page saying every token is the admin's: the sandbox follows
 * the per-user model so visibility rules can be tested).
 */
export interface AccessToken {
  /** The token's own id (what webhooks belong to), never its secret value. */
  id: string;
  /** Short name: `admin`, `bot`, … */
  name: string;
  label: string;
  value: string;
  user_id: string;
  created_at: string;
  updated_at: string;
}

export class TokenRegistry {
  readonly tokens: readonly AccessToken[];
  private readonly byValueMap: Map<string, AccessToken>;

  constructor(tokens: readonly AccessToken[]) {
    this.tokens = tokens;
    this.byValueMap = new Map(tokens.map((token) => [token.value, token]));
  }

  byValue(value: string): AccessToken | undefined {
    return this.byValueMap.get(value);
  }

  byId(id: string): AccessToken | undefined {
    return this.tokens.find((token) => token.id === id);
  }
}

/** Who is calling: the token, its user, and the user it acts as (after impersonation). */
export interface Authenticated {
  tokenId: string;
  tokenName: string;
  /** The user the request acts as: the token's user, or the impersonated one. */
  userId: string;
  user: UserRecord;
}

export interface AuthDeps {
  tokens: TokenRegistry;
  store: Store;
}

declare module 'fastify' {
  interface FastifyInstance {
    sandboxAuth: AuthDeps;
  }
  interface FastifyRequest {
    authenticated?: Authenticated;
  }
}

/** The token from `Authorization: Bearer …`, or from the `access_token` parameter. */
function tokenValue(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (header) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (match) return match[1];
  }
  return optionalString(requestParams(request), 'access_token');
}

/**
 * Authenticates the request (once; later calls return the same answer) or throws the API's 401.
 * Honours `impersonated_user_id`: 400 unless the token's user may impersonate.
 */
export function authenticate(request: FastifyRequest): Authenticated {
  if (request.authenticated) return request.authenticated;
  const { tokens, store } = request.server.sandboxAuth;
  const value = tokenValue(request);
  if (!value) {
    throw new ApiError(
      401,
      'missing_access_token',
      'No access token: send it as the header "Authorization: Bearer <token>" or as the access_token parameter.',
    );
  }
  const token = tokens.byValue(value);
  const owner = token ? store.users.get(token.user_id) : undefined;
  if (!token || !owner || !owner.enabled) {
    throw new ApiError(
      401,
      'invalid_access_token',
      'The access token is unknown, disabled, or its user is disabled: check the token (the sandbox prints its tokens at start).',
    );
  }
  let user = owner;
  const impersonated = optionalString(requestParams(request), 'impersonated_user_id');
  if (impersonated && impersonated !== owner.id) {
    if (!hasPermission(store, owner, 'impersonate_user')) {
      throw new ApiError(
        400,
        'impersonation_not_allowed',
        `The token's user may not impersonate other users (its role lacks "impersonate_user"); remove impersonated_user_id or use an admin token.`,
      );
    }
    const target = store.users.get(impersonated);
    if (!target || !target.enabled) {
      throw new ApiError(
        400,
        'impersonation_not_allowed',
        `impersonated_user_id ${impersonated} is not an enabled user of this domain.`,
      );
    }
    user = target;
  }
  request.authenticated = { tokenId: token.id, tokenName: token.name, userId: user.id, user };
  return request.authenticated;
}
