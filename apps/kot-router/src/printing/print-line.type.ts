/** Paper roll widths the kitchen printers take. */
export type PaperWidthMm = 80 | 58;

export type PrintAlign = 'left' | 'center' | 'right';

export interface PrintTextStyle {
  align: PrintAlign;
  bold: boolean;
  underline: boolean;
  /** white on black */
  invert: boolean;
  /** character width multiplier, 1–8 (a character takes `width` columns) */
  width: number;
  /** character height multiplier, 1–8 */
  height: number;
}

/**
 * One printed line. The layout guarantees that `text` fits the paper: its characters (grapheme
 * clusters) times `style.width` never exceed the paper's columns, and it holds no control characters.
 */
export interface PrintTextLine {
  type: 'text';
  text: string;
  style: PrintTextStyle;
}

/** Print what is buffered and feed the paper by `lines` text lines. */
export interface PrintFeedLine {
  type: 'feed';
  lines: number;
}

/** Cut the paper (a partial cut leaves a tab so tickets do not fall off the printer). */
export interface PrintCutLine {
  type: 'cut';
}

/** The printer-independent description of a ticket: what `layoutTicket` makes and the encoder prints. */
export type PrintLine = PrintTextLine | PrintFeedLine | PrintCutLine;
