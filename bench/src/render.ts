import { readFileSync } from 'node:fs';
import path from 'node:path';

import { BenchReport, writeReport } from './report';

/**
 * Renders report.md and report.html again from a run's results.json (after a change to the
 * report's layout): `node bench/dist/render.js bench/reports/<time>`.
 */
const dir = path.resolve(process.argv[2] ?? '.');
const report = JSON.parse(readFileSync(path.join(dir, 'results.json'), 'utf8')) as BenchReport;
writeReport(dir, report);
process.stdout.write(`rendered ${path.join(dir, 'report.md')}\n`);
