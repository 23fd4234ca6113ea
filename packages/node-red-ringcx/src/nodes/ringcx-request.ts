import type { HttpMethod, Params } from '@ringcx-connectors/core';
import { registerActionNode, type Inputs, type Operation } from '../lib/action.ts';
import { configError } from '../lib/errors.ts';
import type { NodeAPI } from '../lib/red.ts';

const METHODS: readonly HttpMethod[] = ['GET', 'POST', 'PUT', 'DELETE'];

/**
 * `ringcx-request`: any endpoint, through the same client (authentication, rate limit, retries and
 * errors included). The path is relative to the API root: `/content_threads`.
 */
const REQUEST_OPERATIONS: Readonly<Record<string, Operation>> = {
  call: async (inputs) => {
    const method = (await inputs.required('method')).toUpperCase() as HttpMethod;
    if (!METHODS.includes(method))
      throw configError(`Method "${method}" is not one of ${METHODS.join(', ')}.`);
    const path = await inputs.required('path');
    if (!path.startsWith('/') || /^\/\//.test(path) || path.includes('://')) {
      throw configError(
        `Path "${path}" must be relative to the API root and start with "/", such as /content_threads.`,
      );
    }
    const query = await object(inputs, 'params');
    const body = await object(inputs, 'data');
    return {
      payload: await inputs.client.request(method, path, {
        ...(query && { query }),
        ...(body && method !== 'GET' && { body }),
      }),
    };
  },
};

async function object(inputs: Inputs, field: string): Promise<Params | undefined> {
  const value = await inputs.value(field);
  if (value === undefined || value === null || value === '') return undefined;
  const label = field === 'params' ? 'Query parameters' : 'Body';
  let parsed: unknown = value;
  if (typeof value === 'string') {
    try {
      parsed = JSON.parse(value);
    } catch {
      throw configError(`${label} is not valid JSON: enter an object such as {"offset": 0}.`);
    }
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw configError(`${label} must be a JSON object, such as {"offset": 0}.`);
  }
  return parsed as Params;
}

export default function register(RED: NodeAPI): void {
  registerActionNode(RED, 'ringcx-request', REQUEST_OPERATIONS);
}
