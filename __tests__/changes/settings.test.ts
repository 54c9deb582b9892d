/** The changes action's inputs, read into its settings. */
import { describe, expect, it } from '@jest/globals'
import { readChangesSettings, readDestination } from '../../src/changes/settings.js'
import { UserError } from '../../src/common/errors.js'

describe('readChangesSettings', () => {
  const inputs = (values: Record<string, string>) => (name: string) => values[name] ?? ''

  it('reads source relative to the workspace, the destination, delete (default true), exclude and include lines', () => {
    const settings = readChangesSettings(
      inputs({
        source: 'public',
        destination: 's3://my-site/www',
        exclude: '*.map\n\n  drafts/*  \n',
        include: 'drafts/keep.html\r\n'
      }),
      { GITHUB_WORKSPACE: '/home/runner/work/site' }
    )
    expect(settings.source).toBe('/home/runner/work/site/public')
    expect(settings.bucket).toBe('my-site')
    expect(settings.prefix).toBe('www/')
    expect(settings.delete).toBe(true)
    expect(settings.filters.map(rule => [rule.pattern, rule.include])).toEqual([
      ['*.map', false],
      ['drafts/*', false],
      ['drafts/keep.html', true]
    ])
    expect(
      readChangesSettings(inputs({ source: 'p', destination: 's3://b1', delete: 'false' }), {}).delete
    ).toBe(false)
  })

  it('takes s3://bucket, s3://bucket/ and s3://bucket/prefix/ as aws s3 sync does', () => {
    expect(readDestination('s3://my-site')).toEqual({ bucket: 'my-site', prefix: '' })
    expect(readDestination('s3://my-site/')).toEqual({ bucket: 'my-site', prefix: '' })
    expect(readDestination('s3://my-site/a/b/')).toEqual({ bucket: 'my-site', prefix: 'a/b/' })
  })

  it.each(['my-site', 'https://my-site.s3.amazonaws.com/', 's3:/my-site', 's3://', ''])(
    'refuses the destination %j, naming the input and the form',
    raw => {
      expect(() => readDestination(raw)).toThrow(UserError)
      expect(() => readDestination(raw)).toThrow(
        /^destination: .* Use s3:\/\/bucket or s3:\/\/bucket\/prefix/
      )
    }
  )

  it('needs a source, and a real region', () => {
    expect(() => readChangesSettings(inputs({ destination: 's3://b1' }), {})).toThrow(/^source is required/)
    expect(() =>
      readChangesSettings(inputs({ source: 'p', destination: 's3://b1', 'aws-region': 'Frankfurt' }), {})
    ).toThrow(/^aws-region: "Frankfurt" is not an AWS region name/)
  })
})
