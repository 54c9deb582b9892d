/** The source folder as aws s3 sync sees it, walked on a real folder on disk. */
import { execFileSync } from 'node:child_process'
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from '@jest/globals'
import { compileFilters } from '../../src/changes/exclude.js'
import { unreadableReason, walkSource } from '../../src/changes/local.js'
import { UserError } from '../../src/common/errors.js'
import { rejectionOf } from '../../__fixtures__/rejection.js'
import { tempDir } from '../../__fixtures__/temp.js'

const dir = tempDir('changes-local-')

describe('walkSource', () => {
  it('finds every file below the folder, following links, leaving out excluded ones', async () => {
    const source = join(dir, 'site')
    mkdirSync(join(source, 'css'), { recursive: true })
    writeFileSync(join(source, 'index.html'), 'hello\n')
    writeFileSync(join(source, 'css', 'site.css'), 'body{}')
    writeFileSync(join(source, 'css', 'site.css.map'), '{}')
    symlinkSync(join(source, 'index.html'), join(source, 'home.html'))
    symlinkSync(join(dir, 'missing'), join(source, 'dangling.html'))
    symlinkSync(source, join(source, 'css', 'loop'))
    const walked = await walkSource(source, compileFilters(['*.map']))
    expect(walked.files.map(file => [file.relative, file.size]).sort()).toEqual([
      ['css/site.css', 6],
      ['home.html', 6],
      ['index.html', 6]
    ])
    expect(walked.excluded).toBe(1)
  })

  it('fails clearly for a missing folder, and for a file', async () => {
    const missing = await rejectionOf(walkSource(join(dir, 'nope'), []), UserError)
    expect(missing.message).toBe(
      `source: the folder ${join(dir, 'nope')} does not exist. Build the site into it in an earlier step of the same job, or give the folder aws s3 sync uploads, relative to the workspace.`
    )
    writeFileSync(join(dir, 'file.txt'), 'x')
    const file = await rejectionOf(walkSource(join(dir, 'file.txt'), []), UserError)
    expect(file.message).toMatch(/^source: .*file\.txt is a file, not a folder\./)
  })
  it('leaves out special files, as the CLI skips them', async () => {
    const source = join(dir, 'special')
    mkdirSync(source, { recursive: true })
    writeFileSync(join(source, 'index.html'), 'hello\n')
    execFileSync('mkfifo', [join(source, 'pipe')])
    const walked = await walkSource(source, [])
    expect(walked.files.map(file => file.relative)).toEqual(['index.html'])
    expect(walked.unreadable).toEqual([])
    expect(walked.excluded).toBe(0)
  })

  it('stops between folders once the signal aborts', async () => {
    const source = join(dir, 'cancelled')
    mkdirSync(join(source, 'a'), { recursive: true })
    writeFileSync(join(source, 'a', 'x.html'), 'x')
    const cancel = new AbortController()
    cancel.abort(new Error('job cancelled'))
    const error = await rejectionOf(walkSource(source, [], cancel.signal))
    expect(error.message).toBe('job cancelled')
  })
})

describe('unreadableReason', () => {
  it('is undefined for a file that opens, and the error code for one that does not', async () => {
    const path = join(dir, 'readable.html')
    writeFileSync(path, 'x')
    expect(await unreadableReason(path)).toBeUndefined()
    expect(await unreadableReason(join(dir, 'no-such.html'))).toBe('ENOENT')
  })
})
