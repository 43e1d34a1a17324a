/** The Inspector tab's URI path: the file's folder, its name prefixed with "Inspector · ", and back. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { INSPECTOR_TAB_PREFIX, filePathOfInspectorTab, inspectorTabPath } from '../../../src/presentation/inspectorTabName';

test('the tab path keeps the folder and prefixes the name', () => {
  assert.equal(inspectorTabPath('/data/runs/sample.jsonl'), '/data/runs/Inspector · sample.jsonl');
  assert.equal(inspectorTabPath('/c:/Users/me/a b.json'), '/c:/Users/me/Inspector · a b.json');
});

test('a tab path maps back to the file, for every kind of name', () => {
  for (const path of ['/data/runs/sample.jsonl', '/x.parquet', '/d/Inspector · named so.jsonl', '/d/ünïcode · ·.jsonl', '/d/.hidden']) {
    assert.equal(filePathOfInspectorTab(inspectorTabPath(path)), path, path);
  }
});

test('a path that is not an Inspector tab path maps to nothing', () => {
  assert.equal(filePathOfInspectorTab('/data/runs/sample.jsonl'), undefined);
  assert.equal(filePathOfInspectorTab(`/data/${INSPECTOR_TAB_PREFIX}`), undefined);
  assert.equal(filePathOfInspectorTab(`/data/${INSPECTOR_TAB_PREFIX.trim()}sample.jsonl`), undefined);
});
