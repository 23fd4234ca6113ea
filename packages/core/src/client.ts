import { RingCxHttp } from './http/http-client.ts';
import { AgentStatuses } from './resources/agent-status.ts';
import { Attachments } from './resources/attachments.ts';
import { Bots } from './resources/bots.ts';
import { Categories } from './resources/categories.ts';
import { Channels } from './resources/channels.ts';
import { Contents } from './resources/contents.ts';
import { CustomFields } from './resources/custom-fields.ts';
import { Events } from './resources/events.ts';
import { Identities } from './resources/identities.ts';
import { IdentityGroups } from './resources/identity-groups.ts';
import { Interventions } from './resources/interventions.ts';
import { Sources } from './resources/sources.ts';
import { Tags } from './resources/tags.ts';
import { Teams } from './resources/teams.ts';
import { Threads } from './resources/threads.ts';
import { Users } from './resources/users.ts';
import { Webhooks } from './resources/webhooks.ts';

/**
 * The client with every resource, over a transport and a `sleep` its platform provides (the portable
 * entry). The main entry's `RingCxClient` extends it with defaults for both.
 */
export class RingCxClient extends RingCxHttp {
  readonly sources = new Sources(this);
  readonly channels = new Channels(this);
  readonly threads = new Threads(this);
  readonly contents = new Contents(this);
  readonly interventions = new Interventions(this);
  readonly identities = new Identities(this);
  readonly identityGroups = new IdentityGroups(this);
  readonly users = new Users(this);
  readonly teams = new Teams(this);
  readonly categories = new Categories(this);
  readonly tags = new Tags(this);
  readonly customFields = new CustomFields(this);
  readonly webhooks = new Webhooks(this);
  readonly attachments = new Attachments(this);
  readonly bots = new Bots(this);
  readonly agentStatus = new AgentStatuses(this);
  readonly events = new Events(this);
}
