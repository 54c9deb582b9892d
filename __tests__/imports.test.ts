import { readFileSync, readdirSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from '@jest/globals'

// Data flows one way (STYLE.md): two modules that import each other, even for a type, read as one.

const src = fileURLToPath(new URL('../src/', import.meta.url))

/** The relative modules a source file imports or re-exports, type-only and dynamic imports included. */
function importsOf(text: string): string[] {
  return [
    ...text.matchAll(/\b(?:from|import)\s*\(?\s*(?:\/\*[\s\S]*?\*\/\s*)?['"](\.{1,2}\/[^'"]+)['"]/g)
  ].map(match => match[1] as string)
}

/** One import circle of the graph, as the path that closes it, or undefined when there is none. */
function findCycle(graph: ReadonlyMap<string, readonly string[]>): string[] | undefined {
  const done = new Set<string>()
  const path: string[] = []
  const visit = (node: string): string[] | undefined => {
    const at = path.indexOf(node)
    if (at >= 0) return [...path.slice(at), node]
    if (done.has(node)) return undefined
    path.push(node)
    for (const next of graph.get(node) ?? []) {
      const cycle = visit(next)
      if (cycle) return cycle
    }
    path.pop()
    done.add(node)
    return undefined
  }
  for (const node of graph.keys()) {
    const cycle = visit(node)
    if (cycle) return cycle
  }
  return undefined
}

/** src/**\/*.ts and the modules of src/ each imports, as paths relative to src/. */
function sourceGraph(): Map<string, string[]> {
  const files = readdirSync(src, { recursive: true, encoding: 'utf8' }).filter(file => file.endsWith('.ts'))
  return new Map(
    files.map(file => {
      const imported = importsOf(readFileSync(join(src, file), 'utf8'))
        .map(specifier => relative(src, resolve(dirname(join(src, file)), specifier.replace(/\.js$/, '.ts'))))
        .filter(module => !module.startsWith('..'))
      return [file, imported]
    })
  )
}

describe('the import graph of src/', () => {
  it('reads every kind of relative import, and no package', () => {
    const text = [
      "import { a } from './a.js'",
      "import type { B } from '../b.js'",
      "export { c } from './c.js'",
      'import {\n  d,\n  e\n} from "./d.js"',
      "const f = await import('./f.js')",
      "import './g.js'",
      'const h = await import(/* webpackChunkName: "action" */ \'./h.js\')',
      "import * as core from '@actions/core'"
    ].join('\n')
    expect(importsOf(text)).toEqual(['./a.js', '../b.js', './c.js', './d.js', './f.js', './g.js', './h.js'])
  })

  it('finds a circle, however long, and none in a graph that only fans in', () => {
    const graph = (edges: Record<string, string[]>) => new Map(Object.entries(edges))
    expect(findCycle(graph({ a: ['b'], b: ['c'], c: ['a'] }))).toEqual(['a', 'b', 'c', 'a'])
    expect(findCycle(graph({ x: ['a'], a: ['a'] }))).toEqual(['a', 'a'])
    expect(findCycle(graph({ a: ['b', 'c'], b: ['c'], c: [] }))).toBeUndefined()
  })

  it('has no circle', () => {
    const graph = sourceGraph()
    // The walk sees the modules it should: the flow's, the changes action's, and the types' imports.
    expect(graph.get('main.ts')).toContain('common/runner.ts')
    expect(graph.get('changes/main.ts')).toContain('changes/settings.ts')
    expect(findCycle(graph)).toBeUndefined()
  })

  it('has a module of shared types that imports nothing, so no circle can pass through it', () => {
    expect(sourceGraph().get('types.ts')).toEqual([])
  })
})

/** The folder of a module under src/ (its first segment), or the module itself when it sits in src/. */
function folderOf(module: string): string {
  const slash = module.indexOf('/')
  return slash === -1 ? module : module.slice(0, slash + 1)
}

/** Every module a module imports, directly or through others, itself included. */
function reach(graph: ReadonlyMap<string, readonly string[]>, start: string): Set<string> {
  const seen = new Set<string>()
  const visit = (node: string): void => {
    if (seen.has(node)) return
    seen.add(node)
    for (const next of graph.get(node) ?? []) visit(next)
  }
  visit(start)
  return seen
}

/** The imports from one folder into others that go against the flow, each as 'importer -> imported'. */
function crossings(graph: ReadonlyMap<string, readonly string[]>): string[] {
  return [...graph].flatMap(([from, imported]) =>
    imported.filter(to => folderOf(to) !== folderOf(from)).map(to => `${from} -> ${to}`)
  )
}

/**
 * Imports between folders that close a circle of folders (not of modules: the test above forbids those).
 * Each is a piece of one stage kept in another, which the next step moves or cuts; remove it here then.
 */
const KNOWN_BACK_IMPORTS: string[] = []

describe('the folders of src/', () => {
  it('keep the shared layer below everything: common/ imports only itself, aws/ only common/', () => {
    const graph = sourceGraph()
    const outside = (folder: string, allowed: readonly string[]) =>
      crossings(graph).filter(
        edge => edge.startsWith(folder) && !allowed.includes(folderOf(edge.split(' -> ')[1] ?? ''))
      )
    // types.ts imports nothing, so any module may import it.
    expect(outside('common/', ['types.ts'])).toEqual([])
    expect(outside('aws/', ['common/', 'types.ts'])).toEqual([])
  })

  it('give the changes action only the shared layer: common/ and aws/, never a stage of the invalidate action', () => {
    const graph = sourceGraph()
    const direct = crossings(graph)
      .filter(edge => edge.startsWith('changes/'))
      .filter(edge => !['common/', 'aws/'].includes(folderOf(edge.split(' -> ')[1] ?? '')))
    expect(direct).toEqual([])
    // What its bundle holds, imports of imports included.
    const bundled = [...reach(graph, 'changes/index.ts')].map(folderOf)
    expect(new Set(bundled)).toEqual(new Set(['changes/', 'common/', 'aws/', 'types.ts']))
  })

  it('form no circle, but for the known imports against the flow, each of which is still there', () => {
    const graph = sourceGraph()
    const edges = crossings(graph)
    for (const known of KNOWN_BACK_IMPORTS) expect(edges).toContain(known)
    const folders = new Map<string, string[]>()
    for (const edge of edges.filter(edge => !KNOWN_BACK_IMPORTS.includes(edge))) {
      const [from = '', to = ''] = edge.split(' -> ').map(folderOf)
      folders.set(from, [...(folders.get(from) ?? []), to])
    }
    expect(findCycle(folders)).toBeUndefined()
  })
})
