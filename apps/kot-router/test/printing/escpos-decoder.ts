/*
 * A decoder of the ESC/POS subset a kitchen ticket uses, written from the Epson ESC/POS command
 * reference (TM series, standard mode) and independent of the encoder under test: the tests read
 * what a printer would print from the bytes a printer received.
 *
 * Understood: ESC @ (initialize), ESC ! (print mode), ESC E (emphasized), ESC - (underline),
 * ESC M (font), ESC a (justification), ESC t (code page: PC437, PC850, PC858), ESC 2 / ESC 3
 * (line spacing), ESC d (print and feed n lines), ESC J (print and feed n dots), GS ! (character
 * size), GS B (white/black reverse), GS V (cut, functions A and B), GS v 0 (raster bit image),
 * FS . (cancel Kanji mode), LF (print and line feed), CR (ignored, as with auto line feed off).
 * Anything else fails loudly with its byte offset, and so do commands the printer would ignore
 * or misprint: ESC a, GS v 0 or GS V with text waiting in the line buffer.
 */

export type DecodedAlign = 'left' | 'center' | 'right';

export interface DecodedRun {
  text: string;
  bold: boolean;
  /** 0 off, 1 one-dot, 2 two-dot */
  underline: number;
  reverse: boolean;
  /** character width and height multipliers (GS !, ESC !) */
  width: number;
  height: number;
  font: 'A' | 'B' | 'C';
}

export interface DecodedTextLine {
  kind: 'text';
  /** offset of the byte that printed the line (LF, ESC d, ESC J) */
  offset: number;
  align: DecodedAlign;
  runs: DecodedRun[];
  text: string;
  /** how many Font A columns the line takes: each character counts its width multiplier */
  columns: number;
}

export interface DecodedImage {
  kind: 'image';
  offset: number;
  align: DecodedAlign;
  /** in dots */
  width: number;
  height: number;
  blackPixels: number;
  /** row-major, 1 bit per dot, most significant bit first, `width / 8` bytes a row */
  bitmap: Uint8Array;
}

export interface DecodedFeed {
  kind: 'feed';
  offset: number;
  lines?: number;
  dots?: number;
}

export interface DecodedCut {
  kind: 'cut';
  offset: number;
  partial: boolean;
}

export type DecodedBlock = DecodedTextLine | DecodedImage | DecodedFeed | DecodedCut;

export interface DecodedDocument {
  /** everything printed, in order */
  blocks: DecodedBlock[];
  lines: DecodedTextLine[];
  images: DecodedImage[];
  cuts: DecodedCut[];
  /** how many times ESC @ was sent */
  initializations: number;
  /** ESC t pages selected, in order */
  codePages: number[];
}

export class EscPosDecodeError extends Error {
  constructor(
    readonly offset: number,
    message: string,
  ) {
    super(`${message} at byte ${offset}`);
    this.name = 'EscPosDecodeError';
  }
}

const ESC = 0x1b;
const GS = 0x1d;
const FS = 0x1c;
const LF = 0x0a;
const CR = 0x0d;

/** Upper halves (0x80–0xFF) of the code pages, from the IBM/Epson tables. */
const PC437_HIGH =
  'ÇüéâäàåçêëèïîìÄÅ' + // 80
  'ÉæÆôöòûùÿÖÜ¢£¥₧ƒ' + // 90
  'áíóúñÑªº¿⌐¬½¼¡«»' + // A0
  '░▒▓│┤╡╢╖╕╣║╗╝╜╛┐' + // B0
  '└┴┬├─┼╞╟╚╔╩╦╠═╬╧' + // C0
  '╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀' + // D0
  'αßΓπΣσµτΦΘΩδ∞φε∩' + // E0
  '≡±≥≤⌠⌡÷≈°∙·√ⁿ²■\u00a0'; // F0
