import { describe, expect, it } from '@jest/globals'
import { ChangesProgress } from '../../src/changes/progress.js'

const MiB = 2 ** 20

describe('ChangesProgress', () => {
  it('says where the run is, phase by phase, with the counts and bytes, and the time since it began', () => {
    const progress = new ChangesProgress('s3://site/www/', 1_000)
    expect(progress.line(11_000)).toBe('Still signing in, 10.0 s so far.')
    progress.phase = 'listing'
    expect(progress.describe()).toBe('listing s3://site/www/ (0 objects listed)')
    progress.listed = 3_000
    progress.toHash = 2_500
    progress.bytesToHash = 300 * MiB
    progress.hashed = 1_200
    progress.bytesRead = 140 * MiB
    expect(progress.line(21_000)).toBe(
      'Still listing s3://site/www/ (3,000 objects listed, 1,200 of 2,500 files hashed (140 MiB of 300 MiB read) so far), 20.0 s so far.'
    )
    progress.phase = 'comparing'
    expect(progress.line(91_000)).toBe(
      'Still hashing 1,200 of 2,500 files (140 MiB of 300 MiB read), 1 min 30 s so far.'
    )
    progress.heads = 2
    expect(progress.describe()).toBe(
      'comparing (1,200 of 2,500 files hashed (140 MiB of 300 MiB read); waiting on S3 for 2 HeadObject answers)'
    )
    progress.heads = 0
    progress.hashed = 2_500
    expect(progress.describe()).toBe('comparing (2,500 of 2,500 files hashed (140 MiB of 300 MiB read))')
  })
})
