import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it, jest } from '@jest/globals'
import { parse } from 'yaml'
import { UserError } from '../../src/common/errors.js'
import { readSettings, type FileReader } from '../../src/inputs/inputs.js'

const ID = 'E2QWRUHAPOMQZL'
const ROLE = 'arn:aws:iam::123456789012:role/deploy'

/** getInput as the runner gives it: an input that is not set is ''. */
function inputs(values: Record<string, string>): (name: string) => string {
  return name => values[name] ?? ''
}

const noFile: FileReader = path => {
  throw new Error(`no file should be read, but ${path} was`)
}

/** A reader that knows one file, by the absolute path readSettings resolves it to. */
function oneFile(name: string, content: string | Uint8Array): FileReader {
  return path => {
    if (path !== resolve(name)) throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' })
    return typeof content === 'string' ? Buffer.from(content, 'utf8') : content
  }
}

function settingsWith(values: Record<string, string>, readFile = noFile, env: NodeJS.ProcessEnv = {}) {
  return readSettings(inputs({ 'distribution-id': ID, ...values }), readFile, env)
}

function userErrorOf(attempt: () => unknown): UserError {
  try {
    attempt()
  } catch (error) {
    expect(error).toBeInstanceOf(UserError)
    return error as UserError
  }
  throw new Error('expected a UserError, but nothing was thrown')
}

describe('readSettings defaults', () => {
  it('uses the documented defaults when only distribution-id is set', () => {
    expect(settingsWith({})).toEqual({
      changedObjects: new Map(),
      changedFiles: ['/*'],
      pathsGiven: false,
      distributionIds: [ID],
      distributionTenantIds: [],
      distributionAliases: [],
      distributionTags: [],
      paths: ['/*'],
      pathsSource: 'default (/*)',
      pathNotes: {
        cliKeys: 0,
        cliIgnored: 0,
        s3Keys: 0,
        urls: 0,
        plusKeys: 0,
        originPath: '',
        indexDocument: '',
        indexAdded: [],
        covering: []
      },
      originPath: '',
      // The runner passes action.yml's default, index.html; only an explicit empty value reaches here.
      indexDocument: '',
      maxPaths: 100,
      inventoryFile: '',
      wait: false,
      waitTimeoutSeconds: 1800,
      failOnTimeout: true,
      callerReference: undefined,
      dryRun: false,
      verify: { verify: false },
      credentials: {
        roleToAssume: undefined,
        roleSessionName: 'GitHubActions',
        roleDurationSeconds: 3600,
        roleChaining: false,
        roleExternalId: undefined,
        audience: 'sts.amazonaws.com',
        region: undefined
      }
    })
  })

  describe('agrees with action.yml', () => {
    const actionYml = parse(readFileSync(new URL('../../action.yml', import.meta.url), 'utf8')) as {
      inputs: Record<string, { default?: string }>
    }
    const defaults = Object.fromEntries(
      Object.entries(actionYml.inputs).flatMap(([name, input]) =>
        input.default === undefined ? [] : [[name, input.default]]
      )
    )

    it('gives the same settings with the defaults the runner passes as with no inputs', () => {
      // index-document is the one input whose empty value means something else (off) than its default.
      const { indexDocument, pathNotes, ...withDefaults } = settingsWith(defaults)
      const { indexDocument: off, pathNotes: offNotes, ...withNone } = settingsWith({})
      expect(withDefaults).toEqual(withNone)
      expect([indexDocument, pathNotes.indexDocument]).toEqual(['index.html', 'index.html'])
      expect([off, offNotes.indexDocument]).toEqual(['', ''])
    })

    it('reads every input action.yml declares, and no other', () => {
      const read = new Set<string>()
      readSettings(
        name => {
          read.add(name)
          return name === 'distribution-id' ? ID : ''
        },
        noFile,
        {}
      )
      expect([...read].sort()).toEqual(Object.keys(actionYml.inputs).sort())
    })
  })
})

describe('fail-on-timeout', () => {
  it.each([
    ['', true],
    ['true', true],
    ['false', false],
    ['No', false]
  ])('reads %j as %s', (raw, expected) => {
    expect(settingsWith({ 'fail-on-timeout': raw }).failOnTimeout).toBe(expected)
  })

  it('names the input when it is not a boolean', () => {
    expect(userErrorOf(() => settingsWith({ 'fail-on-timeout': 'warn' })).message).toBe(
      'fail-on-timeout: "warn" is not a boolean. Use true or false.'
    )
  })
})

