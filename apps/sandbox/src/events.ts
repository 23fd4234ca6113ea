import type { SandboxClock } from './clock.ts';
import { newId } from './ids.ts';

/**
 * The `domain_id` every webhook delivery carries: the sandbox is one RingCX domain. Fixed so that
 * deliveries are reproducible across runs.
 */
export const DOMAIN_ID = '5dd2be0e103cc800092e184c';

/** An event as the code that changed the state describes it. */
export interface SandboxEventInput {
  /** `content.imported`, `intervention.closed`, … (REFERENCE §4.2). */
  type: string;
  resource: { type: string; id: string; metadata: Record<string, unknown> };
  /** The agent (or bot) whose action caused it; absent for customer and system actions. */
  user_id?: string;
  /** Only `task.completed` carries one (`deferred` | `closed`). */
  action?: string;
}

/** An event as webhooks deliver it and the journal records it. */
export interface SandboxEvent extends SandboxEventInput {
  id: string;
  /** ISO-8601 with milliseconds, like the API's `issued_at`. */
  issued_at: string;
}

export type SandboxEventListener = (event: SandboxEvent) => void;

/** Fan-out of every state change to the webhook engine, the events journal and tests. */
export class EventBus {
  private readonly listeners = new Set<SandboxEventListener>();
  private readonly clock: SandboxClock;

  constructor(clock: SandboxClock) {
    this.clock = clock;
  }

  emit(input: SandboxEventInput): SandboxEvent {
    const now = this.clock.now();
    const event: SandboxEvent = { ...input, id: newId(now), issued_at: now.toISOString() };
    for (const listener of [...this.listeners]) {
      try {
        listener(event);
      } catch (error) {
        // A broken listener must not turn the API call that changed the state into a 500.
        console.error(`sandbox: an event listener failed on ${event.type}:`, error);
      }
    }
    return event;
  }

  subscribe(listener: SandboxEventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
