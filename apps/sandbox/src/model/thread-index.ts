import type { ContentRecord, InterventionRecord } from '../store/records.ts';
import type { SandboxContext } from './context.ts';

export interface ThreadParts {
  contents: ContentRecord[];
  interventions: InterventionRecord[];
}

/** Messages and interventions grouped by thread in one pass, for lists and searches. */
export function indexThreads(ctx: SandboxContext): (threadId: string) => ThreadParts {
  const parts = new Map<string, ThreadParts>();
  const of = (threadId: string) => {
    let entry = parts.get(threadId);
    if (!entry) {
      entry = { contents: [], interventions: [] };
      parts.set(threadId, entry);
    }
    return entry;
  };
  for (const content of ctx.store.contents.all()) of(content.thread_id).contents.push(content);
  for (const intervention of ctx.store.interventions.all())
    of(intervention.thread_id).interventions.push(intervention);
  return of;
}

/** The parts of one thread (a scan; use `indexThreads` for many). */
export function partsOf(ctx: SandboxContext, threadId: string): ThreadParts {
  return {
    contents: ctx.store.contents.all().filter((content) => content.thread_id === threadId),
    interventions: ctx.store.interventions
      .all()
      .filter((intervention) => intervention.thread_id === threadId),
  };
}
