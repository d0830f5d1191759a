const graphemeSegmenter = new Intl.Segmenter('en', { granularity: 'grapheme' });

/** The user-perceived characters of a string (a Devanagari conjunct with its matra is one). */
export function graphemes(text: string): string[] {
  return Array.from(graphemeSegmenter.segment(text), (segment) => segment.segment);
}

/** How many characters a string shows, counting grapheme clusters rather than UTF-16 units. */
export function displayLength(text: string): number {
  return graphemes(text).length;
}

/**
 * Makes free text from an order safe and tidy for one printed line: control characters (which a
 * printer would run as commands: ESC, GS, …) become spaces, whitespace runs collapse, Unicode is
 * NFC-normalised.
 */
export function cleanText(text: string): string {
  return (
    text
      .normalize('NFC')
      // C0 and C1 controls, DEL, and line/paragraph separators
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, ' ')
      .replace(/\s+/g, ' ')
      .trim()
  );
}

export interface WrapOptions {
  /** columns available on every line */
  width: number;
  /** printed before the first line, e.g. `2 x ` or `  + ` */
  prefix?: string;
  /** spaces before every continuation line; defaults to the prefix's length (a hanging indent) */
  indent?: number;
}

/**
 * Wraps text at word boundaries so that no line is longer than `width` characters, the first line
 * starting with `prefix` and the others indented under the text. A word longer than a whole line
 * is broken between characters (never inside a grapheme cluster).
 */
export function wrapText(text: string, options: WrapOptions): string[] {
  const width = Math.max(1, Math.floor(options.width));
  const prefix = options.prefix ?? '';
  const prefixLength = Math.min(displayLength(prefix), width - 1);
  const indent = Math.max(0, Math.min(options.indent ?? prefixLength, width - 1));
  const words = text.split(' ').filter((word) => word.length > 0);

  const lines: string[][] = [];
  let current: string[] = [];
  const available = (): number => (lines.length === 0 ? width - prefixLength : width - indent);
  const flush = (): void => {
    lines.push(current);
    current = [];
  };

  for (const word of words) {
    let rest = graphemes(word);
    while (rest.length > 0) {
      const room = available();
      if (current.length === 0) {
        if (rest.length <= room) {
          current = rest;
          rest = [];
        } else {
          current = rest.slice(0, room);
          rest = rest.slice(room);
          flush();
        }
      } else if (current.length + 1 + rest.length <= room) {
        current = [...current, ' ', ...rest];
        rest = [];
      } else {
        flush();
      }
    }
  }
  if (current.length > 0 || lines.length === 0) flush();

  return lines.map((line, index) =>
    index === 0 ? `${prefix}${line.join('')}` : `${' '.repeat(indent)}${line.join('')}`,
  );
}
