/**
 * The action bundles a stand-in for undici (stubs/undici): these tests fail when a code path the action
 * uses could reach undici, so that an update of @actions/core, @actions/http-client or @actions/github
 * cannot turn the stand-in into a failure at run time.
 */
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from '@jest/globals'
import ts from 'typescript'

const ROOT = join(import.meta.dirname, '..', '..')

/** Every .js file of the toolkit packages in node_modules, nested copies included. */
function toolkitFiles(dir = join(ROOT, 'node_modules', '@actions')): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter(entry => entry.isFile() && entry.name.endsWith('.js'))
    .map(entry => join(entry.parentPath, entry.name))
}

/** The names bound to undici in a module: `import { ProxyAgent } from 'undici'` or `undici_1 = require('undici')`. */
function undiciBindings(source: ts.SourceFile): Set<string> {
  const names = new Set<string>()
  const visit = (node: ts.Node): void => {
    if (
      ts.isImportDeclaration(node) &&
      ts.isStringLiteral(node.moduleSpecifier) &&
      node.moduleSpecifier.text === 'undici'
    ) {
      const bindings = node.importClause?.namedBindings
      if (bindings && ts.isNamedImports(bindings))
        for (const element of bindings.elements) names.add(element.name.text)
      if (bindings && ts.isNamespaceImport(bindings)) names.add(bindings.name.text)
      if (node.importClause?.name) names.add(node.importClause.name.text)
    }
    if (
      ts.isVariableDeclaration(node) &&
      ts.isIdentifier(node.name) &&
      node.initializer &&
      /require\(["']undici["']\)/.test(node.initializer.getText(source))
    ) {
      names.add(node.name.text)
    }
    ts.forEachChild(node, visit)
  }
  visit(source)
  return names
}

/** The named function or method around a node: arrow functions count as part of the one they are in. */
function enclosingName(node: ts.Node): string {
  for (let at: ts.Node | undefined = node.parent; at; at = at.parent) {
    if ((ts.isFunctionDeclaration(at) || ts.isMethodDeclaration(at)) && at.name) return at.name.getText()
    if (ts.isFunctionExpression(at) && at.name) return at.name.text
  }
  return '(module)'
}

/** Where each module uses undici: `file: function` for every reference outside its import. */
function undiciUses(): string[] {
  const uses = new Set<string>()
  for (const file of toolkitFiles()) {
    const text = readFileSync(file, 'utf8')
    if (!text.includes('undici')) continue
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true)
    const names = undiciBindings(source)
    const visit = (node: ts.Node): void => {
      if (ts.isIdentifier(node) && names.has(node.text)) {
        const declaring =
          ts.isImportSpecifier(node.parent) ||
          ts.isVariableDeclaration(node.parent) ||
          ts.isNamespaceImport(node.parent)
        if (!declaring) {
          const relative = file.slice(file.indexOf('node_modules/') + 'node_modules/'.length)
          uses.add(`${relative}: ${enclosingName(node)}`)
        }
      }
      ts.forEachChild(node, visit)
    }
    visit(source)
  }
  return [...uses].sort()
}

/** The source of the action itself. */
function actionSource(): string {
  const dir = join(ROOT, 'src')
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter(name => name.endsWith('.ts'))
    .map(name => readFileSync(join(dir, name), 'utf8'))
    .join('\n')
}

describe('the undici stand-in', () => {
  it('stands in only where the toolkit uses undici inside functions the action never calls', () => {
    // If this list changes, read the new use: does any path from @actions/core's getIDToken, summary or
    // commands, or from @actions/github's context, reach it? If so, bundle the real undici.
    expect(undiciUses()).toEqual([
      '@actions/github/lib/internal/utils.js: getProxyFetch',
      '@actions/github/node_modules/@actions/http-client/lib/index.js: _getProxyAgentDispatcher',
      '@actions/http-client/lib/index.js: _getProxyAgentDispatcher'
    ])
  })

  it('is reached only through calls the action does not make', () => {
    const source = actionSource()
    for (const entry of ['getOctokit', 'getAgentDispatcher', 'getProxyFetch', 'getProxyAgentDispatcher']) {
      expect(source).not.toMatch(new RegExp(`\\b${entry}\\b`))
    }
    // @actions/core reaches http-client only for the OIDC token, through HttpClient.getJson.
    const core = toolkitFiles(join(ROOT, 'node_modules', '@actions', 'core', 'lib'))
      .map(file => readFileSync(file, 'utf8'))
      .join('\n')
    expect(core).not.toMatch(/getAgentDispatcher|getProxyAgentDispatcher/)
    // The action takes only the Context class from @actions/github, from its own module, so neither
    // Octokit nor its fetch is even bundled.
    expect(source).not.toMatch(/from '@actions\/github'/)
    expect(source.match(/@actions\/github\/lib\/[\w/]+\.js'/g)).toEqual(["@actions/github/lib/context.js'"])
    const context = readFileSync(join(ROOT, 'node_modules/@actions/github/lib/context.js'), 'utf8')
    expect(context.match(/^import .*$/gm)).toEqual([
      "import { readFileSync, existsSync } from 'fs';",
      "import { EOL } from 'os';"
    ])
  })

  it('can be constructed, as @actions/github does when it loads behind a proxy, and fails when used', async () => {
    const { ProxyAgent, fetch } = await import('undici')
    const agent = new ProxyAgent({ uri: 'http://proxy:3128' })
    expect(() => {
      agent.dispatch()
    }).toThrow('undici is not bundled with this action')
    expect(() => fetch()).toThrow('undici is not bundled with this action')
  })
})
