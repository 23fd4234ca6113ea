/**
 * Checks the sandbox's answers against the official OpenAPI specification of the API, with
 * openapi-backend's response validation (Ajv over the dereferenced spec). The spec lives beside the
 * repository, not in it; without it, loading answers `undefined` and callers skip the checks.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ajvFormats from 'ajv-formats';
import { OpenAPIBackend } from 'openapi-backend';
import { parse } from 'yaml';
import type { ApiResponseInfo } from '../server.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
export const SPEC_FILE = path.resolve(repoRoot, '../shared/ringcx-api/engage-digital_openapi3.yaml');

/**
 * Routes the sandbox serves on purpose although the spec lacks them: why, and the spec operation whose
 * response schema (by `operationId`) their answers must match.
 */
export const OFF_SPEC_ROUTES: Readonly<Record<string, { reason: string; validatedAs: string }>> = {
  'GET /users/me': {
    reason:
      "the token's own user: documented by the API's guides and used by the App SDK, missing from the spec",
    validatedAs: 'getUser',
  },
};

/** One operation of the spec, keyed like the sandbox's routes: `GET /content_threads/{}`. */
export interface SpecOperation {
  operationId: string;
  method: string;
  /** The spec's path template, e.g. `/content_threads/{threadId}`. */
  path: string;
  key: string;
  /** The statuses the spec documents, e.g. `['200', '422']`. */
  statuses: string[];
}

export interface Violation {
  method: string;
  route: string | null;
  status: number;
  operationId: string | null;
  problems: string[];
}

export interface SpecValidator {
  operations: SpecOperation[];
  /** The spec operation a sandbox route pattern (`/1.0/contents/:contentId`) serves, if any. */
  operationFor(method: string, route: string): SpecOperation | undefined;
  /** The problems of one answer, or undefined when it conforms. */
  check(info: ApiResponseInfo): Violation | undefined;
}

type Schema = Record<string, unknown>;

/**
 * Two in-memory fixes to the loaded spec before the validator sees it (the file is never changed):
 * - the spec marks nothing `nullable`, yet the API answers explicit nulls (`intervention_id`,
 *   `in_reply_to_id`, `external_id`, …), so every schema that gives a `type` is made nullable (and an
 *   `enum` gains `null`);
 * - its object schemas list `properties` without `type: object`, which JSON Schema reads as "any
 *   value", so a string or an array would pass for a thread; they get `type: object`.
 */
