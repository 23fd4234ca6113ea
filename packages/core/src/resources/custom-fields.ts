import { Collection, type WithUnknownFields } from './resource.ts';

/**
 * A custom field on interventions or identity groups. Values are written by `key` through
 * `custom_field_values` and read back in `custom_fields` / `custom_field_values`.
 */
export type CustomField = WithUnknownFields<{
  id: string;
  label: string;
  key: string;
  /** `string`, `boolean`, `text`, `integer`, `float`, `single_choice` or `multiple_choice`. */
  type: string;
  /** `Intervention` or `IdentityGroup`. */
  associated_type_name: string;
  multiple: boolean;
  position: number;
  created_at: string;
  updated_at: string;
}>;

/** Custom fields (`/custom_fields`), by position. */
export class CustomFields extends Collection<CustomField> {
  protected readonly path = '/custom_fields';
  protected readonly idName = 'customFieldId';
}
