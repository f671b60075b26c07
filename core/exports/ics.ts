/**
 * iCalendar (RFC 5545) writer. Written here rather than taken from a library because the
 * maintained generators need Node 22 (ical-generator 11) or pull in date libraries; what we emit
 * is small: VEVENTs with floating local times and a weekly RRULE. The rules that matter:
 * CRLF line ends, content lines folded at 75 octets (never inside a UTF-8 sequence), TEXT values
 * escaped (\\ ; , and newlines), DTSTAMP in UTC, and stable UIDs so a re-published feed updates
 * events in subscribers' calendars instead of duplicating them.
 */

export interface CalendarEvent {
  uid: string;
  summary: string;
  description?: string;
  location?: string;
  /** Floating local start and end, "YYYY-MM-DDTHH:MM" (no zone: the calendar's X-WR-TIMEZONE applies). */
  start: string;
  end: string;
  /** Repeat weekly this many times in total (1 = a single event). */
  weeklyCount?: number;
  categories?: string[];
  /** Increases each time the event is republished with changes (RFC 5545 SEQUENCE). */
  sequence?: number;
}

export interface Calendar {
  name: string;
  /** IANA zone name shown to clients (X-WR-TIMEZONE); times stay floating. */
  timezone?: string;
  /** When this version was produced (DTSTAMP / LAST-MODIFIED). */
  stamp: Date;
  events: CalendarEvent[];
}

const encoder = new TextEncoder();

/** Escape a TEXT value (RFC 5545 §3.3.11). */
export function escapeText(s: string): string {
  return s.replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,").replace(/\r?\n/g, "\\n");
}

/** Fold one content line at 75 octets; continuation lines start with a space (RFC 5545 §3.1). */
export function foldLine(line: string): string {
  if (encoder.encode(line).length <= 75) return line;
  const parts: string[] = [];
  let cur = "";
  let curBytes = 0;
  for (const ch of line) {
    const n = encoder.encode(ch).length;
    // The first line may hold 75 octets; continuation lines 74 plus the leading space.
    const limit = parts.length === 0 ? 75 : 74;
    if (curBytes + n > limit) {
      parts.push(cur);
      cur = "";
      curBytes = 0;
    }
    cur += ch;
    curBytes += n;
  }
  parts.push(cur);
  return parts.join("\r\n ");
}

function utcStamp(d: Date): string {
  return d.toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
}

function floating(local: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local);
  if (!m) throw new Error(`not a local date-time: ${local}`);
  return `${m[1]}${m[2]}${m[3]}T${m[4]}${m[5]}00`;
}

/** The calendar as text/calendar content (CRLF line ends, folded). */
export function writeCalendar(cal: Calendar): string {
  const stamp = utcStamp(cal.stamp);
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//Evolve//Timetable export//EN",
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
    `X-WR-CALNAME:${escapeText(cal.name)}`,
    ...(cal.timezone ? [`X-WR-TIMEZONE:${escapeText(cal.timezone)}`] : []),
  ];
  for (const e of cal.events) {
    lines.push(
      "BEGIN:VEVENT",
      `UID:${e.uid}`,
      `DTSTAMP:${stamp}`,
      `LAST-MODIFIED:${stamp}`,
      `SEQUENCE:${e.sequence ?? 0}`,
      `DTSTART:${floating(e.start)}`,
      `DTEND:${floating(e.end)}`,
      ...(e.weeklyCount && e.weeklyCount > 1 ? [`RRULE:FREQ=WEEKLY;COUNT=${e.weeklyCount}`] : []),
      `SUMMARY:${escapeText(e.summary)}`,
      ...(e.location ? [`LOCATION:${escapeText(e.location)}`] : []),
      ...(e.description ? [`DESCRIPTION:${escapeText(e.description)}`] : []),
      ...(e.categories?.length ? [`CATEGORIES:${e.categories.map(escapeText).join(",")}`] : []),
      "END:VEVENT",
    );
  }
  lines.push("END:VCALENDAR");
  return lines.map(foldLine).join("\r\n") + "\r\n";
}
