/**
 * The webview's real renderer (webview/markdown/highlight.ts and what it imports), bundled by esbuild and run
 * under Node against the smallest document it needs: elements and text nodes, attributes, classes,
 * dataset and textContent. Enough to check what the renderer builds (text, tags, depth), not layout.
 */
import { buildSync } from 'esbuild';
import { join } from 'node:path';
import { repoRoot } from '../../paths';

export class FakeText {
  constructor(public data: string) {}
  get textContent(): string {
    return this.data;
  }
}

export class FakeElement {
  readonly children: (FakeElement | FakeText)[] = [];
  readonly attributes = new Map<string, string>();
  readonly dataset: Record<string, string> = {};
  className = '';
  title = '';
  constructor(readonly tagName: string) {}
  get classList() {
    return {
      add: (...names: string[]) => (this.className = [...new Set([...this.className.split(' ').filter(Boolean), ...names])].join(' ')),
      remove: (...names: string[]) => (this.className = this.className.split(' ').filter((c) => c && !names.includes(c)).join(' ')),
      contains: (name: string) => this.className.split(' ').includes(name),
    };
  }
  get firstChild(): FakeElement | FakeText | undefined {
    return this.children[0];
  }
  appendChild<T extends FakeElement | FakeText>(child: T): T {
    this.children.push(child);
    return child;
  }
  append(...nodes: (FakeElement | FakeText | string)[]): void {
    for (const n of nodes) this.appendChild(typeof n === 'string' ? new FakeText(n) : n);
  }
  setAttribute(name: string, value: string): void {
    this.attributes.set(name, value);
  }
  getAttribute(name: string): string | null {
    return this.attributes.get(name) ?? null;
  }
  addEventListener(): void {}
  /** Iterative, so a deep tree cannot overflow the test's own stack. */
  get textContent(): string {
    let out = '';
    const stack: (FakeElement | FakeText)[] = [this];
    while (stack.length) {
      const n = stack.pop() as FakeElement | FakeText;
      if (n instanceof FakeText) out += n.data;
      else for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i] as FakeElement | FakeText);
    }
    return out;
  }
  /** Every element under this one (itself included), depth first. */
  all(): FakeElement[] {
    const out: FakeElement[] = [];
    const stack: FakeElement[] = [this];
    while (stack.length) {
      const n = stack.pop() as FakeElement;
      out.push(n);
      for (let i = n.children.length - 1; i >= 0; i--) if (n.children[i] instanceof FakeElement) stack.push(n.children[i] as FakeElement);
    }
    return out;
  }
  /** The deepest nesting of elements under this one. */
  depth(): number {
    let max = 0;
    const stack: [FakeElement, number][] = [[this, 1]];
    while (stack.length) {
      const [n, d] = stack.pop() as [FakeElement, number];
      max = Math.max(max, d);
      for (const c of n.children) if (c instanceof FakeElement) stack.push([c, d + 1]);
    }
    return max;
  }
}

const fakeDocument = {
  createElement: (tag: string) => new FakeElement(tag.toUpperCase()),
  createTextNode: (data: string) => new FakeText(data),
};

export interface Renderer {
  renderText: (text: string, rendered: boolean) => FakeElement;
}

let renderer: Renderer | undefined;

/** webview/markdown/highlight.ts, bundled once and loaded with the fake document as its global. */
export function loadRenderer(): Renderer {
  if (renderer) return renderer;
  const root = repoRoot;
  const out = buildSync({ entryPoints: [join(root, 'webview', 'markdown', 'highlight.ts')], bundle: true, write: false, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'silent' });
  const module = { exports: {} as Renderer };
  // The bundle of our own webview code, run with the fake document as its global.
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  const run = new Function('module', 'exports', 'require', 'document', out.outputFiles[0]?.text ?? '') as (...args: unknown[]) => void;
  run(module, module.exports, require, fakeDocument);
  renderer = module.exports;
  return renderer;
}
