/**
 * What a rationale gets wrong, claim by claim: the gold judgment's decisive claims it misses and the
 * ones it contradicts (same content, the other response or the opposite polarity), read from any
 * aligner tier's alignment (src/core/align). These are what failure themes group.
 */
import type { Alignment, Claim } from '../align';
import { STOP_WORDS, cueScore, foldWord } from '../align/lexical/lexicon';
import { claimTerms } from '../align/lexical/similarity';
import { tokenize } from '../align/lexical/tokens';
import type { RecordKind } from '../record/record';

/**
 * Gold claims below this decisiveness weight (classify.ts#decisiveness: background 0.3, code and
 * quotes 0.25, a concession to the loser 0.5) are not decisive reasons: missing them is no failure.
 */
const DECISIVE_WEIGHT = 0.6;
/** Key terms kept per claim (the rarest in the file first): bounds the grouping's work per claim. */
export const MAX_TERMS_PER_CLAIM = 12;

export interface FailureClaim {
  /** `record:judgment:start`: stable while the record's texts are unchanged. */
  readonly id: string;
  readonly recordIndex: number;
  readonly recordId: string;
  /** Which run (0, or 1 for the second file of `compare`). */
  readonly run: number;
  readonly failure: 'missing' | 'conflict';
  /** The gold claim as written. */
  readonly text: string;
  /** The same with response mentions blanked ("the response"): what embeddings are asked for. */
  readonly neutralText: string;
  /** For a conflict: the rationale's claim that contradicts it. */
  readonly rationaleText: string | null;
  /** Distinct key terms after the aligner's normalisation (concept or stem), mentions and polarity words left out. */
  readonly terms: readonly string[];
  /** A readable word for each term (its first surface form in this claim). */
  readonly surface: Readonly<Record<string, string>>;
}

/** What themes count of a record: its class (the verdict in force) and whether its verdict is label-correct. */
export interface ThemeRecord {
  readonly index: number;
  readonly id: string;
  readonly run: number;
  readonly kind: RecordKind;
  /** The sample set (samples/model.ts: rows repeating an id, prompt and responses) this row is a sample of, by ordinal in its run. */
  readonly set?: number;
}

function insideMention(start: number, end: number, claim: Claim): boolean {
  return claim.mentions.some((m) => m.end > m.start && m.start - claim.start <= start && end <= m.end - claim.start);
}

/** The claim's key terms and their surface forms; polarity cues ("wrong", "better") say how, not what, and are left out. */
function keyTerms(claim: Claim): { terms: string[]; surface: Record<string, string>; neutralText: string } {
  const tokens = tokenize(claim.text).filter((t) => !insideMention(t.start, t.end, claim));
  const surface: Record<string, string> = {};
  const content = tokens.filter((t) => t.kind !== 'word' || cueScore(foldWord(t.text)) === 0);
  const terms: string[] = [];
  for (const tok of content) {
    for (const term of claimTerms([tok]).keys()) {
      if (surface[term] !== undefined) continue;
      surface[term] = tok.kind === 'word' ? foldWord(tok.text) : tok.text;
      terms.push(term);
    }
  }
  let neutralText = '';
  let pos = 0;
  const mentions = [...claim.mentions].filter((m) => m.end > m.start).sort((a, b) => a.start - b.start);
  for (const m of mentions) {
    const s = m.start - claim.start;
    if (s < pos || s > claim.text.length) continue;
    neutralText += claim.text.slice(pos, s) + 'the response';
    pos = Math.min(claim.text.length, m.end - claim.start);
  }
  neutralText += claim.text.slice(pos);
  return { terms: terms.filter((t) => !STOP_WORDS.has(t)), surface, neutralText };
}

/** The decisive gold claims an alignment calls missing or in conflict. */
export function failureClaims(alignment: Alignment, record: { index: number; id: string; run?: number }, judgment: number): FailureClaim[] {
  const out: FailureClaim[] = [];
  for (const c of alignment.gold) {
    if ((c.class !== 'missing' && c.class !== 'conflict') || c.weight < DECISIVE_WEIGHT) continue;
    const { terms, surface, neutralText } = keyTerms(c);
    const partner = c.class === 'conflict' && c.match !== null ? alignment.rationale[c.match] : undefined;
    out.push({
      id: `${record.index}:${judgment}:${c.start}`,
      recordIndex: record.index,
      recordId: record.id,
      run: record.run ?? 0,
      failure: c.class,
      text: c.text,
      neutralText,
      rationaleText: partner ? partner.text : null,
      terms,
      surface,
    });
  }
  return out;
}
