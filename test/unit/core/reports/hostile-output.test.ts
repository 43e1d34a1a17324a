/** What the CLI prints and writes is safe to show: no terminal escapes from records, no spreadsheet formulas, no broken tables. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { csvCell, markdownCell } from '../../../../src/core/reports/report';
import { wilson } from '../../../../src/core/statistics/interval';
import { safeForTerminal } from '../../../../src/core/text/terminalText';
import { cliPath, tempFile } from '../../paths';

const OSC52 = '\u001b]52;c;ZWNobyBwd25lZA==\u0007'; // writes the clipboard
const OSC0 = '\u001b]0;pwned\u0007'; // sets the window title
const SGR8 = '\u001b[8m'; // hidden text
const CSI_C1 = '\u009b31m'; // an 8-bit CSI
const BIDI = '\u202e'; // right-to-left override

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [cliPath, ...args], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

// eslint-disable-next-line no-control-regex -- looking for raw control characters is the point
const RAW = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

test('record text never reaches the terminal raw (stats, align, CSV, JSON)', () => {
  const evil = `${OSC52}${OSC0}${SGR8}${CSI_C1}${BIDI}\r`;
  const rows = [
    { id: `x${OSC0}`, source: { subset: `math${OSC52}` }, conversations: [{ role: 'user', content: 'q' }], response_A: 'a', response_B: 'b', gt_label: 'A', gt_judgment: `A is right ${evil}.`, model_judgment: `A is right ${evil}. \\boxed{A}`, model_pred: `A${SGR8}` },
    { id: 'y', subset: `=HYPERLINK("http://evil")`, conversations: [{ role: 'user', content: 'q' }], response_A: 'a', response_B: 'b', gt_label: 'A', model_pred: 'A', metarm_verdict: 'Correct' },
  ];
  const file = tempFile('evil.jsonl', rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
  for (const args of [['stats', file], ['stats', file, '--csv'], ['stats', file, '--json'], ['align', file, '--record', '0'], ['align', file, '--record', '0', '--json']]) {
    const r = cli(...args);
    assert.equal(r.code, 0, `${args.join(' ')}: ${r.stderr}`);
    assert.ok(!RAW.test(r.stdout), `${args.join(' ')} stdout has a raw control character`);
    assert.ok(!RAW.test(r.stderr), `${args.join(' ')} stderr has a raw control character`);
  }
  // JSON output stays valid and means the same characters.
  const json = JSON.parse(cli('stats', file, '--json').stdout) as { groups: { key: string }[] };
  assert.ok(json.groups.some((g) => g.key === `math${OSC52}`));
  // CSV: the formula is defused.
  assert.match(cli('stats', file, '--csv').stdout, /'=HYPERLINK/);
  assert.equal(safeForTerminal(`a${OSC0}b\nc\td`), 'a\\u001b]0;pwned\\u0007b\nc\td');
});

test('CSV and Markdown cells: formulas, CR and line breaks', () => {
  for (const f of ['=1+1', '+1', '-1+2', '@SUM(A1)', '\t=1', '\r=1']) assert.ok(csvCell(f).replace(/^"/, '').startsWith("'"), f);
  assert.equal(csvCell(-3), '-3');
  assert.equal(csvCell('a\rb'), '"a\rb"');
  assert.equal(csvCell('plain'), 'plain');
  assert.equal(markdownCell('a|b\nc\r\nd'), 'a\\|b c d');
});

test('Wilson bounds are exact at 0 and n successes', () => {
  assert.equal(wilson(0, 10)?.[0], 0);
  assert.equal(wilson(10, 10)?.[1], 1);
  const iv = wilson(0, 37) as [number, number];
  assert.ok(iv[1] > 0 && iv[1] < 0.2);
});
