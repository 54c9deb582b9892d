import { describe, expect, it } from '@jest/globals'
import { UserError } from '../../src/common/errors.js'
import type { DistributionTag } from '../../src/inputs/targets.js'
import { matchAlias, resolveAlias, resolveTargets, type Targets } from '../../src/targets/lookup.js'
import type { DistributionSummary, FoundBy, TenantSummary } from '../../src/types.js'
import { rejectionOf } from '../../__fixtures__/rejection.js'

describe('matchAlias', () => {
  it.each<[string, string, ReturnType<typeof matchAlias>]>([
    ['www.example.com', 'www.example.com', 'exact'],
    ['www.example.com', 'WWW.Example.COM', 'exact'],
    ['WWW.EXAMPLE.COM', 'www.example.com', 'exact'],
    ['www.example.com', '*.example.com', 'wildcard'],
    ['API.Example.com', '*.EXAMPLE.com', 'wildcard'],
    ['*.example.com', '*.example.com', 'exact'],
    // A wildcard covers exactly one label, as CloudFront routes it.
    ['example.com', '*.example.com', undefined],
    ['a.b.example.com', '*.example.com', undefined],
    ['www.example.org', '*.example.com', undefined],
    ['wwwexample.com', '*.example.com', undefined],
    ['www.example.com.evil.net', '*.example.com', undefined],
    // A wildcard name is not a concrete name: it only matches the same wildcard.
    ['*.example.com', '*.com', undefined],
    ['*.example.com', 'www.example.com', undefined],
    ['www.example.com', 'example.com', undefined],
    ['www.example.com', 'api.example.com', undefined]
  ])('%s against the alias %s: %s', (name, alias, expected) => {
    expect(matchAlias(name, alias)).toBe(expected)
  })
})

const site: DistributionSummary = { id: 'E1SITE000000', aliases: ['example.com', 'www.example.com'] }
const wildcard: DistributionSummary = { id: 'E2WILDCARD00', aliases: ['*.example.com'] }
const docs: DistributionSummary = { id: 'E3DOCS000000', aliases: ['docs.example.org'] }
const bare: DistributionSummary = { id: 'E4NOALIAS000', aliases: [] }
const account = [bare, wildcard, site, docs]

describe('resolveAlias', () => {
  it('finds the distribution with the exact alias, whatever the case', () => {
    expect(resolveAlias('Docs.Example.org', account)).toEqual({ id: docs.id, alias: 'docs.example.org' })
  })

  it('prefers an exact alias to a wildcard that also covers the name, wherever each is listed', () => {
    expect(resolveAlias('www.example.com', account)).toEqual({ id: site.id, alias: 'www.example.com' })
    expect(resolveAlias('www.example.com', [...account].reverse())?.id).toBe(site.id)
  })

  it('falls back to the wildcard alias for a name no distribution has exactly', () => {
    expect(resolveAlias('shop.example.com', account)).toEqual({ id: wildcard.id, alias: '*.example.com' })
  })

  it('finds nothing for a name neither an alias nor a wildcard covers', () => {
    expect(resolveAlias('a.b.example.com', account)).toBeUndefined()
    expect(resolveAlias('example.net', account)).toBeUndefined()
  })

  it('refuses to guess between two distributions of the same rank', () => {
    const copy = { id: 'E5COPY000000', aliases: ['*.example.com'] }
    const error = (() => {
      try {
        resolveAlias('shop.example.com', [wildcard, copy])
      } catch (caught) {
        return caught
      }
      return undefined
    })()
    expect(error).toBeInstanceOf(UserError)
    expect((error as Error).message).toMatch(
      /^distribution-alias: shop\.example\.com matches several distributions \(E2WILDCARD00 by \*\.example\.com, E5COPY000000 by \*\.example\.com\)\. Use distribution-id/
    )
  })
})

const distribution = (id: string, foundBy: FoundBy[]) => ({ target: { kind: 'distribution', id }, foundBy })

/** Lookup dependencies that answer from memory and record every call. */
function fakeAws(
  distributions: DistributionSummary[],
  tagged: Record<string, string[]> = {},
  tenants: TenantSummary[] = []
) {
  const calls: string[] = []
  const logs: string[] = []
  return {
    calls,
    logs,
    deps: {
      listDistributions: async () => {
        calls.push('ListDistributions')
        return distributions
      },
      findTagged: async (tags: readonly DistributionTag[]) => {
        calls.push(`findTagged ${tags.map(tag => `${tag.key}=${tag.value}`).join(' ')}`)
        return tags.map(tag => tagged[`${tag.key}=${tag.value}`] ?? [])
      },
      getTenantByDomain: async (domain: string) => {
        calls.push(`GetDistributionTenantByDomain ${domain}`)
        return tenants.find(tenant => tenant.domains.includes(domain))
      },
      info: (message: string) => logs.push(message)
    }
  }
}

