import { toCsv } from './csv.util';
import { average, percentileFromBins, rate } from './report-figures';

describe('report figures', () => {
  it('reads nearest-rank percentiles from 15-second bins', () => {
    const bins = [
      { bin: 60, count: 1 }, // 900 s
      { bin: 64, count: 1 }, // 960 s
      { bin: 80, count: 2 }, // 1200 s
      { bin: 236, count: 1 }, // 3540 s
    ];
    expect(percentileFromBins(bins, 0.5)).toBe(1200); // rank ceil(0.5 × 5) = 3 of 900, 960, 1200, 1200, 3540
    expect(percentileFromBins(bins, 0.9)).toBe(3540);
    expect(percentileFromBins([], 0.5)).toBeNull();
  });

  it('rounds rates to 4 decimals and averages to whole units, with nothing to divide as 0 or null', () => {
    expect(rate(1, 3)).toBe(0.3333);
    expect(rate(0, 0)).toBe(0);
    expect(average(10380, 6)).toBe(1730);
    expect(average(5, 0)).toBeNull();
  });

  it('writes RFC 4180 CSV, quoting what needs it and what a spreadsheet would run', () => {
    expect(
      toCsv({
        columns: ['a', 'b'],
        rows: [
          ['x,y', 'say "hi"'],
          [null, -5],
          ['=SUM(A1)', 'ok'],
        ],
      }),
    ).toBe('a,b\r\n"x,y","say ""hi"""\r\n,-5\r\n"=SUM(A1)",ok\r\n');
  });
});
