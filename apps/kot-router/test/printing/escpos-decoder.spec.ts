import { decodeEscPos, EscPosDecodeError } from './escpos-decoder';

/* The decoder checked on byte sequences written by hand from the Epson reference. */

const ESC = 0x1b;
const GS = 0x1d;
const LF = 0x0a;
const ascii = (text: string): number[] => [...Buffer.from(text, 'latin1')];

describe('ESC/POS decoder', () => {
  it('reads text lines with their styles, an image, a feed and a cut', () => {
    const bytes = Uint8Array.from([
      ...[ESC, 0x40], // ESC @
      ...[ESC, 0x74, 19], // ESC t 19: PC858
      ...[ESC, 0x61, 1], // ESC a 1: centre
      ...[ESC, 0x45, 1, GS, 0x21, 0x11], // bold, 2 × 2
      ...ascii('A-1'),
      ...[ESC, 0x45, 0, GS, 0x21, 0x00, LF],
      ...[ESC, 0x61, 0x30], // ESC a '0': left
      ...[GS, 0x42, 1, ESC, 0x2d, 2], // reverse, 2-dot underline
      ...ascii('NUTS '),
      ...[GS, 0x42, 0, ESC, 0x2d, 0],
      0xd5, // € in PC858
      LF,
      ...[GS, 0x76, 0x30, 0, 2, 0, 2, 0, 0xff, 0x00, 0x81, 0x01], // 16 × 2 dots, 8 + 3 black
      ...[ESC, 0x64, 3], // ESC d 3
      ...[GS, 0x56, 66, 0], // GS V B: feed 0, partial cut
    ]);
    const doc = decodeEscPos(bytes);

    expect(doc.initializations).toBe(1);
    expect(doc.codePages).toEqual([19]);
    expect(doc.lines).toHaveLength(2);
    expect(doc.lines[0]).toMatchObject({ text: 'A-1', align: 'center', columns: 6 });
    expect(doc.lines[0].runs).toEqual([
      { text: 'A-1', bold: true, underline: 0, reverse: false, width: 2, height: 2, font: 'A' },
    ]);
    expect(doc.lines[1]).toMatchObject({ text: 'NUTS €', align: 'left' });
    expect(doc.lines[1].runs.map((run) => [run.text, run.reverse, run.underline])).toEqual([
      ['NUTS ', true, 2],
      ['€', false, 0],
    ]);
    expect(doc.images).toHaveLength(1);
    expect(doc.images[0]).toMatchObject({ width: 16, height: 2, blackPixels: 11 });
    expect(doc.blocks.map((block) => block.kind)).toEqual(['text', 'text', 'image', 'feed', 'feed', 'cut']);
    expect(doc.cuts[0].partial).toBe(true);
  });

  it('decodes PC437 and PC858 differently at the same byte', () => {
    const at = (page: number): string =>
      decodeEscPos(Uint8Array.from([ESC, 0x74, page, 0x9b, LF])).lines[0].text;
    expect(at(0)).toBe('¢');
    expect(at(19)).toBe('ø');
  });

  it.each([
    ['an unknown ESC command', [LF, LF, ESC, 0x99, 0], 2, 'unknown command ESC 0x99'],
    ['an unknown GS command', [GS, 0x28, 0x6b], 0, 'unknown command GS 0x28'],
    ['a stray control byte', [0x41, 0x07, LF], 1, 'unknown control byte 0x07'],
    ['a code page it has no table for', [ESC, 0x74, 45], 0, 'code page 45'],
    ['a truncated raster image', [GS, 0x76, 0x30, 0, 1, 0, 4, 0, 0xff], 0, 'truncated GS v 0 image data'],
    ['a cut with text still in the buffer', [0x41, GS, 0x56, 1], 1, 'GS V with text in the line buffer'],
    ['text never printed', [0x41, 0x42], 2, 'unprinted text "AB"'],
  ])('fails loudly on %s, naming the byte offset', (_name, bytes, offset, message) => {
    let error: unknown;
    try {
      decodeEscPos(Uint8Array.from(bytes));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(EscPosDecodeError);
    expect(error).toMatchObject({ offset });
    expect((error as Error).message).toContain(message);
    expect((error as Error).message).toContain(`at byte ${offset}`);
  });
});
