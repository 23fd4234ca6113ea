import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';
import { getClient } from '../../shared/client.ts';
import { toNodeError } from '../../shared/errors.ts';

/** Enough for any account's categories or sources; a longer list would not fit a dropdown anyway. */
const MAX_OPTIONS = 1500;

async function options<T>(
  context: ILoadOptionsFunctions,
  list: (client: Awaited<ReturnType<typeof getClient>>) => AsyncIterable<T>,
  toOption: (record: T) => INodePropertyOptions,
): Promise<INodePropertyOptions[]> {
  try {
    const client = await getClient(context);
    const found: INodePropertyOptions[] = [];
    for await (const record of list(client)) found.push(toOption(record));
    return found.sort((a, b) => a.name.localeCompare(b.name));
  } catch (error) {
    throw toNodeError(context.getNode(), error);
  }
}

export async function getCategories(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
  return await options(
    this,
    (client) => client.categories.iterate({}, { max: MAX_OPTIONS }),
    (category) => ({ name: category.name, value: category.id }),
  );
}

export async function getSources(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
  return await options(
    this,
    (client) => client.sources.iterate({}, { max: MAX_OPTIONS }),
    (source) => ({ name: `${source.name} (${source.type})`, value: source.id }),
  );
}
