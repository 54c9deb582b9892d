/**
 * File hashing off the main thread: worker threads, one per CPU the process may use
 * (os.availableParallelism()), so MD5s run on every core while the main thread parses the listing.
 *
 * The worker is started from its source text (`eval`), not from a file next to the bundle: ncc bundles
 * one self-contained changes/dist/index.js, and the tests run the same worker from the TypeScript.
 * It does what the comparisons ask of almost every file, the MD5 and the parts' MD5s, with synchronous
 * reads into one reused buffer (a worker has nothing else to do meanwhile). A request for a stored
 * checksum (CRC32C and CRC64NVME come from @aws-sdk/checksums, which a worker from source text cannot
 * load) is hashed in-process by hashFile, and so is every request once the workers are gone: a worker
 * that fails costs speed, never a verdict.
 */
import { availableParallelism } from 'node:os'
import { Worker } from 'node:worker_threads'
import { hashFile, type FileDigests, type HashRequest } from './hash.js'

/** What the main thread sends a worker. */
interface WorkerTask {
  id: number
  path: string
  md5: boolean
  partSizes: number[]
}

/** What a worker answers: the digests, or why the file could not be read. */
type WorkerAnswer =
  | { id: number; size: number; md5?: string; parts: [number, Uint8Array[]][] }
  | { id: number; error: { message: string; code?: string } }

/** What a worker answers for a file it read. */
type WorkerDigests = Extract<WorkerAnswer, { size: number }>

/**
 * The worker's program. It runs from its source text, so it refers to nothing outside itself but globals
 * and the functions it is handed (HASH_WORKER_SOURCE passes them by their source text too).
 */
function hashWorker(digest: typeof digestFile, newPartHasher: typeof partHasher): void {
  const { parentPort } = process.getBuiltinModule('node:worker_threads')
  // Every read of every file goes into this one buffer: 1 MiB, as hashFile reads.
  const buffer = Buffer.allocUnsafe(1024 * 1024)
  parentPort?.on('message', (task: WorkerTask) => {
    let answer: WorkerAnswer
    try {
      answer = digest(
        task,
        buffer,
        task.partSizes.map(partSize => newPartHasher(partSize))
      )
    } catch (error) {
      const failure = error as NodeJS.ErrnoException
      answer = {
        id: task.id,
        error: {
          message: failure instanceof Error ? failure.message : String(failure),
          ...(typeof failure.code === 'string' ? { code: failure.code } : {})
        }
      }
    }
    parentPort.postMessage(answer)
  })
}

/** Reads the task's file once, with synchronous reads into `buffer`, feeding its MD5 and `parts`. */
function digestFile(task: WorkerTask, buffer: Buffer, parts: ReturnType<typeof partHasher>[]): WorkerDigests {
  const { createHash } = process.getBuiltinModule('node:crypto')
  const { closeSync, openSync, readSync } = process.getBuiltinModule('node:fs')
  const md5 = task.md5 ? createHash('md5') : undefined
  let size = 0
  const fd = openSync(task.path, 'r')
  try {
    for (;;) {
      const bytesRead = readSync(fd, buffer, 0, buffer.length, null)
      if (bytesRead === 0) break
      const data = buffer.subarray(0, bytesRead)
      size += bytesRead
      md5?.update(data)
      for (const part of parts) part.update(data)
    }
  } finally {
    closeSync(fd)
  }
  return {
    id: task.id,
    size,
    ...(md5 ? { md5: md5.digest('hex') } : {}),
    parts: parts.map(part => [part.partSize, part.finish()])
  }
}

/**
 * MD5s of consecutive parts of one part size: hash.ts's PartHasher, which a worker cannot import; the
 * tests hold the two to the same digests.
 */
function partHasher(partSize: number) {
  const { createHash } = process.getBuiltinModule('node:crypto')
  const digests: Uint8Array[] = []
  let hash = createHash('md5')
  let filled = 0
  const cut = () => {
    digests.push(hash.digest())
    hash = createHash('md5')
    filled = 0
  }
  const update = (data: Uint8Array) => {
    let offset = 0
    while (offset < data.length) {
      const take = Math.min(partSize - filled, data.length - offset)
      hash.update(data.subarray(offset, offset + take))
      filled += take
      offset += take
      if (filled === partSize) cut()
    }
  }
  const finish = () => {
    // The last part, or the only (possibly empty) one.
    if (filled > 0 || digests.length === 0) cut()
    return digests
  }
  return { partSize, update, finish }
}

