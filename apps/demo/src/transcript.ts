import { styleText } from 'node:util';

/** One platform's story as it happened: numbered lines with the time since the story started. */
export class Transcript {
  readonly platform: string;
  readonly #started = performance.now();
  readonly #write: (line: string) => void;
  steps = 0;

  constructor(platform: string, write: (line: string) => void = (line) => process.stdout.write(`${line}\n`)) {
    this.platform = platform;
    this.#write = write;
    this.#write(`\n${styleText('bold', `▶ ${platform}`)}`);
  }

  elapsedMs(): number {
    return performance.now() - this.#started;
  }

  /** Something that happened (an event arriving, a message written). */
  note(text: string): void {
    this.#line(styleText('dim', '·'), text);
  }

  /** Runs one step of the story and prints it with its duration, or why it failed. */
  async step<T>(text: string, run: () => Promise<T>, describe?: (result: T) => string): Promise<T> {
    // Nothing is skipped, so the result is always there.
    return (await this.stepOrSkip(text, run, describe, () => undefined)) as T;
  }

  /**
   * Like `step`, but an error for which `skipReason` gives a reason (a missing permission, say) is
   * printed as a skipped step and resolves to undefined instead of failing the story.
   */
  async stepOrSkip<T>(
    text: string,
    run: () => Promise<T>,
    describe: ((result: T) => string) | undefined,
    skipReason: (error: unknown) => string | undefined,
  ): Promise<T | undefined> {
    const started = performance.now();
    try {
      const result = await run();
      this.record(describe ? `${text}: ${describe(result)}` : text, performance.now() - started);
      return result;
    } catch (error) {
      const reason = skipReason(error);
      if (reason !== undefined) {
        this.skip(text, reason);
        return undefined;
      }
      this.record(text, performance.now() - started, error);
      throw error;
    }
  }

  /**
   * Prints a step a runtime timed itself (an n8n node's execution time, for one): done, or failed
   * with `error`.
   */
  record(text: string, durationMs: number, error?: unknown): void {
    if (error !== undefined) {
      this.#line(styleText('red', '✘'), `${text}: ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    this.steps++;
    this.#line(styleText('green', '✔'), `${text} ${styleText('dim', `(${ms(durationMs)})`)}`);
  }

  /** A step that could not run here, and why; it neither counts nor fails the story. */
  skip(text: string, reason: string): void {
    this.#line(styleText('yellow', '–'), `${text}: skipped, ${reason}`);
  }

  #line(mark: string, text: string): void {
    this.#write(`  ${styleText('dim', ms(this.elapsedMs()).padStart(8))}  ${mark} ${text}`);
  }
}

export function ms(value: number): string {
  return value < 1000 ? `${Math.round(value)} ms` : `${(value / 1000).toFixed(2)} s`;
}
