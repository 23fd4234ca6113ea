import type { PageParams } from '../pagination.ts';
import type { CustomFieldValues } from './interventions.ts';
import { Collection, itemPath, type CallOptions, type WithUnknownFields } from './resource.ts';

/** An identity group: the customer profile shared by merged identities (contact data, notes, tags). */
export type IdentityGroup = WithUnknownFields<{
  id: string;
  firstname: string | null;
  lastname: string | null;
  gender: string | null;
  company: string | null;
  emails: string[];
  home_phones: string[];
  mobile_phones: string[];
  notes: string | null;
  avatar_url: string | null;
  custom_field_values: Record<string, unknown>;
  tag_ids: string[];
  identity_ids: string[];
  created_at: string;
  updated_at: string;
}>;

export interface IdentityGroupListParams extends PageParams {
  firstname?: string;
  lastname?: string;
  email?: string;
  uuid?: string;
  /** Only these groups. */
  ids?: string | readonly string[];
  sort?: 'created_at' | 'updated_at';
}

/** Fields to change; lists replace the current ones. */
export interface IdentityGroupUpdateParams {
  firstname?: string;
  lastname?: string;
  gender?: 'man' | 'woman';
  company?: string;
  emails?: readonly string[];
  home_phones?: readonly string[];
  mobile_phones?: readonly string[];
  notes?: string;
  tag_ids?: readonly string[];
  custom_field_values?: CustomFieldValues;
}

/** Identity groups (`/identity_groups`), newest first. */
export class IdentityGroups extends Collection<IdentityGroup, IdentityGroupListParams> {
  protected readonly path = '/identity_groups';
  protected readonly idName = 'identityGroupId';
  protected override readonly commaSeparated = ['ids'];

  /** Updates the profile. 409 (`conflict`) while a previous update of it is still running. */
  update(
    identityGroupId: string,
    params: IdentityGroupUpdateParams,
    options?: CallOptions,
  ): Promise<IdentityGroup> {
    return this.write('PUT', itemPath(this.path, identityGroupId, this.idName), params, options);
  }
}
