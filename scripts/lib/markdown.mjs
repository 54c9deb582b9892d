// What the docs' checks need to read in Markdown: the yaml blocks (linted by actionlint, both by
// scripts/actionlint.mjs and by __tests__/docs.test.ts), the anchors GitHub makes of headings, and the
// relative links. Plain JavaScript, so `npm run lint` runs it under any Node; types in markdown.d.mts.
import { parse, stringify } from 'yaml'

/** Markdown with its fenced code blocks blanked out, line for line. */
function withoutFences(markdown) {
  return markdown.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, block => block.replace(/[^\n]/g, ''))
}

/** Markdown without its code blocks and code spans, line for line, so nothing in code is read as a link. */
function withoutCode(markdown) {
  return withoutFences(markdown).replace(/(`+)[\s\S]*?\1/g, span => span.replace(/[^\n]/g, ''))
}

/** Each ```yaml block, with the line its first line of yaml is on. */
export function yamlBlocks(markdown) {
  const blocks = []
  for (const match of markdown.matchAll(/^```ya?ml\n([\s\S]*?)^```$/gm)) {
    const line = markdown.slice(0, match.index).split('\n').length + 1
    blocks.push({ text: match[1] ?? '', line })
  }
  return blocks
}

/**
 * A yaml block as a workflow actionlint can check: a complete workflow as it is, a list of steps (or a
 * `steps:` and `permissions:` snippet) wrapped into one job of a workflow with the OIDC permission.
 */
export function asWorkflow(block) {
  const doc = parse(block)
  if (typeof doc === 'object' && doc !== null && !Array.isArray(doc) && 'jobs' in doc) return block
  const steps = Array.isArray(doc) ? doc : (doc?.steps ?? [])
  const permissions = { 'id-token': 'write', contents: 'read', ...(doc?.permissions ?? {}) }
  return stringify({ on: 'push', permissions, jobs: { deploy: { 'runs-on': 'ubuntu-latest', steps } } })
}

/** The anchor GitHub gives a heading's text: lower case, punctuation dropped, each space a hyphen. */
export function slug(heading) {
  const text = heading
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1') // a link's text
    .replace(/<[^>]+>/g, '') // inline HTML
    .replace(/[`*]/g, '') // code spans and emphasis (_ stays: GitHub keeps it)
  // Punctuation goes after the trim, so "Covering ~" ends in a hyphen, as on GitHub.
  return text
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\p{M}\s_-]/gu, '')
    .replace(/\s/g, '-')
}

/** Every anchor a page has: its headings' (a repeated one gets -1, -2, ... as on GitHub) and explicit ids. */
export function anchors(markdown) {
  const found = new Set()
  const seen = new Map()
  for (const match of withoutFences(markdown).matchAll(/^#{1,6}[ \t]+(.+?)[ \t#]*$/gm)) {
    const base = slug(match[1] ?? '')
    const count = seen.get(base) ?? 0
    seen.set(base, count + 1)
    found.add(count === 0 ? base : `${base}-${count}`)
  }
  for (const match of markdown.matchAll(/<a\s+(?:id|name)="([^"]+)"/g)) found.add(match[1])
  return found
}

/** Every link (inline or a reference definition) outside code, with its line. */
export function links(markdown) {
  const text = withoutCode(markdown)
  const found = []
  const lineOf = index => text.slice(0, index).split('\n').length
  for (const match of text.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) {
    found.push({ target: match[1], line: lineOf(match.index) })
  }
  for (const match of text.matchAll(/^[ \t]{0,3}\[[^\]]+\]:[ \t]+<?(\S+?)>?(?:\s+"[^"]*")?\s*$/gm)) {
    found.push({ target: match[1], line: lineOf(match.index) })
  }
  return found
}
