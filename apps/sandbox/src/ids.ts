import { randomBytes } from 'node:crypto';

// Built like a MongoDB ObjectId: 4 bytes of seconds, 5 random bytes per process, a 3-byte counter.
const PROCESS_PART = randomBytes(5).toString('hex');
let counter = randomBytes(3).readUIntBE(0, 3);

/**
 * A 24-hex id shaped like the API's ObjectIds: ids made later sort later (also within one second),
 * and a restart on a persisted data file never collides.
 */
export function newId(now: Date): string {
  counter = (counter + 1) % 0x1000000;
  const seconds = Math.floor(now.getTime() / 1000)
    .toString(16)
    .padStart(8, '0');
  return seconds + PROCESS_PART + counter.toString(16).padStart(6, '0');
}

/** API dates: ISO-8601 UTC with seconds, no milliseconds (`2012-05-21T01:19:49Z`). */
export function apiDate(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
