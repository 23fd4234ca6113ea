import type { PageParams } from '../pagination.ts';
import { Collection, type WithUnknownFields } from './resource.ts';

/**
 * An identity: one person's account on one community (a customer's email address, phone number,
 * Twitter handle…, or an agent's own identity on a source). Merged identities share an identity group.
 */
export type Identity = WithUnknownFields<{
  id: string;
  /** The community type, e.g. `twtr`, `mobile_messaging`. */
  type: string;
  community_id: string;
  community_url: string | null;
  /** The id on the external channel. */
  foreign_id: string | null;
  uuid: string | null;
  screenname: string | null;
  display_name: string | null;
  firstname: string | null;
  lastname: string | null;
  gender: string | null;
  email: string | null;
  mobile_phone: string | null;
  home_phone: string | null;
  company: string | null;
  avatar_url: string | null;
  extra_values: Record<string, unknown> | null;
  /** Null until data is added by hand or two identities are merged. */
  identity_group_id: string | null;
  /** The RingCX users who own this identity (agents' identities). */
  user_ids: string[];
  created_at: string;
  updated_at: string;
}>;

export interface IdentityListParams extends PageParams {
  community_id?: string;
  /** The source's community; ignored when `community_id` is given. */
  source_id?: string;
  identity_group_id?: string;
  /** Several groups. */
  identity_group_ids?: string | readonly string[];
  /** Identities owned by this user. */
  user_id?: string;
  foreign_id?: string;
  uuid?: string;
  sort?: 'created_at' | 'updated_at';
}

/** Identities (`/identities`), newest first, of communities the token's user may read (else 404). */
export class Identities extends Collection<Identity, IdentityListParams> {
  protected readonly path = '/identities';
  protected readonly idName = 'identityId';
  protected override readonly commaSeparated = ['identity_group_ids'];
}
