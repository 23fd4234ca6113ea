/**
 * The bench's stand-in for RingCX, run in a worker thread so that its work and memory stay out of the
 * measurements of the client. It serves:
 * - `GET /1.0/content_threads`: 10,000 threads in the API's paged envelope (`limit` capped at 150);
 * - `GET /1.0/users/me`: answers 429 once more than `budget` requests arrived within the last `windowMs`
 *   (a sliding window over arrival times, refused ones included);
 * - `GET /__stats` and `POST /__reset`: what it saw, for the bench to check.
 */
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parentPort, workerData } from 'node:worker_threads';

export interface ServerConfig {
  records: number;
  budget: number;
  windowMs: number;
}

export interface ServerStats {
  listRequests: number;
  /** Arrival times (ms since the epoch) of every request to the rate-limited endpoint. */
  arrivals: number[];
  refused: number;
}

const config = workerData as ServerConfig;
const MAX_LIMIT = 150;

// Serialised once: the bench measures the client, not JSON.stringify on the server.
const records = Array.from({ length: config.records }, (_, index) =>
  JSON.stringify({
    id: index.toString(16).padStart(24, '0'),
    source_id: '5f0c3a6e2c1d4e0012a3b4c5',
    title: `Order #${10_000 + index}: where is my parcel?`,
    closed: index % 7 === 0,
    contents_count: 1 + (index % 9),
    interventions_count: index % 3,
    category_ids: ['6a1b2c3d4e5f601234567890'],
    thread_category_ids: ['6a1b2c3d4e5f601234567890'],
    extra_data: null,
    foreign_id: `ext-${index}`,
    created_at: new Date(Date.UTC(2024, 0, 1) + index * 60_000).toISOString().replace(/\.\d+Z$/, 'Z'),
    updated_at: new Date(Date.UTC(2024, 5, 1) + index * 60_000).toISOString().replace(/\.\d+Z$/, 'Z'),
  }),
);

let stats: ServerStats = { listRequests: 0, arrivals: [], refused: 0 };
/** Index of the oldest arrival still inside the window. */
let windowStart = 0;

function send(response: ServerResponse, status: number, body: string): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(body);
}

const server = createServer((request, response) => {
  const url = new URL(request.url ?? '/', 'http://bench');
  if (url.pathname === '/1.0/content_threads') {
    stats.listRequests++;
    const offset = Math.max(0, Number(url.searchParams.get('offset') ?? 0));
    const limit = Math.min(MAX_LIMIT, Math.max(1, Number(url.searchParams.get('limit') ?? 30)));
    const page = records.slice(offset, offset + limit).join(',');
    send(
      response,
      200,
      `{"count":${records.length},"offset":${offset},"limit":${limit},"records":[${page}]}`,
    );
  } else if (url.pathname === '/1.0/users/me') {
    const now = performance.timeOrigin + performance.now();
    stats.arrivals.push(now);
    while (stats.arrivals[windowStart]! <= now - config.windowMs) windowStart++;
    if (stats.arrivals.length - windowStart > config.budget) {
      stats.refused++;
      send(response, 429, '{"error":"rate_limit_exceeded","message":"Rate limit exceeded","status":429}');
    } else {
      send(response, 200, '{"id":"5f0c3a6e2c1d4e0012a3b4c6","firstname":"Bench","lastname":"User"}');
    }
  } else if (url.pathname === '/__stats') {
    send(response, 200, JSON.stringify(stats));
  } else if (url.pathname === '/__reset') {
    stats = { listRequests: 0, arrivals: [], refused: 0 };
    windowStart = 0;
    send(response, 200, '{}');
  } else {
    send(response, 404, '{"error":"not_found","message":"Not found","status":404}');
  }
});

server.listen(0, '127.0.0.1', () => {
  parentPort!.postMessage((server.address() as AddressInfo).port);
});
