/**
 * Temporary folders a test file makes, removed once its tests are done: a full npm test makes some 160
 * (one per run of the action), which would otherwise pile up in the machine's temporary folder.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll } from '@jest/globals'

const made: string[] = []

// Jest gives each test file its own copy of this module, so each file removes its own folders.
afterAll(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true })
})

/** A new folder in the temporary folder, named from `prefix`, removed after the file's tests. */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  made.push(dir)
  return dir
}
