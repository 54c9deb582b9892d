#!/usr/bin/env node
// npm run bench:paths: how long planning 1,000,000 listed paths takes (decode -> split -> read ->
// normalise -> dedupe -> compact, the pipeline of a paths-file), against a baseline that only splits the
// lines and dedupes them with a Set, and against the same pipeline of another git ref (--against, main by
// default: its src/ is extracted to a temporary directory and loaded alongside), in the same process.
// Prints the median of several rounds and the peak RSS.
//
// Runs the TypeScript sources as they are, with Node 24's type stripping: a resolve hook maps the `.js`
// specifiers of src/ (written for the bundler) to their `.ts` files. Options: --paths N, --rounds N.
//
// Peak RSS is measured twice: in this process (every round and the baseline, so it shows how much
// garbage the collector let pile up), and in a fresh process that plans the listing once, as the action
// does (reading the listing from a file, like a paths-file), next to one that only reads the file.
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { registerHooks } from 'node:module'
import { cpus, totalmem } from 'node:os'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'

if (Number(process.versions.node.split('.')[0]) < 24) {
  console.error(`Node ${process.version}: run with Node 24 (npm run bench:paths does).`)
  process.exit(1)
}

registerHooks({
  resolve(specifier, context, nextResolve) {
    if (specifier.endsWith('.js') && context.parentURL?.includes('/src/')) {
      const ts = new URL(specifier.replace(/\.js$/, '.ts'), context.parentURL)
      if (existsSync(fileURLToPath(ts))) return nextResolve(ts.href, context)
    }
    return nextResolve(specifier, context)
  }
})

const { splitLines } = await import('../src/paths/paths.ts')
const { planPaths, MAX_PATHS, MAX_WILDCARDS } = await import('../src/paths/plan.ts')
const { PathReader } = await import('../src/paths/reader.ts')
const { readInventory } = await import('../src/paths/inventory.ts')
const { decodePathsFile } = await import('../src/inputs/decode.ts')
// The seeded PRNG of the tests, so every run plans the same tree.
const { prng } = await import('../__fixtures__/random.ts')

const { values } = parseArgs({
  options: {
    paths: { type: 'string', default: '1000000' },
    rounds: { type: 'string', default: '7' },
    once: { type: 'string' },
    file: { type: 'string' },
    against: { type: 'string', default: 'main' },
    'inventory-objects': { type: 'string', default: '100000' },
    'inventory-changed': { type: 'string', default: '10000' },
    'show-plans': { type: 'boolean', default: false }
  }
})
const total = Number(values.paths)
const rounds = Number(values.rounds)

/**
 * What `aws s3 sync` of a big static site lists: hashed assets under a few directories (90 %), pages
 * in nested sections (some with spaces and non-ASCII names, which need encoding), some repeats.
 */
function siteListing(count, random) {
  const hash = () =>
    Math.floor(random() * 2 ** 52)
      .toString(16)
      .padStart(13, '0')
  const assets = [
    ['static/js', 'js', 0.35],
    ['static/css', 'css', 0.15],
    ['static/media', 'webp', 0.25],
    ['assets/fonts', 'woff2', 0.05],
    ['assets/img/icons', 'svg', 0.1]
  ]
  const sections = ['docs', 'blog', 'products', 'über-uns', 'help center']
  const lines = []
  for (let i = 0; i < count; i++) {
    const roll = random()
    if (roll < 0.9) {
      let pick = random() * 0.9
      const [dir, ext] = assets.find(([, , share]) => (pick -= share) < 0) ?? assets[0]
      lines.push(`/${dir}/chunk-${i.toString(36)}.${hash()}.${ext}`)
    } else if (roll < 0.99) {
      const section = sections[Math.floor(random() * sections.length)]
      lines.push(`${section}/page ${Math.floor(random() * 2000)}/index.html`)
    } else {
      lines.push(lines[Math.floor(random() * lines.length)] ?? '/index.html')
    }
  }
  return lines.join('\n') + '\n'
}

