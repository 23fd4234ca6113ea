import type { PageParams } from '../pagination.ts';
import { Collection, type CallOptions, type WithUnknownFields } from './resource.ts';

/** A RingCX user: an agent, a supervisor, an administrator or a bot. */
export type User = WithUnknownFields<{
  id: string;
  email: string;
  firstname: string | null;
  lastname: string | null;
  nickname: string | null;
  gender: string | null;
  enabled: boolean;
  /** The id in the single sign-on system. */
  external_id: string | null;
  rc_user_id: string | null;
  role_id: string;
  team_ids: string[];
  /** Skills (categories) the user handles. */
  category_ids: string[];
  /** The user's own identities, one per source it writes on. */
  identity_ids: string[];
  spoken_languages: string[];
  locale: string | null;
  timezone: string | null;
  invitation_pending: boolean;
  user_capacity_id?: string | null;
  no_password?: boolean;
  created_at: string;
  updated_at: string;
}>;

export interface UserListParams extends PageParams {
  /** Case-insensitive. */
  email?: string;
  category_id?: string;
  identity_id?: string;
  external_id?: string;
  role_id?: string;
  team_id?: string;
}

/** Users (`/users`), newest first. Team leaders see the users of their teams. */
export class Users extends Collection<User, UserListParams> {
  protected readonly path = '/users';
  protected readonly idName = 'userId';

  /**
   * The user the access token acts as: the quickest check that a token works (401 when it does not).
   * Missing from the official spec, but documented by the API's guides.
   */
  me(options?: CallOptions): Promise<User> {
    return this.read(`${this.path}/me`, undefined, options);
  }
}
