import { afterAll, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../server.ts';
import { createProgram } from './program.ts';

const running: RunningSandbox[] = [];
afterAll(() => Promise.all(running.map((sandbox) => sandbox.stop())));

/** Runs one command line in-process; returns what it printed. */
async function run(args: string[]): Promise<{ out: string; err: string; sandbox?: RunningSandbox }> {
  let out = '';
  let err = '';
  let sandbox: RunningSandbox | undefined;
  const program = createProgram(
    { out: (text) => (out += text), err: (text) => (err += text) },
    {
      throwOnExit: true,
      onStarted: (started) => {
        sandbox = started;
        running.push(started);
      },
    },
  );
  try {
    await program.parseAsync(args, { from: 'user' });
  } catch (error) {
    err += (error as Error).message;
  }
  return { out, err, ...(sandbox ? { sandbox } : {}) };
}

describe('ringcx-sandbox', () => {
  it('start prints the base URL and a ready token; the other commands drive it', async () => {
    const started = await run([
      'start',
      '--port',
      '0',
      '--time-scale',
      '1000',
      '--token',
      'bot=my-bot-token',
      '--rate-limit',
      '0',
    ]);
    const sandbox = started.sandbox!;
    expect(started.out).toContain(`base URL  ${sandbox.baseUrl}`);
    expect(started.out).toContain('token     sandbox-admin-token');
    expect(started.out).toContain('bot=my-bot-token');
    const me = await fetch(`${sandbox.baseUrl}/users/me`, {
      headers: { authorization: 'Bearer my-bot-token' },
    });
    expect(((await me.json()) as { firstname: string }).firstname).toBe('Bot');

    const url = ['--url', sandbox.url];
    const message = await run([
      ...url,
      'customer-message',
      'Do',
      'you',
      'ship?',
      '--source',
      'whatsapp',
      '--name',
      'Ana Lima',
    ]);
    expect(JSON.parse(message.out)).toMatchObject({
      new_thread: true,
      content: { body: 'Do you ship?' },
      identity: { display_name: 'Ana Lima' },
    });

    const fault = JSON.parse((await run([...url, 'fault', 'add', '503', '--route', 'GET /1.0/tags'])).out);
    expect(fault).toMatchObject({ kind: 'status', status: 503, route: 'GET /1.0/tags' });
    const tags = await fetch(`${sandbox.baseUrl}/tags?access_token=sandbox-admin-token`);
    expect(tags.status).toBe(503);
    const requests = JSON.parse((await run([...url, 'requests', '--limit', '1'])).out);
    expect(requests[0]).toMatchObject({ route: '/1.0/tags', status: 503, fault: '503' });
    expect(JSON.stringify(requests)).not.toContain('sandbox-admin-token');

    const reset = JSON.parse((await run([...url, 'reset', '--seed', 'empty'])).out);
    expect(reset).toMatchObject({ seed: 'empty', counts: { threads: 0 } });
    expect(JSON.parse((await run([...url, 'fault', 'list'])).out)).toEqual([]);
  });

  it('says what to do when no sandbox answers, and validates options', async () => {
    const unreachable = await run(['--url', 'http://127.0.0.1:9', 'info']);
    expect(unreachable.err).toContain('No sandbox answers at http://127.0.0.1:9');
    const badSeed = await run(['start', '--seed', 'galaxy']);
    expect(badSeed.err).toContain('default, empty');
    const first = (await run(['start', '--port', '0'])).sandbox!;
    const taken = await run(['start', '--port', new URL(first.url).port]);
    expect(taken.err).toContain('is taken: pass --port');
    const badToken = await run(['start', '--token', 'robot=x']);
    expect(badToken.err).toContain('unknown token name "robot"');
  });

  it('documents every command in --help', async () => {
    const help = await run(['--help']);
    for (const command of [
      'start',
      'info',
      'reset',
      'seed',
      'customer-message',
      'fault',
      'requests',
      'deliveries',
      'events',
      'webhook-options',
      'settle',
    ]) {
      expect(help.out).toContain(command);
    }
    const start = await run(['start', '--help']);
    for (const option of [
      '--port',
      '--seed',
      '--token',
      '--rate-limit',
      '--time-scale',
      '--data',
      '--strict-replies',
    ]) {
      expect(start.out).toContain(option);
    }
  });
});
