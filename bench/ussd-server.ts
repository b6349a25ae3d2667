// The server side of bench/ussd.ts, in its own process as in production: the Saxla app on the
// given PostgreSQL database and, on another port, the bare Fastify baseline. Prints the ports.
import Fastify from 'fastify';
import type { AddressInfo } from 'node:net';
import { buildApp } from '../src/channels/http/build-app.ts';
import { instantFromEpochMs } from '../src/domain/calendar.ts';
import { parseValidityPolicy } from '../src/domain/policy.ts';
import { openPostgres } from '../src/db/postgres.ts';
import { silentLogger } from '../src/services/logger.ts';
import { createUseCases } from '../src/services/use-cases.ts';
import demoPolicy from '../src/policies/demo-2024.json' with { type: 'json' };

const url = process.argv[2];
const pool = Number(process.argv[3] ?? 8);
if (!url) throw new Error('usage: ussd-server.ts DATABASE_URL [POOL]');
const db = await openPostgres(url, { max: pool });
const deps = { db, policy: parseValidityPolicy(demoPolicy), now: () => instantFromEpochMs(Date.now()), secret: 'bench-secret-0123456789abcdef' };
const app = await buildApp({ ...deps, mode: 'demo', adminToken: 'bench-admin-token-0123456789', useCases: createUseCases({ ...deps, logger: silentLogger }) });
await app.listen({ port: 0, host: '127.0.0.1' });
const bare = Fastify({ logger: false });
bare.get('/bare', async () => 'CON bare');
// Not the baseline, a diagnosis: what one round trip to PostgreSQL costs a route on this machine.
bare.get('/bare-db', async () => {
  await db.query('select valid_until from lines where msisdn = $1', ['+994501000001']);
  return 'CON bare';
});
await bare.listen({ port: 0, host: '127.0.0.1' });
const port = (a: AddressInfo | string | null): number => (a !== null && typeof a === 'object' ? a.port : 0);
process.stdout.write(`${JSON.stringify({ app: port(app.server.address()), bare: port(bare.server.address()) })}\n`);
process.on('SIGTERM', () => {
  void Promise.all([app.close(), bare.close()]).then(() => db.close()).then(() => process.exit(0));
});
