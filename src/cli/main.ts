/** The `openvet` executable. Only this file touches the process's exit state. */
import { processIo } from './io.js';
import { runCli } from './program.js';

// A reader that stops early (`openvet scan -f json | head`) closes the pipe: that is not an
// error of openvet's, so it ends quietly instead of with an unhandled EPIPE stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

const code = await runCli(process.argv.slice(2), processIo());
process.exitCode = code;
