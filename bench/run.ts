// `npm run bench`: each figure beside a baseline measured in the same run. Not part of npm test.
import { benchCommits } from './commits.ts';
import { benchHttp } from './http.ts';
import { benchLedger } from './ledger.ts';
import { benchMixed } from './mixed.ts';
import { benchProfile } from './profile.ts';
import { benchRenewals } from './renewals.ts';
import { benchSmsThroughput } from './sms-throughput.ts';
import { benchSweep } from './sweep.ts';
import { benchUsage } from './usage.ts';
import { benchUssd } from './ussd.ts';
import { benchWaits } from './waits.ts';
import { machine } from './support.ts';

const only = process.argv.slice(2);
const want = (name: string): boolean => only.length === 0 || only.includes(name);

process.stdout.write(`Saxla benchmarks on ${machine()}\n`);
if (want('ledger')) await benchLedger();
if (want('sweep')) await benchSweep();
if (want('renewals')) await benchRenewals();
if (want('ussd')) await benchUssd();
if (want('sms')) await benchSmsThroughput();
if (want('usage')) await benchUsage();
if (want('http')) await benchHttp();
if (want('mixed')) await benchMixed();
if (want('commits')) await benchCommits();
if (want('waits')) await benchWaits();
// Only when named: it profiles rather than measures, and its figures are shares, not speeds.
if (only.includes('profile')) await benchProfile();
