import { describe, expect, it } from '@jest/globals'
import { readSiteUrl, selectUrls, siteOfDomain, spread, urlOf } from '../../src/verify/urls.js'

describe('selectUrls', () => {
  it('takes every exact path sent, and leaves cache tags out with a count', () => {
    const selection = selectUrls(['/a.html', '/', '#product'], ['/a.html', '/', '#product'])
    expect(selection).toMatchObject({
      paths: ['/a.html', '/'],
      candidates: 2,
      tags: 1,
      uncheckedWildcards: []
    })
  })

  it('checks a compacted wildcard through the listed files it covers', () => {
    const files = ['/docs/a.html', '/docs/b.html', '/img/x.png']
    const selection = selectUrls(files, ['/docs/*', '/img/x.png'])
    expect(selection.paths).toEqual(files)
    expect(selection.uncheckedWildcards).toEqual([])
  })

  it('names a wildcard no listed file is under; /* alone is checked at the home page', () => {
    expect(selectUrls(['/assets/*'], ['/assets/*'])).toMatchObject({
      paths: [],
      uncheckedWildcards: ['/assets/*']
    })
    expect(selectUrls(['/*'], ['/*'])).toMatchObject({ paths: ['/'], uncheckedWildcards: [] })
    expect(selectUrls(['/*', '/a.html'], ['/*']).paths).toEqual(['/a.html'])
  })

  it('leaves out, and counts, listed files the invalidation does not cover (invalidation-id with paths)', () => {
    const selection = selectUrls(['/a/1.html', '/b/2.html'], ['/a/*'])
    expect(selection).toMatchObject({ paths: ['/a/1.html'], notCovered: 1 })
  })

  it('samples a long list evenly, first and last included, saying how many of how many', () => {
    const files = Array.from({ length: 500 }, (_, i) => `/p/${String(i).padStart(3, '0')}.html`)
    const selection = selectUrls(files, ['/p/*'], 100)
    expect(selection.paths).toHaveLength(100)
    expect(selection.candidates).toBe(500)
    expect(selection.paths[0]).toBe('/p/000.html')
    expect(selection.paths.at(-1)).toBe('/p/499.html')
    expect(new Set(selection.paths).size).toBe(100)
    // Spread: no stretch of the list is skipped by more than its share.
    const indices = selection.paths.map(path => Number(/(\d+)/.exec(path)?.[1]))
    for (let i = 1; i < indices.length; i++)
      expect((indices[i] ?? 0) - (indices[i - 1] ?? 0)).toBeLessThanOrEqual(6)
  })

  it('spread keeps a short list whole and in order', () => {
    expect(spread([1, 2, 3], 5)).toEqual([1, 2, 3])
    expect(spread([1, 2, 3, 4, 5], 3)).toEqual([1, 3, 5])
  })
})

describe('readSiteUrl', () => {
  it('takes a site root, with or without a scheme (https by default)', () => {
    expect(readSiteUrl('https://www.example.com')).toEqual({
      origin: 'https://www.example.com',
      hostname: 'www.example.com'
    })
    expect(readSiteUrl('www.example.com/').origin).toBe('https://www.example.com')
    expect(readSiteUrl('http://127.0.0.1:8080').origin).toBe('http://127.0.0.1:8080')
  })

  it('refuses credentials, paths, queries and other schemes, naming the input', () => {
    expect(() => readSiteUrl('https://user:pw@www.example.com')).toThrow(/^verify-url: remove the user name/)
    expect(() => readSiteUrl('https://www.example.com/blog')).toThrow(/site's root alone/)
    expect(() => readSiteUrl('https://www.example.com/?a=1')).toThrow(/site's root alone/)
    expect(() => readSiteUrl('ftp://www.example.com')).toThrow(/only http:\/\/ and https:\/\//)
    expect(() => readSiteUrl('not a url')).toThrow(/is not a URL/)
  })
})

describe('urlOf', () => {
  const site = siteOfDomain('www.Example.com.')
  it('joins by concatenation, so a path cannot move the request to another host', () => {
    expect(urlOf(site, '/a.html')?.href).toBe('https://www.example.com/a.html')
    expect(urlOf(site, '//evil.example/x')?.hostname).toBe('www.example.com')
    expect(urlOf(site, '@evil.example/x')).toBeUndefined()
    expect(urlOf(site, 'relative')).toBeUndefined()
  })
})
