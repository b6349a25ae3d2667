// OpenTelemetry traces, off unless OTEL_EXPORTER_OTLP_ENDPOINT (or _TRACES_ENDPOINT) is set: then
// every HTTP request, database transaction, job pass and SMS send is a span, exported over OTLP/HTTP
// to that collector (OTEL_SERVICE_NAME, default "saxla"). Spans are made by Saxla's own hooks, not
// by patching libraries at load time, so nothing depends on import order. Without a collector the
// API's no-op tracer answers and the cost is a few function calls.
import { SpanKind, SpanStatusCode, context, trace, type Attributes, type Context, type Span } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, NodeTracerProvider, type SpanProcessor } from '@opentelemetry/sdk-trace-node';

// Asked for at each use (the API keeps it): a tracer taken once would stay with a provider replaced since.
const tracer = (): ReturnType<typeof trace.getTracer> => trace.getTracer('saxla');

export interface Tracing {
  shutdown(): Promise<void>;
}

type Env = Readonly<Record<string, string | undefined>>;

/** OTLP/HTTP's own rule: the traces endpoint as given, else the base endpoint + /v1/traces. */
function tracesUrl(env: Env): string {
  return env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ?? `${(env.OTEL_EXPORTER_OTLP_ENDPOINT ?? '').replace(/\/$/, '')}/v1/traces`;
}

/** Starts exporting when a collector is configured; `processor` replaces the exporter (tests). */
export function startTracing(env: Env, processor?: SpanProcessor): Tracing | undefined {
  if (!processor && !env.OTEL_EXPORTER_OTLP_ENDPOINT && !env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) return undefined;
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': env.OTEL_SERVICE_NAME ?? 'saxla' }),
    spanProcessors: [processor ?? new BatchSpanProcessor(new OTLPTraceExporter({ url: tracesUrl(env) }))],
  });
  // Also installs the AsyncLocalStorage context manager, so spans nest across awaits.
  provider.register();
  return { shutdown: () => provider.shutdown() };
}

/** Starts a span as the current one for `work` (and everything it awaits), ending it after. */
export async function inSpan<T>(name: string, kind: SpanKind, attributes: Attributes, work: (span: Span) => Promise<T>): Promise<T> {
  return tracer().startActiveSpan(name, { kind, attributes }, async (span) => {
    try {
      return await work(span);
    } catch (error) {
      span.recordException(error instanceof Error ? error : new Error(String(error)));
      span.setStatus({ code: SpanStatusCode.ERROR });
      throw error;
    } finally {
      span.end();
    }
  });
}

/** An HTTP request's server span, begun when it arrives (its route template names it, never the raw URL). */
export function startRequestSpan(method: string, route: string): Span {
  return tracer().startSpan(`${method} ${route}`, { kind: SpanKind.SERVER, attributes: { 'http.request.method': method, 'http.route': route } });
}

/** Runs the rest of the request with its span as the current one, so its transactions nest under it. */
export function continueInSpan(span: Span, run: () => void): void {
  const active: Context = trace.setSpan(context.active(), span);
  context.with(active, run);
}

export function endRequestSpan(span: Span, statusCode: number): void {
  span.setAttribute('http.response.status_code', statusCode);
  if (statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
  span.end();
}

export { SpanKind, type Span };
