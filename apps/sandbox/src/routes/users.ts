import type { FastifyInstance } from 'fastify';
import { authenticate } from '../auth.ts';
import { validationError } from '../http/errors.ts';
import { page, sortBy } from '../http/lists.ts';
import {
  has,
  optionalBoolean,
  optionalEnum,
  optionalString,
  optionalStringArray,
  requiredString,
  type Params,
} from '../http/params.ts';
import { freshId, now, type SandboxContext } from '../model/context.ts';
import { requirePermission } from '../model/permissions.ts';
import { identityIdsOf, renderRole, renderUser, teamIdsOf } from '../model/render.ts';
import type { SourcePermission, UserRecord } from '../store/records.ts';
import { caller, found, paramsOf, pathParam } from './common.ts';

const SOURCE_PERMISSIONS: readonly SourcePermission[] = ['read', 'reply', 'initiate_discussion'];

/** Users (agents and bots), their roles and source permissions (REFERENCE §2.7). */
export function userRoutes(api: FastifyInstance, ctx: SandboxContext): void {
  const { store } = ctx;

  const reader = (request: Parameters<typeof caller>[0]) => {
    const user = caller(request);
    requirePermission(store, user, 'read_user', 'read users');
    return user;
  };

  /** Team, category and identity memberships given on create or update. */
  const memberships = (user: UserRecord, params: Params) => {
    const teamIds = optionalStringArray(params, 'team_ids');
    for (const id of teamIds ?? []) found(store.teams.get(id), 'team', id);
    const categoryIds = optionalStringArray(params, 'category_ids');
    for (const id of categoryIds ?? []) {
      if (!store.categories.get(id))
        throw validationError(`"category_ids[]" names ${id}, which is not a category.`);
    }
    const identityIds = optionalStringArray(params, 'identity_ids');
    for (const id of identityIds ?? []) {
      if (!store.identities.get(id))
        throw validationError(`"identity_ids[]" names ${id}, which is not an identity.`);
    }
    return () => {
      if (categoryIds !== undefined) store.users.update(user, (doc) => void (doc.category_ids = categoryIds));
      if (teamIds !== undefined) {
        for (const team of store.teams.all()) {
          const member = team.user_ids.includes(user.id);
          const wanted = teamIds.includes(team.id);
          if (member !== wanted) {
            store.teams.update(team, (doc) => {
              doc.user_ids = wanted
                ? [...doc.user_ids, user.id]
                : doc.user_ids.filter((id) => id !== user.id);
            });
          }
        }
      }
      if (identityIds !== undefined) {
        for (const identity of store.identities.all()) {
          const owned = identity.user_ids.includes(user.id);
          const wanted = identityIds.includes(identity.id);
          if (owned !== wanted) {
            store.identities.update(identity, (doc) => {
              doc.user_ids = wanted
                ? [...doc.user_ids, user.id]
                : doc.user_ids.filter((id) => id !== user.id);
            });
          }
        }
      }
    };
  };

  const profile = (params: Params, existing?: UserRecord) => {
    const email = optionalString(params, 'email');
    if (email !== undefined) {
      if (!/^[^@\s]+@[^@\s]+$/.test(email))
        throw validationError(`"email" ${JSON.stringify(email)} is not an email address.`);
      const taken = store.users
        .all()
        .find((user) => user.email.toLowerCase() === email.toLowerCase() && user.id !== existing?.id);
      if (taken) throw validationError(`"email" ${email} is already used by user ${taken.id}.`);
    }
    const roleId = optionalString(params, 'role_id');
    if (roleId !== undefined && !store.roles.get(roleId)) {
      throw validationError(`"role_id" ${roleId} is not a role (see GET /1.0/roles).`);
    }
    const text = (name: string) => (has(params, name) ? (optionalString(params, name) ?? null) : undefined);
    const changes: Partial<UserRecord> = {
      email,
      role_id: roleId,
      firstname: optionalString(params, 'firstname'),
      lastname: optionalString(params, 'lastname'),
      nickname: text('nickname'),
      external_id: text('external_id'),
      gender: optionalEnum(params, 'gender', ['man', 'woman'] as const),
      enabled: optionalBoolean(params, 'enabled'),
      locale: optionalString(params, 'locale'),
      timezone: optionalString(params, 'timezone'),
      spoken_languages: optionalStringArray(params, 'spoken_languages'),
      no_password: optionalBoolean(params, 'no_password'),
    };
    return Object.fromEntries(
      Object.entries(changes).filter(([, value]) => value !== undefined),
    ) as Partial<UserRecord>;
  };

  api.get('/users', async (request) => {
    reader(request);
    const params = paramsOf(request);
    const email = optionalString(params, 'email')?.toLowerCase();
    const filters: [string | undefined, (user: UserRecord, value: string) => boolean][] = [
      [optionalString(params, 'category_id'), (user, value) => user.category_ids.includes(value)],
      [optionalString(params, 'identity_id'), (user, value) => identityIdsOf(ctx, user.id).includes(value)],
      [optionalString(params, 'external_id'), (user, value) => user.external_id === value],
      [optionalString(params, 'role_id'), (user, value) => user.role_id === value],
      [optionalString(params, 'team_id'), (user, value) => teamIdsOf(ctx, user.id).includes(value)],
    ];
    const matching = store.users
      .all()
      .filter((user) => email === undefined || user.email.toLowerCase() === email)
      .filter((user) => filters.every(([value, match]) => value === undefined || match(user, value)));
    return page(
      params,
      sortBy(matching, (user) => user.created_at, 'desc'),
      (user) => renderUser(ctx, user),
    );
  });

  // Not in the specification, but documented and used by the official clients (REFERENCE §1.3).
  api.get('/users/me', async (request) => renderUser(ctx, authenticate(request).user));

  api.get('/users/:userId', async (request) => {
    reader(request);
    const id = pathParam(request, 'userId');
    return renderUser(ctx, found(store.users.get(id), 'user', id));
  });

  const create = (invite: boolean) => async (request: Parameters<typeof caller>[0]) => {
    const user = caller(request);
    requirePermission(
      store,
      user,
      invite ? 'invite_user' : 'create_user',
      invite ? 'invite users' : 'create users',
    );
    const params = paramsOf(request);
    for (const [name, hint] of [
      ['email', 'the login email address.'],
      ['firstname', 'the first name.'],
      ['lastname', 'the last name.'],
      ['role_id', 'the role (see GET /1.0/roles).'],
    ] as const) {
      requiredString(params, name, hint);
    }
    const noPassword = optionalBoolean(params, 'no_password') ?? false;
    // The password is checked, never stored: nobody logs in to the sandbox.
    if (!invite && !noPassword)
      requiredString(params, 'password', 'the initial password (or no_password=true).');
    const timestamp = now(ctx);
    const record: UserRecord = {
      id: freshId(ctx),
      email: '',
      firstname: '',
      lastname: '',
      nickname: null,
      gender: null,
      enabled: true,
      external_id: null,
      role_id: '',
      category_ids: [],
      spoken_languages: ['en'],
      locale: 'en',
      timezone: 'UTC',
      invitation_pending: invite,
      no_password: noPassword,
      sources_permissions: {},
      bot: false,
      created_at: timestamp,
      updated_at: timestamp,
      ...profile(params),
    };
    const apply = memberships(record, params);
    store.users.insert(record);
    apply();
    return renderUser(ctx, record);
  };
  api.post('/users', create(false));
  api.post('/users/invite', create(true));

  api.put('/users/:userId', async (request) => {
    const user = caller(request);
    requirePermission(store, user, 'update_user', 'update users');
    const id = pathParam(request, 'userId');
    const target = found(store.users.get(id), 'user', id);
    const params = paramsOf(request);
    const changes = profile(params, target);
    const apply = memberships(target, params);
    store.users.update(target, (doc) => Object.assign(doc, changes));
    apply();
    return renderUser(ctx, target);
  });

  api.delete('/users/:userId', async (request) => {
    const user = caller(request);
    requirePermission(store, user, 'update_user', 'delete users');
    const id = pathParam(request, 'userId');
    const target = found(store.users.get(id), 'user', id);
    const rendered = renderUser(ctx, target);
    store.users.delete(id);
    return rendered;
  });

  api.get('/users/:userId/sources_permissions', async (request) => {
    reader(request);
    const id = pathParam(request, 'userId');
    return found(store.users.get(id), 'user', id).sources_permissions;
  });

  api.put('/users/:userId/sources_permissions', async (request) => {
    const user = caller(request);
    requirePermission(store, user, 'update_user', "change users' source permissions");
    const id = pathParam(request, 'userId');
    const target = found(store.users.get(id), 'user', id);
    const params = paramsOf(request);
    const changes: Record<string, SourcePermission[]> = {};
    for (const source of store.sources.all()) {
      const value = optionalString(params, source.id);
      if (value === undefined) continue;
      const granted = value
        .split(',')
        .map((item) => item.trim())
        .filter(Boolean);
      const unknown = granted.find((item) => !(SOURCE_PERMISSIONS as readonly string[]).includes(item));
      if (unknown)
        throw validationError(
          `"${source.id}": unknown permission "${unknown}"; the sandbox knows ${SOURCE_PERMISSIONS.join(', ')}.`,
        );
      changes[source.id] = granted as SourcePermission[];
    }
    return store.users.update(target, (doc) => {
      doc.sources_permissions = { ...doc.sources_permissions, ...changes };
    }).sources_permissions;
  });

  api.get('/roles', async (request) => {
    reader(request);
    return page(
      paramsOf(request),
      sortBy(store.roles.all(), (role) => role.created_at, 'asc'),
      renderRole,
    );
  });

  api.get('/roles/:roleId', async (request) => {
    reader(request);
    const id = pathParam(request, 'roleId');
    return renderRole(found(store.roles.get(id), 'role', id));
  });
}
