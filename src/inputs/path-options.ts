/**
 * The inputs that say how keys map to URLs: origin-path and index-document, each checked into the value
 * PathReader takes (SourceOptions).
 */
import { UserError } from '../common/errors.js'
import { DOT_SEGMENT, URL_SCHEME } from '../paths/lines.js'

/** Checks origin-path, as CloudFront does for an origin's OriginPath; returns it, or '' for none. */
export function readOriginPath(raw: string): string {
  const value = raw.trim()
  if (value === '') return ''
  const fix = (why: string, example = '/prod') =>
    new UserError(
      `origin-path: "${value}" ${why}. Give the distribution's origin path as CloudFront shows it (for example ${example}), or leave origin-path empty when the origin has none.`
    )
  if (/^s3:\/\//i.test(value) || URL_SCHEME.test(value)) {
    throw fix('is a URI; the origin path is only the folder of the bucket the origin reads from')
  }
  if (!value.startsWith('/')) throw fix('does not start with /', `/${value.replace(/\/+$/, '')}`)
  if (value === '/') throw fix('is only /; an origin path names a folder')
  if (value.endsWith('/')) throw fix('ends with /', value.replace(/\/+$/, ''))
  if (/[*?#\\]/.test(value) || value.includes('//') || DOT_SEGMENT.test(value.slice(1))) {
    throw fix('is not a folder path: it may not hold *, ?, #, \\, // or . and .. segments')
  }
  return value
}

/** Checks index-document: a file name, or '' to add no directories. */
export function readIndexDocument(raw: string): string {
  const value = raw.trim()
  if (value === '') return ''
  if (/[/\\*?#]/.test(value) || value === '.' || value === '..') {
    throw new UserError(
      `index-document: "${value}" is not a file name. Give the name of the file a directory URL serves (for example index.html), without / or wildcards; leave it empty to add no directories.`
    )
  }
  return value
}
