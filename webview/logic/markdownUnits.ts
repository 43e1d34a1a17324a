/**
 * A text cut into the units the Markdown parser sees, each checked against a budget in one linear
 * pass before it is parsed.
 *
 * micromark is linear on ordinary Markdown, but not on every input. Per call, its work grows with
 * the number of blocks times the events of the document (`> a` paragraphs, list items), with the
 * container nesting (it re-tokenizes once per level and recurses), and per paragraph with the
 * characters that start a scan bounded only by the paragraph: emphasis and strikethrough closers
 * walk back over the paragraph's events, every `]` slices its label back to its `[` and looks it up
 * among all definitions, an unmatched backtick run or `<` scans to the paragraph's end. A GenRM that
 * degenerates into repeated tokens writes exactly those texts (`*a*a*a…`, `[[[…]]]`, `> > > …`).
 *
 * So no call sees more than a bounded unit: a fenced code block (linear to parse whatever its
 * length: it is the first line of its own call, so nothing can contain it), a run of lines cut at
 * a blank line once it is {@link UNIT_SOFT} characters long and at any line before it would pass
 * {@link UNIT_HARD} (but not inside a table whose rows cannot start other blocks), or one longer
 * line alone. Within a unit, the work above is bounded by a cost
 * that is cheap to count: per stretch between blank lines (no paragraph, heading or table cell
 * crosses a blank line) the scan-starting characters times the stretch's length, plus `]` times
 * `]:` (the most definitions there can be); and per line the containers it can open or continue
 * (each needs a marker or two columns of indentation). A unit over its linear budget or the depth
 * limit is shown as written, and the reader is told why. The bound holds for any input by its
 * construction, not by a list of known bad strings; the pathological corpus in the tests checks it.
 */

/** A unit is closed at a blank line once it is this long, */
const UNIT_SOFT = 1_000;
/** and at any line before it would pass this (a longer line is a unit alone). */
export const UNIT_HARD = 4_000;
/** Nesting deeper than this is not drawn: micromark recurses and re-tokenizes once per level. */
export const MAX_CONTAINER_DEPTH = 32;
/** A unit's budget: a floor (short texts may be dense with markup) plus a constant per character. */
export const WORK_FLOOR = 1_000_000;
export const WORK_PER_CHARACTER = 256;

export function workBudget(length: number): number {
  return WORK_FLOOR + WORK_PER_CHARACTER * length;
}

export interface MarkdownUnit {
  readonly start: number;
  readonly end: number;
  /** A fenced code block on its own: parsed as code, nothing else. */
  readonly fence: boolean;
  /** The bound on the parser's superlinear work in this unit (see the file comment). */
  readonly work: number;
  /** The deepest container nesting a line of this unit can reach. */
  readonly depth: number;
  /** Why this unit is shown as written, for the reader; null when it is parsed. */
  readonly refused: string | null;
}

export interface UnitScan {
  readonly units: MarkdownUnit[];
  /** Characters the scan looked at, counted with repeats: linear in the text's length (a test checks it). */
  readonly steps: number;
}

/** The characters that start a scan bounded only by its paragraph (see the file comment). */
function isScanStarter(c: string): boolean {
  return c === '[' || c === ']' || c === '`' || c === '<' || c === '*' || c === '_' || c === '~';
}

function isLineEnd(c: string | undefined): boolean {
  return c === '\n' || c === '\r';
}

function isSpaceOrEnd(c: string | undefined): boolean {
  return c === undefined || c === ' ' || c === '\t' || c === '\n' || c === '\r';
}

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '9';
}

interface Line {
  readonly start: number;
  /** Before the line ending. */
  readonly end: number;
  /** After the line ending. */
  readonly next: number;
}

function lineAt(text: string, start: number): Line {
  let end = start;
  while (end < text.length && !isLineEnd(text[end])) end++;
  const next = text[end] === '\r' && text[end + 1] === '\n' ? end + 2 : Math.min(text.length, end + 1);
  return { start, end, next };
}

/** A fence line's marker character and length, when the line opens (or closes) a fenced code block. */
function fenceOf(text: string, line: Line, closing: boolean): { char: string; size: number } | null {
  let i = line.start;
  while (i < line.end && text[i] === ' ' && i - line.start < 3) i++;
  const char = text[i];
  if (char !== '`' && char !== '~') return null;
  let j = i;
  while (j < line.end && text[j] === char) j++;
  if (j - i < 3) return null;
  for (let k = j; k < line.end; k++) {
    const c = text[k];
    if (closing ? c !== ' ' && c !== '\t' : char === '`' && c === '`') return null;
  }
  return { char, size: j - i };
}

/** A line of only pipes, dashes, colons and spaces, with a pipe and a dash: it may make the line above a table's header. */
function isDelimiterRow(text: string, line: Line): boolean {
  let pipe = false;
  let dash = false;
  for (let i = line.start; i < line.end; i++) {
    const c = text[i];
    if (c === '|') pipe = true;
    else if (c === '-') dash = true;
    else if (c !== ':' && c !== ' ' && c !== '\t') return false;
  }
  return pipe && dash;
}

/**
 * A table row that cannot start another block: at most three spaces, then a pipe or a letter. Such
 * a line is a row or a paragraph's continuation, so a table with any number of them stays one
 * block (linear to parse).
 */
