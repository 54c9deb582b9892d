/** Kept equal to package.json's version by a unit test; named in the AWS user agent. */
export const ACTION_NAME = 'cloudfront-invalidate-action'
export const ACTION_VERSION = '0.1.0'