const targets = (partial: Partial<Targets>): Targets => ({
  distributionIds: [],
  distributionTenantIds: [],
  distributionAliases: [],
  distributionTags: [],
  ...partial
})

describe('resolveTargets', () => {
  it('makes no call at all for distribution-id alone', async () => {
    const aws = fakeAws(account)
    const only = targets({ distributionIds: ['E9GIVEN00000'] })
    expect(await resolveTargets(only, aws.deps)).toEqual([
      distribution('E9GIVEN00000', [{ by: 'distribution-id' }])
    ])
    expect(aws.calls).toEqual([])
  })

  it('lists distributions once for any number of aliases, and never asks about tags then', async () => {
    const aws = fakeAws(account)
    const resolved = await resolveTargets(
      targets({ distributionAliases: ['www.example.com', 'shop.example.com', 'docs.example.org'] }),
      aws.deps
    )
    expect(resolved).toEqual([
      distribution(site.id, [{ by: 'alias', name: 'www.example.com' }]),
      distribution(wildcard.id, [{ by: 'alias', name: 'shop.example.com' }]),
      distribution(docs.id, [{ by: 'alias', name: 'docs.example.org' }])
    ])
    expect(aws.calls).toEqual(['ListDistributions'])
    expect(aws.logs).toEqual([
      `distribution-alias www.example.com resolved to distribution ${site.id}.`,
      `distribution-alias shop.example.com resolved to distribution ${wildcard.id} (by its alias *.example.com).`,
      `distribution-alias docs.example.org resolved to distribution ${docs.id}.`
    ])
  })

  it('asks for the tags in one go, and never lists distributions for tags alone', async () => {
    const aws = fakeAws(account, { 'env=prod': [site.id, docs.id], 'team=web': [site.id] })
    const tags = [
      { key: 'env', value: 'prod' },
      { key: 'team', value: 'web' }
    ]
    const resolved = await resolveTargets(targets({ distributionTags: tags }), aws.deps)
    expect(resolved).toEqual([
      distribution(site.id, [
        { by: 'tag', tag: 'env=prod' },
        { by: 'tag', tag: 'team=web' }
      ]),
      distribution(docs.id, [{ by: 'tag', tag: 'env=prod' }])
    ])
    expect(aws.calls).toEqual(['findTagged env=prod team=web'])
    expect(aws.logs).toEqual([
      `distribution-tag env=prod resolved to distributions ${site.id}, ${docs.id}.`,
      `distribution-tag team=web resolved to distribution ${site.id}.`
    ])
  })

  it('takes the union of IDs, aliases and tags, each distribution once, IDs first', async () => {
    const aws = fakeAws(account, { 'env=prod': [docs.id, wildcard.id] })
    const resolved = await resolveTargets(
      targets({
        distributionIds: [docs.id, 'E9GIVEN00000'],
        distributionAliases: ['example.com'],
        distributionTags: [{ key: 'env', value: 'prod' }]
      }),
      aws.deps
    )
    expect(resolved).toEqual([
      distribution(docs.id, [{ by: 'distribution-id' }, { by: 'tag', tag: 'env=prod' }]),
      distribution('E9GIVEN00000', [{ by: 'distribution-id' }]),
      distribution(site.id, [{ by: 'alias', name: 'example.com' }]),
      distribution(wildcard.id, [{ by: 'tag', tag: 'env=prod' }])
    ])
    expect(aws.calls.sort()).toEqual(['ListDistributions', 'findTagged env=prod'])
  })

  it('names every alias and tag that matched nothing, in one UserError', async () => {
    const aws = fakeAws(account, { 'env=prod': [site.id] })
    const error = await rejectionOf(
      resolveTargets(
        targets({
          distributionAliases: ['www.example.com', 'a.b.example.com'],
          distributionTags: [
            { key: 'env', value: 'prod' },
            { key: 'env', value: 'Staging' }
          ]
        }),
        aws.deps
      )
    )
    expect(error).toBeInstanceOf(UserError)
    expect(error.message).toMatch(
      /^distribution-alias a\.b\.example\.com, distribution-tag env=Staging match no CloudFront distribution\. /
    )
    expect(error.message).toContain('4 distributions were searched')
    expect(error.message).toContain('case-sensitive')
  })

  it('says a lone unmatched tag matches nothing, without alias advice', async () => {
    const error = await rejectionOf(
      resolveTargets(targets({ distributionTags: [{ key: 'env', value: 'prod' }] }), fakeAws([]).deps)
    )
    expect(error.message).toMatch(/^distribution-tag env=prod matches no CloudFront distribution\./)
    expect(error.message).not.toContain('alternate domain name')
    expect(error.message).not.toContain('Spaces do not separate tags')
  })

  it('says how to give several tags when an unmatched value holds a space and then key=', async () => {
    const error = await rejectionOf(
      resolveTargets(targets({ distributionTags: [{ key: 'env', value: 'prod site=x' }] }), fakeAws([]).deps)
    )
    expect(error.message).toMatch(/^distribution-tag env=prod site=x matches no CloudFront distribution\./)
    expect(error.message).toContain(
      'Spaces do not separate tags (a value may hold them): give several tags one per line or separated by commas.'
    )
  })

  it('finds a distribution by its own domain name, whatever the case, without asking the tenants', async () => {
    const own = { id: 'E6OWNDOMAIN0', aliases: [], domainName: 'd111111abcdef8.cloudfront.net' }
    const aws = fakeAws([...account, own])
    const resolved = await resolveTargets(
      targets({ distributionAliases: ['d111111abcdef8.cloudfront.net'] }),
      aws.deps
    )
    expect(resolved).toEqual([distribution(own.id, [{ by: 'alias', name: 'd111111abcdef8.cloudfront.net' }])])
    expect(aws.calls).toEqual(['ListDistributions'])
    // Another distribution's domain name, or a made-up one, names nothing.
    expect(resolveAlias('d222222abcdef8.cloudfront.net', [own])).toBeUndefined()
  })

  it('asks the tenants only about names no distribution has, and reports the tenant with its distribution', async () => {
    const tenant = {
      id: 'dt_2wjDZi3hD1ivOXf6rpZJOSNE1AB',
      distributionId: 'E7MULTI00000',
      name: 'customer-a',
      domains: ['customer-a.example.net']
    }
    const aws = fakeAws(account, {}, [tenant])
    const resolved = await resolveTargets(
      targets({
        distributionTenantIds: [tenant.id],
        distributionAliases: ['www.example.com', 'customer-a.example.net']
      }),
      aws.deps
    )
    // Distributions first, then tenants.
    expect(resolved).toEqual([
      distribution(site.id, [{ by: 'alias', name: 'www.example.com' }]),
      {
        target: { kind: 'tenant', id: tenant.id, distributionId: 'E7MULTI00000', name: 'customer-a' },
        foundBy: [{ by: 'distribution-tenant-id' }, { by: 'alias', name: 'customer-a.example.net' }]
      }
    ])
    expect(aws.calls).toEqual(['ListDistributions', 'GetDistributionTenantByDomain customer-a.example.net'])
    expect(aws.logs).toContain(
      `distribution-alias customer-a.example.net resolved to distribution tenant ${tenant.id} (customer-a) of distribution E7MULTI00000.`
    )
  })

  it('makes no tenant call for tenant IDs alone', async () => {
    const aws = fakeAws(account)
    const resolved = await resolveTargets(targets({ distributionTenantIds: ['dt_abc', 'dt_def'] }), aws.deps)
    expect(resolved.map(({ target }) => target)).toEqual([
      { kind: 'tenant', id: 'dt_abc' },
      { kind: 'tenant', id: 'dt_def' }
    ])
    expect(aws.calls).toEqual([])
  })

  it('names an alias that neither a distribution nor a tenant has, saying tenants were searched', async () => {
    const aws = fakeAws(account)
    const error = await rejectionOf(
      resolveTargets(targets({ distributionAliases: ['nobody.example.net'] }), aws.deps)
    )
    expect(error.message).toMatch(
      /^distribution-alias nobody\.example\.net matches no CloudFront distribution\./
    )
    expect(error.message).toContain('a domain of a distribution tenant')
    expect(aws.calls).toEqual(['ListDistributions', 'GetDistributionTenantByDomain nobody.example.net'])
  })
})
