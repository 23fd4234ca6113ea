import type { HttpApp, RequestHandler } from './red.ts';

/** Answers the requests of one webhook path; the live trigger node for that path. */
export type PathHandler = RequestHandler;

/** Paths whose route exists on an app, and the node currently serving each. */
const routes = new WeakMap<HttpApp, { registered: Set<string>; live: Map<string, PathHandler> }>();

/** A path users may type: letters, digits and `-._~/`, starting with `/`, no Express patterns. */
export const WEBHOOK_PATH = /^\/[A-Za-z0-9._~/-]*$/;

/**
 * Serves `path` on `app` with `handler` until the returned function is called.
 *
 * Express cannot remove a route without reaching into its internals, so each path gets one route the
 * first time it is served, which dispatches to whichever node serves it now and passes the request on
 * (a 404, or another route) when none does. A redeploy thus swaps the handler and never adds a
 * second route. A path another live node serves is refused.
 */
export function serveWebhookPath(app: HttpApp, path: string, handler: PathHandler): () => void {
  let entry = routes.get(app);
  if (!entry) routes.set(app, (entry = { registered: new Set(), live: new Map() }));
  const { registered, live } = entry;
  if (live.has(path)) {
    throw new Error(`Another RingCX trigger already serves the path ${path}: give this one another path.`);
  }
  live.set(path, handler);
  if (!registered.has(path)) {
    registered.add(path);
    const dispatch: RequestHandler = (req, res, next) => {
      const current = live.get(path);
      if (current) current(req, res, next);
      else next();
    };
    app.get(path, dispatch);
    app.post(path, dispatch);
  }
  return () => {
    if (live.get(path) === handler) live.delete(path);
  };
}

/** The path as served: a leading slash, no trailing one. */
export function normalisePath(path: string | undefined): string {
  const trimmed = (path ?? '').trim().replace(/\/+$/, '');
  return trimmed.startsWith('/') ? trimmed : `/${trimmed}`;
}

/** The public URL RingCX must call: the public base, Node-RED's `httpNodeRoot`, then the path. */
export function publicWebhookUrl(
  publicUrl: string,
  httpNodeRoot: string | false | undefined,
  path: string,
): string {
  const base = publicUrl.trim().replace(/\/+$/, '');
  const root = typeof httpNodeRoot === 'string' ? httpNodeRoot.replace(/^\/*/, '/').replace(/\/+$/, '') : '';
  return `${base}${root}${path}`;
}
