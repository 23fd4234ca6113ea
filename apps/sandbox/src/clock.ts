/** A pending callback scheduled on the sandbox clock. */
export interface SandboxTimer {
  cancel(): void;
}

/**
 * The sandbox's sense of time. Everything that waits in "API time" (export jobs, thread jobs,
 * webhook retries) goes through it, so one `timeScale` makes a 2-hour retry schedule take seconds.
 *
 * `timeScale` is how many times faster than real time the sandbox runs: 1 is real time, 1000 turns
 * the 32-second first webhook retry into 32 ms. `now()` runs at the same speed, so dates stay
 * consistent with the waits: at 1000, one real second moves `now()` by about 17 minutes.
 */
export interface SandboxClock {
  now(): Date;
  readonly timeScale: number;
  /** Runs `fn` after `ms` milliseconds of API time (`ms / timeScale` real milliseconds). */
  setTimeout(fn: () => void, ms: number): SandboxTimer;
}

export function createClock(timeScale = 1): SandboxClock {
  if (!Number.isFinite(timeScale) || timeScale <= 0) {
    throw new RangeError(
      `timeScale must be a positive number (1 = real time, 1000 = a thousand times faster), got ${timeScale}.`,
    );
  }
  const origin = Date.now();
  return {
    timeScale,
    now: () => new Date(origin + (Date.now() - origin) * timeScale),
    setTimeout(fn, ms) {
      const handle = setTimeout(fn, Math.max(0, ms / timeScale));
      // A pending job or retry must not keep a test process or the CLI alive after stop().
      handle.unref();
      return { cancel: () => clearTimeout(handle) };
    },
  };
}
