import { expect } from '@jest/globals'

/**
 * The error a promise rejects with, checked to be an instance of `type` (Error by default); fails the
 * test when the promise resolves instead.
 */
export async function rejectionOf<T extends Error = Error>(
  promise: Promise<unknown>,
  type: abstract new (...args: never[]) => T = Error as unknown as abstract new (...args: never[]) => T
): Promise<T> {
  try {
    await promise
  } catch (error) {
    expect(error).toBeInstanceOf(type)
    return error as T
  }
  throw new Error('expected the promise to reject')
}
