/**
 * Small formatting functions for what the page shows: file sizes, accepted file types, how long ago
 * a photo was posted, counts ("3 likes") and dates. Pure functions, no DOM.
 */

// Display names for image subtypes, where the plain upper-case subtype would read oddly.
const TYPE_NAMES = { webp: "WebP" };

/** 26214400 -> "25 MB"; 1536 -> "1.5 KB". */
export function formatBytes(bytes) {
  const units = ["bytes", "KB", "MB", "GB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const digits = unit === 0 || value >= 10 || Number.isInteger(value) ? 0 : 1;
  return `${value.toFixed(digits)} ${units[unit]}`;
}

/** ["image/jpeg", "image/png", "image/gif"] -> "JPEG, PNG or GIF". */
export function describeContentTypes(contentTypes) {
  const names = contentTypes.map((type) => {
    const subtype = type.split("/").pop();
    return TYPE_NAMES[subtype] ?? subtype.toUpperCase();
  });
  return new Intl.ListFormat("en", { type: "disjunction" }).format(names);
}

const RELATIVE_STEPS = [
  ["year", 365 * 24 * 3600],
  ["month", 30 * 24 * 3600],
  ["week", 7 * 24 * 3600],
  ["day", 24 * 3600],
  ["hour", 3600],
  ["minute", 60],
];

/** An ISO time -> "just now", "5 minutes ago", "yesterday"... */
export function timeAgo(isoTime, now = Date.now()) {
  const seconds = Math.round((now - Date.parse(isoTime)) / 1000);
  if (!Number.isFinite(seconds)) return "";
  if (seconds < 45) return "just now";
  const formatter = new Intl.RelativeTimeFormat("en", { numeric: "auto" });
  for (const [unit, unitSeconds] of RELATIVE_STEPS) {
    if (seconds >= unitSeconds) return formatter.format(-Math.floor(seconds / unitSeconds), unit);
  }
  return formatter.format(-1, "minute");
}

/** (1, "like") -> "1 like"; (1234, "like") -> "1,234 likes". */
export function countOf(count, singular, plural = `${singular}s`) {
  const number = new Intl.NumberFormat("en").format(count);
  return `${number} ${count === 1 ? singular : plural}`;
}

/** An ISO time -> "November 2026". */
export function monthAndYear(isoTime) {
  const date = new Date(isoTime);
  if (Number.isNaN(date.getTime())) return "";
  return new Intl.DateTimeFormat("en", { month: "long", year: "numeric" }).format(date);
}
