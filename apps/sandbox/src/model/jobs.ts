import type { SandboxClock, SandboxTimer } from '../clock.ts';

/**
 * Background jobs in API time: content exports, thread close/open/ignore/categorize. A job may hold
 * a lock on a key (a thread) for its duration, which is what makes the API answer 409 to a second
 * job on the same thread.
 */
export class JobQueue {
  private readonly locks = new Map<string, string>();
  private readonly timers = new Set<SandboxTimer>();
  private waiters: (() => void)[] = [];
  private readonly clock: SandboxClock;

  constructor(clock: SandboxClock) {
    this.clock = clock;
  }

  /** The label of the job holding `key`, if any. */
  busy(key: string): string | undefined {
    return this.locks.get(key);
  }

  run(delayMs: number, work: () => void, lock?: { key: string; label: string }): void {
    if (lock) this.locks.set(lock.key, lock.label);
    const timer = this.clock.setTimeout(() => {
      this.timers.delete(timer);
      if (lock) this.locks.delete(lock.key);
      try {
        work();
      } catch (error) {
        console.error('sandbox: a background job failed:', error);
      }
      this.notify();
    }, delayMs);
    this.timers.add(timer);
  }

  /** Resolves once no job is pending (jobs started meanwhile are waited for too). */
  settle(): Promise<void> {
    if (this.timers.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Drops every pending job (reset, stop). */
  cancelAll(): void {
    for (const timer of this.timers) timer.cancel();
    this.timers.clear();
    this.locks.clear();
    this.notify();
  }

  private notify(): void {
    if (this.timers.size > 0) return;
    const waiters = this.waiters;
    this.waiters = [];
    for (const resolve of waiters) resolve();
  }
}
