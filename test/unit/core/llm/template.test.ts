import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { buildContextBlock } from '../../../../src/core/llm/context';
import { DEFAULT_FIDELITY_TEMPLATE, DEFAULT_GENRM_TEMPLATE, formatTemplate, loadTemplate, makeTemplate, renderTemplate, TemplateError } from '../../../../src/core/llm/template';
import { removeThinking } from '../../../../src/core/record/thinking';
import { tempDir } from './helpers';

test('str.format semantics: placeholders, {{ and }}', () => {
  const out = formatTemplate('a {x} b {{literal}} c }} {{ {y}{x}', { x: 'X', y: '{not a placeholder}' });
  assert.equal(out, 'a X b {literal} c } { {not a placeholder}X');
  assert.equal(formatTemplate('{{{x}}}', { x: 'v' }), '{v}');
  assert.equal(formatTemplate('no fields', {}), 'no fields');
  assert.equal(formatTemplate('{x!s} {x:}', { x: 'v' }), 'v v');
});

test('str.format errors name the placeholder and the template', () => {
  assert.throws(() => formatTemplate('hello {nope}', { x: '1' }, '/t/judge.txt'), (e: unknown) => {
    assert.ok(e instanceof TemplateError);
    assert.match(e.message, /\{nope\}/);
    assert.match(e.message, /\/t\/judge\.txt/);
    return true;
  });
  assert.throws(() => formatTemplate('a } b', {}, 'T'), /Single '\}' encountered in template T \(line 1\)/);
  assert.throws(() => formatTemplate('line1\n{open', { open: 'x' }, 'T'), /Single '\{' encountered .*line 2/);
  assert.throws(() => formatTemplate('{}', {}, 'T'), /Positional placeholder \{\}/);
  assert.throws(() => formatTemplate('{0}', {}, 'T'), /Positional placeholder \{0\}/);
  assert.throws(() => formatTemplate('{x.attr}', { x: 'v' }, 'T'), /not supported/);
  assert.throws(() => formatTemplate('{x:>10}', { x: 'v' }, 'T'), /not supported/);
});

test('user template files load and validate; unknown placeholders are reported with the file', async () => {
  const { dir, cleanup } = tempDir();
  try {
    const good = join(dir, 'judge.txt');
    writeFileSync(good, 'CTX {context_and_responses}\nGOLD {golden_explanation}\nGENRM {genrm_explanation}\nJSON: {{"verdict": "Correct"}}\n');
    const t = await loadTemplate('fidelity', good);
    assert.equal(t.source, good);
    assert.deepEqual(t.placeholders, ['context_and_responses', 'golden_explanation', 'genrm_explanation']);
    assert.equal(
      renderTemplate(t, { context_and_responses: 'C{x}', golden_explanation: 'G', genrm_explanation: 'R' }),
      'CTX C{x}\nGOLD G\nGENRM R\nJSON: {"verdict": "Correct"}\n',
    );
    const bad = join(dir, 'bad.txt');
    writeFileSync(bad, 'x\ny {context_and_responses} {golden_explanation} {genrm_explanation}\n{question}\n');
    await assert.rejects(loadTemplate('fidelity', bad), (e: unknown) => {
      assert.ok(e instanceof TemplateError);
      assert.match(e.message, /Unknown placeholder \{question\}/);
      assert.ok(e.message.includes(bad));
      assert.match(e.message, /line 3/);
      return true;
    });
    await assert.rejects(loadTemplate('fidelity', join(dir, 'missing.txt')), /Cannot read template file/);
    const noGold = join(dir, 'nogold.txt');
    writeFileSync(noGold, '{context_and_responses} {genrm_explanation}');
    await assert.rejects(loadTemplate('fidelity', noGold), /must contain \{golden_explanation\}/);
  } finally {
    cleanup();
  }
});

