/** A clock that only moves when the code under test sleeps (or a test advances it): fast and exact. */
export function fakeTime() {
  let now = 0
  const sleeps: number[] = []
  return {
    sleeps,
    now: () => now,
    advance: (ms: number) => {
      now += ms
    },
    sleep: async (ms: number) => {
      sleeps.push(ms)
      now += ms
    }
  }
}
