import { ApiError, forbidden } from '../http/errors.ts';
import type { SourcePermission, UserRecord } from '../store/records.ts';
import type { Store } from '../store/store.ts';

/** Role permissions (`update_intervention`, `impersonate_user`, …). */
export function hasPermission(store: Store, user: UserRecord, permission: string): boolean {
  return store.roles.get(user.role_id)?.permissions[permission] === true;
}

export function requirePermission(store: Store, user: UserRecord, permission: string, action: string): void {
  if (!hasPermission(store, user, permission)) throw forbidden(permission, action);
}

export function canOnSource(user: UserRecord, sourceId: string, permission: SourcePermission): boolean {
  return user.sources_permissions[sourceId]?.includes(permission) ?? false;
}

export function canRead(user: UserRecord, sourceId: string): boolean {
  return canOnSource(user, sourceId, 'read');
}

export function requireSourcePermission(
  store: Store,
  user: UserRecord,
  sourceId: string,
  permission: SourcePermission,
): void {
  if (canOnSource(user, sourceId, permission)) return;
  const source = store.sources.get(sourceId);
  throw new ApiError(
    403,
    'forbidden',
    `Your user has no "${permission}" permission on the source "${source?.name ?? sourceId}". Grant it in the user's source permissions or use another token.`,
  );
}
