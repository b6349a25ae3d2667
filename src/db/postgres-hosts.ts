// Multi-host connection strings as libpq reads them — `postgres://u@h1:5432,h2:5433/db?target_session_attrs=read-write`
// — for node-postgres, which takes one host. Saxla keeps one pool on the host that accepts writes
// and, when that host stops answering or turns read-only (a failover), asks every host again.
import pg from 'pg';

export interface HostTargets {
  /** One single-host connection string per host, in the order given. */
  readonly urls: readonly string[];
  /** Only a host that accepts writes will do (several hosts, or target_session_attrs=read-write). */
  readonly needsPrimary: boolean;
}

export function parseHostTargets(connectionString: string): HostTargets {
  const match = /^(postgres(?:ql)?:\/\/)(?:([^@/?#]*)@)?([^/?#]*)(\/[^?#]*)?(\?[^#]*)?$/.exec(connectionString);
  if (!match) return { urls: [connectionString], needsPrimary: false };
  const [, scheme = 'postgres://', credentials, hostList = '', path = '', query = ''] = match;
  const params = new URLSearchParams(query.slice(1));
  const attrs = params.get('target_session_attrs');
  // node-postgres does not know the parameter; it is honoured here instead.
  params.delete('target_session_attrs');
  const rest = params.toString();
  const hosts = hostList.split(',').filter((h) => h.length > 0);
  const urls = (hosts.length > 0 ? hosts : ['']).map((host) => `${scheme}${credentials !== undefined ? `${credentials}@` : ''}${host}${path}${rest ? `?${rest}` : ''}`);
  return { urls, needsPrimary: hosts.length > 1 || attrs === 'read-write' || attrs === 'primary' };
}

/** The first host (in the order given) that answers and accepts writes; throws the last host's error. */
export async function findWritableHost(targets: HostTargets, connectTimeoutMs: number): Promise<string> {
  const [only] = targets.urls;
  if (only !== undefined && !targets.needsPrimary) return only;
  let lastError: unknown = new Error('no host given');
  for (const url of targets.urls) {
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: connectTimeoutMs });
    client.on('error', () => undefined);
    try {
      await client.connect();
      // As libpq's read-write check: not in recovery, and not holding writes back (a node being
      // promoted by pg_auto_failover runs read-only until the old primary is known to be gone).
      const [row] = (await client.query<{ standby: boolean; readOnly: boolean }>(
        `select pg_is_in_recovery() as standby, current_setting('transaction_read_only') = 'on' as "readOnly"`)).rows;
      if (row && !row.standby && !row.readOnly) return url;
      lastError = Object.assign(new Error(`${describeHost(url)} is ${row?.standby ? 'a standby' : 'read-only for now'}`), { code: '08006' });
    } catch (error) {
      lastError = error;
    } finally {
      await client.end().catch(() => undefined);
    }
  }
  // A connection-class error: callers treat "no primary yet" as the outage it is (503, retry).
  throw Object.assign(new Error(`no host accepts writes: ${lastError instanceof Error ? lastError.message : String(lastError)}`), { code: '08001', cause: lastError });
}

export function describeHost(url: string): string {
  return /@?([^@/]+)\/[^/]*$/.exec(url.split('?')[0] ?? '')?.[1] ?? 'the database';
}
