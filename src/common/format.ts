/**
 * How the actions write numbers and durations in the log and the summary, the same way everywhere: both
 * actions import it, so it stays free of what either one does.
 */

/** 1.5 s under a minute, 2 min 5 s from there: waits run from seconds to an hour. */
export function formatDuration(ms: number): string {
  const tenths = Math.round(ms / 100)
  if (tenths < 600) return `${(tenths / 10).toFixed(1)} s`
  const seconds = Math.round(ms / 1000)
  return `${Math.floor(seconds / 60)} min ${seconds % 60} s`
}

/**
 * 40,000 rather than 40000. By hand: toLocaleString() loads ICU's number formatting on first use, which
 * cost about 10 ms of every run's start-up (measured with npm run bench).
 */
export function formatNumber(count: number): string {
  return String(count).replace(/\B(?=(\d{3})+(?!\d))/g, ',')
}

/** `1,234`: counts of paths run into the hundreds of thousands. */
export function formatCount(count: number, noun: string): string {
  return `${formatNumber(count)} ${noun}${count === 1 ? '' : 's'}`
}

/**
 * `45 s`, `12 min`, `3 h 2 min`, `2 d 4 h`: ages and lifetimes, roughly (verify's reasons and summary),
 * where formatDuration counts a wait to the tenth of a second.
 */
export function formatSeconds(total: number): string {
  const s = Math.max(0, Math.round(total))
  if (s < 60) return `${s} s`
  if (s < 3600) return `${Math.floor(s / 60)} min${s % 60 ? ` ${s % 60} s` : ''}`
  if (s < 86400)
    return `${Math.floor(s / 3600)} h${Math.floor((s % 3600) / 60) ? ` ${Math.floor((s % 3600) / 60)} min` : ''}`
  return `${Math.floor(s / 86400)} d${Math.floor((s % 86400) / 3600) ? ` ${Math.floor((s % 86400) / 3600)} h` : ''}`
}
