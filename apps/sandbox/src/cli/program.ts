import { Command, InvalidArgumentError, Option } from 'commander';
import { startSandbox, type RunningSandbox, type SandboxOptions } from '../server.ts';
import { SEED_IDS, SEED_NAMES, TOKEN_NAMES, type SeedName, type TokenName } from '../seed.ts';

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

export interface CliHooks {
  /** Called once `start` listens (the binary uses it to stop on SIGINT/SIGTERM). */
  onStarted?(sandbox: RunningSandbox): void;
  /** Throw a CommanderError instead of exiting the process (tests). */
  throwOnExit?: boolean;
}

export const DEFAULT_PORT = 4010;

const SOURCE_ALIASES: Readonly<Record<string, string>> = SEED_IDS.sources;

function number(name: string, { min, integer }: { min: number; integer?: boolean }) {
  return (value: string): number => {
    const parsed = Number(value);
    if (!Number.isFinite(parsed) || parsed < min || (integer && !Number.isInteger(parsed))) {
      throw new InvalidArgumentError(
        `${name} must be ${integer ? 'a whole number' : 'a number'} of at least ${min}.`,
      );
    }
    return parsed;
  };
}

function seedName(value: string): SeedName {
  if (!(SEED_NAMES as readonly string[]).includes(value)) {
    throw new InvalidArgumentError(`the seed is one of ${SEED_NAMES.join(', ')}.`);
  }
  return value as SeedName;
}

/** `--token name=value` (repeatable), or a bare value for the admin token. */
function collectToken(
  value: string,
  previous: Partial<Record<TokenName, string>>,
): Partial<Record<TokenName, string>> {
  const match = /^([a-z0-9]+)=(.+)$/.exec(value);
  const [name, token] = match ? [match[1]!, match[2]!] : ['admin', value];
  if (!(TOKEN_NAMES as readonly string[]).includes(name)) {
    throw new InvalidArgumentError(`unknown token name "${name}"; the tokens are ${TOKEN_NAMES.join(', ')}.`);
  }
  return { ...previous, [name]: token };
}

