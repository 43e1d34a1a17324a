/**
 * Scrubs secrets (API keys) out of text that arrives in pieces, e.g. a model's streamed answer on
 * its way to a webview. A key split across two pieces is still caught: the last (longest form − 1)
 * characters are held back until more text comes or the stream ends. Pure: no `vscode` here.
 */
import type { LlmDelta } from '../core/llm/client';
import { scrubSecrets } from '../core/llm/profile';

/** Same threshold as scrubSecrets: shorter "keys" (EMPTY, none) are placeholders, not secrets. */
const MIN_SECRET_LENGTH = 6;

export class StreamScrubber {
  private held = '';
  private readonly secrets: readonly string[];
  private readonly holdBack: number;

  constructor(secrets: readonly string[]) {
    this.secrets = secrets.filter((s) => s && s.length >= MIN_SECRET_LENGTH);
    // The longest form scrubSecrets replaces: raw, JSON-escaped or URL-encoded.
    const longest = Math.max(0, ...this.secrets.map((s) => Math.max(s.length, JSON.stringify(s).length - 2, encodeURIComponent(s).length)));
    this.holdBack = Math.max(0, longest - 1);
  }

  /** Text that is safe to pass on now (possibly less than was pushed). */
  push(piece: string): string {
    if (this.holdBack === 0) return piece;
    const text = scrubSecrets(this.held + piece, this.secrets);
    // Any occurrence starting before the cut ends inside `text`, so it was replaced above.
    const cut = Math.max(0, text.length - this.holdBack);
    this.held = text.slice(cut);
    return text.slice(0, cut);
  }

  /** The rest, at the end of the stream. */
  end(): string {
    const rest = this.secrets.length ? scrubSecrets(this.held, this.secrets) : this.held;
    this.held = '';
    return rest;
  }

  /** Forget held text (the stream starts over). */
  reset(): void {
    this.held = '';
  }
}

/**
 * A model's streamed answer and its reasoning, each scrubbed apart. Reasoning comes first: once the
 * answer starts, what was held back of the reasoning can go. A reset (a retry) starts both over.
 */
export class DeltaScrubber {
  private readonly content: StreamScrubber;
  private readonly reasoning: StreamScrubber;

  constructor(secrets: readonly string[]) {
    this.content = new StreamScrubber(secrets);
    this.reasoning = new StreamScrubber(secrets);
  }

  /** What of this piece is safe to pass on now. */
  push(d: LlmDelta): { content: string; reasoning: string; reset: boolean } {
    if (d.reset) {
      this.content.reset();
      this.reasoning.reset();
    }
    const reasoning = this.reasoning.push(d.reasoning) + (d.content && !d.reasoning ? this.reasoning.end() : '');
    return { content: this.content.push(d.content), reasoning, reset: d.reset === true };
  }

  /** The rest of both, at the end of the stream. */
  end(): { content: string; reasoning: string } {
    return { content: this.content.end(), reasoning: this.reasoning.end() };
  }
}
