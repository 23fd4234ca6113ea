import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as listSearch from '../nodes/RingCx/methods/listSearch.ts';
import * as loadOptions from '../nodes/RingCx/methods/loadOptions.ts';
import { loadOptionsContext } from './n8n-harness.mts';
import { botCredentials, SEED_IDS, startTestSandbox, type RunningSandbox } from './sandbox.mts';

let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox();
});
afterAll(() => sandbox.stop());

const context = () => loadOptionsContext(botCredentials(sandbox));

describe('pickers in the editor', () => {
  it('sources, users and categories are listed by name and filtered by the search text', async () => {
    const sources = await listSearch.searchSources.call(await context(), 'chat');
    expect(sources.results).toEqual([
      { name: expect.stringMatching(/chat/i), value: SEED_IDS.sources.messaging },
    ]);

    const users = await listSearch.searchUsers.call(await context(), 'alice');
    expect(users.results).toEqual([
      { name: expect.stringMatching(/^Alice .*<.*@.*>$/), value: SEED_IDS.users.alice },
    ]);

    const categories = await listSearch.searchCategories.call(await context(), 'bill');
    expect(categories.results).toEqual([{ name: 'Billing', value: SEED_IDS.categories.billing }]);
  });

  it('threads are searched by text in RingCX, and pasted IDs are found too', async () => {
    const message = sandbox.control.customerMessage({
      body: 'my parcel never arrived',
      title: 'Parcel lost',
      source_id: SEED_IDS.sources.email,
    });
    const threads = await listSearch.searchThreads.call(await context(), 'parcel never arrived');
    expect(threads.results).toEqual([
      { name: expect.stringContaining('Parcel lost'), value: message.content.thread_id },
    ]);

    const byId = await listSearch.searchSources.call(await context(), SEED_IDS.sources.email);
    expect(byId.results.map((result) => result.value)).toEqual([SEED_IDS.sources.email]);
  });

  it('long lists come in pages with a token for the next one', async () => {
    for (let i = 0; i < 120; i++) {
      sandbox.control.customerMessage({ body: `paging ${i}`, source_id: SEED_IDS.sources.email });
    }
    const first = await listSearch.searchThreads.call(await context(), 'paging');
    expect(first.results).toHaveLength(100);
    expect(first.paginationToken).toBe('100');
    const second = await listSearch.searchThreads.call(await context(), 'paging', first.paginationToken);
    expect(second.results).toHaveLength(20);
    expect(second.paginationToken).toBeUndefined();
  });

  it('category and source options are sorted by name', async () => {
    const categories = await loadOptions.getCategories.call(await context());
    expect(categories.map((option) => option.name)).toEqual(
      [...categories.map((option) => option.name)].sort(),
    );
    expect(categories.map((option) => option.value)).toEqual(
      expect.arrayContaining(Object.values(SEED_IDS.categories)),
    );
    const sources = await loadOptions.getSources.call(await context());
    expect(sources.length).toBeGreaterThanOrEqual(3);
  });

  it('a refused token is reported as an API error in the picker', async () => {
    const refused = await loadOptionsContext({
      host: 'custom',
      baseUrl: sandbox.baseUrl,
      accessToken: 'nope-nope-nope',
    });
    await expect(listSearch.searchSources.call(refused)).rejects.toMatchObject({ httpCode: '401' });
  });
});
