/** What the bundles were built from, and the bundles: what `record` writes to .dist-src.sha. */
export function fingerprint(root: string): string
/** The warning to print when the bundles may be older than src/, else undefined. */
export function staleness(root: string): string | undefined
