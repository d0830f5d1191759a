/*
 * PrintLine[] → ESC/POS bytes.
 *
 * Encoder: @point-of-sale/receipt-printer-encoder (Niels Leenheer; formerly esc-pos-encoder, which
 * is now a thin wrapper around it). Chosen because it builds the whole job in memory
 * (`encode()` → Uint8Array) with no device or transport attached, is maintained (v4, typed),
 * is pure JavaScript with small pure dependencies and no install script, encodes text into the
 * printer's code pages (@point-of-sale/codepage-encoder, Epson code page numbers for ESC t), and
 * prints images from raw RGBA pixels as GS v 0 raster blocks. The others fell short: `escpos`
 * (song940/node-escpos) is unmaintained and writes to a device object; `@node-escpos/core` keeps the
 * same design (a Printer bound to a device adapter) and loads images through get-pixels.
 *
 * Text goes out in one code page (CP858 by default: Western European letters and €). A line with
 * any character that code page does not hold (Devanagari, Tamil, Chinese, ₹, …) is rendered to a
 * bitmap (text-rasterizer.ts) and printed as a raster image instead, so it prints on any ESC/POS
 * printer rather than as `?`.
 *
 * The package is an ES module with a CommonJS build: its typings are ESM-only, so types come in
 * with `resolution-mode: import` and the code with `require`, which loads the CommonJS build.
 */
import type CodepageEncoderModule from '@point-of-sale/codepage-encoder' with { 'resolution-mode': 'import' };
import type { Codepage } from '@point-of-sale/codepage-encoder' with { 'resolution-mode': 'import' };
import type PrinterEncoder from '@point-of-sale/receipt-printer-encoder' with { 'resolution-mode': 'import' };
import { PAPER_COLUMNS } from './constants/paper-columns.constant';
import { PAPER_DOTS } from './constants/paper-dots.constant';
import type { PaperWidthMm, PrintLine, PrintTextLine } from './print-line.type';
import { rasterizeLine } from './text-rasterizer';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const ReceiptPrinterEncoder = require('@point-of-sale/receipt-printer-encoder') as typeof PrinterEncoder;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const CodepageEncoder = require('@point-of-sale/codepage-encoder') as typeof CodepageEncoderModule;

export type EscPosCodepage = Codepage;

export interface EscPosEncodeOptions {
  widthMm: PaperWidthMm;
  /** the printer code page text is sent in (selected with ESC t by its Epson number); default `cp858` */
  codepage?: EscPosCodepage;
  /** default `partial`: the ticket stays on a tab instead of dropping */
  cut?: 'partial' | 'full';
}

export const DEFAULT_CODEPAGE: EscPosCodepage = 'cp858';

const ESC = 0x1b;
const GS = 0x1d;

/** Turns ticket lines into one print job: ESC @, the lines, the cut. */
export function encodeEscPos(lines: readonly PrintLine[], options: EscPosEncodeOptions): Buffer {
  const codepage = options.codepage ?? DEFAULT_CODEPAGE;
  const widthDots = PAPER_DOTS[options.widthMm];
  const encoder = new ReceiptPrinterEncoder({
    language: 'esc-pos',
    codepageMapping: 'epson',
    columns: PAPER_COLUMNS[options.widthMm],
    imageMode: 'raster',
    newline: '\n',
    feedBeforeCut: 0,
    feedAfterBlock: false,
  });
  encoder.initialize().codepage(codepage);

  for (const line of lines) {
    switch (line.type) {
      case 'text':
        if (fitsCodepage(line.text, codepage)) encodeText(encoder, line);
        else {
          const bitmap = rasterizeLine(stripControls(line.text), { widthDots, style: line.style });
          encoder.align('left').image(bitmap, bitmap.width, bitmap.height, 'threshold', 128);
        }
        break;
      case 'feed':
        // ESC d n: print the buffer and feed n lines
        encoder.raw([ESC, 0x64, Math.max(0, Math.min(255, Math.round(line.lines)))]);
        break;
      case 'cut':
        // GS V m, sent raw: the encoder's cut() adds a line feed after the cut, which would start the
        // next ticket with a blank line
        encoder.raw([GS, 0x56, (options.cut ?? 'partial') === 'partial' ? 0x01 : 0x00]);
        break;
    }
  }
  return Buffer.from(encoder.encode());
}

function encodeText(encoder: PrinterEncoder, line: PrintTextLine): void {
  const { style } = line;
  encoder
    .align(style.align)
    .bold(style.bold)
    .underline(style.underline)
    .invert(style.invert)
    .size(style.width, style.height)
    .line(line.text)
    .bold(false)
    .underline(false)
    .invert(false)
    .size(1, 1)
    .align('left');
}

const codepageCharacters = new Map<EscPosCodepage, ReadonlySet<number>>();

/**
 * Whether every character of `text` prints as text in the code page. Bytes below 0x20 and 0x7f
 * are commands to the printer, not characters, whatever glyphs the code page gives them.
 */
export function fitsCodepage(text: string, codepage: EscPosCodepage): boolean {
  let characters = codepageCharacters.get(codepage);
  if (!characters) {
    const points = CodepageEncoder.getCodepoints(codepage, true);
    characters = new Set(points.filter((point, byte) => byte >= 0x20 && byte !== 0x7f && point > 0));
    codepageCharacters.set(codepage, characters);
  }
  for (const character of text) {
    if (!characters.has(character.codePointAt(0) ?? -1)) return false;
  }
  return true;
}

function stripControls(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ');
}
