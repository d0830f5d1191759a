/** One formatter per time zone: building an Intl.DateTimeFormat costs far more than formatting with it. */
const formats = new Map<string, Intl.DateTimeFormat>();

function formatFor(timeZone: string): Intl.DateTimeFormat {
  let format = formats.get(timeZone);
  if (!format) {
    try {
      format = new Intl.DateTimeFormat('en-CA', {
        timeZone,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
      });
    } catch {
      format = formatFor('UTC');
    }
    formats.set(timeZone, format);
  }
  return format;
}

/**
 * The venue's business date of an instant: the calendar date in its IANA time zone, `YYYY-MM-DD`.
 * An unknown zone counts as UTC (a ticket must not fail over a bad setting).
 */
export function businessDate(at: Date, timeZone: string | undefined): string {
  const parts = formatFor(timeZone || 'UTC').formatToParts(at);
  const part = (type: Intl.DateTimeFormatPartTypes): string =>
    parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}
