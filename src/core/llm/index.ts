/**
 * The LLM layer: GenRM generation and fidelity (meta-judge) judging against OpenAI-compatible
 * servers (vLLM, OpenAI, DeepSeek, ...), following the R-Align protocol.
 *
 * Typical use (CLI or editor):
 *
 *   const profile = resolveProfile({ baseUrl, model, apiKey }, 'fidelity');   // temperature 0.4, concurrency 8
 *   const template = userFile ? await loadTemplate('fidelity', userFile) : undefined;
 *   const cache = await FileCacheStore.open(cachePath, { secrets: [profile.apiKey] });
 *   const run = await runFidelityJudging(records, {
 *     profile, template, cache, datasetPath,        // journal: <datasetPath>.rlens-journal.jsonl
 *     signal, onProgress, onResult, onDelta,
 *   });
 *   // run.results[i].verdict: Correct | Incorrect | SkippedLabelMismatch | CallFail | ParseFail
 *   // applyFidelityResult(inputObject, result, profile.model) → the R-Align output object
 *
 * Nothing here imports `vscode`; nothing written (journal, cache, errors) contains the API key.
 */
export * from './profile';
export * from './template';
export * from './context';
export * from './parse';
export * from './retry';
export * from './pool';
export * from './client';
export * from './cache';
export * from '../io/jsonl';
export * from './journal';
export * from './images';
export * from './prompts';
export * from './runner';
export * from './export';
