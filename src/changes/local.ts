/**
 * The files of the source folder, as `aws s3 sync` sees them: every regular file below it, following
 * symbolic links (the CLI's default), without special files (FIFOs, sockets, devices, which it skips).
 */
import type { Dirent } from 'node:fs'
import { open, readdir, realpath, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { UserError, errorMessage } from '../common/errors.js'
import type { LocalFile } from './compare.js'
import { isExcluded, type FilterRule } from './exclude.js'
import { limiter } from './pool.js'

export interface LocalTree {
  files: LocalFile[]
  /**
   * Files and folders (`relative` ending in `/`) that could not be read: aws s3 sync skips them too, with a
   * warning. The log names them.
   */
  unreadable: { relative: string; reason: string }[]
  excluded: number
}

/** Folders read at once. */
const CONCURRENCY = 16

/** `signal` stops the walk between two folders (a cancelled job). */
export async function walkSource(
  source: string,
  filters: readonly FilterRule[],
  signal?: AbortSignal
): Promise<LocalTree> {
  await checkSource(source)
  const tree: LocalTree = { files: [], unreadable: [], excluded: 0 }
  // Folders already walked, by real path: a link back up must not loop.
  const seen = new Set<string>([await realpath(source)])
  const limit = limiter(CONCURRENCY)
  const walk = async (relativeDir: string): Promise<void> => {
    const folders = await limit(() => {
      signal?.throwIfAborted()
      return readFolder(source, relativeDir, filters, tree, seen)
    })
    await Promise.all(folders.map(walk))
  }
  await walk('')
  return tree
}

async function readFolder(
  source: string,
  relativeDir: string,
  filters: readonly FilterRule[],
  tree: LocalTree,
  seen: Set<string>
): Promise<string[]> {
  const folders: string[] = []
  let entries: Dirent[]
  try {
    entries = await readdir(join(source, relativeDir), { withFileTypes: true })
  } catch (error) {
    tree.unreadable.push({ relative: `${relativeDir}/`, reason: reasonOf(error) })
    return folders
  }
  await Promise.all(
    entries.map(async entry => {
      const relative = relativeDir ? `${relativeDir}/${entry.name}` : entry.name
      const path = join(source, relative)
      let kind: 'file' | 'folder' | 'other' = entry.isFile()
        ? 'file'
        : entry.isDirectory()
          ? 'folder'
          : 'other'
      let size: number | undefined
      if (kind === 'file' || entry.isSymbolicLink()) {
        try {
          const stats = await stat(path)
          kind = stats.isFile() ? 'file' : stats.isDirectory() ? 'folder' : 'other'
          size = stats.size
        } catch (error) {
          // A dangling link, or a file gone since the folder was read; the CLI skips both.
          if (!entry.isSymbolicLink()) tree.unreadable.push({ relative, reason: reasonOf(error) })
          return
        }
      }
      if (kind === 'folder') {
        if (entry.isSymbolicLink()) {
          const real = await realpath(path).catch(() => undefined)
          if (!real || seen.has(real)) return
          seen.add(real)
        }
        folders.push(relative)
      } else if (kind === 'file' && size !== undefined) {
        if (isExcluded(filters, relative, path)) tree.excluded++
        else tree.files.push({ relative, path, size })
      }
    })
  )
  return folders
}

async function checkSource(source: string): Promise<void> {
  let isFolder: boolean
  try {
    isFolder = (await stat(source)).isDirectory()
    if (isFolder) await readdir(source)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    const why =
      code === 'ENOENT'
        ? 'does not exist'
        : code === 'EACCES' || code === 'EPERM'
          ? 'is not readable'
          : `could not be read (${errorMessage(error)})`
    throw new UserError(
      `source: the folder ${source} ${why}. Build the site into it in an earlier step of the same job, or give the folder aws s3 sync uploads, relative to the workspace.`
    )
  }
  if (!isFolder) {
    throw new UserError(
      `source: ${source} is a file, not a folder. Give the folder aws s3 sync uploads (for example public or dist).`
    )
  }
}

/**
 * Why aws s3 sync would skip this file as unreadable, or undefined when it can read it. The CLI opens
 * each file for reading before it syncs anything (awscli/customizations/s3/filegenerator.py, is_readable),
 * so this opens it too: a file the runner's user may not read (mode 000) has a size, but no content to send.
 */
export async function unreadableReason(path: string): Promise<string | undefined> {
  try {
    const handle = await open(path, 'r')
    await handle.close()
    return undefined
  } catch (error) {
    return reasonOf(error)
  }
}

function reasonOf(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? errorMessage(error)
}