test('GenRM templates: a plain instruction is a verbatim system prompt; with {context_and_responses} it is filled', () => {
  const sys = makeTemplate('genrm', 'Pick one. Answer \\boxed{A} or \\boxed{B}; write \\boxed{} at the end.');
  assert.equal(sys.mode, 'system');
  assert.equal(renderTemplate(sys, {}), sys.text);
  const fmt = makeTemplate('genrm', 'Compare:\n{context_and_responses}\nEnd with \\boxed{{A}} or \\boxed{{B}}.');
  assert.equal(fmt.mode, 'format');
  assert.equal(renderTemplate(fmt, { context_and_responses: 'CTX' }), 'Compare:\nCTX\nEnd with \\boxed{A} or \\boxed{B}.');
  assert.throws(() => makeTemplate('genrm', '{context_and_responses} {golden_explanation}'), /not available in this kind of template/);
});

test('built-in templates are valid and carry the protocol', () => {
  assert.equal(DEFAULT_GENRM_TEMPLATE.mode, 'system');
  assert.match(DEFAULT_GENRM_TEMPLATE.text, /\\boxed\{A\} or \\boxed\{B\}/);
  assert.match(DEFAULT_GENRM_TEMPLATE.text, /Ties are not allowed/);
  assert.equal(DEFAULT_FIDELITY_TEMPLATE.mode, 'format');
  const filled = renderTemplate(DEFAULT_FIDELITY_TEMPLATE, { context_and_responses: '<CTX>', golden_explanation: '<GOLD>', genrm_explanation: '<GENRM>' });
  for (const s of ['<CTX>', '<GOLD>', '<GENRM>', '<golden_key_points>', '<genrm_analysis>', '<final_verdict>', 'Correct or Incorrect']) assert.ok(filled.includes(s), s);
  assert.match(filled, /different reason for the same choice is Incorrect/);
  assert.match(filled, /vague or generic statements/);
});

test('context block, single turn: exact text', () => {
  assert.equal(
    buildContextBlock([{ role: 'user', content: 'Q?' }], 'ans A', 'ans B'),
    "<|User Prompt|>\nQ?\n\n<|The Start of Assistant A's Answer with User|>\n\nans A\n\n<|The End of Assistant A's Answer with User|>\n\n" +
      "<|The Start of Assistant B's Answer with User|>\n\nans B\n\n<|The End of Assistant B's Answer with User|>\n\n",
  );
});

test('context block, multi-turn with other roles and content parts: exact text', () => {
  const block = buildContextBlock(
    [
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'Hi' },
      { role: 'assistant', content: 'Hello!' },
      { role: 'TOOL', content: 'result=1' },
      { role: 'user', content: [{ type: 'image', path: 'x.png' }, { type: 'text', text: 'What is shown?' }, { type: 'text', text: 'Be exact.' }] },
    ],
    'A',
    'B',
  );
  assert.equal(
    block,
    '<|Dialogue Context|>\nSystem: Be brief.\nUser: Hi\nAssistant: Hello!\nTool: result=1\n\n<|End of Dialogue Context|>\n\n' +
      '<|User Prompt|>\nWhat is shown?\nBe exact.\n\n' +
      "<|The Start of Assistant A's Answer with User|>\n\nA\n\n<|The End of Assistant A's Answer with User|>\n\n" +
      "<|The Start of Assistant B's Answer with User|>\n\nB\n\n<|The End of Assistant B's Answer with User|>\n\n",
  );
  assert.equal(buildContextBlock([], 'a', 'b').slice(0, 18), '<|User Prompt|>\n\n<');
});

test('thinking removal: up to and including the LAST </think>, then trimmed like Python strip', () => {
  assert.equal(removeThinking('<think>a</think> mid </think>\n final \n'), 'final');
  assert.equal(removeThinking('no thinking  '), 'no thinking');
  assert.equal(removeThinking(null), '');
  assert.equal(removeThinking('x</think>'), '');
  assert.equal(removeThinking('\u0085\u001c text \u3000'), 'text');
});
