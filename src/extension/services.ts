/** The services `activate` builds once and hands to every feature (their own module, so features never import `extension.ts`). */
import type { BaseServices } from './baseServices';
import type { RecordRuns } from './llm/recordRuns';
import type { SampleRuns } from './llm/sampleRuns';

export interface Services extends BaseServices {
  /** The one registry of model runs on single records (hover links, commands, Inspector buttons), built by `activate`. */
  readonly runs: RecordRuns;
  /** Re-query ×k runs (a record's or the filtered records' samples), streamed to every Inspector of the file. */
  readonly sampleRuns: SampleRuns;
}
