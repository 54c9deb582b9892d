/**
 * Every error message the code can make, read from the source (src/, every folder below it), each as a
 * template: the literal parts as written, `…` for what varies. troubleshooting.test.ts checks that
 * docs/troubleshooting.md has a row for each.
 *
 * A message is made at `new UserError(…)` (and NotFoundError, WaitTimeoutError), at the runner's
 * `setFailed(…)` and `error(…)`, and in a result's `error` or verify's `failure`. What it is made from is
 * followed through the source: constants, conditionals, the functions of any file of src/ that return
 * its parts (`explainBadDistributionId`'s six forms are six templates), the lists a `for … of` prints. A
 * parameter of the function that makes the message is filled in from each call of that function by name
 * (`explain(…)`, `renewalError(…)`, origin-path's `fix(…)`), so the templates are the messages as called.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import ts from 'typescript'

/** Stands for a part of a message that varies (an ID, a name, the SDK's own message). */
export const VARIES = '…'

export interface ErrorSite {
  /** `src/…/file.ts:line`. */
  where: string
  /** The message's forms, `…` where it varies. */
  templates: string[]
}

const ERROR_CLASSES = new Set(['UserError', 'NotFoundError', 'WaitTimeoutError'])
const RUNNER_CALLS = new Set(['setFailed', 'error'])
const ERROR_PROPERTIES = new Set(['error', 'failure'])
/** How many forms one message may expand to before a varying part is left as `…`. */
const MAX_FORMS = 64
/** How deep one message is followed through constants and functions. */
const MAX_DEPTH = 10

/** A parameter of the function that makes a message, to be filled in from each call of it. */
const placeholder = (fn: string, index: number) => `\uE000${fn}#${index}\uE001`
const PLACEHOLDER = /\uE000([^#\uE001]+)#(\d+)\uE001/g

type FunctionNode = ts.FunctionDeclaration | ts.ArrowFunction | ts.FunctionExpression | ts.MethodDeclaration

/** What a message is read in: the function whose parameters become placeholders, and the depth. */
interface Context {
  owner: ts.SignatureDeclaration | undefined
  depth: number
}

function filesBelow(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap(entry =>
    entry.isDirectory()
      ? filesBelow(join(folder, entry.name))
      : entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')
        ? [join(folder, entry.name)]
        : []
  )
}

const unwrap = (node: ts.Expression): ts.Expression =>
  ts.isParenthesizedExpression(node) || ts.isAsExpression(node) || ts.isNonNullExpression(node)
    ? unwrap(node.expression)
    : node

/** The name a function is called by: its own, or the variable or property that holds it. */
function functionName(fn: ts.SignatureDeclaration): string | undefined {
  if ((ts.isFunctionDeclaration(fn) || ts.isMethodDeclaration(fn)) && fn.name) return fn.name.getText()
  const parent = fn.parent
  if (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent)) return parent.name.getText()
  return undefined
}

function enclosingFunction(node: ts.Node): ts.SignatureDeclaration | undefined {
  for (let at = node.parent; at; at = at.parent) if (ts.isFunctionLike(at)) return at
  return undefined
}

/** The parsed files, by absolute path, for following an import to its declaration. */
let parsed = new Map<string, ts.SourceFile>()

/** A top-level function or constant of a file, by name. */
function topLevel(file: ts.SourceFile, name: string): ts.Node | undefined {
  for (const statement of file.statements) {
    if (ts.isFunctionDeclaration(statement) && statement.name?.text === name) return statement
    if (ts.isVariableStatement(statement)) {
      const found = statement.declarationList.declarations.find(d => d.name.getText() === name)
      if (found) return found
    }
  }
  return undefined
}

/** What `import { name } from './module.js'` refers to, when the module is one of the parsed files. */
function imported(specifier: ts.ImportSpecifier): ts.Node | undefined {
  const declaration = specifier.parent.parent.parent
  if (!ts.isImportDeclaration(declaration) || !ts.isStringLiteral(declaration.moduleSpecifier))
    return undefined
  const from = declaration.moduleSpecifier.text
  if (!from.startsWith('.')) return undefined
  const path = join(dirname(specifier.getSourceFile().fileName), from.replace(/\.js$/, '.ts'))
  const file = parsed.get(path)
  return file && topLevel(file, (specifier.propertyName ?? specifier.name).text)
}

/**
 * The declaration a name refers to at `node`: a parameter, a `for … of` variable or a constant of an
 * enclosing scope, a function, or what an import of another parsed file names.
 */
function declarationOf(name: string, node: ts.Node): ts.Node | undefined {
  for (let at: ts.Node | undefined = node.parent; at; at = at.parent) {
    if (ts.isForOfStatement(at) && ts.isVariableDeclarationList(at.initializer)) {
      const found = at.initializer.declarations.find(d => d.name.getText() === name)
      if (found) return found
    }
    if (ts.isFunctionLike(at)) {
      const param = at.parameters.find(p => p.name.getText() === name)
      if (param) return param
    }
    const statements = ts.isBlock(at) || ts.isSourceFile(at) || ts.isCaseClause(at) ? at.statements : []
    for (const statement of statements) {
      if (ts.isVariableStatement(statement)) {
        const found = statement.declarationList.declarations.find(d => d.name.getText() === name)
        if (found) return found
      }
      if (ts.isFunctionDeclaration(statement) && statement.name?.getText() === name) return statement
      if (ts.isImportDeclaration(statement)) {
        const bindings = statement.importClause?.namedBindings
        const specifier =
          bindings && ts.isNamedImports(bindings)
            ? bindings.elements.find(e => e.name.text === name)
            : undefined
        if (specifier) return imported(specifier)
      }
    }
  }
  return undefined
}

/** What a function returns: every `return` of its own body (not of functions inside it). */
function returnsOf(fn: FunctionNode): ts.Expression[] {
  const body = fn.body
  if (!body) return []
  if (!ts.isBlock(body)) return [body]
  const found: ts.Expression[] = []
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node)) return
    if (ts.isReturnStatement(node) && node.expression) found.push(node.expression)
    node.forEachChild(visit)
  }
  body.forEachChild(visit)
  return found
}

