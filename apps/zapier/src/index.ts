import zapier, { defineApp } from 'zapier-platform-core';
import packageJson from '../package.json' with { type: 'json' };
import { authentication } from './authentication.ts';
import {
  cancelIntervention,
  closeIntervention,
  createIntervention,
  reassignIntervention,
} from './creates/interventions.ts';
import handOverToHuman from './creates/hand-over.ts';
import replyToMessage from './creates/reply-to-message.ts';
import { closeThread, openThread, updateThreadCategories } from './creates/threads.ts';
import findIdentity from './searches/find-identity.ts';
import findIntervention from './searches/find-intervention.ts';
import findMessage from './searches/find-message.ts';
import findThread from './searches/find-thread.ts';
import { categoryList, sourceList, teamList, userList } from './triggers/dropdowns.ts';
import interventionClosed from './triggers/intervention-closed.ts';
import interventionOpened from './triggers/intervention-opened.ts';
import newCustomerMessage from './triggers/new-customer-message.ts';
import newThread from './triggers/new-thread.ts';

export default defineApp({
  version: packageJson.version,
  platformVersion: zapier.version,
  authentication,
  flags: {
    // Core reads every status itself (its messages, retries and rate-limit hints), 429 included.
    skipThrowForStatus: true,
    throwForThrottlingEarly: false,
  },
  triggers: {
    [newThread.key]: newThread,
    [newCustomerMessage.key]: newCustomerMessage,
    [interventionOpened.key]: interventionOpened,
    [interventionClosed.key]: interventionClosed,
    [sourceList.key]: sourceList,
    [userList.key]: userList,
    [categoryList.key]: categoryList,
    [teamList.key]: teamList,
  },
  creates: {
    [replyToMessage.key]: replyToMessage,
    [createIntervention.key]: createIntervention,
    [closeIntervention.key]: closeIntervention,
    [cancelIntervention.key]: cancelIntervention,
    [reassignIntervention.key]: reassignIntervention,
    [updateThreadCategories.key]: updateThreadCategories,
    [handOverToHuman.key]: handOverToHuman,
    [closeThread.key]: closeThread,
    [openThread.key]: openThread,
  },
  searches: {
    [findIdentity.key]: findIdentity,
    [findThread.key]: findThread,
    [findMessage.key]: findMessage,
    [findIntervention.key]: findIntervention,
  },
  searchOrCreates: {
    find_intervention: {
      key: 'find_intervention',
      display: {
        label: 'Find or Create Intervention',
        description: 'Finds the open intervention of a conversation, or opens one on a message.',
      },
      search: 'find_intervention',
      create: 'create_intervention',
    },
  },
});
