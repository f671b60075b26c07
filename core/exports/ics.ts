/**
 * iCalendar (RFC 5545) writer. Written here rather than taken from a library because the
 * maintained generators need Node 22 (ical-generator 11) or pull in date libraries; what we emit
 * is small: VEVENTs with floating local times and a weekly RRULE. The rules that matter:
 * CRLF line ends, content lines folded at 75 octets (never inside a UTF-8 sequence), TEXT values
 * escaped (\\ ; , and newlines), DTSTAMP in UTC, and stable UIDs so a re-published feed updates
 * events in subscribers' calendars instead of duplicating them.
 *
 * With a `timezone`, times carry `TZID=<zone>` and the calendar holds that zone's `VTIMEZONE`
 * (RFC 5545 §3.6.5), so every client places events at the right instant, not only those reading
 * X-WR-TIMEZONE. The zone's offsets come from the runtime's own time-zone data through `Intl`
 * (Node and workerd ship the IANA database): `zoneTransitions` finds each change of UTC offset in
 * the years the events cover, and each becomes one STANDARD / DAYLIGHT observance.
 */

export interface CalendarEvent {
  uid: string;
  summary: string;
  description?: string;
  location?: string;
  /** Local start and end, "YYYY-MM-DDTHH:MM": in the calendar's `timezone` (TZID) when it has one, else floating. */
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
  /** IANA zone of the local times: a VTIMEZONE is written and times carry TZID (plus X-WR-TIMEZONE for older clients). */
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
  return d
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");
}

function floating(local: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local);
  if (!m) throw new Error(`not a local date-time: ${local}`);
  return `${m[1]}${m[2]}${m[3]}T${m[4]}${m[5]}00`;
}

const offsetFormats = new Map<string, Intl.DateTimeFormat>();

/** The zone's UTC offset in minutes at an instant (e.g. 120 for Europe/Rome in July). */
export function zoneOffsetMinutes(zone: string, atMs: number): number {
  let f = offsetFormats.get(zone);
  if (!f) offsetFormats.set(zone, (f = new Intl.DateTimeFormat("en-US", { timeZone: zone, timeZoneName: "longOffset", year: "numeric" })));
  const name = f.formatToParts(new Date(atMs)).find((p) => p.type === "timeZoneName")?.value ?? "GMT";
  const m = /GMT([+-])(\d{1,2})(?::(\d{2}))?/.exec(name);
  return m ? (m[1] === "-" ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] ?? 0)) : 0;
}

export interface ZoneTransition {
  /** The instant of the change (UTC ms, to the minute). */
  atMs: number;
  fromMinutes: number;
  toMinutes: number;
}

/**
 * Every change of the zone's UTC offset from the start of `fromYear` to the end of `toYear`:
 * offsets sampled every 6 hours, each change narrowed to the minute by bisection. Bounded work:
 * at most ~1,500 samples per year and 20 bisection steps per change.
 */
export function zoneTransitions(zone: string, fromYear: number, toYear: number): ZoneTransition[] {
  const out: ZoneTransition[] = [];
  const step = 6 * 3600_000;
  const end = Date.UTC(toYear + 1, 0, 1);
  let t = Date.UTC(fromYear, 0, 1);
  let off = zoneOffsetMinutes(zone, t);
  while (t < end) {
    const next = t + step;
    const o = zoneOffsetMinutes(zone, next);
    if (o !== off) {
      let lo = t;
      let hi = next;
      while (hi - lo > 60_000) {
        const mid = lo + Math.floor((hi - lo) / 120_000) * 60_000;
        if (mid <= lo) break;
        if (zoneOffsetMinutes(zone, mid) === off) lo = mid;
        else hi = mid;
      }
      out.push({ atMs: hi, fromMinutes: off, toMinutes: o });
      off = o;
    }
    t = next;
  }
  return out;
}

const offsetText = (m: number) => `${m < 0 ? "-" : "+"}${String(Math.floor(Math.abs(m) / 60)).padStart(2, "0")}${String(Math.abs(m) % 60).padStart(2, "0")}`;
const localStamp = (ms: number) => new Date(ms).toISOString().slice(0, 19).replace(/[-:]/g, "");

/**
 * The VTIMEZONE of `zone` for the years `fromYear`..`toYear`: the offset on 1 January of
 * `fromYear` (DAYLIGHT when the year's first change lowers it, as south of the equator), then one
 * observance per offset change (DTSTART in the local time before the change, as RFC 5545 asks),
 * DAYLIGHT when the offset rises and STANDARD when it falls.
 */
export function vtimezone(zone: string, fromYear: number, toYear: number): string[] {
  const changes = zoneTransitions(zone, fromYear, toYear);
  const lines = ["BEGIN:VTIMEZONE", `TZID:${zone}`];
  const initial = zoneOffsetMinutes(zone, Date.UTC(fromYear, 0, 1));
  const first = changes.length && changes[0].toMinutes < changes[0].fromMinutes ? "DAYLIGHT" : "STANDARD";
  lines.push(`BEGIN:${first}`, `DTSTART:${fromYear}0101T000000`, `TZOFFSETFROM:${offsetText(initial)}`, `TZOFFSETTO:${offsetText(initial)}`, `END:${first}`);
  for (const c of changes) {
    const kind = c.toMinutes > c.fromMinutes ? "DAYLIGHT" : "STANDARD";
    lines.push(`BEGIN:${kind}`, `DTSTART:${localStamp(c.atMs + c.fromMinutes * 60_000)}`, `TZOFFSETFROM:${offsetText(c.fromMinutes)}`, `TZOFFSETTO:${offsetText(c.toMinutes)}`, `END:${kind}`);
  }
  lines.push("END:VTIMEZONE");
  return lines;
}

/** The calendar as text/calendar content (CRLF line ends, folded). */
export function writeCalendar(cal: Calendar): string {
  const stamp = utcStamp(cal.stamp);
  const tz = cal.timezone;
  const at = (local: string) => (tz ? `;TZID=${tz}:${floating(local)}` : `:${floating(local)}`);
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//Evolve//Timetable export//EN",
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
    `X-WR-CALNAME:${escapeText(cal.name)}`,
    ...(tz ? [`X-WR-TIMEZONE:${escapeText(tz)}`] : []),
  ];
  if (tz && cal.events.length) {
    // The years the events cover, weekly repeats included.
    let first = Infinity;
    let last = -Infinity;
    for (const e of cal.events) {
      first = Math.min(first, Number(e.start.slice(0, 4)));
      last = Math.max(last, new Date(Date.parse(`${e.end.slice(0, 10)}T00:00:00Z`) + ((e.weeklyCount ?? 1) - 1) * 7 * 86_400_000).getUTCFullYear());
    }
    lines.push(...vtimezone(tz, first, last));
  }
  for (const e of cal.events) {
    lines.push(
      "BEGIN:VEVENT",
      `UID:${e.uid}`,
      `DTSTAMP:${stamp}`,
      `LAST-MODIFIED:${stamp}`,
      `SEQUENCE:${e.sequence ?? 0}`,
      `DTSTART${at(e.start)}`,
      `DTEND${at(e.end)}`,
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