const text = values.file ? readFileSync(values.file, 'utf8') : siteListing(total, prng(42))
// The action reads a paths-file as bytes.
const bytes = Buffer.from(text, 'utf8')
const peakRss = () => process.resourceUsage().maxRSS * 1024

if (values.once !== undefined) {
  if (values.once === 'plan') pipeline()
  console.log(JSON.stringify({ peakRss: peakRss() }))
  process.exit(0)
}

function pipeline() {
  const reader = new PathReader({ originPath: '', indexDocument: 'index.html' })
  reader.add(splitLines(decodePathsFile(bytes, 'bench.txt')), 'paths-file bench.txt')
  return planPaths(reader.items, { maxPaths: MAX_PATHS }, reader.notes)
}

// The pipeline of another ref (main by default), side by side: its src/ extracted from git.
let againstPipeline
if (values.once === undefined && values.against) {
  const root = fileURLToPath(new URL('..', import.meta.url))
  const dir = mkdtempSync(join(tmpdir(), 'bench-against-'))
  const listing = ['-C', root, 'ls-tree', '-r', '--name-only', values.against, '--', 'src']
  const files = execFileSync('git', listing, { encoding: 'utf8' })
  for (const name of files.split('\n').filter(name => name.endsWith('.ts'))) {
    const source = execFileSync('git', ['-C', root, 'show', `${values.against}:${name}`])
    mkdirSync(dirname(join(dir, name)), { recursive: true })
    writeFileSync(join(dir, name), source)
  }
  // src/paths/ since the modules moved into folders; directly in src/ before.
  const moduleOf = name =>
    pathToFileURL([join(dir, 'src', 'paths', name), join(dir, 'src', name)].find(existsSync) ?? '').href
  const old = { ...(await import(moduleOf('paths.ts'))), ...(await import(moduleOf('plan.ts'))) }
  againstPipeline = () =>
    old.planPaths(old.preparePaths(old.splitLines(bytes.toString('utf8')), 'paths-file bench.txt'), {
      maxPaths: MAX_PATHS
    })
  rmSync(dir, { recursive: true })
}

function baseline() {
  return new Set(splitLines(text)).size
}

function median(samples) {
  const sorted = [...samples].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}

function time(fn) {
  const start = process.hrtime.bigint()
  const result = fn()
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, result }
}

// One warm-up of each, then alternate so all see the same machine load.
pipeline()
baseline()
againstPipeline?.()
const planMs = []
const baseMs = []
const againstMs = []
let plan
let againstPlan
for (let round = 0; round < rounds; round++) {
  const planned = time(pipeline)
  plan = planned.result
  planMs.push(planned.ms)
  baseMs.push(time(baseline).ms)
  if (againstPipeline) {
    const other = time(againstPipeline)
    againstPlan = other.result
    againstMs.push(other.ms)
  }
}

const scratch = mkdtempSync(join(tmpdir(), 'bench-paths-'))
const listingFile = join(scratch, 'paths.txt')
writeFileSync(listingFile, text)
function freshProcessRss(mode) {
  const out = execFileSync(
    process.execPath,
    [fileURLToPath(import.meta.url), '--once', mode, '--file', listingFile],
    { encoding: 'utf8' }
  )
  return JSON.parse(out).peakRss
}
const listingRss = freshProcessRss('listing')
const planRss = freshProcessRss('plan')
rmSync(scratch, { recursive: true })

const mb = bytes => `${Math.round(bytes / 2 ** 20)} MB`
const fmt = ms => `${ms.toFixed(0)} ms`
const ratio = median(planMs) / median(baseMs)
console.log(
  `Node ${process.version}, ${cpus()[0]?.model ?? 'unknown CPU'} (${cpus().length} cores), ${mb(totalmem())}`
)
console.log(
  `Listing: ${total.toLocaleString('en-US')} lines, ${mb(Buffer.byteLength(text))}; ${rounds} rounds`
)
console.log('')
console.log('                               median      min      max')
const row = (name, samples) =>
  console.log(
    `${name.padEnd(30)} ${fmt(median(samples)).padStart(7)} ${fmt(Math.min(...samples)).padStart(8)} ${fmt(Math.max(...samples)).padStart(8)}`
  )
