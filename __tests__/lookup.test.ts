import { describe, expect, it } from '@jest/globals'
import { UserError } from '../src/errors.js'
import type { DistributionTag } from '../src/inputs.js'
import {
  matchAlias,
  resolveAlias,
  resolveDistributions,
  type DistributionSummary,
  type Targets
} from '../src/lookup.js'
import { rejectionOf } from '../__fixtures__/rejection.js'

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

/** Lookup dependencies that answer from memory and record every call. */
function fakeAws(distributions: DistributionSummary[], tagged: Record<string, string[]> = {}) {
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
      info: (message: string) => logs.push(message)
    }
  }
}

const targets = (partial: Partial<Targets>): Targets => ({
  distributionIds: [],
  distributionAliases: [],
  distributionTags: [],
  ...partial
})

describe('resolveDistributions', () => {
  it('makes no call at all for distribution-id alone', async () => {
    const aws = fakeAws(account)
    const only = targets({ distributionIds: ['E9GIVEN00000'] })
    expect(await resolveDistributions(only, aws.deps)).toEqual([
      { id: 'E9GIVEN00000', foundBy: ['distribution-id'] }
    ])
    expect(aws.calls).toEqual([])
  })

  it('lists distributions once for any number of aliases, and never asks about tags then', async () => {
    const aws = fakeAws(account)
    const resolved = await resolveDistributions(
      targets({ distributionAliases: ['www.example.com', 'shop.example.com', 'docs.example.org'] }),
      aws.deps
    )
    expect(resolved).toEqual([
      { id: site.id, foundBy: ['alias www.example.com'] },
      { id: wildcard.id, foundBy: ['alias shop.example.com'] },
      { id: docs.id, foundBy: ['alias docs.example.org'] }
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
    const resolved = await resolveDistributions(targets({ distributionTags: tags }), aws.deps)
    expect(resolved).toEqual([
      { id: site.id, foundBy: ['tag env=prod', 'tag team=web'] },
      { id: docs.id, foundBy: ['tag env=prod'] }
    ])
    expect(aws.calls).toEqual(['findTagged env=prod team=web'])
    expect(aws.logs).toEqual([
      `distribution-tag env=prod resolved to distributions ${site.id}, ${docs.id}.`,
      `distribution-tag team=web resolved to distribution ${site.id}.`
    ])
  })

  it('takes the union of IDs, aliases and tags, each distribution once, IDs first', async () => {
    const aws = fakeAws(account, { 'env=prod': [docs.id, wildcard.id] })
    const resolved = await resolveDistributions(
      targets({
        distributionIds: [docs.id, 'E9GIVEN00000'],
        distributionAliases: ['example.com'],
        distributionTags: [{ key: 'env', value: 'prod' }]
      }),
      aws.deps
    )
    expect(resolved).toEqual([
      { id: docs.id, foundBy: ['distribution-id', 'tag env=prod'] },
      { id: 'E9GIVEN00000', foundBy: ['distribution-id'] },
      { id: site.id, foundBy: ['alias example.com'] },
      { id: wildcard.id, foundBy: ['tag env=prod'] }
    ])
    expect(aws.calls.sort()).toEqual(['ListDistributions', 'findTagged env=prod'])
  })

  it('names every alias and tag that matched nothing, in one UserError', async () => {
    const aws = fakeAws(account, { 'env=prod': [site.id] })
    const error = await rejectionOf(
      resolveDistributions(
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
      resolveDistributions(targets({ distributionTags: [{ key: 'env', value: 'prod' }] }), fakeAws([]).deps)
    )
    expect(error.message).toMatch(/^distribution-tag env=prod matches no CloudFront distribution\./)
    expect(error.message).not.toContain('alternate domain name')
  })
})
