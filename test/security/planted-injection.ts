// The sqlmap harness's own control: a throwaway loopback server with an injectable query on an
// in-memory PGlite. If sqlmap, run the way the security run runs it, does not find this one, a run
// that finds nothing in Saxla proves nothing (a new sqlmap that prints differently, a broken
// marker), and the control fails.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PGlite } from '@electric-sql/pglite';
import { runSqlmap, type SqlmapOutcome } from './sqlmap-run.ts';

async function plantedServer(): Promise<{ url: string; server: Server; db: PGlite }> {
  const db = new PGlite();
  await db.exec("create table people (phone text, name text); insert into people values ('+994500000101', 'Aysel');");
  const server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => { body += chunk; });
    req.on('end', () => {
      const answer = async (): Promise<void> => {
        const phone = (JSON.parse(body) as { phone?: string }).phone ?? '';
        // Deliberately injectable: string-built SQL, the mistake the run exists to catch.
        const rows = await db.query(`select name from people where phone = '${phone}'`);
        res.writeHead(rows.rows.length > 0 ? 200 : 404, { 'content-type': 'application/json' }).end(JSON.stringify(rows.rows));
      };
      answer().catch((error: unknown) => {
        res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ error: String(error) }));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, server, db };
}

export async function plantedInjectionFound(dir: string): Promise<SqlmapOutcome> {
  const { url, server, db } = await plantedServer();
  try {
    return await runSqlmap(
      { method: 'POST', route: '/planted', pathAndQuery: '/planted', body: { type: 'json', text: '{"phone":"+994500000101*"}' }, session: 'none', idempotencyKey: false, marked: ['phone'] },
      { url, customerCookie: '', staffCookie: '', adminToken: '' }, dir, 0, 90_000);
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await db.close();
  }
}
