// The main job until the sandbox-backed bot demo lands: build everything, then show what the core
// client makes of the connection settings people paste, offline.
import { resolveBaseUrl, RingCxError } from '@ringcx-connectors/core';

const examples = [
  { account: 'acme' },
  { account: 'https://Acme.engagement.dimelo.com/agent' },
  { baseUrl: 'http://127.0.0.1:4010' },
  { account: 'not an account!' },
];
for (const settings of examples) {
  try {
    console.log(`${JSON.stringify(settings)} → ${resolveBaseUrl(settings)}`);
  } catch (error) {
    if (!(error instanceof RingCxError)) throw error;
    console.log(`${JSON.stringify(settings)} → ${error.message}`);
  }
}
