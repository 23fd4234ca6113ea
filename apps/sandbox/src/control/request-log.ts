/** What the sandbox remembers of an API request. Never the token: only its name. */
export interface RequestLogEntry {
  id: number;
  /** Sandbox-clock time the request arrived. */
  at: string;
  method: string;
  /** Path and query, with any access_token value replaced by `[redacted]`. */
  path: string;
  /** The route pattern (`/1.0/contents/:contentId`), or null when no route matched. */
  route: string | null;
  /** Null when no answer was sent (timeout or reset fault). */
  status: number | null;
  duration_ms: number;
  /** The token's name (`admin`, `bot`…) and the user the request acted as, once authenticated. */
  token: string | null;
  user_id: string | null;
  fault: string | null;
}

const LIMIT = 1000;

export function redactUrl(url: string): string {
  return url.replace(/([?&]access_token=)[^&#]*/gi, '$1[redacted]');
}

/** The most recent API requests, oldest first. */
export class RequestLog {
  private entries: RequestLogEntry[] = [];
  private next = 1;

  add(entry: Omit<RequestLogEntry, 'id'>): void {
    this.entries.push({ id: this.next++, ...entry });
    if (this.entries.length > LIMIT) this.entries.splice(0, this.entries.length - LIMIT);
  }

  list(limit?: number): RequestLogEntry[] {
    return limit === undefined ? [...this.entries] : this.entries.slice(-limit);
  }

  clear(): void {
    this.entries = [];
  }
}
