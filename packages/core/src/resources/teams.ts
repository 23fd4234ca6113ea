import { Collection, type WithUnknownFields } from './resource.ts';

export type Team = WithUnknownFields<{
  id: string;
  name: string;
  leader_ids: string[];
  user_ids: string[];
  created_at: string;
  updated_at: string;
}>;

/** Teams of users (`/teams`), oldest first. */
export class Teams extends Collection<Team> {
  protected readonly path = '/teams';
  protected readonly idName = 'teamId';
}