export function prepareSchema(schema: unknown): void {
  if (!schema || typeof schema !== 'object') return;
  const node = schema as Schema;
  if (node.properties && node.type === undefined) node.type = 'object';
  if (typeof node.type === 'string') {
    node.nullable = true;
    if (Array.isArray(node.enum) && !node.enum.includes(null)) node.enum = [...node.enum, null];
  }
  for (const key of ['items', 'additionalProperties', 'not']) prepareSchema(node[key]);
  for (const key of ['allOf', 'anyOf', 'oneOf']) {
    if (Array.isArray(node[key])) for (const part of node[key]) prepareSchema(part);
  }
  if (node.properties && typeof node.properties === 'object') {
    for (const property of Object.values(node.properties)) prepareSchema(property);
  }
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch'];

/** `/1.0/users/:userId/x` and `/users/{userId}/x` both become `/users/{}/x`. */
function routeKey(method: string, route: string): string {
  const bare = route.replace(/^\/1\.0(?=\/)/, '').replace(/\/$/, '');
  return `${method.toUpperCase()} ${bare.replace(/:[^/]+|\{[^}]+\}/g, '{}')}`;
}

/**
 * What the API's guides document for failures (the spec gives error responses no body): a JSON
 * `{error, message, status}` whose `status` repeats the HTTP status. Gateway errors (502, 503, 504)
 * come from a proxy as HTML, which the guides allow ("with the exception of a few errors").
 */
function errorProblems(status: number, body: unknown): string[] {
  if (typeof body === 'string') {
    return [502, 503, 504].includes(status) ? [] : ['the error body is not JSON'];
  }
  const error = (body ?? {}) as Record<string, unknown>;
  const problems: string[] = [];
  if (typeof error.error !== 'string') problems.push('the error body has no string "error"');
  if (typeof error.message !== 'string') problems.push('the error body has no string "message"');
  if (error.status !== status) problems.push(`the error body's "status" is not ${status}`);
  return problems;
}

function describeAjvError(error: { instancePath?: string; message?: string; params?: unknown }): string {
  const where = error.instancePath ? error.instancePath : '(body)';
  return `${where} ${error.message ?? 'is invalid'} ${JSON.stringify(error.params ?? {})}`;
}

export async function loadSpecValidator(file = SPEC_FILE): Promise<SpecValidator | undefined> {
  if (!existsSync(file)) return undefined;
  const definition = parse(readFileSync(file, 'utf8')) as {
    paths: Record<string, Record<string, { operationId?: string; responses?: Record<string, unknown> }>>;
    components?: { schemas?: Record<string, unknown> };
  };
  for (const schema of Object.values(definition.components?.schemas ?? {})) prepareSchema(schema);
  for (const item of Object.values(definition.paths)) {
    for (const operation of Object.values(item)) {
      for (const response of Object.values(operation.responses ?? {})) {
        const content = (response as { content?: Record<string, { schema?: unknown }> }).content;
        for (const media of Object.values(content ?? {})) prepareSchema(media.schema);
      }
    }
  }
  // quick: validators are compiled on first use, so loading stays fast for test files that need few.
  const api = new OpenAPIBackend({
    definition: definition as never,
    quick: true,
    strict: true,
    ajvOpts: { allErrors: true },
    // date-time, uri, email…: openapi-backend knows only the numeric formats by itself. (ajv-formats
    // is CommonJS: seen from ESM, the plugin is its exports' `default`.)
    customizeAjv: (ajv) => ajvFormats.default(ajv),
  });
  await api.init();

  const operations: SpecOperation[] = [];
  for (const [specPath, item] of Object.entries(definition.paths)) {
    for (const [method, operation] of Object.entries(item)) {
      if (!METHODS.includes(method) || !operation.operationId) continue;
      const upper = method.toUpperCase();
      operations.push({
        operationId: operation.operationId,
        method: upper,
        path: specPath,
        key: routeKey(upper, specPath),
        statuses: Object.keys(operation.responses ?? {}),
      });
    }
  }
  const byKey = new Map(operations.map((operation) => [operation.key, operation]));
  const operationFor = (method: string, route: string) => byKey.get(routeKey(method, route));
  /** The operation whose schema an answer must match: its route's, or an off-spec route's stand-in. */
  const schemaOperation = (method: string, route: string) => {
    const offSpec = OFF_SPEC_ROUTES[routeKey(method, route)];
    if (!offSpec) return operationFor(method, route);
    return operations.find((candidate) => candidate.operationId === offSpec.validatedAs);
  };

  return {
    operations,
    operationFor,
    check({ method, route, status, body }) {
      const operation = route === null ? undefined : schemaOperation(method, route);
      const violation = (problems: string[]): Violation | undefined =>
        problems.length === 0
          ? undefined
          : { method, route, status, operationId: operation?.operationId ?? null, problems };
      if (status >= 400) return violation(errorProblems(status, body));
      if (!operation) return undefined;
      if (!operation.statuses.some((documented) => [String(status), '2XX', 'default'].includes(documented))) {
        return violation([`the spec documents no ${status} answer (only ${operation.statuses.join(', ')})`]);
      }
      const result = api.validateResponse(body, operation.operationId, status);
      return violation((result.errors ?? []).map(describeAjvError));
    },
  };
}

/** One line per violation, for a test failure. */
export function formatViolations(violations: readonly Violation[]): string {
  return violations
    .map(
      (violation) =>
        `${violation.method} ${violation.route ?? '(no route)'} → ${violation.status}` +
        `${violation.operationId ? ` (${violation.operationId})` : ''}:\n    ${violation.problems.join('\n    ')}`,
    )
    .join('\n');
}
