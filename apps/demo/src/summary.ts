import { styleText } from 'node:util';
import { isRingCxError } from '@ringcx-connectors/core';
import { ms, Transcript } from './transcript.ts';

/** One row of the summary table. */
export interface Outcome {
  platform: string;
  ok: boolean;
  steps: number;
  time: number;
  error?: string;
}

/** Runs one story with its transcript; a failure becomes a failed row rather than an exception. */
export async function runStory(
  platform: string,
  run: (transcript: Transcript) => Promise<void>,
  write?: (line: string) => void,
): Promise<Outcome> {
  const transcript = new Transcript(platform, write);
  const row = () => ({ platform, steps: transcript.steps, time: transcript.elapsedMs() });
  try {
    await run(transcript);
    return { ...row(), ok: true };
  } catch (error) {
    return { ...row(), ok: false, error: explain(error) };
  }
}

/** The error's message, followed by what to do about it when the client knows. */
function explain(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const hint = isRingCxError(error) ? error.hint : undefined;
  return hint && !error.message.includes(hint) ? `${error.message} ${hint}` : error.message;
}

/** The summary table, failed rows in red. */
export function formatSummary(rows: readonly Outcome[]): string {
  const header = ['platform', 'result', 'steps', 'time'];
  const body = rows.map((r) => [
    r.platform,
    r.ok ? 'passed' : `FAILED: ${r.error}`,
    String(r.steps),
    ms(r.time),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  const lines = [
    '',
    styleText('bold', 'Summary'),
    line(header),
    `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`,
    ...body.map((row, i) => (rows[i]!.ok ? line(row) : styleText('red', line(row)))),
  ];
  return `${lines.join('\n')}\n`;
}
