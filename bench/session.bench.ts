/**
 * Indexing an evaluation file the way the Inspector, hovers and status bar do (DatasetSession.load:
 * every record parsed, classified and tallied, about 32 bytes a record kept), on the main thread and
 * in one worker thread, and in byte ranges one worker a core as the extension does (main-thread busy
 * share reported), against a baseline measured in the same run: reading every line and
 * JSON.parse-ing it, nothing kept; and `stats`' tally, which the status bar's figures are held
 * against, with each contender's CPU seconds on its main thread and on the others. Each contender
 * runs in its own process, alone and beside a live heap the size of the extension host's own (so
 * V8 sizes its generations as it does there), and reports time and the RSS it added.
 */
import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ensureBenchFile } from './stats.bench';

const root = resolve(__dirname, '..', '..');
/** About the extension host's heap before any file is opened (measured in code-server 4.100.3). */
const HOST_HEAP_OBJECTS = 600_000;

interface Row {
  contender: string;
  hostHeap: boolean;
  seconds: number;
  addedRssMb: number;
  records: number;
  /** Share of the time the main thread was busy (event loop utilization): what the views must share. */
  busy: number;
  /** CPU seconds of the main thread and of every other thread (workers, V8's collector), where /proc says. */
  mainCpu: number;
  otherCpu: number;
}

const CHILD = `
const [coreDir, file, mode, ballastN] = process.argv.slice(1);
const { readFileSync } = require('node:fs');
const rss = () => Number(/VmRSS:\\s+(\\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))[1]) / 1024;
// Each thread's CPU seconds (Linux: /proc/self/task/<tid>/stat, utime + stime in 1/100 s), kept at
// its last reading: workers end before the pass does.
const threadCpu = new Map();
const readThreads = () => {
  let tids = [];
  try { tids = require('node:fs').readdirSync('/proc/self/task'); } catch { return; }
  for (const tid of tids) {
    try {
      const st = readFileSync('/proc/self/task/' + tid + '/stat', 'utf8');
      const f = st.slice(st.lastIndexOf(')') + 2).split(' ');
      threadCpu.set(tid, Math.max(threadCpu.get(tid) ?? 0, (Number(f[11]) + Number(f[12])) / 100));
    } catch {}
  }
};
const ballast = Array.from({ length: Number(ballastN) }, (_, i) => ({ i, s: 'x'.repeat(40) + i }));
(async () => {
  const before = rss();
  let peak = before;
  readThreads();
  const cpu0 = new Map(threadCpu);
  const timer = setInterval(() => { peak = Math.max(peak, rss()); readThreads(); }, 20);
  const t0 = process.hrtime.bigint();
  const { performance } = require('node:perf_hooks');
  const elu0 = performance.eventLoopUtilization();
  let records = 0;
  if (mode.startsWith('session')) {
    const { DatasetSession } = require(coreDir + '/session/session.js');
    const indexInWorker = mode === 'session' ? false : coreDir + '/session/indexWorker.js';
    const ranges = mode === 'session-ranges' ? { indexRanges: 'auto' } : {};
    const s = await DatasetSession.open(file, { indexInWorker, ...ranges, onProgress: () => (peak = Math.max(peak, rss())) });
    await s.load();
    records = s.count;
  } else if (mode === 'stats') {
    const { computeStats } = require(coreDir + '/tally/fileTally.js');
    records = (await computeStats(file, {})).overall.records;
  } else {
    const { openDataset } = require(coreDir + '/dataset/dataset.js');
    const { readEntries } = require(coreDir + '/io/entries.js');
    const ds = await openDataset(file, {});
    for await (const e of readEntries(file, ds.container, {})) if (e.kind === 'entry' && JSON.parse(e.entry.text)) records++;
  }
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const busy = performance.eventLoopUtilization(elu0).utilization;
  clearInterval(timer);
  readThreads();
  peak = Math.max(peak, rss());
  const spent = [...threadCpu].map(([tid, c]) => [tid, c - (cpu0.get(tid) ?? 0)]);
  const mainCpu = spent.find(([tid]) => tid === String(process.pid))?.[1] ?? 0;
  const otherCpu = spent.reduce((sum, [tid, c]) => (tid === String(process.pid) ? sum : sum + c), 0);
  process.stdout.write(JSON.stringify({ seconds, addedRssMb: peak - before, records, busy, mainCpu, otherCpu, kept: ballast.length }) + '\\n');
})();
`;

function measure(contender: string, mode: string, path: string, hostHeap: boolean): Row {
  const r = spawnSync(process.execPath, ['-e', CHILD, join(root, 'out', 'src', 'core'), path, mode, String(hostHeap ? HOST_HEAP_OBJECTS : 0)], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${contender} failed: ${r.stderr}`);
  const out = JSON.parse(r.stdout.trim().split('\n').pop() ?? '{}') as { seconds: number; addedRssMb: number; records: number; busy: number; mainCpu: number; otherCpu: number };
  return { contender, hostHeap, ...out };
}

export function benchSession(runs = 3): Promise<Row[]> {
  return ensureBenchFile().then((path) => {
    const rows: Row[] = [];
    for (const hostHeap of [false, true]) {
      for (const [contender, mode] of [
        ['read + JSON.parse each line (baseline)', 'parse'],
        ['session load on the main thread', 'session'],
        ['session load in one worker', 'session-worker'],
        ['session load in ranges, a worker a core (the extension)', 'session-ranges'],
        ['`stats` (the status bar\'s reference: this thread and a worker)', 'stats'],
      ] as const) {
        const all = Array.from({ length: runs }, () => measure(contender, mode, path, hostHeap));
        rows.push(all.sort((a, b) => a.seconds - b.seconds)[0] as Row);
      }
    }
    if (new Set(rows.map((r) => r.records)).size !== 1) throw new Error(`record counts differ: ${rows.map((r) => r.records).join(', ')}`);
    return rows;
  });
}

if (require.main === module) {
  void ensureBenchFile().then(async (path) => {
    const rows = await benchSession();
    const mb = statSync(path).size / 1048576;
    console.log(`\nindexing a generated ${mb.toFixed(0)} MB R-Align file (${rows[0]?.records} records), best of 3:`);
    for (const r of rows) {
      const base = rows.find((b) => b.hostHeap === r.hostHeap && b.contender.includes('baseline')) as Row;
      const vs = r === base ? '(baseline)' : `${(r.seconds / base.seconds).toFixed(2)}× the baseline's time, ${(r.addedRssMb - base.addedRssMb).toFixed(0)} MB more RSS`;
      console.log(`  ${(r.hostHeap ? 'beside a host-sized heap: ' : 'alone: ') .padEnd(27)}${r.contender.padEnd(64)} ${r.seconds.toFixed(2).padStart(6)} s  +${r.addedRssMb.toFixed(0).padStart(4)} MB RSS  main thread ${(r.busy * 100).toFixed(0).padStart(3)}% busy  CPU ${r.mainCpu.toFixed(2)} s on it + ${r.otherCpu.toFixed(2)} s on other threads  ${vs}`);
    }
  });
}
