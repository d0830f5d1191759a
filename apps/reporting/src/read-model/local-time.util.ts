/** The hour of a venue's local day an instant falls in, as the reports bucket it. */
export interface LocalHourBucket {
  /** the instant that local hour began (UTC) */
  start: Date;
  /** 0–23, local */
  hour: number;
  /** 0 = Sunday … 6 = Saturday, local */
  dayOfWeek: number;
}

const WEEKDAYS: Readonly<Record<string, number>> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/**
 * The local hour of `at` in `timeZone`. The bucket starts at the local hour's start, so in
 * Asia/Kolkata (UTC+05:30) 04:45Z falls in the bucket 04:30Z–05:30Z, local 10:00–11:00. A repeated
 * hour at the end of daylight saving time gives two buckets (two start instants) with the same local hour.
 */
export function localHourBucket(at: Date, timeZone: string): LocalHourBucket {
  let hour = 0;
  let minute = 0;
  let second = 0;
  let dayOfWeek = 0;
  for (const part of formatter(timeZone).formatToParts(at)) {
    if (part.type === 'hour') hour = Number(part.value);
    else if (part.type === 'minute') minute = Number(part.value);
    else if (part.type === 'second') second = Number(part.value);
    else if (part.type === 'weekday') dayOfWeek = WEEKDAYS[part.value] ?? 0;
  }
  const start = new Date(at.getTime() - (minute * 60 + second) * 1000 - at.getUTCMilliseconds());
  return { start, hour, dayOfWeek };
}

const IANA_NAME = /^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+){0,2}$/;

/**
 * An IANA time zone name this runtime knows: one of `Intl.supportedValuesOf('timeZone')`, or a name
 * Intl.DateTimeFormat accepts (UTC, and links such as Asia/Kolkata, which Node 20's list spells
 * Asia/Calcutta). Offsets such as "+05:30" and abbreviations such as "IST" or "EST" are refused.
 */
export function isIanaTimeZone(name: string): boolean {
  if (!IANA_NAME.test(name)) return false;
  if (/^[A-Z]{2,5}$/.test(name) && name !== 'UTC' && name !== 'GMT') return false; // IST, EST: abbreviations
  if (Intl.supportedValuesOf('timeZone').includes(name)) return true;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}
