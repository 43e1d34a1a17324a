/** `rationaleLens.openRecord(uri, index)` (internal): the Inspector on that file, showing record `index`. */
import type { InspectorProvider } from '../inspector/provider';
import { uriFromArg } from '../editor/evaluationFiles';

export class OpenRecordCommand {
  readonly id = 'rationaleLens.openRecord';

  constructor(private readonly provider: InspectorProvider) {}

  async execute(uriArg?: unknown, indexArg?: unknown): Promise<void> {
    const uri = uriFromArg(uriArg);
    const index = typeof indexArg === 'number' ? indexArg : typeof indexArg === 'string' ? Number(indexArg) : NaN;
    if (!uri || !Number.isInteger(index) || index < 0) {
      throw new Error('rationaleLens.openRecord expects (uri, record index ≥ 0)');
    }
    await this.provider.showRecord(uri, index);
  }
}
