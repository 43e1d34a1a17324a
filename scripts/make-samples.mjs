#!/usr/bin/env node
/**
 * Writes the SYNTHETIC sample datasets in samples/ (see samples/README.md) from the hand-written
 * record specs in scripts/samples/*.json.
 *
 * No public file combines a GenRM rationale, a gold label and a gold rationale, so these records
 * were written by hand for this project: every prompt, response, gold judgment, GenRM rationale
 * and meta-judge output is data (scripts/samples/), not generated text. This script only assembles
 * the records into the R-Align and HelpSteer3-Preference layouts, checks that each record obeys the
 * R-Align pipeline rules (label-correctness, SkippedLabelMismatch, meta-judge tag parsing), and
 * writes the files byte-exactly.
 *
 * A spec: `id`, `subset`, `conv` (the conversation), `A`/`B` (responses), `gj` (gold judgment),
 * `gold`, `mj` (the GenRM's judgment), `pred` (model_pred; `noPred: true` when the key is absent
 * altogether), `fid` (the meta-judge outcome the record is designed to have: `kind` Correct /
 * Incorrect with `keys` and `analysis`, optional `think`; CallFail; ParseFail with `raw`; Skipped).
 *
 * Usage: node scripts/make-samples.mjs
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'samples');
const SPECS = join(ROOT, 'scripts', 'samples');

const GENRM_NAME = 'synthetic-genrm';
/** The second run's GenRM: the same records, five of them answered differently (scripts/samples/r-align-run2.json). */
const GENRM_RUN2_NAME = 'synthetic-genrm-mini';
const METARM_NAME = 'synthetic-judge';

const specs = (name) => JSON.parse(readFileSync(join(SPECS, `${name}.json`), 'utf8'));
const RALIGN = specs('r-align');
const HELPSTEER = specs('helpsteer3');
const HOSTILE = specs('hostile');
const RALIGN_RUN2 = specs('r-align-run2');

// ---------------------------------------------------------------------------------------------
// Assembly and checks
// ---------------------------------------------------------------------------------------------

/** R-Align's post_process_metarm: (ok, score, analysis), split-based exactly like the reference. */
function postProcessMetarm(raw) {
  const afterAnalysis = raw.split('<genrm_analysis>');
  const afterVerdict = raw.split('<final_verdict>');
  if (afterAnalysis.length < 2 || afterVerdict.length < 2) return null;
  const analysis = afterAnalysis[1].split('</genrm_analysis>')[0].trim();
  const verdict = afterVerdict[1].split('</final_verdict>')[0].trim();
  return { analysis, score: verdict.toLowerCase() === 'correct' ? 1.0 : 0.0 };
}

/** R-Align's extraction (generate_model_judgment.py / metarm_judge.py): FIRST \boxed{A|B}. */
function firstBoxed(text) {
  const m = /\\boxed\{([AB])\}/.exec(text ?? '') ?? /boxed\{([AB])\}/.exec(text ?? '');
  return m ? m[1] : null;
}

/** The verdict a careful reader takes: the LAST \boxed{...} after the last </think>. */
function lastBoxed(text) {
  const answer = (text ?? '').split('</think>').pop();
  const all = [...answer.matchAll(/\\boxed\{([A-Z])\}/g)];
  return all.length ? all[all.length - 1][1] : null;
}

const STYLES = [
  (k, an, v) => `<golden_key_points>\n${k}\n</golden_key_points>\n<genrm_analysis>\n${an}\n</genrm_analysis>\n<final_verdict>\n${v}\n</final_verdict>`,
  (k, an, v) => `<golden_key_points>\n${k}\n</golden_key_points>\n\n<genrm_analysis>\n${an}\n</genrm_analysis>\n\n<final_verdict>${v}</final_verdict>`,
  (k, an, v) => `I will first extract the decisive factors from the golden judgment, then check the GenRM rationale against them.\n\n<golden_key_points>\n${k}\n</golden_key_points>\n<genrm_analysis>\n${an}\n</genrm_analysis>\n<final_verdict>\n${v}\n</final_verdict>`,
];

function metarmRaw(fid, index) {
  const body = STYLES[index % STYLES.length](fid.keys, fid.analysis, fid.kind);
  return fid.think ? `<think>\n${fid.think}\n</think>\n${body}` : body;
}

function fail(id, message) {
  throw new Error(`${id}: ${message}`);
}

/**
 * Adds the meta-judge fields exactly as metarm_judge.py would, and checks that the designed
 * outcome (fid.kind) is the one the reference pipeline would reach for this record.
 */
