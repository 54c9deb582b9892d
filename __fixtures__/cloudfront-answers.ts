/**
 * Answers CloudFront really sent, as published captures show them: test data for the pure judge, and the
 * evidence the edge double (__tests__/e2e/edge.ts) is built on. Nothing here is invented: each header value
 * is copied verbatim from its source; header names are lower-cased. Headers that say nothing about which
 * copy was served or who answered (cookies, security headers, x-amz-cf-id) are left out.
 *
 * Sources that are GitHub files are pinned to a commit. The phonedude/* repositories are course
 * assignments (Old Dominion University, "Web Security") in which students saved `curl -IL` output for a
 * hundred popular sites: each file is one run, so the answers in it came moments apart, and the Date of a
 * CloudFront-made answer (a Redirect, which CloudFront writes itself) tells when the next one was
 * requested. That is `requestedAt` below where it is given, with how it is known in `note`.
 *
 * What no capture was found for (so the double relies on the Developer Guide alone, see edge.ts): a
 * compressed answer whose strong ETag CloudFront turned weak; a custom error response answered with 200
 * and `X-Cache: Error from cloudfront`; a viewer-response function's answer.
 */

export interface CapturedAnswer {
  /** Short, unique: what it shows and the year. */
  name: string
  /** Where it was published: a URL, or `owner/repo@commit:path`. */
  source: string
  status: number
  /** Lower-case names, verbatim values. */
  headers: Readonly<Record<string, string>>
  /** When it was requested (ISO 8601, UTC), where the source tells; see `note` for how. */
  requestedAt?: string
  /** What the capture shows for judging, and how `requestedAt` is known. */
  note: string
}

const CS595_S21 = 'phonedude/cs595-s21@4ae11887b9f869a914bcff83fbfebf7399374b47'
const CS595_S22 = 'phonedude/cs595-s22@2d594005c865e2985aa990f96330998c3859ecba'
const CS533_F23 = 'phonedude/cs533-f23@c65270604c715fa4bd137cb2e22510a29144ccfd'
const VIRTUALLYHYPER = 'http://virtuallyhyper.com/2013/08/cors-with-cloudfront-s3-and-multiple-domains/'
const TTS =
  'ilakkmanoharan/tts-next-fast-aws@6cef5659ca0b276f004dbd4c67e3e831c2ab9f80:todo/frontendbackendintegration/Issue101/imporovement 102.md'
const CLOUDFRONT_GUIDE = 'awsdocs/amazon-cloudfront-developer-guide@ca7e91caf9048f49aa32de3f633c859f568fb765'

