import { describe, expect, it } from '@jest/globals'
import { ANY_RESOURCE, inRolePolicy, isAccessDenied } from '../../src/aws/denied.js'

describe('isAccessDenied', () => {
  it.each([
    ['AccessDenied', true],
    ['AccessDeniedException', true],
    ['Throttling', false],
    ['', false]
  ])('%s: %s', (name, expected) => {
    expect(isAccessDenied(name)).toBe(expected)
  })
})

describe('inRolePolicy', () => {
  it('names the action, where to allow it, and the policy it goes in', () => {
    expect(inRolePolicy('s3:ListBucket', 'arn:aws:s3:::site')).toBe(
      's3:ListBucket on arn:aws:s3:::site in the policy of the role these credentials belong to'
    )
    expect(inRolePolicy('cloudfront:ListDistributions', ANY_RESOURCE)).toBe(
      'cloudfront:ListDistributions on the resource "*" in the policy of the role these credentials belong to'
    )
  })

  it('leaves the resource out when the message has none', () => {
    expect(inRolePolicy('cloudfront:GetDistribution')).toBe(
      'cloudfront:GetDistribution in the policy of the role these credentials belong to'
    )
  })
})
