import type { INodeProperties } from 'n8n-workflow';

/** Message states RingCX searches by (`status_in`). */
const MESSAGE_STATES = [
  { name: 'Assigned', value: 'assigned' },
  { name: 'Forwarded', value: 'forwarded' },
  { name: 'Ignored', value: 'ignored' },
  { name: 'New', value: 'new' },
  { name: 'Replied', value: 'replied' },
  { name: 'Agent Reply', value: 'user_reply' },
  { name: 'Agent Initiated', value: 'user_initiated' },
].sort((a, b) => a.name.localeCompare(b.name));

export function messageStatusOption(what: string): INodeProperties {
  return {
    displayName: 'Status',
    name: 'status',
    type: 'multiOptions',
    options: MESSAGE_STATES,
    default: [],
    description: `Only ${what}`,
  };
}
