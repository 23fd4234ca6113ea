import type { SandboxClock } from '../clock.ts';
import type { EventBus } from '../events.ts';
import { apiDate, newId } from '../ids.ts';
import type { Store } from '../store/store.ts';
import type { JobQueue } from './jobs.ts';

export interface SandboxBehaviour {
  /**
   * Refuse replies to a message that is not under an open intervention (what the specification
   * says) instead of accepting them (what bots do in practice). REFERENCE §11.2.
   */
  strictReplies: boolean;
  /** API-time ms a thread job (close, open, ignore, categorize) holds its thread. */
  threadJobMs: number;
  /** API-time ms between a reply's creation and its export to the channel. */
  exportMs: number;
}

/** What the operations of the model share. */
export interface SandboxContext {
  store: Store;
  clock: SandboxClock;
  bus: EventBus;
  jobs: JobQueue;
  behaviour: SandboxBehaviour;
  /** Where the sandbox listens (`http://127.0.0.1:4010`), for attachment URLs. */
  publicUrl(): string;
}

export function now(ctx: SandboxContext): string {
  return apiDate(ctx.clock.now());
}

export function freshId(ctx: SandboxContext): string {
  return newId(ctx.clock.now());
}
