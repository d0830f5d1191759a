/*
 * Renders one ticket line to a bitmap, for text no printer code page holds (Devanagari, Tamil,
 * Chinese, the ₹ sign, …): the encoder prints it as a raster image.
 *
 * Rasteriser: @napi-rs/canvas (Skia with HarfBuzz shaping). It ships prebuilt binaries inside
 * registry packages (`@napi-rs/canvas-linux-x64-gnu`, …, picked by npm's optionalDependencies),
 * so it needs no native build, no install script and no download. It shapes complex scripts
 * properly: `टिक्का` needs the i-matra moved before its consonant and the conjunct `क्क`, and
 * Tamil `கொ` splits its vowel sign around the consonant. opentype.js and pureimage (which uses it)
 * draw glyphs without Indic shaping and print those words wrong.
 *
 * Fonts, all from npm packages, loaded from node_modules (nothing is fetched at run time):
 * Noto Sans Devanagari (Latin, Devanagari and ₹; regular and bold, TTF), Noto Sans Tamil (TTF),
 * and UnifontEX, a bitmap-style font that covers the rest of the Basic Multilingual Plane (Chinese,
 * Japanese, Thai, …) as the last fallback. Skia picks the first family that has each glyph.
 */
import { createCanvas, GlobalFonts } from '@napi-rs/canvas';
import type { PrintTextStyle } from './print-line.type';

/** A 1-bit-ready bitmap: RGBA pixels, black (0) on white (255). */
export interface RasterBitmap {
  width: number;
  height: number;
  data: Uint8ClampedArray;
}

export interface RasterizeOptions {
  /** printable width of the paper in dots; the bitmap is this wide */
  widthDots: number;
  style: PrintTextStyle;
}

/** Font A: 12 × 24 dots per character, the grid the layout counts in. */
const COLUMN_DOTS = 12;
const CHARACTER_DOTS = 24;
/** line height and baseline as parts of the em: room for Devanagari's marks above and below */
const LINE_HEIGHT_EM = 1.4;
const BASELINE_EM = 1.0;

const PRINT_FONTS: ReadonlyArray<{ family: string; file: string }> = [
  {
    family: 'KotNotoDevanagari',
    file: '@expo-google-fonts/noto-sans-devanagari/400Regular/NotoSansDevanagari_400Regular.ttf',
  },
  {
    family: 'KotNotoDevanagari',
    file: '@expo-google-fonts/noto-sans-devanagari/700Bold/NotoSansDevanagari_700Bold.ttf',
  },
  {
    family: 'KotNotoTamil',
    file: '@expo-google-fonts/noto-sans-tamil/400Regular/NotoSansTamil_400Regular.ttf',
  },
  { family: 'KotNotoTamil', file: '@expo-google-fonts/noto-sans-tamil/700Bold/NotoSansTamil_700Bold.ttf' },
  { family: 'KotUnifont', file: '@fontsource/unifontex/files/unifontex-latin-400-normal.woff2' },
];
const FONT_STACK = [...new Set(PRINT_FONTS.map((font) => font.family))].join(', ');

let fontsRegistered = false;

/** Loads the print fonts into Skia once per process; throws naming the font that failed. */
export function registerPrintFonts(): void {
  if (fontsRegistered) return;
  for (const font of PRINT_FONTS) {
    const path = require.resolve(font.file);
    if (!GlobalFonts.registerFromPath(path, font.family)) {
      throw new Error(`could not load the print font ${font.file} (${path})`);
    }
  }
  fontsRegistered = true;
}

/**
 * Draws `text` as the printer would print it in Font A at the style's size: leading spaces indent
 * by whole columns, the rest is aligned on the full paper width, bold, underlined or white on black
 * as asked. Text wider than the paper is condensed to fit rather than cut off.
 */
export function rasterizeLine(text: string, options: RasterizeOptions): RasterBitmap {
  registerPrintFonts();
  const { widthDots, style } = options;
  const em = CHARACTER_DOTS * style.height;
  const height = Math.ceil(em * LINE_HEIGHT_EM);
  const baseline = Math.round(em * BASELINE_EM);
  const indentColumns = text.length - text.trimStart().length;
  const body = text.trim();

  const canvas = createCanvas(widthDots, height);
  const context = canvas.getContext('2d');
  context.fillStyle = '#fff';
  context.fillRect(0, 0, widthDots, height);
  context.font = `${style.bold ? 'bold ' : ''}${em}px ${FONT_STACK}`;
  context.textBaseline = 'alphabetic';

  const indent = Math.min(indentColumns * COLUMN_DOTS * style.width, widthDots - COLUMN_DOTS);
  const room = widthDots - indent;
  const natural = context.measureText(body).width;
  // wider than tall (2 × 1) stretches like the printer's own characters; taller than wide (1 × 2) keeps
  // natural proportions, since squeezed Devanagari or Chinese is hard to read; too wide, it is condensed to fit
  let scaleX = Math.max(1, style.width / style.height);
  if (natural * scaleX > room) scaleX = room / natural;
  const drawn = Math.ceil(natural * scaleX);
  const x =
    style.align === 'center'
      ? indent + (room - drawn) / 2
      : style.align === 'right'
        ? widthDots - drawn
        : indent;

  if (style.invert) {
    context.fillStyle = '#000';
    context.fillRect(Math.max(0, x - COLUMN_DOTS / 2), 0, Math.min(widthDots, drawn + COLUMN_DOTS), height);
  }
  context.fillStyle = style.invert ? '#fff' : '#000';
  context.save();
  context.translate(x, baseline);
  context.scale(scaleX, 1);
  context.fillText(body, 0, 0);
  context.restore();
  if (style.underline) {
    const thickness = Math.max(2, Math.round(em / 12));
    context.fillRect(x, Math.min(height - thickness, baseline + Math.round(em * 0.25)), drawn, thickness);
  }

  const image = context.getImageData(0, 0, widthDots, height);
  return { width: widthDots, height, data: image.data };
}