function addFidelity(rec, spec, goldRaw, index, genrmName = GENRM_NAME) {
  const { id, fid, mj } = spec;
  const hasPred = !spec.noPred;
  const filePred = hasPred ? spec.pred : undefined;
  const gold = typeof goldRaw === 'string' ? goldRaw.trim() : '';
  // metarm_judge.py re-extracts from the text when model_pred is not A/B.
  const pred = filePred === 'A' || filePred === 'B' ? filePred : firstBoxed(mj);
  const callsJudge = pred !== null && pred === gold;
  // show_result.py's label-correctness, which only looks at model_pred.
  const labelCorrect = (filePred === 'A' || filePred === 'B') && filePred === gold;
  if (callsJudge !== labelCorrect) fail(id, 'metarm_judge.py and show_result.py would disagree on label-correctness');
  if (labelCorrect === (fid.kind === 'Skipped')) fail(id, `fid.kind ${fid.kind} contradicts label-correct=${labelCorrect}`);
  if (filePred === 'A' || filePred === 'B') {
    if (lastBoxed(mj) !== filePred) fail(id, `model_pred ${filePred} is not the last boxed verdict (${lastBoxed(mj)})`);
  } else if (filePred === 'C') {
    if (lastBoxed(mj) !== 'C') fail(id, 'model_pred C without a \\boxed{C}');
  } else if (filePred === null && lastBoxed(mj) !== null) {
    fail(id, 'model_pred null but the text has a boxed verdict');
  }

  const meta = { model_name: genrmName };
  let raw = null;
  let analysis = '';
  let verdict;
  let score = null;
  switch (fid.kind) {
    case 'Skipped':
      verdict = 'SkippedLabelMismatch';
      break;
    case 'CallFail':
      verdict = 'CallFail';
      meta.metarm_error = 'api_error: timeout';
      break;
    case 'ParseFail':
      raw = fid.raw;
      if (postProcessMetarm(raw) !== null) fail(id, 'ParseFail raw parses');
      verdict = 'ParseFail';
      break;
    case 'Correct':
    case 'Incorrect': {
      raw = metarmRaw(fid, index);
      const parsed = postProcessMetarm(raw);
      if (!parsed) fail(id, 'meta-judge raw does not parse');
      if ((parsed.score >= 0.5 ? 'Correct' : 'Incorrect') !== fid.kind) fail(id, 'parsed verdict differs from design');
      analysis = parsed.analysis;
      verdict = fid.kind;
      score = parsed.score;
      break;
    }
    default:
      fail(id, `unknown kind ${fid.kind}`);
  }
  meta.metarm_model_name = METARM_NAME;
  rec.meta = meta;
  rec.metarm_raw = raw;
  rec.metarm_analysis = analysis;
  rec.metarm_verdict = verdict;
  rec.metarm_score = score;
  return rec;
}

function buildRAlign(spec, index, genrmName = GENRM_NAME) {
  const rec = {
    id: spec.id,
    source: { subset: spec.subset },
    conversations: spec.conv,
    response_A: spec.A,
    response_B: spec.B,
    gt_label: spec.gold,
    gt_judgment: spec.gj,
    model_judgment: spec.mj,
  };
  if (!spec.noPred) rec.model_pred = spec.pred;
  addFidelity(rec, spec, spec.gold, index, genrmName);
  // defineProperty, not Object.assign: assigning "__proto__" would set the prototype instead of a key.
  for (const [key, value] of Object.entries(spec.extra ?? {})) {
    Object.defineProperty(rec, key, { value, enumerable: true, writable: true, configurable: true });
  }
  return rec;
}

function buildHelpSteer(spec, index) {
  if (spec.ip.some(([score]) => Math.sign(score) !== Math.sign(spec.pref) && spec.pref !== 0)) {
    // Annotators may disagree in strength but the designed records keep the overall sign.
    fail(spec.id, 'an individual preference has the opposite sign of overall_preference');
  }
  const rec = {
    id: spec.id,
    domain: spec.domain,
    language: spec.language,
    context: spec.context,
    response1: spec.r1,
    response2: spec.r2,
    overall_preference: spec.pref,
    individual_preference: spec.ip.map(([score, reasoning]) => ({ score, reasoning })),
    model_judgment: spec.mj,
  };
  if (!spec.noPred) rec.model_pred = spec.pred;
  const gold = spec.pref < 0 ? 'A' : spec.pref > 0 ? 'B' : 'tie';
  addFidelity(rec, spec, gold, index);
  return rec;
}

function checkUnique(records, key) {
  const seen = new Set();
  for (const r of records) {
    if (seen.has(r[key])) fail(r[key], 'duplicate id');
    seen.add(r[key]);
  }
}

const jsonl = (records) => records.map((r) => JSON.stringify(r)).join('\n') + '\n';

// ---------------------------------------------------------------------------------------------
// Main
// ---------------------------------------------------------------------------------------------
const rAlign = RALIGN.map((spec, i) => buildRAlign(spec, i));
const helpSteer = HELPSTEER.map(buildHelpSteer);
const hostile = HOSTILE.map((spec, i) => buildRAlign(spec, i));
// The second run: every record as in the first, except those r-align-run2.json answers anew.
const run2Answers = new Map(RALIGN_RUN2.map((o) => [o.id, o]));
const rAlignRun2 = RALIGN.map((spec, i) => buildRAlign({ ...spec, ...(run2Answers.get(spec.id) ?? {}) }, i, GENRM_RUN2_NAME));
if (run2Answers.size !== RALIGN_RUN2.length || ![...run2Answers.keys()].every((id) => RALIGN.some((s) => s.id === id))) {
  throw new Error('r-align-run2.json names a record twice or one that r-align.json lacks');
}
checkUnique(rAlign, 'id');
checkUnique(helpSteer, 'id');
if (rAlign.length !== 48 || helpSteer.length !== 20 || hostile.length !== 6) throw new Error('unexpected record counts');
if (!HOSTILE.some((s) => /\S{5000}/u.test(s.B))) throw new Error('no hostile record carries the 5,000-character token');