/** The function a call by name calls, when a parsed file declares it. */
function calledFunction(call: ts.CallExpression): FunctionNode | undefined {
  if (!ts.isIdentifier(call.expression)) return undefined
  const declaration = declarationOf(call.expression.text, call)
  const fn =
    declaration && ts.isFunctionDeclaration(declaration)
      ? declaration
      : declaration && ts.isVariableDeclaration(declaration) && declaration.initializer
        ? unwrap(declaration.initializer)
        : undefined
  return fn && (ts.isFunctionDeclaration(fn) || ts.isArrowFunction(fn) || ts.isFunctionExpression(fn))
    ? fn
    : undefined
}

/** Every concatenation of one form of each part; a part with too many forms is left as `…`. */
function product(parts: string[][]): string[] {
  let forms = ['']
  for (const part of parts) {
    const texts = part.length * forms.length > MAX_FORMS ? [VARIES] : part
    forms = forms.flatMap(prefix => texts.map(text => prefix + text))
  }
  return [...new Set(forms)]
}

/** Every form a message expression can take. */
function formsOf(node: ts.Expression, context: Context): string[] {
  const expr = unwrap(node)
  if (context.depth > MAX_DEPTH) return [VARIES]
  const deeper = { ...context, depth: context.depth + 1 }
  if (ts.isStringLiteral(expr) || ts.isNoSubstitutionTemplateLiteral(expr)) return [expr.text]
  if (ts.isTemplateExpression(expr)) {
    return product([
      [expr.head.text],
      ...expr.templateSpans.flatMap(span => [formsOf(span.expression, deeper), [span.literal.text]])
    ])
  }
  if (ts.isConditionalExpression(expr)) {
    return [...formsOf(expr.whenTrue, deeper), ...formsOf(expr.whenFalse, deeper)]
  }
  if (ts.isBinaryExpression(expr)) {
    const kind = expr.operatorToken.kind
    if (kind === ts.SyntaxKind.PlusToken)
      return product([formsOf(expr.left, deeper), formsOf(expr.right, deeper)])
    if (kind === ts.SyntaxKind.QuestionQuestionToken || kind === ts.SyntaxKind.BarBarToken) {
      // `error ?? ''`: an empty fallback makes no message of its own.
      const right = unwrap(expr.right)
      const empty =
        (ts.isStringLiteral(right) || ts.isNoSubstitutionTemplateLiteral(right)) && right.text === ''
      return [...formsOf(expr.left, deeper), ...(empty ? [] : formsOf(expr.right, deeper))]
    }
  }
  // `return undefined` where a function makes no message.
  if (expr.kind === ts.SyntaxKind.NullKeyword || (ts.isIdentifier(expr) && expr.text === 'undefined'))
    return []
  if (ts.isIdentifier(expr)) return identifierForms(expr, context, deeper)
  if (ts.isCallExpression(expr)) {
    const callee = expr.expression
    // `${…}`.trim(): the same message.
    if (ts.isPropertyAccessExpression(callee) && /^trim(Start|End)?$/.test(callee.name.text)) {
      return formsOf(callee.expression, deeper).map(form => form.trim())
    }
    const fn = calledFunction(expr)
    if (fn) {
      // The function's own parameters vary here: its returns are read with it as their owner, and its
      // placeholders filled in from this call's arguments.
      const inner = { owner: fn, depth: context.depth + 1 }
      const returned = returnsOf(fn).flatMap(value => formsOf(value, inner))
      if (returned.length > 0) return fillIn(returned, fn, expr.arguments, deeper)
    }
  }
  return [VARIES]
}