/** The source text a worker runs: its program, handed the functions it calls as their source text. */
const HASH_WORKER_SOURCE = `(${hashWorker.toString()})(${digestFile.toString()}, ${partHasher.toString()})`

export interface HashPoolOptions {
  /** Workers (os.availableParallelism() when not given); 0 hashes everything in-process. */
  size?: number
  /** The worker's program; the tests give one that fails. */
  source?: string
  /**
   * Ends the hashing: the workers are terminated, and every request, waiting or new, fails with the
   * signal's reason (nothing is hashed in-process instead).
   */
  signal?: AbortSignal
}

interface Pending {
  task: WorkerTask
  request: HashRequest
  resolve: (digests: FileDigests) => void
  reject: (error: unknown) => void
}

interface Slot {
  worker: Worker
  pending: Map<number, Pending>
  alive: boolean
}

export class HashPool {
  private readonly slots: Slot[] = []
  private nextId = 0
  /** Why workers stopped (an error or an exit while in use), for the log. */
  readonly failures: string[] = []

  private readonly signal: AbortSignal | undefined
  private stopping: Promise<void> | undefined

  constructor(options: HashPoolOptions = {}) {
    const size = options.size ?? availableParallelism()
    this.signal = options.signal
    for (let i = 0; i < size; i++) this.slots.push(this.start(options.source ?? HASH_WORKER_SOURCE))
    this.signal?.addEventListener(
      'abort',
      () => {
        // The caller's own close() reports a worker that would not stop.
        this.close().catch(() => undefined)
      },
      { once: true }
    )
  }

  /** The digests hashFile gives, from a worker when one is there to do it. */
  hash(path: string, request: HashRequest): Promise<FileDigests> {
    if (this.signal?.aborted) return Promise.reject(this.signal.reason as Error)
    const slot = request.checksum ? undefined : this.leastBusy()
    if (!slot) return hashFile(path, request, this.signal)
    const task: WorkerTask = {
      id: this.nextId++,
      path,
      md5: request.md5 === true,
      partSizes: [...(request.partSizes ?? [])]
    }
    return new Promise<FileDigests>((resolve, reject) => {
      // An idle worker does not keep the process alive; one with work does, until it answers.
      if (slot.pending.size === 0) slot.worker.ref()
      slot.pending.set(task.id, { task, request, resolve, reject })
      slot.worker.postMessage(task)
    })
  }

  /**
   * Stops the workers, once however often it is called; requests still waiting on them are hashed
   * in-process, or fail with the signal's reason once it aborted.
   */
  close(): Promise<void> {
    this.stopping ??= Promise.all(
      this.slots.map(async slot => {
        this.retire(slot)
        await slot.worker.terminate()
      })
    ).then(() => undefined)
    return this.stopping
  }

  private leastBusy(): Slot | undefined {
    let best: Slot | undefined
    for (const slot of this.slots) {
      if (slot.alive && (!best || slot.pending.size < best.pending.size)) best = slot
    }
    return best
  }

  private start(source: string): Slot {
    const worker = new Worker(source, { eval: true })
    worker.unref()
    const slot: Slot = { worker, pending: new Map(), alive: true }
    worker.on('message', (answer: WorkerAnswer) => {
      const pending = slot.pending.get(answer.id)
      if (!pending) return
      slot.pending.delete(answer.id)
      if (slot.pending.size === 0) worker.unref()
      if ('error' in answer) {
        const error = new Error(answer.error.message) as NodeJS.ErrnoException
        if (answer.error.code) error.code = answer.error.code
        pending.reject(error)
      } else {
        pending.resolve({
          size: answer.size,
          ...(answer.md5 ? { md5: answer.md5 } : {}),
          parts: new Map(answer.parts)
        })
      }
    })
    worker.on('error', (error: Error) => {
      this.failures.push(`a hashing worker failed: ${error.message}`)
      this.retire(slot)
    })
    worker.on('exit', code => {
      if (slot.alive) this.failures.push(`a hashing worker exited with code ${code}`)
      this.retire(slot)
    })
    return slot
  }

  /** No more work for this worker; what it had is hashed in-process, unless the hashing was stopped. */
  private retire(slot: Slot): void {
    slot.alive = false
    const pending = [...slot.pending.values()]
    slot.pending.clear()
    for (const { task, request, resolve, reject } of pending) {
      if (this.signal?.aborted) reject(this.signal.reason)
      else hashFile(task.path, request, this.signal).then(resolve, reject)
    }
  }
}
