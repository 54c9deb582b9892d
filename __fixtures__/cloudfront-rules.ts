/**
 * CloudFront's rules for the items of an invalidation batch, as the e2e front (FaultFront) enforces them
 * and the property test checks them. Evidence, item by item:
 *
 * - AWS, "What you need to know when invalidating paths" (CloudFront Developer Guide,
 *   invalidation-specifying-objects): paths begin with `/` through the API; `*` only as the last
 *   character; at most 4,000 characters; "If the path includes non-ASCII characters or unsafe characters
 *   as defined in RFC 1738, URL-encode those characters."
 * - A raw `~` (RFC 1738 unsafe) is refused with InvalidArgument: aws/aws-sdk-js-v3#4042 (Storybook's
 *   `runtime~main.*.js`), apancutt/deploy-aws-s3-cloudfront#6 (webpack). `%7E` is accepted but does not
 *   clear what browsers request.
 * - Raw spaces and non-ASCII are refused the same way: andrusha/middleman-cloudfront#15 (spaces),
 *   lpender/gulp-cloudfront-invalidate-aws-publish#23 (Hebrew names), s3tools/s3cmd#299 (unencoded paths).
 * - A missing leading `/` is refused: rust-lang/promote-release#94.
 * - A raw `\` is refused, `%5C` accepted. RFC 1738 (2.2) lists `\` among the unsafe characters the guide
 *   says to URL-encode, and botocore's InvalidRelativePath reads "is not URL-encoded". No report shows a
 *   raw `\` accepted; a path sent with one could not clear anything anyway, since a browser never sends
 *   it (the WHATWG URL parser reads it as `/`), so the object `old\a.js` is requested, cached and
 *   invalidated as `/old%5Ca.js`, the one form the front takes. S3 keys keep `\` apart from `/`
 *   (oven-sh/bun#33295, where rewriting one to the other aliased two objects).
 * - Cache tags (`#tag`): 1 to 256 visible ASCII characters after the `#`, no comma, no wildcard
 *   (invalidation-by-tags).
 */

export const INVALID_PATHS_MESSAGE = 'Your request contains one or more invalid invalidation paths.'

// RFC 1738, section 2.2: alphanumerics, the "safe" $-_.+ and "extra" !*'(), characters, the reserved
// ;/?:@=& and %XX escapes may appear raw. Everything else (controls, space, non-ASCII, and the unsafe
// " # < > % { } | \ ^ ~ [ ] `) must be encoded.
const RFC1738_PATH = /^(?:[A-Za-z0-9$\-_.+!*'(),;/?:@=&]|%[0-9A-Fa-f]{2})*$/
const CACHE_TAG = /^#[\x21-\x29\x2b\x2d-\x7e]{1,256}$/

/** Why CloudFront refuses one item of a batch, or undefined when it accepts it. */
export function refusalOf(item: string): string | undefined {
  if (item.startsWith('#')) {
    return CACHE_TAG.test(item)
      ? undefined
      : 'a cache tag has 1 to 256 visible ASCII characters, no comma or *'
  }
  if (!item.startsWith('/')) return 'does not start with /'
  if (item.length > 4000) return 'is longer than 4,000 characters'
  const star = item.indexOf('*')
  if (star !== -1 && star !== item.length - 1) return 'has a * that is not its last character'
  if (!RFC1738_PATH.test(item)) {
    const bad = Array.from(item).find(
      (ch, i) => !RFC1738_PATH.test(ch) && !(ch === '%' && /^%[0-9A-Fa-f]{2}/.test(item.slice(i)))
    )
    return `has a raw ${JSON.stringify(bad)}, which RFC 1738 says to encode`
  }
  return undefined
}

/** The items of a CreateInvalidation request body, XML entities decoded. */
export function batchPaths(xml: string): string[] {
  return [...xml.matchAll(/<Path>([^<]*)<\/Path>/g)].map(match => decodeXml(match[1] ?? ''))
}

function decodeXml(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_, entity: string) => {
    const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }
    if (entity.startsWith('#x') || entity.startsWith('#X'))
      return String.fromCodePoint(parseInt(entity.slice(2), 16))
    if (entity.startsWith('#')) return String.fromCodePoint(Number(entity.slice(1)))
    return named[entity.toLowerCase()] ?? ''
  })
}

/**
 * A path a browser sent, in the form CloudFront's docs say to invalidate it: the characters RFC 1738 says
 * to encode that browsers send raw (`[`, `]`, `|`) percent-encoded. `~` stays: no form of it is accepted
 * and matches (see refusalOf), which is why the action covers it with a wildcard.
 */
export function invalidationForm(browserPath: string): string {
  return browserPath.replace(/[^A-Za-z0-9$\-_.+!*'(),;/?:@=&%~]/gu, ch =>
    [...new TextEncoder().encode(ch)]
      .map(byte => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`)
      .join('')
  )
}
