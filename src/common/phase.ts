/** What a step is doing now, by name (`signing in to AWS`): a cancel that cuts it short says so. */
export class Phase {
  constructor(public now: string) {}

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