describe('wait, dry-run and wait-timeout', () => {
  it.each([
    ['true', true],
    ['TRUE', true],
    ['yes', true],
    ['1', true],
    [' on ', true],
    ['false', false],
    ['False', false],
    ['no', false],
    ['0', false],
    ['off', false]
  ])('reads wait and dry-run %j as %s', (raw, expected) => {
    const settings = settingsWith({ wait: raw, 'dry-run': raw })
    expect([settings.wait, settings.dryRun]).toEqual([expected, expected])
  })

  it.each([
    ['60', 60],
    [' 60 ', 60],
    ['1', 1],
    ['21600', 21600]
  ])('reads wait-timeout %j as %d seconds', (raw, expected) => {
    expect(settingsWith({ 'wait-timeout': raw }).waitTimeoutSeconds).toBe(expected)
  })
})

describe('bad inputs', () => {
  it.each([
    ['wait', 'maybe', /^wait: "maybe" is not a boolean/],
    ['dry-run', 'sure', /^dry-run: "sure" is not a boolean/],
    ['wait-timeout', '0', /^wait-timeout: "0" is not a whole number of seconds/],
    ['wait-timeout', 'abc', /^wait-timeout: "abc"/],
    ['wait-timeout', '1.5', /^wait-timeout: "1\.5"/],
    ['wait-timeout', '-5', /^wait-timeout: "-5"/],
    ['wait-timeout', '30m', /^wait-timeout: "30m"/],
    ['wait-timeout', '21601', /^wait-timeout: "21601"/],
    ['role-to-assume', 'deploy', /^role-to-assume: "deploy" is not an IAM role ARN/],
    ['role-to-assume', 'arn:aws:iam::123:role/deploy', /^role-to-assume: /],
    ['role-to-assume', 'arn:aws:iam::123456789012:user/deploy', /^role-to-assume: /],
    ['role-duration-seconds', '100', /^role-duration-seconds: "100" .* from 900 to 43200/],
    ['role-duration-seconds', '43201', /^role-duration-seconds: "43201"/],
    ['role-session-name', 'has space', /^role-session-name: "has space"/],
    ['role-session-name', 'x', /^role-session-name: "x"/],
    ['caller-reference', 'x'.repeat(129), /^caller-reference: 129 characters is too long/],
    ['paths', '/ok\n/images/*.jpg', /^paths: "\/images\/\*\.jpg"/],
    ['paths', '#news\n#tv*', /^paths: "#tv\*" is a cache tag .* no wildcard/],
    ['max-paths', '0', /^max-paths: "0" is not a whole number of paths from 1 to 3000\. CloudFront accepts/],
    ['max-paths', '3001', /^max-paths: "3001" is not a whole number of paths from 1 to 3000/],
    ['max-paths', 'all', /^max-paths: "all"/],
    ['max-paths', '1e3', /^max-paths: "1e3"/]
  ])('rejects %s %j with a UserError that names it', (name, raw, message) => {
    expect(userErrorOf(() => settingsWith({ [name]: raw })).message).toMatch(message)
  })

  it('accepts a caller-reference of exactly 128 characters', () => {
    const reference = 'r'.repeat(128)
    expect(settingsWith({ 'caller-reference': ` ${reference} ` }).callerReference).toBe(reference)
  })

  it('accepts a role ARN in another partition', () => {
    const role = 'arn:aws-cn:iam::123456789012:role/path/deploy'
    expect(settingsWith({ 'role-to-assume': role }).credentials.roleToAssume).toBe(role)
  })
})

