#!/usr/bin/env node
import { createProgram } from './cli/program.ts';

const program = createProgram(
  {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
  },
  {
    onStarted(sandbox) {
      const stop = () => {
        void sandbox.stop().then(() => process.exit(0));
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    },
  },
);

await program.parseAsync(process.argv);
