import { randomBytes } from 'node:crypto';
import { invalidParameter } from '../http/errors.ts';

/**
 * Faults injected into `/1.0` requests, to test how a client copes with a flaky platform:
 * - `status`: answer with that status instead (429 with the API's rate-limit body, 500 with a JSON
 *   error, 502/503/504 with an HTML page as a gateway would), without running the request;
 * - `delay`: wait `delay_ms` real milliseconds, then run the request normally;
 * - `timeout`: never answer (the connection is dropped after `delay_ms`, default 30 s);
 * - `reset`: run the request (the write is applied), then cut the connection instead of answering.
 */
export type FaultKind = 'status' | 'delay' | 'timeout' | 'reset';

export interface FaultInput {
  /**
   * Which requests: `*` (default, every API request), `METHOD /path` or `/path`; the path is the
   * route pattern (`/1.0/contents/:contentId`) or a concrete path, and may end in `*` for a prefix.
   */
  route?: string;
  /** A kind, or a status code as a shortcut for `status` (`503`). */
  kind: FaultKind | number | string;
  status?: number;
  /** Share of matching requests hit, 0 to 1 (default 1). Deterministic: 0.5 hits every second one. */
  rate?: number;
  delay_ms?: number;
  /** Stop after this many hits (default: never). */
  times?: number;
}

export interface Fault {
  id: string;
  route: string;
  kind: FaultKind;
  status: number | null;
  rate: number;
  delay_ms: number | null;
  times: number | null;
  /** Matching requests seen, and how many were hit. */
  seen: number;
  hits: number;
}

const KINDS: readonly FaultKind[] = ['status', 'delay', 'timeout', 'reset'];

function normalize(input: FaultInput): Omit<Fault, 'id' | 'seen' | 'hits'> {
  const route = (input.route ?? '*').trim() || '*';
  let kind: FaultKind;
  let status: number | null = null;
  const numeric =
    typeof input.kind === 'number'
      ? input.kind
      : /^\d{3}$/.test(String(input.kind))
        ? Number(input.kind)
        : undefined;
  if (numeric !== undefined) {
    kind = 'status';
    status = numeric;
  } else if ((KINDS as readonly string[]).includes(String(input.kind))) {
    kind = input.kind as FaultKind;
    status = kind === 'status' ? (input.status ?? null) : null;
  } else {
    throw invalidParameter(
      `Fault "kind" must be a status code (429, 500, 503…) or one of ${KINDS.join(', ')}; got ${JSON.stringify(input.kind)}.`,
    );
  }
  if (kind === 'status' && (status === null || !Number.isInteger(status) || status < 400 || status > 599)) {
    throw invalidParameter('A status fault needs "status" between 400 and 599 (e.g. kind 503).');
  }
  const rate = input.rate ?? 1;
  if (typeof rate !== 'number' || !(rate > 0 && rate <= 1))
    throw invalidParameter(`Fault "rate" must be above 0 and at most 1, got ${JSON.stringify(input.rate)}.`);
  const delay = input.delay_ms ?? null;
  if (delay !== null && (!Number.isFinite(delay) || delay < 0))
    throw invalidParameter('Fault "delay_ms" must be 0 or more.');
  if (kind === 'delay' && delay === null) throw invalidParameter('A delay fault needs "delay_ms".');
  const times = input.times ?? null;
  if (times !== null && (!Number.isInteger(times) || times < 1))
    throw invalidParameter('Fault "times" must be a whole number of at least 1.');
  return { route, kind, status, rate, delay_ms: delay, times };
}

function matches(fault: Fault, method: string, pattern: string, path: string): boolean {
  if (fault.route === '*') return true;
  const [first = '', second] = fault.route.split(/\s+/, 2);
  const [wantedMethod, wantedPath] = second === undefined ? ['*', first] : [first.toUpperCase(), second];
  if (wantedMethod !== '*' && wantedMethod !== method) return false;
  if (wantedPath.endsWith('*')) {
    const prefix = wantedPath.slice(0, -1);
    return pattern.startsWith(prefix) || path.startsWith(prefix);
  }
  return wantedPath === pattern || wantedPath === path;
}

export class FaultRegistry {
  private faults: Fault[] = [];

  add(input: FaultInput): Fault {
    const fault: Fault = { id: randomBytes(4).toString('hex'), ...normalize(input), seen: 0, hits: 0 };
    this.faults.push(fault);
    return fault;
  }

  list(): Fault[] {
    return this.faults.map((fault) => ({ ...fault }));
  }

  remove(id: string): boolean {
    const before = this.faults.length;
    this.faults = this.faults.filter((fault) => fault.id !== id);
    return this.faults.length < before;
  }

  clear(): void {
    this.faults = [];
  }

  /** The first fault that hits this request, if any (counting it). */
  pick(method: string, pattern: string, path: string): Fault | undefined {
    for (const fault of this.faults) {
      if (fault.times !== null && fault.hits >= fault.times) continue;
      if (!matches(fault, method, pattern, path)) continue;
      fault.seen += 1;
      if (Math.floor(fault.seen * fault.rate) > Math.floor((fault.seen - 1) * fault.rate)) {
        fault.hits += 1;
        return { ...fault };
      }
    }
    return undefined;
  }
}