function identifierForms(expr: ts.Identifier, context: Context, deeper: Context): string[] {
  const declaration = declarationOf(expr.text, expr)
  if (!declaration) return [VARIES]
  if (ts.isParameter(declaration)) {
    const fn = declaration.parent
    const name = functionName(fn)
    return fn === context.owner && name ? [placeholder(name, fn.parameters.indexOf(declaration))] : [VARIES]
  }
  if (ts.isVariableDeclaration(declaration)) {
    // `for (const message of staleErrors(…)) runner.error(message)`: each message the list can hold.
    if (ts.isForOfStatement(declaration.parent.parent)) {
      return elementForms(declaration.parent.parent.expression, deeper)
    }
    const init = declaration.initializer && unwrap(declaration.initializer)
    // A constant that holds a function is no message.
    if (!init || ts.isArrowFunction(init) || ts.isFunctionExpression(init)) return [VARIES]
    return formsOf(init, deeper)
  }
  return [VARIES]
}

/** The forms with the placeholders of `fn` filled in from a call's arguments (or their defaults). */
function fillIn(
  forms: readonly string[],
  fn: ts.SignatureDeclaration,
  args: readonly ts.Expression[],
  context: Context
): string[] {
  const name = functionName(fn)
  if (!name) return forms.map(form => form.replace(PLACEHOLDER, VARIES))
  const argument = (index: number): string[] => {
    const given = args[index]
    const fallback = fn.parameters[index]?.initializer
    return given ? formsOf(given, context) : fallback ? formsOf(fallback, context) : ['']
  }
  return [
    ...new Set(
      forms.flatMap(form => {
        const parts = form.split(PLACEHOLDER)
        // split() with two groups: text, fn, index, text, fn, index, …
        const pieces: string[][] = []
        for (let k = 0; k < parts.length; k += 3) {
          pieces.push([parts[k] ?? ''])
          if (k + 2 < parts.length) {
            const of = parts[k + 1]
            const index = Number(parts[k + 2])
            pieces.push(of === name ? argument(index) : [placeholder(of ?? '', index)])
          }
        }
        return product(pieces)
      })
    )
  ]
}

/**
 * The forms of each item a list can hold: the items of an array literal, what `.map(…)` makes of each,
 * what a function returns, and what is pushed onto a constant array.
 */
