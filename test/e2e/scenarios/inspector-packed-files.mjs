// A .jsonl.gz and a Parquet file open in the Inspector from the explorer's context menu, as they
// ship: the same figures as the plain file (samples/README.md: L-Acc 75.0%, S-Corr 25.0%, n=48) in
// the Inspector and the status bar, and records re-read on demand when clicked, a later one then an
// earlier one (the gzip file from the private decompressed copy, the Parquet file by row group).
import { writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { DuckDBInstance } from '@duckdb/node-api';

export const timeout = 150_000;

async function writeParquet(jsonl, out) {
  const db = await DuckDBInstance.create(':memory:');
  const connection = await db.connect();
  try {
    await connection.run(`COPY (SELECT * FROM read_json('${jsonl}', format = 'newline_delimited')) TO '${out}' (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 10)`);
  } finally {
    connection.closeSync();
    db.closeSync();
  }
}

export default async function ({ page, server, harness, ROOT, tmp, name }) {
  const sample = join(ROOT, 'samples', 'r-align-synthetic.jsonl');
  const folder = harness.makeWorkspace([], { parent: tmp });
  writeFileSync(join(folder, 'results.jsonl.gz'), gzipSync(readFileSync(sample)));
  await writeParquet(sample, join(folder, 'results.parquet'));
  const ids = readFileSync(sample, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l).id);

  await harness.openWorkbench(page, server, folder, { waitForFile: 'results.parquet' });
  for (const file of ['results.jsonl.gz', 'results.parquet']) {
    await harness.explorerMenu(page, file, 'Open Inspector');
    await page.locator('.tabs-container .tab', { hasText: file }).waitFor({ timeout: 20_000 });
    const view = harness.webviewFrame(page); // the active tab's webview
    const figure = view.locator('.metrics[data-state="final"] [data-metric="s-corr"] .metric-value');
    await figure.waitFor({ timeout: 30_000 });
    const sCorr = (await figure.textContent()).trim();
    if (sCorr !== '25.0%') throw new Error(`${file}: the Inspector shows S-Corr ${sCorr}, the plain file 25.0%`);
    const rows = await view.locator('.vrow[data-index]').count();
    if (rows < 10) throw new Error(`${file}: ${rows} rows listed`);
    const status = (await harness.statusBarItem(page, 'S-Corr').innerText()).replace(/\s+/g, ' ').trim();
    if (status !== 'S-Corr 25.0% · L-Acc 75.0% (n=48)') throw new Error(`${file}: the status bar says "${status}"`);
    // A later record, then an earlier one: each is read again from the file on demand.
    for (const index of [9, 2, 7]) {
      await view.locator(`.vrow[data-index="${index}"]`).click();
      await view.locator('.record .record-id', { hasText: ids[index] }).waitFor({ timeout: 15_000 });
    }
    await harness.screenshot(page, `${name}-${file.replace(/\W/g, '-')}`);
  }
}
