/**
 * The API's rate limit: a number of requests per minute (500 by default), counted per access token
 * over a sliding window of real time (REFERENCE §1.8 leaves the scope open; per token is what
 * clients can control). The window is real time even when the clock runs faster, because it guards
 * against bursts of real requests.
 */
export class RateLimiter {
  private readonly seen = new Map<string, number[]>();
  private readonly limit: number;
  private readonly windowMs: number;

  constructor(limit: number, windowMs: number) {
    this.limit = limit;
    this.windowMs = windowMs;
  }

  /** Counts a request; false when the token is over its limit (the request is then not counted). */
  allow(tokenId: string, nowMs = Date.now()): boolean {
    if (this.limit <= 0) return true;
    const recent = (this.seen.get(tokenId) ?? []).filter((at) => at > nowMs - this.windowMs);
    if (recent.length >= this.limit) {
      this.seen.set(tokenId, recent);
      return false;
    }
    recent.push(nowMs);
    this.seen.set(tokenId, recent);
    return true;
  }

  clear(): void {
    this.seen.clear();
  }
}
