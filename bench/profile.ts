// Where the serving process's time goes on each benchmarked path: `saxla serve` (1 worker) under
// node --cpu-prof while top-ups, USSD first screens or renewals run over HTTP, the profile's
// samples summed by what they were doing. Answers "why is the HTTP path slower than pgbench" with
// the process's own samples rather than a guess.
// Run: node bench/run.ts profile   (BENCH_SECONDS=10; BENCH_PROFILE_DIR keeps the .cpuprofile files;
//      BENCH_PROFILE_PATHS=top-ups,ussd,renewals,dashboard picks which)
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ADMIN_TOKEN, LINES, msisdnOf, run, startSaxla } from './http-support.ts';
import { renewOnce, signIn, ussdOptions } from './http.ts';
import { line } from './support.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const PATHS = new Set((process.env.BENCH_PROFILE_PATHS ?? 'top-ups,ussd,renewals,dashboard').split(','));

interface ProfileNode { id: number; callFrame: { functionName: string; url: string }; children?: number[] }
interface CpuProfile { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] }

/** What a sample was doing, judged by its own frame and, for socket writes, by who wrote. */
function bucketOf(chain: readonly ProfileNode['callFrame'][]): string {
  const [self] = chain;
  if (!self) return 'other';
  const name = self.functionName;
  if (name === '(idle)') return 'idle (waiting for the network)';
  if (name === '(garbage collector)') return 'garbage collector';
  // Loading and type-stripping the code at start (the profile covers the process's whole life).
  if (/node:internal\/modules|node:internal\/deps\/amaro|^wasm:/.test(self.url) || name === 'compileSourceTextModule') return 'start-up (loading and compiling the code)';
  if (['writev', 'writeBuffer', 'writeUtf8String', 'writeLatin1String'].includes(name)) {
    // pg's own writes, and the uncorking of `begin` with the first statement (src/db/postgres.ts).
    if (chain.some((f) => /node_modules\/pg\/|\/src\/db\/postgres\.ts$/.test(f.url))) return 'socket writes to PostgreSQL (system calls)';
    if (chain.some((f) => /node_modules\/smpp\//.test(f.url))) return 'socket writes to the SMSC';
    return 'socket writes of HTTP requests and answers';
  }
  const url = self.url;
  if (/node_modules\/(pg|pg-protocol|pg-pool|pg-types)\//.test(url)) return 'PostgreSQL driver (pg)';
  if (/node_modules\/(fastify|@fastify|find-my-way|light-my-request|avvio|fast-json-stringify|ajv|ajv-formats)\//.test(url) || /node:_http|http_parser/.test(url)) return 'Fastify and HTTP';
  if (/\/src\//.test(url) && !url.includes('node_modules')) return 'Saxla code (src/)';
  if (url.includes('node_modules')) return 'other libraries';
  return 'Node internals (streams, timers, promises)';
}

function summarise(profile: CpuProfile): { buckets: Map<string, number>; saxla: Map<string, number>; total: number } {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const timeOf = new Map<number, number>();
  profile.samples.forEach((id, i) => timeOf.set(id, (timeOf.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const buckets = new Map<string, number>();
  const saxla = new Map<string, number>();
  let total = 0;
  for (const [id, us] of timeOf) {
    const chain: ProfileNode['callFrame'][] = [];
    for (let at: number | undefined = id; at !== undefined && chain.length < 40; at = parent.get(at)) {
      const node = byId.get(at);
      if (node) chain.push(node.callFrame);
    }
    const bucket = bucketOf(chain);
    buckets.set(bucket, (buckets.get(bucket) ?? 0) + us);
    total += us;
    // Saxla's own frames, inclusive: the nearest src/ function on the stack takes the sample.
    const own = chain.find((f) => /\/src\//.test(f.url) && !f.url.includes('node_modules'));
    if (own) {
      const key = `${own.functionName || '(anonymous)'} ${own.url.replace(/^.*\/src\//, 'src/')}`;
      saxla.set(key, (saxla.get(key) ?? 0) + us);
    }
  }
  return { buckets, saxla, total };
}

async function profiled(kind: string, unit: string, load: (base: string, customer: () => Promise<Record<string, string>>, saxla: Awaited<ReturnType<typeof startSaxla>>) => Promise<number>): Promise<void> {
  const dir = process.env.BENCH_PROFILE_DIR ?? mkdtempSync(join(tmpdir(), 'saxla-profile-'));
  const before = new Set(readdirSync(dir));
  const saxla = await startSaxla(`saxla_bench_profile`, 1, { LOG_LEVEL: 'warn', NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${dir}` });
  const requests = await load(saxla.base, () => signIn(saxla), saxla).finally(() => saxla.stop());
  const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile') && !before.has(f));
  if (!file) throw new Error(`no profile written in ${dir}`);
  const { buckets, saxla: own, total } = summarise(JSON.parse(readFileSync(join(dir, file), 'utf8')) as CpuProfile);
  const share = (us: number): string => `${((100 * us) / total).toFixed(1)} %`;
  process.stdout.write(`\n${kind}: ${requests.toFixed(0)} ${unit}s/s; the serving process's ${(total / 1e6).toFixed(1)} s of samples (${join(dir, file)})\n`);
  for (const [bucket, us] of [...buckets].sort((a, b) => b[1] - a[1])) line(bucket, share(us), `${(us / (requests * SECONDS)).toFixed(0)} µs per ${unit}`);
  process.stdout.write('  Saxla functions (inclusive of what they call), the largest:\n');
  for (const [fn, us] of [...own].sort((a, b) => b[1] - a[1]).slice(0, 6)) line(`  ${fn}`.slice(0, 46), share(us));
}

export async function benchProfile(): Promise<void> {
  let sequence = 0;
  if (PATHS.has('top-ups')) await profiled('operator top-ups (16 connections)', 'top-up', async (base) => (await run({
    url: base, connections: 16, duration: SECONDS,
    requests: [{
      method: 'POST',
      setupRequest: (request) => {
        const n = ++sequence;
        return {
          ...request, path: `/api/v1/admin/lines/${encodeURIComponent(msisdnOf(n % 500))}/top-ups`,
          headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json', 'idempotency-key': `profile-${String(process.pid)}-${String(n)}` },
          body: JSON.stringify({ amount: { amount: 500, currency: 'AZN' }, reference: `profile-${String(n)}` }),
        };
      },
    }],
  })).rps);
  if (PATHS.has('ussd')) await profiled('USSD *101# first screen (32 connections)', 'screen', async (_base, _customer, saxla) => (await run({ ...ussdOptions(saxla), connections: 32, duration: SECONDS })).rps);
  if (PATHS.has('renewals')) await profiled('renewals end to end (32 customers; 4 requests each, and the sandbox\'s own webhook copy)', 'renewal', async (_base, customer, saxla) => {
    const headers = await customer();
    let done = 0;
    const deadline = performance.now() + SECONDS * 1000;
    await Promise.all(Array.from({ length: 32 }, async () => {
      while (performance.now() < deadline) {
        await renewOnce(saxla, headers, ++sequence);
        done++;
      }
    }));
    return done / SECONDS;
  });
  // The portal page the mixed load found slowest: a signed-in customer's dashboard (one line).
  if (PATHS.has('dashboard')) await profiled('portal dashboard (8 connections, one line)', 'page', async (base, _customer, saxla) => {
    const reader = await signIn(saxla, msisdnOf(LINES - 1), false);
    return (await run({ url: base, connections: 8, duration: SECONDS, requests: [{ method: 'GET', path: '/dashboard', headers: { cookie: reader.cookie ?? '' } }] })).rps;
  });
}

if (import.meta.main) await benchProfile();
