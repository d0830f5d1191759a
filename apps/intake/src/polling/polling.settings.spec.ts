import { pollBackoffSeconds, PollSettings } from './polling.settings';

describe('pollBackoffSeconds', () => {
  const settings: PollSettings = {
    tickMs: 1000,
    backoffBaseSeconds: 15,
    backoffMaxSeconds: 600,
    maxPages: 20,
    leaseMs: 60_000,
  };

  it('doubles from the base after each failure in a row, up to the cap', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 50].map((failures) => pollBackoffSeconds(failures, settings))).toEqual([
      15, 30, 60, 120, 240, 480, 600, 600,
    ]);
  });
});
