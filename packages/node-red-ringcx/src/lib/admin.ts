import { isRingCxError, type RingCxClient } from '@ringcx-connectors/core';
import { createClient, type ConnectionSettings, type RingCxConnection } from './connection.ts';
import type { NodeAPI, RequestHandler } from './red.ts';

/** One dropdown entry in the editor. */
export interface Choice {
  value: string;
  label: string;
}

/** The most entries a dropdown offers; accounts rarely have more sources or categories. */
const MAX_CHOICES = 500;

/** The lists the editor fills its dropdowns with, from the account the connection points at. */
const LISTS: Readonly<Record<string, (client: RingCxClient) => Promise<Choice[]>>> = {
  sources: async (client) =>
    (await client.sources.iterate({}, { max: MAX_CHOICES }).toArray()).map((source) => ({
      value: source.id,
      label: `${source.name} (${source.type})`,
    })),
  categories: async (client) =>
    (await client.categories.iterate({}, { max: MAX_CHOICES }).toArray()).map((category) => ({
      value: category.id,
      label: category.name,
    })),
  users: async (client) =>
    (await client.users.iterate({}, { max: MAX_CHOICES }).toArray()).map((user) => ({
      value: user.id,
      label: [user.firstname, user.lastname].filter(Boolean).join(' ') || user.email,
    })),
  teams: async (client) =>
    (await client.teams.iterate({}, { max: MAX_CHOICES }).toArray()).map((team) => ({
      value: team.id,
      label: team.name,
    })),
  me: async (client) => {
    const me = await client.users.me();
    return [{ value: me.id, label: me.email }];
  },
};

/**
 * `POST <httpAdminRoot>/ringcx-connectors/<list>` answers `[{ value, label }]` for the editor.
 *
 * The body carries the connection as the editor shows it (`account`, `host`, `baseUrl`, and
 * `accessToken` when one was typed in this session) plus `config`, the connection node's id, whose
 * stored token is used when none was typed. So dropdowns work before the connection is deployed,
 * and the token never travels in a URL. Reading an account needs the `ringcx-config.read` permission.
 */
export function registerAdminRoutes(RED: NodeAPI): void {
  const handler: RequestHandler = (req, res) => {
    const list = LISTS[req.params.list ?? ''];
    if (!list || !Object.hasOwn(LISTS, req.params.list ?? '')) {
      res.status(404).json({ error: `Unknown list "${req.params.list}".` });
      return;
    }
    Promise.resolve()
      .then(() => list(clientFor(RED, (req.body ?? {}) as AdminBody)))
      .then(
        (choices) => res.json(choices),
        (error: unknown) =>
          res.status(isRingCxError(error, 'config') ? 400 : 502).json({
            error: error instanceof Error ? error.message : String(error),
            kind: isRingCxError(error) ? error.kind : undefined,
          }),
      );
  };
  RED.httpAdmin.post('/ringcx-connectors/:list', RED.auth.needsPermission('ringcx-config.read'), handler);
}

interface AdminBody extends ConnectionSettings {
  config?: string;
}

function clientFor(RED: NodeAPI, body: AdminBody): RingCxClient {
  const id = typeof body.config === 'string' ? body.config : '';
  const deployed = id ? (RED.nodes.getNode(id) as (RingCxConnection & { type: string }) | null) : null;
  const edited = [body.account, body.baseUrl].some((value) => typeof value === 'string' && value.trim());
  if (!edited && deployed?.type === 'ringcx-config') return deployed.client();
  // The editor shows a stored password as this placeholder; it is not a token.
  const typed =
    typeof body.accessToken === 'string' && body.accessToken !== '__PWRD__' ? body.accessToken.trim() : '';
  const stored = id ? RED.nodes.getCredentials(id)?.accessToken : undefined;
  return createClient({
    account: text(body.account),
    host: text(body.host),
    baseUrl: text(body.baseUrl),
    accessToken: typed || stored,
  });
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
