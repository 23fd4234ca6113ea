import type { FastifyInstance } from 'fastify';
import { invalidParameter, validationError } from '../http/errors.ts';
import { sortBy } from '../http/lists.ts';
import {
  has,
  optionalBoolean,
  optionalCommaList,
  optionalEnum,
  optionalInteger,
  optionalString,
  optionalStringArray,
  requiredString,
  type Params,
} from '../http/params.ts';
import type { SandboxContext } from '../model/context.ts';
import { renderCategory, renderCustomField, renderTag, renderTeam } from '../model/render.ts';
import type { CategoryRecord, CustomFieldRecord } from '../store/records.ts';
import { crudRoutes } from './crud.ts';

/** Categories, tags, custom fields and teams: what agents, bots and routing classify with. */
export function taxonomyRoutes(api: FastifyInstance, ctx: SandboxContext): void {
  const { store } = ctx;

  const idsFilter = <T extends { id: string }>(records: T[], params: Params) => {
    const ids = optionalCommaList(params, 'ids');
    return ids === undefined ? records : records.filter((record) => ids.includes(record.id));
  };

  const userIds = (params: Params, name: string) => {
    const ids = optionalStringArray(params, name);
    for (const id of ids ?? [])
      if (!store.users.get(id)) throw validationError(`"${name}[]" names ${id}, which is not a user.`);
    return ids;
  };

  const categoryFields = (category: CategoryRecord, params: Params) => {
    const name = optionalString(params, 'name');
    if (name !== undefined) category.name = name;
    if (has(params, 'parent_id')) {
      const parentId = optionalString(params, 'parent_id') || null;
      if (parentId !== null && (!store.categories.get(parentId) || parentId === category.id)) {
        throw validationError(`"parent_id" ${parentId} is not another category.`);
      }
      category.parent_id = parentId;
    }
    const color = optionalInteger(params, 'color');
    if (color !== undefined) {
      if (color < 0 || color > 6) throw invalidParameter(`"color" must be between 0 and 6, got ${color}.`);
      category.color = color;
    }
    for (const flag of ['mandatory', 'multiple', 'post_qualification', 'unselectable'] as const) {
      const value = optionalBoolean(params, flag);
      if (value !== undefined) category[flag] = value;
    }
    const sourceIds = optionalStringArray(params, 'source_ids');
    if (sourceIds !== undefined) category.source_ids = sourceIds;
  };

  crudRoutes(api, ctx, {
    path: '/categories',
    param: 'categoryId',
    kind: 'category',
    collection: store.categories,
    permission: 'manage_categories',
    list: (records, params) => {
      const parentId = optionalString(params, 'parent_id');
      const filtered = idsFilter(records, params).filter(
        (category) => parentId === undefined || category.parent_id === parentId,
      );
      return sortBy(filtered, (category) => category.created_at, 'asc');
    },
    render: renderCategory,
    create(params, base) {
      const category: CategoryRecord = {
        ...base,
        name: requiredString(params, 'name', 'the category name.'),
        parent_id: null,
        color: 0,
        mandatory: false,
        multiple: true,
        post_qualification: false,
        unselectable: false,
        source_ids: [],
      };
      categoryFields(category, params);
      return category;
    },
    update: categoryFields,
    beforeDelete(category, params) {
      const takeOver = optionalString(params, 'take_over_category_id');
      if (takeOver !== undefined && !store.categories.get(takeOver)) {
        throw validationError(`"take_over_category_id" ${takeOver} is not a category.`);
      }
      const swap = (ids: string[]) => [
        ...new Set(ids.flatMap((id) => (id === category.id ? (takeOver ? [takeOver] : []) : [id]))),
      ];
      for (const thread of store.threads.all()) {
        if (thread.thread_category_ids.includes(category.id))
          store.threads.update(
            thread,
            (doc) => void (doc.thread_category_ids = swap(doc.thread_category_ids)),
          );
      }
      for (const content of store.contents.all()) {
        if (content.category_ids.includes(category.id))
          store.contents.update(content, (doc) => void (doc.category_ids = swap(doc.category_ids)));
      }
      for (const intervention of store.interventions.all()) {
        if (intervention.category_ids.includes(category.id))
          store.interventions.update(intervention, (doc) => void (doc.category_ids = swap(doc.category_ids)));
      }
      for (const child of store.categories.all()) {
        if (child.parent_id === category.id)
          store.categories.update(child, (doc) => void (doc.parent_id = null));
      }
    },
  });

  crudRoutes(api, ctx, {
    path: '/tags',
    param: 'tagId',
    kind: 'tag',
    collection: store.tags,
    permission: 'manage_tags',
    list: (records, params) => sortBy(idsFilter(records, params), (tag) => tag.name.toLowerCase(), 'asc'),
    render: renderTag,
    create: (params, base) => ({ ...base, name: requiredString(params, 'name', 'the tag name.') }),
    update(tag, params) {
      tag.name = requiredString(params, 'name', 'the new tag name.');
    },
  });

  const customFieldEdits = (field: CustomFieldRecord, params: Params) => {
    const label = optionalString(params, 'label');
    if (label !== undefined) field.label = label;
    const choices = optionalStringArray(params, 'choices');
    if (choices !== undefined) field.choices = choices;
    const position = optionalInteger(params, 'position');
    if (position !== undefined) field.position = position;
    const readOnly = optionalBoolean(params, 'read_only');
    if (readOnly !== undefined) field.read_only = readOnly;
  };

  crudRoutes(api, ctx, {
    path: '/custom_fields',
    param: 'customFieldId',
    kind: 'custom field',
    collection: store.custom_fields,
    permission: 'manage_custom_fields',
    list: (records) => sortBy(records, (field) => field.position, 'asc'),
    render: renderCustomField,
    create(params, base) {
      const label = requiredString(params, 'label', 'the name agents see.');
      const associated = optionalEnum(params, 'associated_type_name', [
        'IdentityGroup',
        'Intervention',
      ] as const);
      if (!associated)
        throw validationError('"associated_type_name" is required: IdentityGroup or Intervention.');
      const key =
        optionalString(params, 'key') ??
        label
          .toLowerCase()
          .replace(/[^a-z0-9]+/g, '_')
          .replace(/^_|_$/g, '');
      if (store.custom_fields.all().some((field) => field.key === key)) {
        throw validationError(`"key" ${key} is already used by another custom field; choose another key.`);
      }
      const type =
        optionalEnum(params, 'type', [
          'string',
          'boolean',
          'text',
          'integer',
          'float',
          'single_choice',
          'multiple_choice',
        ] as const) ?? 'string';
      const field: CustomFieldRecord = {
        ...base,
        label,
        key,
        type,
        associated_type_name: associated,
        multiple: optionalBoolean(params, 'multiple') ?? false,
        position: -1,
        choices: [],
        read_only: false,
      };
      customFieldEdits(field, params);
      return field;
    },
    update: customFieldEdits,
  });

  crudRoutes(api, ctx, {
    path: '/teams',
    param: 'teamId',
    kind: 'team',
    collection: store.teams,
    permission: 'manage_teams',
    list: (records) => sortBy(records, (team) => team.created_at, 'asc'),
    render: renderTeam,
    create: (params, base) => ({
      ...base,
      name: requiredString(params, 'name', 'the team name.'),
      leader_ids: userIds(params, 'leader_ids') ?? [],
      user_ids: userIds(params, 'user_ids') ?? [],
    }),
    update(team, params) {
      const name = optionalString(params, 'name');
      if (name !== undefined) team.name = name;
      team.leader_ids = userIds(params, 'leader_ids') ?? team.leader_ids;
      team.user_ids = userIds(params, 'user_ids') ?? team.user_ids;
    },
  });
}
