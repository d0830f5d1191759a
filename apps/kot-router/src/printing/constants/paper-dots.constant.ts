import type { PaperWidthMm } from '../print-line.type';

/** Printable width in dots at 203 dpi: 72 mm of 80 mm paper, 48 mm of 58 mm paper (12 dots per Font A column). */
export const PAPER_DOTS: Readonly<Record<PaperWidthMm, number>> = { 80: 576, 58: 384 };
