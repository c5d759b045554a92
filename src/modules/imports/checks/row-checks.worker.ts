// A worker thread that checks batches of import rows (row-checks.ts, openRowChecker).
import { parentPort, workerData } from 'node:worker_threads';
import { regionCatalog } from '../../regions/catalog.js';
import { createRowCheck, type RowCheckSettings } from './row-checks.js';

const check = createRowCheck(regionCatalog(), workerData as RowCheckSettings);
const port = parentPort!;
port.on('message', (m: { id: number; rows: Parameters<typeof check>[0][] }) => {
  port.postMessage({ id: m.id, outcomes: m.rows.map(check) });
});
port.postMessage('ready');
