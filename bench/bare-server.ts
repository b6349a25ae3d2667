// The baseline of the HTTP benchmarks: a bare Fastify route that makes one PostgreSQL read (the
// floor any database-backed answer pays), in N processes on one port (node:cluster), as Saxla's
// `serve --workers N` runs. Prints {"port": …} on standard output once every worker listens.
// Usage: node bench/bare-server.ts DATABASE_URL WORKERS [POOL]
import cluster from 'node:cluster';
import Fastify from 'fastify';
import { openPostgres } from '../src/db/postgres.ts';

const url = process.argv[2];
const workers = Number(process.argv[3] ?? 1);
const pool = Number(process.argv[4] ?? 10);
if (!url) throw new Error('usage: bare-server.ts DATABASE_URL WORKERS [POOL]');

if (cluster.isPrimary) {
  // Port 0 in a cluster: the primary picks one port and every worker shares it.
  let listening = 0;
  let port = 0;
  for (let i = 0; i < workers; i++) {
    cluster.fork().on('listening', (address) => {
      port = address.port;
      listening += 1;
      if (listening === workers) process.stdout.write(`${JSON.stringify({ port })}\n`);
    });
  }
  process.on('SIGTERM', () => {
    for (const worker of Object.values(cluster.workers ?? {})) worker?.kill('SIGTERM');
    process.exit(0);
  });
} else {
  const db = await openPostgres(url, { max: pool });
  const app = Fastify({ logger: false });
  let n = 0;
  app.get('/bare-db', async () => {
    n = (n + 1) % 10_000;
    const [row] = await db.query<{ balance: number }>('select balance from lines where msisdn = $1', [`+99450${String(1_000_000 + n)}`]);
    return `CON ${String(row?.balance ?? 0)}`;
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  process.on('SIGTERM', () => { void app.close().then(() => db.close()).then(() => process.exit(0)); });
}