mkdirSync(OUT, { recursive: true });
writeFileSync(join(OUT, 'r-align-synthetic.jsonl'), jsonl(rAlign));
writeFileSync(join(OUT, 'helpsteer3-synthetic.jsonl'), jsonl(helpSteer));
writeFileSync(join(OUT, 'hostile.jsonl'), jsonl(hostile));
writeFileSync(join(OUT, 'r-align-synthetic-run2.jsonl'), jsonl(rAlignRun2));

// samples/results/: a folder in R-Align's naming (<bench>__<model>_metarm_<judge>.jsonl) for the
// leaderboard, two benchmarks (the subsets split in two) × the two runs' GenRMs.
const BENCHMARKS = { reasoning: ['math', 'coding'], general: ['factuality', 'instruction-following', 'safety'] };
const RESULTS = join(OUT, 'results');
rmSync(RESULTS, { recursive: true, force: true });
mkdirSync(RESULTS, { recursive: true });
for (const [bench, subsets] of Object.entries(BENCHMARKS)) {
  for (const [model, records] of [[GENRM_NAME, rAlign], [GENRM_RUN2_NAME, rAlignRun2]]) {
    const inBench = records.filter((r) => subsets.includes(r.source.subset));
    writeFileSync(join(RESULTS, `${bench}__${model}_metarm_${METARM_NAME}.jsonl`), jsonl(inBench));
  }
}

// samples/malformed.jsonl: a BOM, 12 good records and interleaved bad lines, byte-exact.
const byId = new Map(rAlign.map((r) => [r.id, r]));
const good = (id) => {
  const r = byId.get(id);
  if (!r) throw new Error(`no record ${id}`);
  return Buffer.from(JSON.stringify(r), 'utf8');
};
const text = (s) => Buffer.from(s, 'utf8');
const LF = text('\n');
const CRLF = text('\r\n');

const truncated = (() => {
  const s = JSON.stringify(byId.get('ra-005'));
  const at = s.indexOf('"gt_judgment":"') + '"gt_judgment":"'.length + 60;
  return text(s.slice(0, at)); // ends inside the gt_judgment string
})();
const noGold = (() => {
  const r = structuredClone(byId.get('ra-021'));
  r.id = 'ra-021-no-gold';
  delete r.gt_label;
  // metarm_judge.py compares "" with "A": skipped.
  Object.assign(r, { metarm_raw: null, metarm_analysis: '', metarm_verdict: 'SkippedLabelMismatch', metarm_score: null });
  r.meta = { model_name: GENRM_NAME, metarm_model_name: METARM_NAME };
  return text(JSON.stringify(r));
})();
const goldC = (() => {
  const r = structuredClone(byId.get('ra-023'));
  r.id = 'ra-023-gold-c';
  r.gt_label = 'C';
  Object.assign(r, { metarm_raw: null, metarm_analysis: '', metarm_verdict: 'SkippedLabelMismatch', metarm_score: null });
  r.meta = { model_name: GENRM_NAME, metarm_model_name: METARM_NAME };
  return text(JSON.stringify(r));
})();
// Not UTF-8 at all: a lone continuation byte, an overlong encoding, a truncated 3-byte sequence,
// a surrogate encoded in UTF-8, 0xFF/0xFE, and a truncated 4-byte sequence.
const invalidUtf8 = Buffer.from([0x7b, 0x22, 0x80, 0xc0, 0xaf, 0xe2, 0x28, 0xa1, 0xed, 0xa0, 0x80, 0xff, 0xfe, 0xf0, 0x90, 0x28, 0xbc, 0x22, 0x7d]);

const malformed = Buffer.concat([
  Buffer.from([0xef, 0xbb, 0xbf]), // UTF-8 BOM
  good('ra-001'), LF,
  good('ra-002'), LF,
  truncated, LF,
  good('ra-007'), LF,
  text('[1,2]'), LF,
  good('ra-009'), LF,
  LF, // blank line
  good('ra-008'), CRLF, // a CRLF line
  noGold, LF,
  good('ra-012'), LF,
  invalidUtf8, LF,
  good('ra-014'), LF,
  goldC, LF,
  good('ra-019'), LF,
  good('ra-003'), LF,
  good('ra-006'), LF,
  good('ra-020'), LF,
  good('ra-047'), LF,
]);
writeFileSync(join(OUT, 'malformed.jsonl'), malformed);

console.log(`wrote ${rAlign.length} + ${rAlignRun2.length} + ${helpSteer.length} + ${hostile.length} records, results/ and malformed.jsonl (${malformed.length} bytes) to ${OUT}`);
