import type { PaperWidthMm } from '../print-line.type';

/** Characters per line in Font A (12 × 24 dots) on each paper width. */
export const PAPER_COLUMNS: Readonly<Record<PaperWidthMm, number>> = { 80: 48, 58: 32 };
