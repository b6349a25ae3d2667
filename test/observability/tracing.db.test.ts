// OpenTelemetry traces: off without a collector; with one, a request is a server span named by its
// route, its database transaction a child span, and the spans reach the collector over OTLP/HTTP.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { trace } from '@opentelemetry/api';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-node';
import { startTracing, type Tracing } from '../../src/tracing.ts';
import { buildTestApp, type TestApp } from '../helpers/test-app.ts';
import { sameOriginHeaders } from '../helpers/customers.ts';
import { iccidFor, msisdnFor, policy } from '../helpers/factories.ts';
import { provisionLines } from '../../src/services/provision-lines.ts';

let t: TestApp;
before(async () => {
  t = await buildTestApp();
  await provisionLines({ db: t.db, policy, now: t.clock.now }, [{ row: 1, msisdn: msisdnFor(91), iccid: iccidFor(91), balance: 500, validUntil: '2027-01-31', language: 'en' }]);
});
after(async () => { await t.close(); });

test('without a collector no tracing starts', () => {
  assert.equal(startTracing({}), undefined);
});

test('a request is a server span named by its route, and its transaction a child of it', async () => {
  const exporter = new InMemorySpanExporter();
  const tracing = startTracing({}, new SimpleSpanProcessor(exporter));
  assert.ok(tracing);
  try {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/register', headers: sameOriginHeaders, payload: { phone: msisdnFor(91), language: 'en' } });
    assert.equal(res.statusCode, 202);
    const spans = exporter.getFinishedSpans();
    const server = spans.find((s) => s.name === 'POST /api/v1/auth/register');
    assert.ok(server, spans.map((s) => s.name).join());
    assert.equal(server.attributes['http.response.status_code'], 202);
    const transactions = spans.filter((s) => s.name === 'db.transaction' && s.spanContext().traceId === server.spanContext().traceId);
    assert.ok(transactions.length >= 1, 'the transaction belongs to the request\'s trace');
    assert.ok(transactions.every((s) => s.parentSpanContext?.spanId === server.spanContext().spanId));
    // The route's template names the span: never the number asked about.
    const lookup = await t.app.inject({ method: 'GET', url: `/api/v1/lines/${encodeURIComponent(msisdnFor(91))}` });
    assert.equal(lookup.statusCode, 401);
    assert.ok(exporter.getFinishedSpans().some((s) => s.name === 'GET /api/v1/lines/:msisdn'));
    assert.ok(!exporter.getFinishedSpans().some((s) => s.name.includes('994')));
  } finally {
    await tracing.shutdown();
    trace.disable();
  }
});

test('with OTEL_EXPORTER_OTLP_ENDPOINT the spans reach the collector over OTLP/HTTP', async () => {
  const received: string[] = [];
  const collector: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => { body += c.toString('latin1'); });
    req.on('end', () => { received.push(`${req.url ?? ''} ${body}`); res.writeHead(200, { 'content-type': 'application/json' }).end('{}'); });
  });
  await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', resolve));
  const address = collector.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const tracing: Tracing | undefined = startTracing({ OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${String(port)}`, OTEL_SERVICE_NAME: 'saxla-test' });
  assert.ok(tracing);
  try {
    await t.app.inject({ method: 'GET', url: '/healthz' });
  } finally {
    await tracing.shutdown(); // flushes the batch
    trace.disable();
    collector.close();
  }
  assert.ok(received.some((r) => r.startsWith('/v1/traces ') && r.includes('saxla-test') && r.includes('GET /healthz')), received.join('\n').slice(0, 500));
});
