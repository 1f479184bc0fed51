/**
 * The load generator, run in its own process so it does not steal the server's event loop:
 * autocannon cycles through the given paths and every response time is kept, for exact
 * percentiles. Prints one JSON line.
 */
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';

// The plan comes in a file: thousands of paths do not fit in one command-line argument.
const { url, paths, connections, seconds } = JSON.parse(readFileSync(process.argv[2] as string, 'utf8')) as {
  url: string;
  paths: string[];
  connections: number;
  seconds: number;
};

const times: number[] = [];
let failures = 0;
const instance = autocannon({
  url,
  connections,
  duration: seconds,
  requests: paths.map((path) => ({ method: 'GET', path })),
});
(instance as unknown as NodeJS.EventEmitter).on(
  'response',
  (_client: unknown, statusCode: number, _bytes: number, responseTime: number) => {
    if (statusCode === 200) times.push(responseTime);
    else failures++;
  },
);
const result = await instance;
process.stdout.write(
  `${JSON.stringify({ times, failures, errors: result.errors, seconds: result.duration })}\n`,
);
