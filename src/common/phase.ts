/**
 * What a step is doing now, by name (`signing in to AWS`), and what a cancel that cuts it short leaves:
 * the step's error says both.
 */
export class Phase {
  constructor(
    public now: string,
    /** What a cancel leaves, when the step's error should say more than its usual sentence. */
    public left?: string
  ) {}

  /** From here on the step is doing `now`, and a cancel leaves `left`. */
  enter(now: string, left?: string): void {
    this.now = now
    this.left = left
  }

  /**
   * `work`, with the phase named `now` until it succeeds, then back to what it was; a failure keeps the
   * name, so the error says where the step stopped.
   */
  async during<T>(now: string, work: Promise<T>): Promise<T> {
    const before = this.now
    this.now = now
    const done = await work
    this.now = before
    return done
  }
}
