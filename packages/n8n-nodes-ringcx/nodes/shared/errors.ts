import { isRingCxError, type RingCxError } from '@ringcx-connectors/core/portable';
import { NodeApiError, NodeOperationError, type INode, type JsonObject } from 'n8n-workflow';

/**
 * Maps anything an operation throws to n8n's errors, once for every node: RingCX's refusals become
 * `NodeApiError` with the API's own message and core's hint as the description; settings that cannot
 * work and wrong parameters become `NodeOperationError`. Core redacts the token beforehand.
 */
export function toNodeError(
  node: INode,
  error: unknown,
  itemIndex?: number,
): NodeApiError | NodeOperationError {
  if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
  if (isRingCxError(error)) return fromRingCxError(node, error, itemIndex);
  const message = error instanceof Error ? error.message : String(error);
  return new NodeOperationError(node, message, { itemIndex });
}

/** Core's hints name its own methods; n8n users know the node's operations. */
const OPERATION_NAMES: ReadonlyArray<[RegExp, string]> = [
  [/\(threads\.open\)/g, '(RingCX node: Thread → Open)'],
  [/\(interventions\.create with its content_id\)/g, "(Intervention → Create with the message's ID)"],
  [/\(interventions\.list with thread_id\)/g, '(Intervention → Get Many, filtered by Thread ID)'],
];

function inNodeTerms(hint: string | undefined): string | undefined {
  return OPERATION_NAMES.reduce((text, [pattern, name]) => text?.replace(pattern, name), hint);
}

function fromRingCxError(
  node: INode,
  error: RingCxError,
  itemIndex: number | undefined,
): NodeApiError | NodeOperationError {
  if (error.kind === 'config' || error.kind === 'webhook') {
    return new NodeOperationError(node, error.message, { description: inNodeTerms(error.hint), itemIndex });
  }
  const route = error.method && error.path ? `${error.method} ${error.path.split('?')[0]}` : undefined;
  const details = [
    inNodeTerms(error.hint),
    route && `Request: ${route}${error.status ? ` (${error.status})` : ''}`,
  ]
    .filter(Boolean)
    .join(' ');
  return new NodeApiError(node, error.toJSON() as JsonObject, {
    message: error.apiMessage ?? error.message,
    description: details || undefined,
    httpCode: error.status === undefined ? undefined : String(error.status),
    itemIndex,
  });
}