describe('paths and paths-file', () => {
  it('normalises and dedupes paths', () => {
    const settings = settingsWith({ paths: 'index.html\n/my file.html\n/index.html\n' })
    expect(settings.paths).toEqual(['/index.html', '/my%20file.html'])
    expect(settings.pathsSource).toBe('paths')
  })

  it('takes the union of paths and paths-file, in order, without repeats', () => {
    const readFile = jest.fn(oneFile('out/changed.txt', '/b\r\n/c\r\nd\r\n'))
    const settings = settingsWith({ paths: '/a\n/b', 'paths-file': 'out/changed.txt' }, readFile)
    expect(settings.paths).toEqual(['/a', '/b', '/c', '/d'])
    expect(settings.pathsSource).toBe('paths and paths-file out/changed.txt')
    expect(readFile).toHaveBeenCalledWith(resolve('out/changed.txt'))
  })

  it('reads paths-file alone', () => {
    const settings = settingsWith({ 'paths-file': 'changed.txt' }, oneFile('changed.txt', '\uFEFF/x\n'))
    expect(settings.paths).toEqual(['/x'])
    expect(settings.pathsSource).toBe('paths-file changed.txt')
  })

  it('names paths-file when one of its paths is invalid', () => {
    const attempt = () => settingsWith({ 'paths-file': 'changed.txt' }, oneFile('changed.txt', '/a*b'))
    expect(userErrorOf(attempt).message).toMatch(/^paths-file changed\.txt: "\/a\*b"/)
  })

  it.each([
    ['ENOENT', 'does not exist'],
    ['EISDIR', 'is a directory'],
    ['EACCES', 'is not readable']
  ])('fails on a paths-file that cannot be read (%s), naming the file', (code, why) => {
    const readFile: FileReader = () => {
      throw Object.assign(new Error(`${code}: something`), { code })
    }
    const message = userErrorOf(() => settingsWith({ 'paths-file': 'out/changed.txt' }, readFile)).message
    expect(message).toMatch(new RegExp(`^paths-file: out/changed\\.txt ${why}`))
    expect(message).toContain(resolve('out/changed.txt'))
  })

  it('passes on the reason of any other read failure', () => {
    const readFile: FileReader = () => {
      throw new Error('EIO: i/o error')
    }
    const message = userErrorOf(() => settingsWith({ 'paths-file': 'changed.txt' }, readFile)).message
    expect(message).toMatch(/^paths-file: changed\.txt could not be read \(EIO: i\/o error\)/)
  })

  it.each(['', '\n\n', '\uFEFF \r\n \r\n'])(
    'reads a paths-file with no paths (%j) as nothing to invalidate, never as /*',
    content => {
      const settings = settingsWith({ 'paths-file': 'changed.txt' }, oneFile('changed.txt', content))
      expect(settings.paths).toEqual([])
      expect(settings.pathsSource).toBe('paths-file changed.txt')
    }
  )

  // action.yml: "one per line (a single line may also separate them by spaces or commas)".
  it.each([
    ['spaces', '/index.html /about.html'],
    ['commas', '/index.html,/about.html']
  ])('splits a single line of paths separated by %s, as action.yml says', (_, raw) => {
    expect(settingsWith({ paths: raw }).paths).toEqual(['/index.html', '/about.html'])
  })

  it('splits a single line of paths and cache tags', () => {
    expect(settingsWith({ paths: '/index.html #product:tv,#News' }).paths).toEqual([
      '/index.html',
      '#product:tv',
      '#News'
    ])
  })

  it('dedupes cache tags across paths and paths-file without regard to case, as CloudFront does', () => {
    const readFile = oneFile('changed.txt', '#news\n/a\n/A\n')
    const settings = settingsWith({ paths: '#News\n/a', 'paths-file': 'changed.txt' }, readFile)
    expect(settings.paths).toEqual(['#News', '/a', '/A'])
  })

  it.each([
    ['1', 1],
    ['3000', 3000],
    [' 250 ', 250]
  ])('reads max-paths %j as %d', (raw, expected) => {
    expect(settingsWith({ 'max-paths': raw }).maxPaths).toBe(expected)
  })
})

describe('credentials', () => {
  it('lets wait-timeout outlast role-duration-seconds: the session is renewed', () => {
    const settings = settingsWith({
      'role-to-assume': ROLE,
      'role-duration-seconds': '900',
      wait: 'true',
      'wait-timeout': '3600'
    })
    expect(settings.waitTimeoutSeconds).toBe(3600)
  })
})