const PC850_HIGH =
  'ÇüéâäàåçêëèïîìÄÅ' + // 80
  'ÉæÆôöòûùÿÖÜø£Ø×ƒ' + // 90
  'áíóúñÑªº¿®¬½¼¡«»' + // A0
  '░▒▓│┤ÁÂÀ©╣║╗╝¢¥┐' + // B0
  '└┴┬├─┼ãÃ╚╔╩╦╠═╬¤' + // C0
  'ðÐÊËÈıÍÎÏ┘┌█▄¦Ì▀' + // D0
  'ÓßÔÒõÕµþÞÚÛÙýÝ¯´' + // E0
  '\u00ad±‗¾¶§÷¸°¨·¹³²■\u00a0'; // F0
/** PC858 is PC850 with the euro sign at 0xD5 (dotless i's place). */
const PC858_HIGH = PC850_HIGH.slice(0, 0x55) + '€' + PC850_HIGH.slice(0x56);

/** ESC t n → upper half; the lower half is ASCII in all three. */
const CODE_PAGES: Readonly<Record<number, string>> = { 0: PC437_HIGH, 2: PC850_HIGH, 19: PC858_HIGH };

interface PrintState {
  bold: boolean;
  underline: number;
  reverse: boolean;
  width: number;
  height: number;
  font: 'A' | 'B' | 'C';
  align: DecodedAlign;
  codePage: number;
}

const INITIAL_STATE: PrintState = {
  bold: false,
  underline: 0,
  reverse: false,
  width: 1,
  height: 1,
  font: 'A',
  align: 'left',
  codePage: 0,
};