row('plan (split+normalise+compact)', planMs)
row('baseline (split + Set dedupe)', baseMs)
if (againstPipeline) row(`plan of ${values.against}`.slice(0, 30), againstMs)
console.log('')
console.log(`Ratio plan / baseline: ${ratio.toFixed(2)}x`)
if (againstPipeline) {
  console.log(`Ratio plan / plan of ${values.against}: ${(median(planMs) / median(againstMs)).toFixed(2)}x`)
}
console.log(`Peak RSS, this process (${rounds} rounds of both): ${mb(peakRss())}`)
console.log(
  `Peak RSS, fresh process planning once: ${mb(planRss)} (reading the listing alone: ${mb(listingRss)})`
)
console.log('')
console.log(
  `Plan: requested ${plan.requested.toLocaleString('en-US')}, sent ${plan.paths.length} (${plan.wildcards} wildcards; limits ${MAX_PATHS} and ${MAX_WILDCARDS})${plan.everything ? ', fell back to /*' : ''}`
)
for (const wildcard of plan.compacted) {
  console.log(`  ${wildcard.path.padEnd(24)} ${wildcard.covers.toLocaleString('en-US')} paths`)
}
if (plan.notes) {
  console.log(
    `  index-document added ${plan.notes.indexAdded.length.toLocaleString('en-US')} directory paths; ${plan.notes.covering.length} covering wildcards`
  )
}
if (againstPlan) {
  console.log(
    `Plan of ${values.against}: requested ${againstPlan.requested.toLocaleString('en-US')}, sent ${againstPlan.paths.length} (${againstPlan.wildcards} wildcards)`
  )
}

// The inventory case: a site of 100,000 objects, 10,000 of which changed, both as the changes action
// writes them (s3:// URIs). The deploy rebuilt 12 asset folders of 300 files, rewrote a third of the
// stylesheets, added script chunks, changed a few icons and edited pages here and there. Planned at
// max-paths 100 and 3000, with and without the inventory; the unchanged objects a plan clears are
// counted from the inventory either way. Options: --inventory-objects N, --inventory-changed N, and
// --show-plans to print each plan's wildcards.
function inventorySite(objects, changedCount, random) {
  const hash = () =>
    Math.floor(random() * 2 ** 52)
      .toString(16)
      .padStart(13, '0')
  const share = count => Math.round((objects * count) / 100_000)
  const keys = []
  const add = (count, make) => {
    const made = []
    for (let i = 0; i < count; i++) made.push(make(i))
    for (const key of made) keys.push(key)
    return made
  }
  const rebuilt = []
  for (let folder = 0; folder < 12; folder++) {
    rebuilt.push(...add(share(300), i => `assets/bundle-${folder}/part-${i}.${hash()}.js`))
  }
  add(share(30_000), i => `static/js/chunk-${i.toString(36)}.${hash()}.js`)
  const css = add(share(6_000), i => `static/css/${i.toString(36)}.${hash()}.css`)
  add(share(30_000), i => `static/media/img-${i.toString(36)}.${hash()}.webp`)
  const icons = add(share(4_800), i => `assets/icons/icon-${i}.svg`)
  const sections = ['docs', 'blog', 'products', 'über-uns', 'help center']
  const pages = add(
    objects - keys.length,
    i => `${sections[i % sections.length]}/page ${Math.floor(i / sections.length)}/index.html`
  )
  const added = []
  for (let i = 0; i < share(1_400); i++) added.push(`static/js/new-${i.toString(36)}.${hash()}.js`)
  const changed = new Set([
    ...rebuilt,
    ...css.filter((_, i) => i % 3 === 0),
    ...added,
    ...icons.filter((_, i) => i % 48 === 0)
  ])
  while (changed.size < changedCount) changed.add(pages[Math.floor(random() * pages.length)])
  const uri = key => `s3://site-bucket/${key}\n`
  return {
    inventoryBytes: Buffer.from([...keys, ...added].map(uri).join(''), 'utf8'),
    changedBytes: Buffer.from([...changed].slice(0, changedCount).map(uri).join(''), 'utf8')
  }
}

