/** The LLM layer: GenRM generation and fidelity (meta-judge) judging against OpenAI-compatible servers. */
export * from './profile';
export * from './template';
export * from './context';
export * from './parse';
export * from './retry';
export * from './pool';
export * from './client';
export * from './cache';
export * from './jsonl';
export * from './journal';
export * from './images';
export * from './prompts';
export * from './runner';
export * from './export';
