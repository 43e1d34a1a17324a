/** `rationaleLens.openRecord(uri, index)` (internal): the Inspector on that file, showing record `index`. */
import * as vscode from 'vscode';
import type { InspectorProvider } from '../inspector/provider';

export class OpenRecordCommand {
  readonly id = 'rationaleLens.openRecord';

  constructor(private readonly provider: InspectorProvider) {}

  async execute(uriArg?: unknown, indexArg?: unknown): Promise<void> {
    const uri = toUri(uriArg);
    const index = typeof indexArg === 'number' ? indexArg : typeof indexArg === 'string' ? Number(indexArg) : NaN;
    if (!uri || !Number.isInteger(index) || index < 0) {
      throw new Error('rationaleLens.openRecord expects (uri, record index ≥ 0)');
    }
    await this.provider.showRecord(uri, index);
  }
}

/** A Uri, a URI string, or the JSON form of a Uri (what a markdown command link carries). */
function toUri(arg: unknown): vscode.Uri | undefined {
  if (arg instanceof vscode.Uri) return arg;
  if (typeof arg === 'string') return vscode.Uri.parse(arg);
  if (typeof arg === 'object' && arg !== null) {
    const c = arg as { scheme?: unknown; path?: unknown; authority?: unknown; query?: unknown; fragment?: unknown };
    if (typeof c.scheme === 'string' && typeof c.path === 'string') {
      const part = (v: unknown) => (typeof v === 'string' ? v : '');
      return vscode.Uri.from({ scheme: c.scheme, path: c.path, authority: part(c.authority), query: part(c.query), fragment: part(c.fragment) });
    }
  }
  return undefined;
}