describe('inventory-file', () => {
  /** A reader that knows several files. */
  function files(contents: Record<string, string | Uint8Array>): FileReader {
    return path => {
      const name = Object.keys(contents).find(file => resolve(file) === path)
      if (name === undefined) throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' })
      const content = contents[name] as string | Uint8Array
      return typeof content === 'string' ? Buffer.from(content, 'utf8') : content
    }
  }
  const read = (
    inventory: string | Uint8Array,
    changed = 's3://b/a/1.html\n',
    more: Record<string, string> = {}
  ) =>
    settingsWith(
      { 'paths-file': 'changes.txt', 'inventory-file': 'inventory.txt', 'index-document': '', ...more },
      files({ 'changes.txt': changed, 'inventory.txt': inventory })
    )

  it('reads every object, and keeps the paths of those that did not change', () => {
    const settings = read('s3://b/a/1.html\ns3://b/a/2.html\n/a/3.html\nhttps://www.example.com/a/4.html\n')
    expect(settings.inventory).toEqual({
      objects: 4,
      unchanged: ['/a/2.html', '/a/3.html', '/a/4.html'],
      missing: 0,
      missingPaths: []
    })
    expect(settings.inventoryFile).toBe('inventory.txt')
  })

  it('reads a file saved on Windows: UTF-16 LE with a byte order mark and CRLF line ends', () => {
    const text = 's3://b/a/1.html\r\ns3://b/ü ber/x~y.html\r\n'
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])
    // The same encoding of a key as the changes get: a raw ~ and %-encoded UTF-8.
    expect(read(bytes).inventory?.unchanged).toEqual(['/%C3%BC%20ber/x~y.html'])
  })

  it('fails on a file that is not UTF-8, naming inventory-file', () => {
    const message = userErrorOf(() => read(Buffer.from([0x2f, 0x61, 0xe9, 0x0a]))).message
    expect(message).toMatch(
      /^inventory-file: inventory\.txt is not UTF-8: line 1 has the byte 0xE9 \(in Windows-1252, "é"\)/
    )
  })

  it('fails on a missing file, naming inventory-file', () => {
    const message = userErrorOf(() =>
      settingsWith({ paths: '/a', 'inventory-file': 'nope.txt' }, files({}))
    ).message
    expect(message).toMatch(/^inventory-file: nope\.txt does not exist/)
  })

  it('maps keys through origin-path, and fails on a key outside it', () => {
    const settings = read('s3://b/prod/a/1.html\ns3://b/prod/a/2.html\n', 's3://b/prod/a/1.html\n', {
      'origin-path': '/prod'
    })
    expect(settings.inventory?.unchanged).toEqual(['/a/2.html'])
    const message = userErrorOf(() =>
      read('s3://b/prod/a/1.html\ns3://b/staging/x.html\n', 's3://b/prod/a/1.html\n', {
        'origin-path': '/prod'
      })
    ).message
    expect(message).toMatch(
      /^origin-path: the key "staging\/x\.html" \(inventory-file inventory\.txt\) is not under the origin path \/prod/
    )
  })

  it('counts changed objects it does not hold, and leaves out what aws s3 sync deleted', () => {
    const settings = read(
      'upload: public/a/1.html to s3://b/a/1.html\ndelete: s3://b/a/gone.html\nCompleted 2 of 2 part(s)\r',
      's3://b/a/1.html\ns3://b/a/gone.html\n'
    )
    expect(settings.inventory).toEqual({
      objects: 1,
      unchanged: [],
      missing: 1,
      missingPaths: ['/a/gone.html']
    })
  })

  it('with verify, names the objects behind the changed paths, and a changed one the inventory lacks as deleted', () => {
    const settings = read('s3://b/a/1.html\n', 's3://b/a/1.html\ns3://b/a/gone.html\n', { verify: 'true' })
    expect(settings.pathsGiven).toBe(true)
    expect([...settings.changedObjects]).toEqual([
      ['/a/1.html', { s3: { bucket: 'b', key: 'a/1.html' } }],
      [
        '/a/gone.html',
        { s3: { bucket: 'b', key: 'a/gone.html' }, deleted: 'inventory-file does not hold it' }
      ]
    ])
    expect(read('s3://b/a/1.html\n', 's3://b/a/1.html\n').changedObjects.size).toBe(0)
  })

  it('counts a key CloudFront takes only as a covering wildcard as changed, not as unchanged', () => {
    const settings = read('s3://b/a/x~1.html\ns3://b/a/x~2.html\n', 's3://b/a/x~1.html\n')
    expect(settings.paths).toEqual(['/a/x*'])
    expect(settings.inventory?.unchanged).toEqual(['/a/x~2.html'])
  })

  it.each([
    ['#tag', /is a cache tag, not an object/],
    ['/img/*', /is a wildcard, not an object/],
    ['2024-05-01 12:00:00       1234 a/1.html', /is a line of aws s3 ls, which does not name the bucket/],
    ['s3://b', /names a bucket, not an object/]
  ])('fails on %j, which names no object', (line, why) => {
    const message = userErrorOf(() => read(`s3://b/a/1.html\n${line}\n`)).message
    expect(message).toMatch(/^inventory-file inventory\.txt: /)
    expect(message).toMatch(why)
  })

  it('is not read when the paths are the default /*', () => {
    expect(
      settingsWith({ 'inventory-file': 'inventory.txt' }, files({ 'inventory.txt': '/a\n' })).inventory
    ).toBe(undefined)
  })
})

describe('verify, verify-url and invalidation-id', () => {
  it('verify implies the wait, and so does invalidation-id', () => {
    expect(settingsWith({ verify: 'true' })).toMatchObject({ wait: true, verify: { verify: true } })
    expect(settingsWith({ 'invalidation-id': 'I2J0I21PCUYOIK' })).toMatchObject({
      wait: true,
      verify: { verify: false, invalidationId: 'I2J0I21PCUYOIK' }
    })
  })

  it('reads paths with invalidation-id and verify: the changed files to check', () => {
    expect(
      settingsWith({ 'invalidation-id': 'I2J0I21PCUYOIK', paths: '/a.html', verify: 'true' }).paths
    ).toEqual(['/a.html'])
  })
})
