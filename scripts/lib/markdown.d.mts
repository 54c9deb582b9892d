/** Each ```yaml block, with the line its first line of yaml is on. */
export function yamlBlocks(markdown: string): { text: string; line: number }[]
/** A yaml block as a workflow actionlint can check (steps are wrapped into one job). */
export function asWorkflow(block: string): string
/** The anchor GitHub gives a heading's text. */
export function slug(heading: string): string
/** Every anchor a page has: its headings' and explicit ids. */
export function anchors(markdown: string): Set<string>
/** Every link (inline or a reference definition) outside code, with its line. */
export function links(markdown: string): { target: string; line: number }[]
