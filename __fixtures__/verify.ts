/**
 * What the tests of verify and of invalidation-id share (cloudfront/calls.verify, verify/index and
 * earlier/earlier): CloudFront mocked at the SDK's edge, an invalidation's record at one CreateTime, a
 * deadline far enough off, and a fake site that answers from a table.
 */
import { beforeEach } from '@jest/globals'
import { CloudFrontClient } from '@aws-sdk/client-cloudfront'
import { mockClient } from 'aws-sdk-client-mock'
import { invalidationAnswer, useEnvironmentKeys } from './aws.js'
import type { Deadline } from '../src/types.js'
import type { Answer } from '../src/verify/headers.js'
import type { SiteClient } from '../src/verify/site.js'

/** The distribution the tests invalidate and verify. */
export const DISTRIBUTION_ID = 'E1AAAAAAAAAAAA'

/**
 * CloudFront's client mocked for the test file, with keys in the environment and every answer cleared
 * before each test. Call it once, at the top of the file.
 */
export function mockCloudFront() {
  const cloudFront = mockClient(CloudFrontClient)
  useEnvironmentKeys()
  beforeEach(() => {
    cloudFront.reset()
  })
  return cloudFront
}

/** A client the mock answers for. */
export const cloudFrontClient = () => new CloudFrontClient({ region: 'us-east-1' })

/** When the invalidation was created, on AWS's clock. */
export const CREATE_TIME = new Date('2026-12-04T20:00:00.000Z')

/** An HTTP date `seconds` after CREATE_TIME (before it, when negative). */
export const afterCreate = (seconds: number) => new Date(CREATE_TIME.getTime() + seconds * 1000).toUTCString()

/** CloudFront's answer to GetInvalidation (or its tenant variant) for an invalidation created at CREATE_TIME. */
export const invalidationRecord = (id: string, status: string, paths: string[]) =>
  invalidationAnswer(id, status, { paths, createTime: CREATE_TIME })

/** A deadline at `at` ms on the fake clock, for a wait-timeout of `seconds`, that no one cancels. */
export const deadlineAt = (at: number, seconds: number): Deadline => ({
  at,
  seconds,
  signal: new AbortController().signal
})

/** A miss a minute after the invalidation: the edge fetched the file from the origin since then. */
export const freshMiss = (headers: Record<string, string> = {}): Answer => ({
  status: 200,
  headers: { 'x-cache': 'Miss from cloudfront', date: afterCreate(60), ...headers }
})

/** A site that answers each path from a table (a fresh miss for any other); what was asked is kept. */
export function fakeSite(answers: Record<string, Answer> = {}) {
  const asked: string[] = []
  const site: SiteClient = {
    get: url => {
      asked.push(url.href)
      return Promise.resolve(answers[url.pathname] ?? freshMiss())
    },
    close: () => undefined
  }
  return { site, asked }
}