export const CAPTURED_ANSWERS: readonly CapturedAnswer[] = [
  // A miss and then a hit of the same object 24 s later, S3 behind CloudFront: the hit keeps the Date of
  // the miss (the origin's, from the fetch) and adds Age.
  {
    name: 's3-miss-2013',
    source: VIRTUALLYHYPER,
    status: 200,
    headers: {
      'content-type': 'text/plain',
      'content-length': '1615',
      date: 'Wed, 07 Aug 2013 16:27:12 GMT',
      'last-modified': 'Wed, 07 Aug 2013 16:16:39 GMT',
      etag: '"c4a1be5e4c5527057839d16aa35222e0"',
      'accept-ranges': 'bytes',
      server: 'AmazonS3',
      via: '1.0 fcaad488d818a994f233336c3591baa3.cloudfront.net (CloudFront)',
      'x-cache': 'Miss from cloudfront'
    },
    note: 'A miss: the Date is the fetch from S3, no Age. (The shell prompt before the curl reads [09:26:58], local time of an unstated zone.)'
  },
  {
    name: 's3-hit-2013',
    source: VIRTUALLYHYPER,
    status: 200,
    headers: {
      'content-type': 'text/plain',
      'content-length': '1615',
      date: 'Wed, 07 Aug 2013 16:27:12 GMT',
      'last-modified': 'Wed, 07 Aug 2013 16:16:39 GMT',
      etag: '"c4a1be5e4c5527057839d16aa35222e0"',
      'accept-ranges': 'bytes',
      server: 'AmazonS3',
      age: '24',
      via: '1.0 c8322bf52b16cf8e2526dd1edd273e42.cloudfront.net (CloudFront)',
      'x-cache': 'Hit from cloudfront'
    },
    note: 'The hit of the same cached object: the same Date as the miss, Age 24, so it was answered at 16:27:36; Date is when the copy was fetched, not when it was served.'
  },
  {
    name: 's3-miss-later-2013',
    source: VIRTUALLYHYPER,
    status: 200,
    headers: {
      'content-type': 'text/plain',
      'content-length': '1615',
      date: 'Wed, 07 Aug 2013 16:27:47 GMT',
      'last-modified': 'Wed, 07 Aug 2013 16:16:39 GMT',
      etag: '"c4a1be5e4c5527057839d16aa35222e0"',
      'accept-ranges': 'bytes',
      server: 'AmazonS3',
      via: '1.0 f92f8f7bfddd48b405cdd59b21a31a08.cloudfront.net (CloudFront)',
      'x-cache': 'Miss from cloudfront'
    },
    note: 'The next request, another cache key (?origin=5): a miss, with a Date of its own fetch, 11 s after the hit above was answered.'
  },
  // curl -IL: CloudFront's own redirect to https, then a hit whose Date is 237 s before the redirect's.
  {
    name: 'redirect-to-https-2021',
    source: `${CS595_S21}:assignments/Garg/3/http-responses/washingtonpost.com`,
    status: 301,
    headers: {
      server: 'CloudFront',
      date: 'Mon, 22 Feb 2021 03:57:01 GMT',
      'content-type': 'text/html',
      'content-length': '183',
      location: 'https://washingtonpost.com/',
      'x-cache': 'Redirect from cloudfront',
      via: '1.1 076da3643179565aba2eda873738d6b6.cloudfront.net (CloudFront)',
      'x-amz-cf-pop': 'IAD66-C1'
    },
    requestedAt: '2021-02-22T03:57:01Z',
    note: 'Viewer protocol policy redirect-to-https: an answer CloudFront writes itself, with its current Date and no Age.'
  },
  {
    name: 's3-redirect-object-hit-2021',
    source: `${CS595_S21}:assignments/Garg/3/http-responses/washingtonpost.com`,
    status: 301,
    headers: {
      'content-length': '0',
      location: 'https://www.washingtonpost.com/',
      date: 'Mon, 22 Feb 2021 03:53:05 GMT',
      server: 'AmazonS3',
      'x-cache': 'Hit from cloudfront',
      via: '1.1 7304a96518f6c4657eabe5542a78c41a.cloudfront.net (CloudFront)',
      'x-amz-cf-pop': 'IAD66-C1',
      age: '237'
    },
    requestedAt: '2021-02-22T03:57:01Z',
    note: 'Requested right after the redirect above (same curl -L, its Date): Date + Age = 03:57:02. The Date is the fetch from S3, 4 min before the request.'
  },
  // Another curl -IL, 2025: the same shape, an hour-old copy.
  {
    name: 'redirect-to-https-2025',
    source: TTS,
    status: 301,
    headers: {
      server: 'CloudFront',
      date: 'Sat, 20 Sep 2025 23:16:19 GMT',
      'content-type': 'text/html',
      'content-length': '167',
      location: 'https://dpy3jeqrdnvsx.cloudfront.net/',
      'x-cache': 'Redirect from cloudfront',
      via: '1.1 d001ee82d54e86bc2401900221a7c6cc.cloudfront.net (CloudFront)',
      'x-amz-cf-pop': 'ORD58-P9'
    },
    requestedAt: '2025-09-20T23:16:19Z',
    note: 'CloudFront-made redirect: current Date, no Age.'
  },
  {
    name: 's3-hit-2025',
    source: TTS,
    status: 200,
    headers: {
      'content-type': 'text/html',
      'content-length': '6235',
      date: 'Sat, 20 Sep 2025 22:19:32 GMT',
      'last-modified': 'Wed, 10 Sep 2025 05:38:11 GMT',
      etag: '"f4ce3e1962d7b8a0300fce7ffe05bd43"',
      'x-amz-server-side-encryption': 'AES256',
      'accept-ranges': 'bytes',
      server: 'AmazonS3',
      'x-cache': 'Hit from cloudfront',
      via: '1.1 1c8fc3ee57dbb1a10649d90a943a2c6c.cloudfront.net (CloudFront)',
      'x-amz-cf-pop': 'ORD58-P9',
      age: '3408'
    },
    requestedAt: '2025-09-20T23:16:19Z',
    note: 'Requested right after the redirect above (same curl -IL): Date + Age = 23:16:20. Date is the S3 fetch 57 min earlier; the ETag is S3’s MD5, strong (no compression: curl -I sends no Accept-Encoding).'
  },
  // Answers CloudFront makes itself: its current Date, no Age.
  {
    name: 'function-generated-2021',
    source: `${CLOUDFRONT_GUIDE}:doc_source/functions-tutorial.md`,
    status: 302,
    headers: {
      server: 'CloudFront',
      date: 'Tue, 16 Mar 2021 18:50:48 GMT',
      'content-length': '0',
      location: 'https://aws.amazon.com/cloudfront/',
      'cloudfront-functions': 'generated-by-CloudFront-Functions',
      'x-cache': 'FunctionGeneratedResponse from cloudfront',
      via: '1.1 3035b31bddaf14eded329f8d22cf188c.cloudfront.net (CloudFront)',
      'x-amz-cf-pop': 'PHX50-C2'
    },
    note: 'The Developer Guide’s own capture (CloudFront Functions tutorial): a viewer-request function answers without the cache or the origin.'
  },
  {
    name: 'function-generated-2022',
    source: `${CS595_S22}:assignments/Sidlo/3/sites/tiktok.com.txt`,
    status: 301,
    headers: {
      server: 'CloudFront',
      date: 'Wed, 02 Mar 2022 03:55:31 GMT',
      'content-length': '0',
      location: 'https://www.tiktok.com/',
      'x-cache': 'FunctionGeneratedResponse from cloudfront',
      via: '1.1 6558ca49ea7de7f93b4e2fdd32251fce.cloudfront.net (CloudFront)',
      'x-amz-cf-pop': 'IAD66-C2'
    },
    note: 'A function-made redirect on a production site: current Date, no Age.'
  },
  {
    name: 'function-generated-2023',
    source: `${CS533_F23}:assignments/Thennakoon/3/cookie_details_100_sites/bustle.com.txt`,
    status: 301,
    headers: {
      server: 'CloudFront',
      date: 'Tue, 10 Oct 2023 00:36:15 GMT',
      'content-length': '0',
      location: 'https://www.bustle.com',
      'x-cache': 'FunctionGeneratedResponse from cloudfront',
      via: '1.1 55545918b0c914bb8f5282930649df4c.cloudfront.net (CloudFront)',
      'x-amz-cf-pop': 'IAD12-P2'
    },
    note: 'Over HTTP/2: the same shape.'
  },
  {
    name: 'lambda-generated-2021',
    source: `${CS595_S21}:assignments/Tillman/3/data/consumerreports.org.txt`,
    status: 301,
    headers: {
      'content-length': '0',
      server: 'CloudFront',
      date: 'Sat, 07 Aug 2021 01:32:13 GMT',
      location: '/cro/index.htm',
      'x-cache': 'LambdaGeneratedResponse from cloudfront',
      via: '1.1 7ae870cd25f69f522a5d075cc08767f0.cloudfront.net (CloudFront)',
      'x-amz-cf-pop': 'EWR50-C1'
    },
    requestedAt: '2021-08-07T01:32:13Z',
    note: 'A Lambda@Edge answer, requested right after a CloudFront redirect dated 01:32:13 (same curl -L): its Date is the current time, no Age.'
  },
  {
    name: 'lambda-generated-2022',
    source: `${CS595_S22}:assignments/Banks/3/responses/wsj.com.txt`,
    status: 301,
    headers: {
      'content-length': '0',
      server: 'CloudFront',
      date: 'Mon, 04 Apr 2022 05:01:07 GMT',
      location: 'https://www.wsj.com/',
      'x-cache': 'LambdaGeneratedResponse from cloudfront',
      via: '1.1 7c9d2cffb8d1fe464e9f78e42af1b34c.cloudfront.net (CloudFront)',
      'x-amz-cf-pop': 'IAD79-C3'
    },
    note: 'Lambda@Edge answer: current Date, no Age.'
  },
  {
    name: 'miss-with-origin-age-2021',
    source: `${CS595_S21}:assignments/Tillman/3/data/consumerreports.org.txt`,
    status: 200,
    headers: {
      'content-type': 'text/html;charset=UTF-8',
      'content-length': '285092',
      date: 'Sat, 07 Aug 2021 01:32:14 GMT',
      expires: 'Fri, 06 Aug 2021 22:40:16 GMT',
      'x-varnish': '52720271 56992906',
      via: '1.1 varnish (Varnish/5.2), 1.1 c5e0ddd115d9893ade353cf085d11dba.cloudfront.net (CloudFront)',
      'x-cache-hits': '9302',
      'cache-control': 'max-age=0, private, no-store, no-cache, must-revalidate',
      server: '',
      'x-cache': 'Miss from cloudfront',
      'x-amz-cf-pop': 'EWR50-C1',
      age: '17517'
    },
    requestedAt: '2021-08-07T01:32:14Z',
    note: 'A miss WITH an Age: the origin is itself a cache (Varnish, X-Cache-Hits 9302) and CloudFront passes its Age on. CloudFront adds no Age to a miss, but an origin may send one. requestedAt: the answers before it in the same curl -L are dated 01:32:13.'
  },
  // S3 errors passed on by CloudFront: Server AmazonS3, X-Cache Error; cached errors carry Age.
  {
    name: 's3-403-missing-key-2025',
    source:
      'a public curl write-up in a GitHub repository (found by its content, host flixnets.co.uk, captured 28 Sep 2025; its repository and path could not be resolved)',
    status: 403,
    headers: {
      'content-type': 'application/xml',
      server: 'AmazonS3',
      date: 'Sun, 28 Sep 2025 13:31:50 GMT',
      'x-cache': 'Error from cloudfront',
      via: '1.1 d3d0d17e434973630c1010bc54606844.cloudfront.net (CloudFront)',
      'x-amz-cf-pop': 'LHR5-P3'
    },
    note: 'HTTP/2 403 from S3 behind CloudFront, with an XML body (S3’s error document); the write-up does not show what was requested. It is the shape of what S3 answers for a missing key when the reader has no s3:ListBucket (S3 API Reference, GetObject, Permissions), as behind origin access control.'
  },
  {
    name: 's3-403-cached-error-page-2021',
    source: `${CS595_S21}:assignments/Baran/3/websites/curl/wsj.com.txt`,
    status: 403,
    headers: {
      'content-type': 'text/html; charset=UTF-8',
      'content-length': '661788',
      date: 'Thu, 04 Mar 2021 20:07:08 GMT',
      'last-modified': 'Thu, 04 Mar 2021 20:06:06 GMT',
      etag: '"4a468b3500ac1e57680cc91c70603fdf"',
      'cache-control': 'public,max-age=60,s-maxage=60',
      'accept-ranges': 'bytes',
      server: 'AmazonS3',
      'x-cache': 'Error from cloudfront',
      via: '1.1 64084bd9866ab1b036a99b332a805411.cloudfront.net (CloudFront)',
      'x-amz-cf-pop': 'IAD66-C1',
      age: '493'
    },
    note: 'A 403 from S3 with an HTML error page, served from the cache: X-Cache Error, the Date of the page’s fetch, and an Age (the guide’s x-edge-detailed-result-type Error: "the server serves an error response from the cache").'
  },
  {
    name: 's3-404-cached-error-page-2021',
    source: `${CS595_S21}:assignments/Kreider/3/wsj.com.txt`,
    status: 404,
    headers: {
      'content-type': 'text/html; charset=UTF-8',
      'content-length': '641832',
      date: 'Wed, 24 Feb 2021 00:14:01 GMT',
      'last-modified': 'Wed, 24 Feb 2021 00:12:07 GMT',
      etag: '"1afaddaa631b64b5a87fdaf053d30397"',
      'cache-control': 'public,max-age=60,s-maxage=60',
      'accept-ranges': 'bytes',
      server: 'AmazonS3',
      'x-cache': 'Error from cloudfront',
      via: '1.1 e89d95d090c0c86ecc7b8930e434625d.cloudfront.net (CloudFront)',
      'x-amz-cf-pop': 'IAD89-C3',
      age: '498'
    },
    note: 'The same site a week earlier as a 404: an error from S3, cached, with Age.'
  },
  {
    name: 'cloudfront-403-2021',
    source: `${CS595_S21}:assignments/Kreider/3/sciencedaily.com.txt`,
    status: 403,
    headers: {
      server: 'CloudFront',
      date: 'Wed, 24 Feb 2021 00:14:17 GMT',
      'content-type': 'text/html',
      'content-length': '919',
      'x-cache': 'Error from cloudfront',
      via: '1.1 d1fe44bb64238a84cc5fc2e3dbc947c7.cloudfront.net (CloudFront)',
      'x-amz-cf-pop': 'PHL50-C1'
    },
    note: 'A 403 that is not S3’s: Server CloudFront (a WAF rule, a geographic restriction or a signed-URL check refusing the request at the edge). It says nothing of which copy is cached.'
  },
  // RefreshHit: the edge revalidated an expired copy with the origin.
  {
    name: 'refresh-hit-2023',
    source: `${CS533_F23}:assignments/Arcand/3/response_files/gofundme.com.txt`,
    status: 200,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'content-length': '597582',
      date: 'Sat, 14 Oct 2023 20:02:43 GMT',
      server: 'nginx',
      'cache-control': 'max-age=60, s-maxage=60, stale-while-revalidate=6000, stale-if-error=86400',
      etag: '"s0x55q4ymrcs3a"',
      vary: 'Accept-Encoding',
      'x-cache': 'RefreshHit from cloudfront',
      via: '1.1 71e79e1e6108b748582f22a7451be222.cloudfront.net (CloudFront)',
      'x-amz-cf-pop': 'ATL51-C1',
      age: '92'
    },
    requestedAt: '2023-10-14T20:04:15Z',
    note: 'A RefreshHit with an Age: Date + Age = 20:04:15, the Date of the two misses answered just before it in the same curl -L. The Date is the copy’s fetch, kept; Age counts from it.'
  },
  {
    name: 'refresh-hit-fresh-date-2022',
    source: `${CS595_S22}:assignments/Banks/3/responses/fortune.com.txt`,
    status: 200,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'content-length': '99909',
      date: 'Mon, 04 Apr 2022 05:00:46 GMT',
      server: 'nginx',
      'x-powered-by': 'Express',
      'cache-control': 'public, max-age=300, must-revalidate',
      'last-modified': 'Mon, 04 Apr 2022 05:00:25 GMT',
      etag: 'W/"7d155-exq4vkiboSGfMg2qlNpRTwoFWII"',
      'content-encoding': 'gzip',
      'accept-ranges': 'bytes',
      vary: 'Accept-Encoding',
      'x-cache': 'RefreshHit from cloudfront',
      via: '1.1 966a4e45512437c14125c564c492a2d6.cloudfront.net (CloudFront)',
      'x-amz-cf-pop': 'IAD50-C2',
      age: '20'
    },
    requestedAt: '2022-04-04T05:00:45Z',
    note: 'A RefreshHit whose Date is the time of the request (the CloudFront redirect before it is dated 05:00:45) yet Age 20: Date + Age is 20 s in the future. Either the revalidation updated the Date while Age kept counting from the first fetch, or an origin cache sent the Age. The weak ETag and the gzip are the origin’s own (Express), not CloudFront’s.'
  }
]

/** One captured answer by name; throws on a name that is not here, so a test never reads undefined. */
export function capturedAnswer(name: string): CapturedAnswer {
  const found = CAPTURED_ANSWERS.find(answer => answer.name === name)
  if (!found) throw new Error(`no captured answer named ${name}`)
  return found
}