function continuesTable(text: string, line: Line): boolean {
  let i = line.start;
  while (i < line.end && text[i] === ' ' && i - line.start < 3) i++;
  const c = text[i];
  return c !== undefined && i < line.end && (c === '|' || /\p{L}/u.test(c));
}

/**
 * How many containers a line can hold, from its prefix: every `>` or list marker may open (or
 * continue) one, and every two columns of indentation may continue a list item.
 */
function lineDepth(text: string, line: Line): number {
  let i = line.start;
  let column = 0;
  let indentation = 0;
  let markers = 0;
  while (i < line.end) {
    const c = text[i];
    if (c === ' ' || c === '\t') {
      const width = c === ' ' ? 1 : 4 - (column % 4);
      column += width;
      indentation += width;
      i++;
    } else if (c === '>' || ((c === '-' || c === '+' || c === '*') && isSpaceOrEnd(text[i + 1]))) {
      markers++;
      column++;
      i++;
    } else if (isDigit(c)) {
      let j = i;
      while (isDigit(text[j]) && j - i < 9) j++;
      if ((text[j] !== '.' && text[j] !== ')') || !isSpaceOrEnd(text[j + 1])) break;
      markers++;
      column += j + 1 - i;
      i = j + 1;
    } else break;
    // The one space after a marker is part of it, not indentation that could continue a list item.
    if (markers && text[i - 1] !== ' ' && text[i - 1] !== '\t' && text[i] === ' ') {
      column++;
      i++;
    }
  }
  return markers + Math.floor(indentation / 2);
}

/** The work bound and depth of the lines [start, end) (not a fence): see the file comment. */
function measure(text: string, start: number, end: number): { work: number; depth: number; steps: number } {
  let work = 0;
  let depth = 0;
  let steps = 0;
  let closers = 0;
  let definitions = 0;
  let stretchStart = start;
  let starters = 0;
  for (let pos = start; pos < end; ) {
    const line = lineAt(text, pos);
    depth = Math.max(depth, lineDepth(text, line));
    let blank = true;
    for (let i = line.start; i < line.end; i++) {
      const c = text[i] as string;
      if (c !== ' ' && c !== '\t') blank = false;
      if (!isScanStarter(c)) continue;
      if (c === '*' || c === '_' || c === '~') {
        // A run of delimiters is one closer, matched two at a time.
        let j = i;
        while (text[j + 1] === c && j + 1 < line.end) j++;
        starters += Math.ceil((j - i + 1) / 2);
        i = j;
        continue;
      }
      starters++;
      if (c === ']') {
        closers++;
        if (text[i + 1] === ':') definitions++;
      }
    }
    steps += 2 * (line.next - line.start);
    if (blank) {
      work += starters * (line.start - stretchStart);
      starters = 0;
      stretchStart = line.next;
    }
    pos = line.next;
  }
  work += starters * (end - stretchStart) + closers * definitions;
  return { work, depth, steps };
}

function unit(text: string, start: number, end: number, fence: boolean): { unit: MarkdownUnit; steps: number } {
  if (fence) return { unit: { start, end, fence, work: 0, depth: 0, refused: null }, steps: 0 };
  const m = measure(text, start, end);
  let refused: string | null = null;
  if (m.depth > MAX_CONTAINER_DEPTH) refused = `it nests up to ${m.depth.toLocaleString('en-US')} quotes or list items, more than the ${MAX_CONTAINER_DEPTH} the renderer draws`;
  else if (m.work > workBudget(end - start)) refused = 'it holds more Markdown markup (emphasis, brackets, backticks, tags) between blank lines than the renderer parses in bounded time';
  return { unit: { start, end, fence, work: m.work, depth: m.depth, refused }, steps: m.steps };
}

/** The text's parse units, in order, covering it exactly. */
export function markdownUnits(text: string): UnitScan {
  const units: MarkdownUnit[] = [];
  let steps = 0;
  const close = (start: number, end: number, fence: boolean) => {
    if (end <= start) return;
    const u = unit(text, start, end, fence);
    units.push(u.unit);
    steps += u.steps;
  };
  let unitStart = 0;
  let table = false;
  let previousHasPipe = false;
  for (let pos = 0; pos < text.length; ) {
    const line = lineAt(text, pos);
    steps += line.next - line.start;
    const opening = fenceOf(text, line, false);
    if (opening) {
      close(unitStart, pos, false);
      let end = line.next;
      while (end < text.length) {
        const l = lineAt(text, end);
        steps += l.next - l.start;
        end = l.next;
        const closing = fenceOf(text, l, true);
        if (closing && closing.char === opening.char && closing.size >= opening.size) break;
      }
      close(pos, end, true);
      unitStart = pos = end;
      continue;
    }
    // A table is not cut (its rows after a cut would lose their header): it is linear to parse,
    // and a row that could start another block ends it.
    table = table ? continuesTable(text, line) : previousHasPipe && isDelimiterRow(text, line);
    if (!table && pos > unitStart && line.next - unitStart > UNIT_HARD) {
      close(unitStart, pos, false);
      unitStart = pos;
    }
    previousHasPipe = text.slice(line.start, line.end).includes('|');
    const blank = text.slice(line.start, line.end).trim() === '';
    if (blank && line.next - unitStart >= UNIT_SOFT) {
      close(unitStart, line.next, false);
      unitStart = line.next;
    }
    pos = line.next;
  }
  close(unitStart, text.length, false);
  return { units, steps };
}