function elementForms(node: ts.Expression, context: Context): string[] {
  const expr = unwrap(node)
  if (context.depth > MAX_DEPTH) return [VARIES]
  const deeper = { ...context, depth: context.depth + 1 }
  if (ts.isArrayLiteralExpression(expr)) {
    return expr.elements.flatMap(item =>
      ts.isSpreadElement(item) ? elementForms(item.expression, deeper) : formsOf(item, deeper)
    )
  }
  if (ts.isCallExpression(expr)) {
    const callee = expr.expression
    if (ts.isPropertyAccessExpression(callee)) {
      const [callback] = expr.arguments
      if (
        callee.name.text === 'map' &&
        callback &&
        (ts.isArrowFunction(callback) || ts.isFunctionExpression(callback))
      ) {
        return returnsOf(callback).flatMap(value => formsOf(value, deeper))
      }
      if (['slice', 'filter', 'concat', 'flat'].includes(callee.name.text)) {
        return elementForms(callee.expression, deeper)
      }
      return [VARIES]
    }
    const fn = calledFunction(expr)
    if (fn) {
      const inner = { owner: fn, depth: context.depth + 1 }
      return fillIn(
        returnsOf(fn).flatMap(value => elementForms(value, inner)),
        fn,
        expr.arguments,
        deeper
      )
    }
  }
  if (ts.isIdentifier(expr)) {
    const declaration = declarationOf(expr.text, expr)
    if (declaration && ts.isVariableDeclaration(declaration) && declaration.initializer) {
      const pushed: string[] = []
      const visit = (child: ts.Node): void => {
        if (
          ts.isCallExpression(child) &&
          ts.isPropertyAccessExpression(child.expression) &&
          child.expression.name.text === 'push' &&
          ts.isIdentifier(child.expression.expression) &&
          child.expression.expression.text === expr.text
        ) {
          for (const item of child.arguments) pushed.push(...formsOf(item, deeper))
        }
        child.forEachChild(visit)
      }
      declaration.parent.parent.parent.forEachChild(visit)
      return [...elementForms(declaration.initializer, deeper), ...pushed]
    }
  }
  return [VARIES]
}

/** The called function's name: `f(…)`, `new F(…)`, `x.f(…)`. */
function calleeName(node: ts.CallExpression | ts.NewExpression): string | undefined {
  const callee = node.expression
  if (ts.isIdentifier(callee)) return callee.text
  if (ts.isPropertyAccessExpression(callee)) return callee.name.text
  return undefined
}

/** The message a node makes, when it makes one. */
function messageOf(node: ts.Node): ts.Expression | undefined {
  if (ts.isPropertyAssignment(node) && ERROR_PROPERTIES.has(node.name.getText())) {
    // A one-word value (`error: 'error'` in a table of words) is no message.
    const value = unwrap(node.initializer)
    return ts.isStringLiteral(value) && !/\s/.test(value.text) ? undefined : node.initializer
  }
  if (ts.isNewExpression(node)) {
    const name = calleeName(node)
    return name && ERROR_CLASSES.has(name) ? node.arguments?.[0] : undefined
  }
  if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
    return RUNNER_CALLS.has(node.expression.name.text) ? node.arguments[0] : undefined
  }
  return undefined
}

/** Every error message site of the files below `folder`, with the forms of each message. */
export function errorSites(root: string, folder = 'src'): ErrorSite[] {
  const files = filesBelow(join(root, folder)).map(path =>
    ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.ES2022, true)
  )
  parsed = new Map(files.map(file => [file.fileName, file]))
  /** Functions that make a message from their parameters, and the forms, with placeholders. */
  const makers = new Map<ts.SignatureDeclaration, Set<string>>()
  const called = new Set<ts.SignatureDeclaration>()
  const sites = new Map<string, Set<string>>()
  const record = (node: ts.Node, forms: readonly string[]): void => {
    const file = node.getSourceFile()
    const where = `${relative(root, file.fileName)}:${file.getLineAndCharacterOfPosition(node.getStart()).line + 1}`
    const templates = sites.get(where) ?? new Set<string>()
    sites.set(where, templates)
    const fn = enclosingFunction(node)
    for (const form of forms) {
      if (fn && form.match(PLACEHOLDER)) makers.set(fn, (makers.get(fn) ?? new Set<string>()).add(form))
      else templates.add(form.replace(PLACEHOLDER, VARIES))
    }
  }
  /**
   * The maker a call calls: the function its name is declared as, or, for a name that is no declared
   * function (`explain`, handed to a callback), the maker of that name.
   */
  const makerOf = (call: ts.CallExpression): ts.SignatureDeclaration | undefined => {
    if (!ts.isIdentifier(call.expression)) return undefined
    const declared = calledFunction(call)
    if (declared) return makers.has(declared) ? declared : undefined
    const name = call.expression.text
    return [...makers.keys()].find(fn => functionName(fn) === name)
  }
  // The messages themselves, then each call of a function that makes one from its parameters, until
  // no new such function turns up.
  for (const file of files) {
    const visit = (node: ts.Node): void => {
      const message = messageOf(node)
      if (message) record(node, formsOf(message, { owner: enclosingFunction(node), depth: 0 }))
      node.forEachChild(visit)
    }
    visit(file)
  }
  const count = () => [...makers.values()].reduce((sum, forms) => sum + forms.size, 0)
  for (let round = 0; round < 5; round++) {
    const before = count()
    for (const file of files) {
      const visit = (node: ts.Node): void => {
        const maker = ts.isCallExpression(node) ? makerOf(node) : undefined
        if (maker && ts.isCallExpression(node)) {
          called.add(maker)
          const context = { owner: enclosingFunction(node), depth: 0 }
          record(node, fillIn([...(makers.get(maker) ?? [])], maker, node.arguments, context))
        }
        node.forEachChild(visit)
      }
      visit(file)
    }
    if (count() === before) break
  }
  // A function never called by name still makes its messages, with what varies left as `…`.
  for (const [fn, forms] of makers) {
    if (!called.has(fn))
      record(
        fn,
        [...forms].map(form => form.replace(PLACEHOLDER, VARIES))
      )
  }
  return [...sites]
    .map(([where, templates]) => ({ where, templates: [...templates] }))
    .filter(site => site.templates.length > 0)
}

