import type { FastifyInstance } from 'fastify';
import { ApiError, notFound, validationError } from '../http/errors.ts';
import { page, sortBy } from '../http/lists.ts';
import {
  has,
  optionalBoolean,
  optionalCommaList,
  optionalEnum,
  optionalHash,
  optionalString,
  optionalStringArray,
  requiredString,
} from '../http/params.ts';
import { canReadIdentity, readableIdentity, sourcesOfCommunity } from '../model/access.ts';
import { freshId, now, type SandboxContext } from '../model/context.ts';
import { canRead, requirePermission } from '../model/permissions.ts';
import { renderIdentity, renderIdentityGroup } from '../model/render.ts';
import type { IdentityGroupRecord } from '../store/records.ts';
import { caller, found, paramsOf, pathParam } from './common.ts';

/** Identities (authors of messages) and identity groups (merged customer profiles), REFERENCE §2.6. */
export function identityRoutes(api: FastifyInstance, ctx: SandboxContext): void {
  const { store } = ctx;

  api.get('/identities', async (request) => {
    const user = caller(request);
    const params = paramsOf(request);
    const sourceId = optionalString(params, 'source_id');
    const communityId =
      optionalString(params, 'community_id') ??
      (sourceId ? (store.sources.get(sourceId)?.community_id ?? '') : undefined);
    const groupId = optionalString(params, 'identity_group_id');
    const groupIds = optionalCommaList(params, 'identity_group_ids');
    const userId = optionalString(params, 'user_id');
    const foreignId = optionalString(params, 'foreign_id');
    const uuid = optionalString(params, 'uuid');
    const sort = optionalEnum(params, 'sort', ['created_at', 'updated_at'] as const) ?? 'created_at';
    const matching = store.identities
      .all()
      .filter((identity) => canReadIdentity(ctx, user, identity))
      .filter((identity) => communityId === undefined || identity.community_id === communityId)
      .filter((identity) => groupId === undefined || identity.identity_group_id === groupId)
      .filter(
        (identity) =>
          groupIds === undefined ||
          (identity.identity_group_id !== null && groupIds.includes(identity.identity_group_id)),
      )
      .filter((identity) => userId === undefined || identity.user_ids.includes(userId))
      .filter((identity) => foreignId === undefined || identity.foreign_id === foreignId)
      .filter((identity) => uuid === undefined || identity.uuid === uuid);
    return page(
      params,
      sortBy(matching, (identity) => identity[sort], 'desc'),
      renderIdentity,
    );
  });

  api.get('/identities/:identityId', async (request) => {
    return renderIdentity(readableIdentity(ctx, caller(request), pathParam(request, 'identityId')));
  });

  api.post('/identities/import', async (request, reply) => {
    const user = caller(request);
    requirePermission(store, user, 'update_identity', 'import identities');
    const params = paramsOf(request);
    const sourceId = optionalString(params, 'source_id');
    const communityId =
      optionalString(params, 'community_id') ??
      (sourceId ? found(store.sources.get(sourceId), 'source', sourceId).community_id : undefined);
    if (!communityId)
      throw validationError('"community_id" (or "source_id") is required: where to import the identity.');
    const community = store.communities.get(communityId);
    if (!community || !sourcesOfCommunity(ctx, communityId).some((id) => canRead(user, id)))
      throw notFound('community', communityId);
    const isPhone = community.type === 'whats_app';
    if (community.type !== 'emails' && !isPhone) {
      throw validationError(
        `Identities can only be imported into Email and Phone communities; "${community.name}" is ${community.type}.`,
      );
    }
    const raw = requiredString(
      params,
      'identifier',
      isPhone ? 'an international phone number.' : 'an email address.',
    );
    const identifier = isPhone ? raw.replace(/\D/g, '').replace(/^00/, '') : raw.trim().toLowerCase();
    if (isPhone ? identifier.length < 6 : !/^[^@\s]+@[^@\s]+$/.test(identifier)) {
      throw validationError(
        `"identifier" ${JSON.stringify(raw)} is not ${isPhone ? 'a phone number' : 'an email address'}.`,
      );
    }
    const existing = store.identities
      .all()
      .find((identity) => identity.community_id === communityId && identity.foreign_id === identifier);
    if (existing && !optionalBoolean(params, 'upsert')) {
      throw validationError(
        `An identity with identifier "${identifier}" already exists (${existing.id}); send upsert=true to update it.`,
      );
    }
    const text = (name: string) => (has(params, name) ? (optionalString(params, name) ?? null) : undefined);
    const fields = {
      company: text('company'),
      firstname: text('firstname'),
      lastname: text('lastname'),
      gender: optionalEnum(params, 'gender', ['man', 'woman'] as const),
      home_phone: text('home_phone'),
      screenname: isPhone ? identifier : text('screenname'),
      mobile_phone: isPhone ? identifier : text('mobile_phone'),
    };
    const defined = Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
    const extra = optionalHash(params, 'extra_values');
    reply.code(201);
    if (existing) {
      return renderIdentity(
        store.identities.update(existing, (doc) => {
          Object.assign(doc, defined);
          if (extra) doc.extra_values = { ...doc.extra_values, ...extra };
        }),
      );
    }
    const timestamp = now(ctx);
    const name = [fields.firstname, fields.lastname].filter(Boolean).join(' ') || identifier;
    return renderIdentity(
      store.identities.insert({
        id: freshId(ctx),
        type: community.type,
        community_id: communityId,
        foreign_id: identifier,
        uuid: null,
        screenname: name,
        display_name: name,
        firstname: null,
        lastname: null,
        gender: null,
        email: isPhone ? null : identifier,
        mobile_phone: null,
        home_phone: null,
        company: null,
        avatar_url: null,
        extra_values: extra ?? {},
        identity_group_id: null,
        user_ids: [],
        created_at: timestamp,
        updated_at: timestamp,
        ...defined,
      }),
    );
  });

  api.get('/identity_groups', async (request) => {
    caller(request);
    const params = paramsOf(request);
    const firstname = optionalString(params, 'firstname')?.toLowerCase();
    const lastname = optionalString(params, 'lastname')?.toLowerCase();
    const email = optionalString(params, 'email')?.toLowerCase();
    const uuid = optionalString(params, 'uuid');
    const ids = optionalCommaList(params, 'ids');
    const sort = optionalEnum(params, 'sort', ['created_at', 'updated_at'] as const) ?? 'created_at';
    const members = (group: IdentityGroupRecord) =>
      store.identities.all().filter((identity) => identity.identity_group_id === group.id);
    const matching = store.identity_groups
      .all()
      .filter((group) => ids === undefined || ids.includes(group.id))
      .filter((group) => firstname === undefined || group.firstname?.toLowerCase() === firstname)
      .filter((group) => lastname === undefined || group.lastname?.toLowerCase() === lastname)
      .filter(
        (group) => email === undefined || group.emails.some((address) => address.toLowerCase() === email),
      )
      .filter((group) => uuid === undefined || members(group).some((identity) => identity.uuid === uuid));
    return page(
      params,
      sortBy(matching, (group) => group[sort], 'desc'),
      (group) => renderIdentityGroup(ctx, group),
    );
  });

  api.get('/identity_groups/:groupId', async (request) => {
    caller(request);
    const id = pathParam(request, 'groupId');
    return renderIdentityGroup(ctx, found(store.identity_groups.get(id), 'identity group', id));
  });

  api.put('/identity_groups/:groupId', async (request) => {
    const user = caller(request);
    requirePermission(store, user, 'update_identity', 'update identity groups');
    const id = pathParam(request, 'groupId');
    const group = found(store.identity_groups.get(id), 'identity group', id);
    const params = paramsOf(request);
    const fieldValues = optionalHash(params, 'custom_field_values');
    const known = store.custom_fields.all().filter((field) => field.associated_type_name === 'IdentityGroup');
    for (const key of Object.keys(fieldValues ?? {})) {
      if (!known.some((field) => field.key === key)) {
        throw validationError(
          `"custom_field_values[${key}]": no identity group custom field has the key "${key}". Known keys: ${known.map((field) => field.key).join(', ')}.`,
        );
      }
    }
    const tagIds = optionalStringArray(params, 'tag_ids');
    for (const tagId of tagIds ?? []) {
      if (!store.tags.get(tagId))
        throw validationError(`"tag_ids[]" names ${tagId}, which is not a tag (see GET /1.0/tags).`);
    }
    const texts = ['company', 'firstname', 'lastname', 'notes'] as const;
    const lists = ['emails', 'home_phones', 'mobile_phones'] as const;
    const textValues = Object.fromEntries(
      texts.filter((name) => has(params, name)).map((name) => [name, optionalString(params, name) ?? null]),
    );
    const listValues = Object.fromEntries(
      lists
        .filter((name) => has(params, name))
        .map((name) => [name, optionalStringArray(params, name) ?? []]),
    );
    const gender = optionalEnum(params, 'gender', ['man', 'woman'] as const);
    return renderIdentityGroup(
      ctx,
      store.identity_groups.update(group, (doc) => {
        Object.assign(doc, textValues, listValues);
        if (gender) doc.gender = gender;
        if (fieldValues) doc.custom_field_values = { ...doc.custom_field_values, ...fieldValues };
        if (tagIds) doc.tag_ids = tagIds;
      }),
    );
  });

  api.put('/identity_groups/:groupId/merge', async (request) => {
    const user = caller(request);
    requirePermission(store, user, 'update_identity', 'merge identities');
    const id = pathParam(request, 'groupId');
    const group = found(store.identity_groups.get(id), 'identity group', id);
    const identityId = requiredString(
      paramsOf(request),
      'associated_identity_id',
      'the identity to merge into this group.',
    );
    const identity = readableIdentity(ctx, user, identityId);
    if (identity.identity_group_id === group.id) {
      throw new ApiError(
        422,
        'already_merged',
        `Identity ${identity.id} is already in identity group ${group.id}.`,
      );
    }
    const oldGroupId = identity.identity_group_id;
    store.identities.update(identity, (doc) => {
      doc.identity_group_id = group.id;
    });
    ctx.bus.emit({
      type: 'identity.merged',
      resource: {
        type: 'identity',
        id: identity.id,
        metadata: { new_identity_group_id: group.id, old_identity_group_id: oldGroupId },
      },
      user_id: user.id,
    });
    return renderIdentityGroup(ctx, group);
  });
}
