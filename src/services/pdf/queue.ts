// One job at a time, in the order asked: a browser print takes a few hundred MB and most of a core, and
// the platform runs on two cores. Jobs wait their turn; beyond `maxWaiting` waiting, a job is refused
// at once (the caller says "busy") instead of piling up.

export class SerialQueue {
  #tail: Promise<unknown> = Promise.resolve();
  #waiting = 0;
  #running = false;

  constructor(readonly maxWaiting: number) {}

  /** Jobs started and not finished (0 or 1) plus those waiting. */
  get size(): number {
    return this.#waiting + (this.#running ? 1 : 0);
  }

  /** Runs `job` after every job queued before it; undefined (not run) when too many are waiting. */
  run<T>(job: () => Promise<T>): Promise<T> | undefined {
    if (this.#waiting >= this.maxWaiting) return undefined;
    this.#waiting++;
    const result = this.#tail.then(async () => {
      this.#waiting--;
      this.#running = true;
      try {
        return await job();
      } finally {
        this.#running = false;
      }
    });
    // the next job waits for this one to end, however it ends
    this.#tail = result.catch(() => undefined);
    return result;
  }
}
