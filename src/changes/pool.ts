/** At most `concurrency` tasks at once; the rest wait their turn in order. */
export function limiter(concurrency: number): <T>(task: () => Promise<T>) => Promise<T> {
  let active = 0
  const waiting: (() => void)[] = []
  return async task => {
    // A finished task hands its slot straight to the next one, so no newcomer can slip in between.
    if (active < concurrency) active++
    else await new Promise<void>(resolve => waiting.push(resolve))
    try {
      return await task()
    } finally {
      const next = waiting.shift()
      if (next) next()
      else active--
    }
  }
}