const inventoryObjects = Number(values['inventory-objects'])
const inventoryChanged = Number(values['inventory-changed'])
const site = inventorySite(inventoryObjects, inventoryChanged, prng(7))

/** The action's work: read the changes (and the inventory, when given), then plan. */
function planSite(maxPaths, withInventory) {
  const options = { originPath: '', indexDocument: 'index.html' }
  const reader = new PathReader(options)
  reader.add(splitLines(decodePathsFile(site.changedBytes, 'changes.txt')), 'paths-file changes.txt')
  const inventory = withInventory ? readSiteInventory(reader) : undefined
  return planPaths(reader.items, { maxPaths }, reader.notes, inventory)
}

function readSiteInventory(reader) {
  return readInventory(
    splitLines(decodePathsFile(site.inventoryBytes, 'inventory.txt', 'inventory-file')),
    'inventory-file inventory.txt',
    { originPath: '', indexDocument: 'index.html' },
    reader
  )
}

// What did not change, for counting what every plan clears (outside the timing).
const siteUnchanged = (() => {
  const reader = new PathReader({ originPath: '', indexDocument: 'index.html' })
  reader.add(splitLines(decodePathsFile(site.changedBytes, 'changes.txt')), 'paths-file changes.txt')
  return readSiteInventory(reader).unchanged
})()

/** Unchanged objects the plan's wildcards clear, counted from the inventory with no help from plan.ts. */
function clearedBy(paths, unchanged) {
  const prefixes = paths
    .filter(path => path.endsWith('*') && !path.startsWith('#'))
    .map(path => path.slice(0, -1))
  let cleared = 0
  for (const path of unchanged) if (prefixes.some(prefix => path.startsWith(prefix))) cleared++
  return cleared
}

/** Splitting and deduping the files the action reads: the changes, and the inventory when given. */
function siteBaseline(withInventory) {
  const changes = new Set(splitLines(site.changedBytes.toString('utf8'))).size
  return withInventory ? changes + new Set(splitLines(site.inventoryBytes.toString('utf8'))).size : changes
}

console.log('')
console.log(
  `Inventory case: ${inventoryObjects.toLocaleString('en-US')} inventory lines, ${inventoryChanged.toLocaleString('en-US')} changed lines (s3:// URIs); ${rounds} rounds`
)
console.log('')
console.log('max-paths  inventory   billed  wildcards  unchanged cleared   median ms  / baseline')
for (const maxPaths of [100, MAX_PATHS]) {
  for (const withInventory of [false, true]) {
    planSite(maxPaths, withInventory)
    const samples = []
    const base = []
    let result
    for (let round = 0; round < rounds; round++) {
      const timed = time(() => planSite(maxPaths, withInventory))
      samples.push(timed.ms)
      base.push(time(() => siteBaseline(withInventory)).ms)
      result = timed.result
    }
    const plan = result
    const cleared = clearedBy(plan.paths, siteUnchanged)
    if (withInventory && plan.inventory.cleared !== cleared) throw new Error('plan.ts and the bench disagree')
    console.log(
      `${String(maxPaths).padStart(9)}  ${(withInventory ? 'yes' : 'no').padEnd(9)} ${String(plan.paths.length).padStart(7)}  ${String(plan.wildcards).padStart(9)}  ${cleared.toLocaleString('en-US').padStart(17)}   ${median(samples).toFixed(0).padStart(9)}  ${(median(samples) / median(base)).toFixed(2).padStart(9)}x`
    )
  }
}
console.log('Baseline: split + Set dedupe of the files read (the changes, and the inventory when given)')
if (values['show-plans']) {
  for (const maxPaths of [100, MAX_PATHS])
    for (const withInventory of [false, true]) {
      const plan = planSite(maxPaths, withInventory)
      console.log(
        maxPaths,
        withInventory,
        plan.compacted.map(w => `${w.path} ${w.covers} ${w.unchanged ?? ''}`).join(', ')
      )
    }
}
