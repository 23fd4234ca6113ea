import { RingCxHttp, type ClientOptions } from './http/http-client.ts';
import { Threads } from './resources/threads.ts';

/**
 * The RingCX Interactions API client.
 *
 * ```ts
 * const ringcx = new RingCxClient({ account: 'acme', accessToken: process.env.RINGCX_TOKEN });
 * for await (const thread of ringcx.threads.iterate({ q: searchQuery({ status_in: ['new'] }) })) …
 * ```
 */
export class RingCxClient extends RingCxHttp {
  readonly threads: Threads;

  constructor(options: ClientOptions) {
    super(options);
    this.threads = new Threads(this);
  }
}
