import { describe, expect, it } from '@jest/globals'
import { ANY_RESOURCE, denied, isAccessDenied } from '../../src/aws/denied.js'

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

describe('denied', () => {
  it('says what was refused on what, who needs it, and where to allow it', () => {
    expect(
      denied(
        {
          action: 's3:ListBucket',
          on: 'the bucket site',
          needs: 'the changes action needs to list what is already there',
          resource: 'arn:aws:s3:::site'
        },
        'Access Denied'
      )
    ).toBe(
      'Access denied to s3:ListBucket on the bucket site, which the changes action needs to list what is already there. Allow s3:ListBucket on arn:aws:s3:::site in the policy of the role these credentials belong to. (Access Denied)'
    )
  })

  it('leaves out the parts a denial does not have', () => {
    expect(denied({ action: 'cloudfront:GetDistribution' }, 'no')).toBe(
      'Access denied to cloudfront:GetDistribution. Allow cloudfront:GetDistribution in the policy of the role these credentials belong to. (no)'
    )
  })

  it('ends a longer story, with another way out', () => {
    expect(
      denied(
        {
          context: 'verify',
          action: 'cloudfront:GetDistribution',
          on: 'distribution E1',
          needs: 'verify needs to find the domain the site is served at',
          orElse: ", or set verify-url to the site's address"
        },
        'no'
      )
    ).toBe(
      "verify: access denied to cloudfront:GetDistribution on distribution E1, which verify needs to find the domain the site is served at. Allow cloudfront:GetDistribution in the policy of the role these credentials belong to, or set verify-url to the site's address. (no)"
    )
  })

  it('says when the fix applies, for an action on any resource', () => {
    expect(
      denied(
        {
          context: 'CloudFront has no distribution E1',
          action: 'cloudfront:ListDistributionTenants',
          provided: 'If it is a multi-tenant distribution',
          resource: ANY_RESOURCE,
          orElse: '; otherwise check distribution-id'
        },
        'no'
      )
    ).toBe(
      'CloudFront has no distribution E1: access denied to cloudfront:ListDistributionTenants. If it is a multi-tenant distribution, allow cloudfront:ListDistributionTenants on the resource "*" in the policy of the role these credentials belong to; otherwise check distribution-id. (no)'
    )
  })
})
