import { styleText } from 'node:util';
import { startSandbox } from '@ringcx-connectors/sandbox';
import type { Story } from './story.ts';
import { coreStory } from './stories/core.ts';
import { n8nStory } from './stories/n8n.ts';
import { nodeRedStory } from './stories/node-red.ts';
import { zapierStory } from './stories/zapier.ts';
import { ms, Transcript } from './transcript.ts';

/**
 * The main job: start the sandbox with its seeded data, run the customer story once per platform, print
 * a transcript of each and a summary table. Exits non-zero when any story fails.
 */
// The core client first, then each connector in its own runtime.
const stories: Story[] = [coreStory, n8nStory, nodeRedStory, zapierStory];

const sandbox = await startSandbox({ strictReplies: true, timeScale: 20 });
process.stdout.write(
  `RingCX sandbox on ${sandbox.baseUrl} (seeded data, replies need an open intervention)\n`,
);

const results: { platform: string; ok: boolean; steps: number; time: number; error?: string }[] = [];
try {
  for (const story of stories) {
    await sandbox.control.reset();
    const transcript = new Transcript(story.platform);
    try {
      await story.run(sandbox, transcript);
      results.push({
        platform: story.platform,
        ok: true,
        steps: transcript.steps,
        time: transcript.elapsedMs(),
      });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      results.push({
        platform: story.platform,
        ok: false,
        steps: transcript.steps,
        time: transcript.elapsedMs(),
        error: message,
      });
    }
  }
} finally {
  await sandbox.stop();
}

printSummary(results);
process.exitCode = results.every((r) => r.ok) ? 0 : 1;

function printSummary(rows: typeof results): void {
  const header = ['platform', 'result', 'steps', 'time'];
  const body = rows.map((r) => [
    r.platform,
    r.ok ? 'passed' : `FAILED: ${r.error}`,
    String(r.steps),
    ms(r.time),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  process.stdout.write(
    `\n${styleText('bold', 'Summary')}\n${line(header)}\n|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|\n`,
  );
  for (const [i, row] of body.entries()) {
    const text = line(row);
    process.stdout.write(`${rows[i]!.ok ? text : styleText('red', text)}\n`);
  }
}