/** The command line: `start` runs a sandbox; the other commands drive a running one through its control API. */
export function createProgram(io: CliIo, hooks: CliHooks = {}): Command {
  const program: Command = new Command('ringcx-sandbox')
    .description(
      'A local RingCX Interactions API (ex Engage Digital) with seeded data, webhooks, fault injection and a control API.\n' +
        'Start it with `ringcx-sandbox start`, point a connector at the base URL it prints, use one of its tokens.',
    )
    .addOption(
      new Option('--url <url>', 'URL of a running sandbox, for the commands other than start')
        .env('RINGCX_SANDBOX_URL')
        .default(`http://127.0.0.1:${DEFAULT_PORT}`),
    )
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .showHelpAfterError();
  // Set before the subcommands are added, which inherit it.
  if (hooks.throwOnExit) program.exitOverride();

  const controlUrl = () => String(program.opts().url).replace(/\/+$/, '');

  async function control(method: string, path: string, body?: unknown): Promise<unknown> {
    const url = `${controlUrl()}/_sandbox${path}`;
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body: body === undefined ? null : JSON.stringify(body),
      });
    } catch {
      program.error(
        `No sandbox answers at ${controlUrl()}: start one with "ringcx-sandbox start", or pass --url.`,
        { exitCode: 1 },
      );
    }
    const text = await response.text();
    const parsed: unknown = text ? JSON.parse(text) : null;
    if (!response.ok) {
      const message = (parsed as { message?: string } | null)?.message ?? text;
      program.error(`The sandbox refused: ${message}`, { exitCode: 1 });
    }
    return parsed;
  }

  const print = (value: unknown) => io.out(`${JSON.stringify(value, null, 2)}\n`);

  program
    .command('start')
    .description('Start a sandbox and print its base URL and tokens (Ctrl-C stops it).')
    .option(
      '-p, --port <port>',
      'port to listen on (0 = any free port)',
      number('--port', { min: 0, integer: true }),
      DEFAULT_PORT,
    )
    .option('-H, --host <host>', 'interface to listen on; keep loopback unless you know why', '127.0.0.1')
    .option(
      '--seed <name>',
      `data set to start with: ${SEED_NAMES.join(' or ')} (the domain setup without conversations)`,
      seedName,
      'default',
    )
    .option('--no-seed', 'same as --seed empty')
    .option(
      '--token <[name=]value>',
      `set a token's value (repeatable; names: ${TOKEN_NAMES.join(', ')}); a bare value sets the admin token`,
      collectToken,
      {},
    )
    .option(
      '--rate-limit <n>',
      'requests per minute per token, 0 to turn off',
      number('--rate-limit', { min: 0, integer: true }),
      500,
    )
    .option(
      '--time-scale <x>',
      'run time this many times faster (webhook retries, exports, thread jobs); 60 makes a minute last a second',
      number('--time-scale', { min: 0.001 }),
      1,
    )
    .option('--data <file>', 'keep the data in this SQLite file across restarts (default: in memory)')
    .option('--strict-replies', 'refuse replies to messages that are not under an open intervention')
    .option(
      '--duplicate-rate <r>',
      'share of webhook deliveries sent twice (0 to 1)',
      number('--duplicate-rate', { min: 0 }),
    )
    .option('--reorder', 'deliver batched webhook events one by one, newest first')
    .action(async (options) => {
      const sandboxOptions: SandboxOptions = {
        port: options.port,
        host: options.host,
        seed: options.seed === false ? 'empty' : options.seed,
        tokens: options.token,
        rateLimit: options.rateLimit,
        timeScale: options.timeScale,
        strictReplies: options.strictReplies ?? false,
        ...(options.data ? { dataFile: options.data } : {}),
        webhooks: {
          ...(options.duplicateRate !== undefined ? { duplicateRate: options.duplicateRate } : {}),
          ...(options.reorder ? { reorder: true } : {}),
        },
      };
      let sandbox: RunningSandbox;
      try {
        sandbox = await startSandbox(sandboxOptions);
      } catch (error) {
        const code = (error as { code?: string }).code;
        const message =
          code === 'EADDRINUSE'
            ? `Port ${options.port} is taken: pass --port <another> (or 0 for any free port).`
            : (error as Error).message;
        program.error(`Could not start the sandbox: ${message}`, { exitCode: 1 });
      }
      const info = sandbox.control.info();
      const others = TOKEN_NAMES.filter((name) => name !== 'admin')
        .map((name) => `${name}=${sandbox.tokens[name]}`)
        .join('  ');
      io.out(
        [
          `RingCX sandbox ready (${info.seed === 'persisted' ? `data from ${options.data}` : `seed: ${info.seed}`}, time scale ${info.time_scale}, rate limit ${info.rate_limit_per_minute}/min)`,
          `  base URL  ${sandbox.baseUrl}`,
          `  token     ${sandbox.tokens.admin}   (admin; also ${others})`,
          `  control   ${sandbox.url}/_sandbox   (ringcx-sandbox --help)`,
          '',
        ].join('\n'),
      );
      hooks.onStarted?.(sandbox);
    });

  program
    .command('info')
    .description('Show what a running sandbox serves (URLs, seed, token names, counts).')
    .action(async () => print(await control('GET', '')));

  program
    .command('reset')
    .description('Put the data back to a seed; webhooks, logs and faults are cleared.')
    .option(
      '--seed <name>',
      `the seed: ${SEED_NAMES.join(' or ')} (default: the one it started with)`,
      seedName,
    )
    .action(async (options) =>
      print(await control('POST', '/reset', options.seed ? { seed: options.seed } : {})),
    );

  program
    .command('seed')
    .description('Load a seed (same as reset --seed <name>).')
    .argument('[name]', `${SEED_NAMES.join(' or ')}`, seedName, 'default')
    .action(async (name: SeedName) => print(await control('POST', '/reset', { seed: name })));

  program
    .command('customer-message')
    .description('A customer writes: a follow-up in --thread, or a new thread (fires content.imported).')
    .argument('<body...>', 'what the customer writes')
    .option('--thread <id>', 'thread to write in (a closed thread gets a new one)')
    .option(
      '--source <id>',
      `source of a new thread: an id or ${Object.keys(SOURCE_ALIASES).join(', ')} (default messaging)`,
    )
    .option('--identity <id>', 'existing identity writing (default: the thread customer, or a new one)')
    .option('--name <name>', 'name of a new customer identity')
    .option('--email <address>', 'email of a new customer identity (email sources)')
    .option('--phone <number>', 'phone of a new customer identity (WhatsApp)')
    .option('--title <subject>', 'subject of a new email thread')
    .action(async (words: string[], options) => {
      const author = {
        ...(options.name ? { name: options.name } : {}),
        ...(options.email ? { email: options.email } : {}),
        ...(options.phone ? { phone: options.phone } : {}),
      };
      const result = await control('POST', '/customer-messages', {
        body: words.join(' '),
        ...(options.thread ? { thread_id: options.thread } : {}),
        ...(options.source ? { source_id: SOURCE_ALIASES[options.source] ?? options.source } : {}),
        ...(options.identity ? { identity_id: options.identity } : {}),
        ...(Object.keys(author).length > 0 ? { author } : {}),
        ...(options.title ? { title: options.title } : {}),
      });
      print(result);
    });

  const fault = program
    .command('fault')
    .description('Inject faults into API requests (see the README for the kinds).');
  fault
    .command('add')
    .description('Add a fault: a status code (429, 500, 503…), delay, timeout or reset.')
    .argument('<kind>', 'a status code, or delay | timeout | reset')
    .option(
      '--route <route>',
      'requests hit: * (default), "METHOD /1.0/path" or "/1.0/path", a trailing * for a prefix',
      '*',
    )
    .option(
      '--rate <r>',
      'share of matching requests hit, above 0 and up to 1 (deterministic)',
      number('--rate', { min: 0 }),
      1,
    )
    .option(
      '--delay <ms>',
      'delay (for delay) or time before dropping the connection (for timeout), real ms',
      number('--delay', { min: 0 }),
    )
    .option('--times <n>', 'stop after this many hits', number('--times', { min: 1, integer: true }))
    .action(async (kind: string, options) =>
      print(
        await control('POST', '/faults', {
          kind,
          route: options.route,
          rate: options.rate,
          ...(options.delay !== undefined ? { delay_ms: options.delay } : {}),
          ...(options.times !== undefined ? { times: options.times } : {}),
        }),
      ),
    );
  fault
    .command('list')
    .description('List the faults and how often each hit.')
    .action(async () => print(await control('GET', '/faults')));
  fault
    .command('remove')
    .argument('<id>', 'the fault id')
    .description('Remove one fault.')
    .action(async (id: string) => print(await control('DELETE', `/faults/${encodeURIComponent(id)}`)));
  fault
    .command('clear')
    .description('Remove every fault.')
    .action(async () => print(await control('DELETE', '/faults')));

  program
    .command('requests')
    .description('Show the latest API requests (tokens are never logged, only their names).')
    .option('--limit <n>', 'how many', number('--limit', { min: 1, integer: true }), 20)
    .option('--clear', 'empty the log')
    .action(async (options) =>
      print(
        options.clear
          ? await control('DELETE', '/requests')
          : await control('GET', `/requests?limit=${options.limit}`),
      ),
    );

  program
    .command('deliveries')
    .description('Show the latest webhook handshakes and delivery attempts.')
    .option('--limit <n>', 'how many', number('--limit', { min: 1, integer: true }), 20)
    .action(async (options) => print(await control('GET', `/webhook-deliveries?limit=${options.limit}`)));

  program
    .command('events')
    .description('Show the latest events the sandbox emitted (what webhooks deliver).')
    .option('--limit <n>', 'how many', number('--limit', { min: 1, integer: true }), 20)
    .action(async (options) => print(await control('GET', `/events?limit=${options.limit}`)));

  program
    .command('webhook-options')
    .description('Change webhook delivery behaviour on a running sandbox.')
    .option(
      '--duplicate-rate <r>',
      'share of deliveries sent twice (0 to 1)',
      number('--duplicate-rate', { min: 0 }),
    )
    .option('--reorder', 'deliver batched events one by one, newest first')
    .option('--no-reorder', 'deliver batches in order')
    .option(
      '--suspend-after <n>',
      'consecutive failures that suspend a webhook',
      number('--suspend-after', { min: 1, integer: true }),
    )
    .action(async (options) =>
      print(
        await control('PUT', '/webhook-options', {
          ...(options.duplicateRate !== undefined ? { duplicate_rate: options.duplicateRate } : {}),
          ...(options.reorder !== undefined ? { reorder: options.reorder } : {}),
          ...(options.suspendAfter !== undefined ? { suspend_after_failures: options.suspendAfter } : {}),
        }),
      ),
    );

  program
    .command('settle')
    .description('Wait until background jobs and webhook deliveries are done.')
    .action(async () => print(await control('POST', '/settle')));

  return program;
}