/** Whether a template has no words of its own: a message handed on (`errorMessage(error)`, `${id}: ${error}`). */
export const isHandedOn = (template: string): boolean => !/\p{L}{3}/u.test(template.replaceAll(VARIES, ' '))

/** How many characters in a row a quote shares with its template, at least, before they are compared. */
const SHARED_RUN = 12

/**
 * Whether a quote of the troubleshooting table (`…` where it varies) can be the start of a message of this
 * template (`…` where it varies). Either's `…` stands for any text, but the quote must say what the message
 * says: it shares a run of words with the template as written, each part of it between two `…` meets the
 * template's own words somewhere, and at least half of its literal text does (so a template starting with `…`, such as `…: "…" is a YAML list item`, is not fitted
 * by every quote, while `Access denied to cloudfront:CreateInvalidation on distribution …` fits
 * `Access denied to cloudfront:… on … …`, whose `…` the code fills in from a table).
 */
export function quoteFits(quote: string, template: string): boolean {
  const runs = quote
    .split(VARIES)
    .flatMap(part =>
      Array.from({ length: Math.max(0, part.length - SHARED_RUN + 1) }, (_, at) =>
        part.slice(at, at + SHARED_RUN)
      )
    )
  if (!runs.some(run => template.includes(run))) return false
  const q = Array.from(quote)
  const t = Array.from(template)
  const literal = q.filter(char => char !== VARIES).length
  // best(i, j, met): the most literal characters of q[i…] met by literal characters of t[j…], -1 when
  // q[i…] cannot start a message of t[j…]; `met` says whether the part of q that i is in (between two `…`)
  // has met any yet, which each part must (else its words were only absorbed by the template's `…`).
  const width = t.length + 1
  const memo = new Int32Array((q.length + 1) * width * 2).fill(-2)
  const best = (i: number, j: number, met: boolean): number => {
    const partDone = i === q.length || q[i] === VARIES
    const partEmpty = i === 0 || q[i - 1] === VARIES
    if (partDone && !met && !partEmpty) return -1
    if (i === q.length) return 0
    const key = (i * width + j) * 2 + (met ? 1 : 0)
    const known = memo[key] as number
    if (known !== -2) return known
    let result: number
    if (q[i] === VARIES) result = Math.max(best(i + 1, j, false), j < t.length ? best(i, j + 1, met) : -1)
    else if (j === t.length) result = -1
    else if (t[j] === VARIES) result = Math.max(best(i, j + 1, met), best(i + 1, j, met))
    else if (q[i] === t[j]) {
      const rest = best(i + 1, j + 1, true)
      result = rest < 0 ? -1 : rest + 1
    } else result = -1
    memo[key] = result
    return result
  }
  return best(0, 0, false) >= Math.ceil(literal / 2)
}