/** Decodes a print job; throws `EscPosDecodeError` naming the offset of anything it does not know. */
export function decodeEscPos(bytes: Uint8Array): DecodedDocument {
  const doc: DecodedDocument = {
    blocks: [],
    lines: [],
    images: [],
    cuts: [],
    initializations: 0,
    codePages: [],
  };
  let state: PrintState = { ...INITIAL_STATE };
  let pending: DecodedRun[] = [];
  let lineAlign: DecodedAlign = state.align;
  let i = 0;

  const need = (count: number, what: string): void => {
    if (i + count > bytes.length) {
      throw new EscPosDecodeError(i, `truncated ${what}: needs ${count} bytes, ${bytes.length - i} left`);
    }
  };
  const printLine = (offset: number): void => {
    const text = pending.map((run) => run.text).join('');
    const columns = pending.reduce((sum, run) => sum + [...run.text].length * run.width, 0);
    const line: DecodedTextLine = { kind: 'text', offset, align: lineAlign, runs: pending, text, columns };
    doc.blocks.push(line);
    doc.lines.push(line);
    pending = [];
  };
  const requireEmptyBuffer = (what: string, offset: number): void => {
    if (pending.length > 0) {
      throw new EscPosDecodeError(
        offset,
        `${what} with text in the line buffer (the printer would not run it there)`,
      );
    }
  };
  const addChar = (char: string): void => {
    if (pending.length === 0) lineAlign = state.align;
    const last = pending.at(-1);
    const style = {
      bold: state.bold,
      underline: state.underline,
      reverse: state.reverse,
      width: state.width,
      height: state.height,
      font: state.font,
    };
    if (
      last &&
      last.bold === style.bold &&
      last.underline === style.underline &&
      last.reverse === style.reverse &&
      last.width === style.width &&
      last.height === style.height &&
      last.font === style.font
    ) {
      last.text += char;
    } else {
      pending.push({ text: char, ...style });
    }
  };
  /** n = 0/48, 1/49, 2/50 → 0, 1, 2 */
  const digit = (n: number, max: number, what: string, offset: number): number => {
    const value = n >= 48 ? n - 48 : n;
    if (value < 0 || value > max) throw new EscPosDecodeError(offset, `${what}: bad parameter ${n}`);
    return value;
  };

  while (i < bytes.length) {
    const start = i;
    const byte = bytes[i];

    if (byte === LF) {
      printLine(start);
      i += 1;
    } else if (byte === CR) {
      i += 1;
    } else if (byte === ESC) {
      need(2, 'ESC command');
      const command = bytes[i + 1];
      switch (command) {
        case 0x40: // ESC @
          requireEmptyBuffer('ESC @', start);
          state = { ...INITIAL_STATE };
          doc.initializations += 1;
          i += 2;
          break;
        case 0x21: {
          // ESC ! n: bit 0 font B, bit 3 emphasized, bit 4 double height, bit 5 double width, bit 7 underline
          need(3, 'ESC !');
          const n = bytes[i + 2];
          state.font = n & 0x01 ? 'B' : 'A';
          state.bold = (n & 0x08) !== 0;
          state.height = n & 0x10 ? 2 : 1;
          state.width = n & 0x20 ? 2 : 1;
          state.underline = n & 0x80 ? 1 : 0;
          i += 3;
          break;
        }
        case 0x45: // ESC E n
          need(3, 'ESC E');
          state.bold = (bytes[i + 2] & 0x01) !== 0;
          i += 3;
          break;
        case 0x2d: // ESC - n
          need(3, 'ESC -');
          state.underline = digit(bytes[i + 2], 2, 'ESC -', start);
          i += 3;
          break;
        case 0x4d: {
          // ESC M n
          need(3, 'ESC M');
          const font = digit(bytes[i + 2], 2, 'ESC M', start);
          state.font = font === 0 ? 'A' : font === 1 ? 'B' : 'C';
          i += 3;
          break;
        }
        case 0x61: {
          // ESC a n: only at the beginning of a line
          need(3, 'ESC a');
          requireEmptyBuffer('ESC a', start);
          const align = digit(bytes[i + 2], 2, 'ESC a', start);
          state.align = align === 0 ? 'left' : align === 1 ? 'center' : 'right';
          i += 3;
          break;
        }
        case 0x74: {
          // ESC t n
          need(3, 'ESC t');
          const page = bytes[i + 2];
          if (CODE_PAGES[page] === undefined)
            throw new EscPosDecodeError(start, `ESC t: code page ${page} unknown to the decoder`);
          state.codePage = page;
          doc.codePages.push(page);
          i += 3;
          break;
        }
        case 0x32: // ESC 2
          i += 2;
          break;
        case 0x33: // ESC 3 n
          need(3, 'ESC 3');
          i += 3;
          break;
        case 0x64: {
          // ESC d n: print the buffer and feed n lines
          need(3, 'ESC d');
          if (pending.length > 0) printLine(start);
          const feed: DecodedFeed = { kind: 'feed', offset: start, lines: bytes[i + 2] };
          doc.blocks.push(feed);
          i += 3;
          break;
        }
        case 0x4a: {
          // ESC J n: print the buffer and feed n dots
          need(3, 'ESC J');
          if (pending.length > 0) printLine(start);
          doc.blocks.push({ kind: 'feed', offset: start, dots: bytes[i + 2] });
          i += 3;
          break;
        }
        default:
          throw new EscPosDecodeError(start, `unknown command ESC 0x${hex(command)}`);
      }
    } else if (byte === GS) {
      need(2, 'GS command');
      const command = bytes[i + 1];
      switch (command) {
        case 0x21: {
          // GS ! n: bits 4–6 width − 1, bits 0–2 height − 1
          need(3, 'GS !');
          const n = bytes[i + 2];
          state.width = ((n >> 4) & 0x07) + 1;
          state.height = (n & 0x07) + 1;
          i += 3;
          break;
        }
        case 0x42: // GS B n
          need(3, 'GS B');
          state.reverse = (bytes[i + 2] & 0x01) !== 0;
          i += 3;
          break;
        case 0x56: {
          // GS V m (function A) or GS V m n (function B: feed n, then cut)
          need(3, 'GS V');
          requireEmptyBuffer('GS V', start);
          const m = bytes[i + 2];
          if (m === 0 || m === 48 || m === 1 || m === 49) {
            addCut(doc, start, m === 1 || m === 49);
            i += 3;
          } else if (m === 65 || m === 66) {
            need(4, 'GS V');
            doc.blocks.push({ kind: 'feed', offset: start, dots: bytes[i + 3] });
            addCut(doc, start, m === 66);
            i += 4;
          } else {
            throw new EscPosDecodeError(start, `GS V: cut mode ${m} unknown to the decoder`);
          }
          break;
        }
        case 0x76: {
          // GS v 0 m xL xH yL yH d1…dk, k = (xL + 256 xH) × (yL + 256 yH)
          need(8, 'GS v 0');
          if (bytes[i + 2] !== 0x30)
            throw new EscPosDecodeError(start, `unknown command GS v 0x${hex(bytes[i + 2])}`);
          requireEmptyBuffer('GS v 0', start);
          const mode = bytes[i + 3];
          if (![0, 1, 2, 3, 48, 49, 50, 51].includes(mode))
            throw new EscPosDecodeError(start, `GS v 0: bad mode ${mode}`);
          const rowBytes = bytes[i + 4] + 256 * bytes[i + 5];
          const rows = bytes[i + 6] + 256 * bytes[i + 7];
          const size = rowBytes * rows;
          if (rowBytes === 0 || rows === 0) throw new EscPosDecodeError(start, 'GS v 0: empty image');
          need(8 + size, 'GS v 0 image data');
          const bitmap = bytes.slice(i + 8, i + 8 + size);
          const image: DecodedImage = {
            kind: 'image',
            offset: start,
            align: state.align,
            width: rowBytes * 8,
            height: rows,
            blackPixels: countBits(bitmap),
            bitmap,
          };
          doc.blocks.push(image);
          doc.images.push(image);
          i += 8 + size;
          break;
        }
        default:
          throw new EscPosDecodeError(start, `unknown command GS 0x${hex(command)}`);
      }
    } else if (byte === FS) {
      need(2, 'FS command');
      if (bytes[i + 1] !== 0x2e)
        throw new EscPosDecodeError(start, `unknown command FS 0x${hex(bytes[i + 1])}`);
      i += 2; // FS . cancel Kanji mode: single-byte characters
    } else if (byte < 0x20) {
      throw new EscPosDecodeError(start, `unknown control byte 0x${hex(byte)}`);
    } else {
      addChar(
        byte < 0x80
          ? byte === 0x7f
            ? '\u2302'
            : String.fromCharCode(byte)
          : CODE_PAGES[state.codePage][byte - 0x80],
      );
      i += 1;
    }
  }
  if (pending.length > 0) {
    throw new EscPosDecodeError(
      bytes.length,
      `job ends with unprinted text "${pending.map((r) => r.text).join('')}"`,
    );
  }
  return doc;
}

function addCut(doc: DecodedDocument, offset: number, partial: boolean): void {
  const cut: DecodedCut = { kind: 'cut', offset, partial };
  doc.blocks.push(cut);
  doc.cuts.push(cut);
}

function countBits(bytes: Uint8Array): number {
  let count = 0;
  for (const byte of bytes) {
    let b = byte;
    while (b) {
      count += b & 1;
      b >>= 1;
    }
  }
  return count;
}

function hex(byte: number): string {
  return byte.toString(16).toUpperCase().padStart(2, '0');
}

/** The image as text, `#` for a black dot: for failure messages and eyeballing. */
export function imageToAscii(image: DecodedImage): string {
  const rowBytes = image.width / 8;
  const rows: string[] = [];
  for (let y = 0; y < image.height; y++) {
    let row = '';
    for (let x = 0; x < image.width; x++) {
      row += image.bitmap[y * rowBytes + (x >> 3)] & (0x80 >> (x & 7)) ? '#' : '.';
    }
    rows.push(row);
  }
  return rows.join('\n');
}
