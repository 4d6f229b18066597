/**
 * A pool of worker threads that run tasks under a time budget. JavaScript cannot interrupt a
 * running parse or regex, so the only safe budget is a thread that can be terminated: a task that
 * runs past its budget has its worker terminated (and replaced) and is rejected with
 * `BudgetExceeded`. The caller's thread never runs the work, so it stays responsive; with more
 * than one worker, one slow task does not hold up the others.
 *
 * Protocol (see `serveTasks` for the worker side): the pool posts `{ id, payload }`; the worker
 * answers `{ id, started }` when it begins (the budget counts from there, so a one-time load in
 * `before` is not charged to the task) and then `{ id, ok, result | error }`. `{ state, payload }`
 * messages set named state in every worker (replayed to replacements); `{ event }` messages from a
 * worker reach `onEvent`.
 */
import { parentPort, Worker } from 'node:worker_threads';

export class BudgetExceeded extends Error {
  constructor(readonly budgetMs: number) {
    super(`analysis exceeded ${budgetMs / 1000} s`);
  }
}

export class TaskCancelled extends Error {
  constructor() {
    super('cancelled');
  }
}

/** An error thrown in the worker, with its stack, or the worker dying. */
export class WorkerTaskError extends Error {
  constructor(
    message: string,
    readonly workerStack?: string,
  ) {
    super(message);
  }
}

interface PoolOptions {
  script: string;
  /** Workers started at once; more (up to `maxSize`) are added when tasks wait behind busy ones. */
  size: number;
  maxSize?: number;
  /** How long a task waits behind busy workers before another worker is started. */
  growAfterMs?: number;
  budgetMs: number;
  /** A cancelled task that has run this long has its worker terminated; a younger one finishes. */
  killCancelledAfterMs?: number;
  /** Longest wait for a task to start (one-time loads in `before`): a hung worker is replaced. */
  startTimeoutMs?: number;
  onEvent?: (event: unknown) => void;
}

interface TaskOptions {
  /** Lower runs first (interactive requests before background analyses). */
  priority?: number;
  signal?: AbortSignal;
  budgetMs?: number;
  /** The worker that likely holds this task's data (its cache): used when it is free. */
  prefer?: number;
  /** Overrides the pool's `killCancelledAfterMs` (0: a cancelled task's worker is stopped at once). */
  killCancelledAfterMs?: number;
}

interface TaskResult<R> {
  result: R;
  /** The worker slot that ran it, for `prefer` on later tasks. */
  worker: number;
}

interface Task {
  seq: number;
  payload: unknown;
  opts: TaskOptions;
  resolve(r: TaskResult<unknown>): void;
  reject(e: Error): void;
  onAbort?: () => void;
}

interface Slot {
  index: number;
  worker: Worker;
  task?: Task;
  taskId: number;
  /** When the current task was handed to the worker. */
  dispatchedAt: number;
  startedAt?: number;
  timer?: NodeJS.Timeout;
}

type FromWorker =
  | { id: number; started: true }
  | { id: number; ok: true; result: unknown }
  | { id: number; ok: false; error: { message: string; stack?: string } }
  | { event: unknown };

export class BudgetPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Task[] = [];
  private readonly state = new Map<string, unknown>();
  private seq = 0;
  private ids = 0;
  private closed = false;
  private growTimer?: NodeJS.Timeout;

  constructor(private readonly opts: PoolOptions) {
    for (let i = 0; i < Math.max(1, opts.size); i++) this.slots.push(this.spawn(i));
  }

  get size(): number {
    return this.slots.length;
  }

  /** Sets named state in every worker, now and in every replacement. */
  setState(key: string, payload: unknown): void {
    this.state.set(key, payload);
    for (const s of this.slots) s.worker.postMessage({ state: key, payload });
  }

  run<R>(payload: unknown, opts: TaskOptions = {}): Promise<TaskResult<R>> {
    if (this.closed) return Promise.reject(new TaskCancelled());
    if (opts.signal?.aborted) return Promise.reject(new TaskCancelled());
    return new Promise<TaskResult<R>>((resolve, reject) => {
      const task: Task = { seq: this.seq++, payload, opts, resolve: resolve as (r: TaskResult<unknown>) => void, reject };
      if (opts.signal) {
        task.onAbort = () => this.cancel(task);
        opts.signal.addEventListener('abort', task.onAbort, { once: true });
      }
      this.queue.push(task);
      this.pump();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.growTimer);
    for (const t of this.queue.splice(0)) t.reject(new TaskCancelled());
    await Promise.all(
      this.slots.map((s) => {
        clearTimeout(s.timer);
        s.task?.reject(new TaskCancelled());
        s.task = undefined;
        return s.worker.terminate();
      }),
    );
  }

  private spawn(index: number): Slot {
    const worker = new Worker(this.opts.script);
    // An idle worker must not keep the process alive (the CLI exits when its work is done).
    worker.unref();
    const slot: Slot = { index, worker, taskId: 0, dispatchedAt: 0 };
    for (const [key, payload] of this.state) worker.postMessage({ state: key, payload });
    worker.on('message', (msg: FromWorker) => this.onMessage(slot, msg));
    worker.on('error', (e) => this.fail(slot, new WorkerTaskError(`worker failed: ${e.message}`, e.stack)));
    worker.on('exit', (code) => this.fail(slot, new WorkerTaskError(`worker exited with code ${code}`)));
    return slot;
  }

  private onMessage(slot: Slot, msg: FromWorker): void {
    if (this.slots[slot.index] !== slot) return;
    if ('event' in msg) {
      this.opts.onEvent?.(msg.event);
      return;
    }
    if (msg.id !== slot.taskId || !slot.task) return;
    const task = slot.task;
    if ('started' in msg) {
      slot.startedAt = Date.now();
      clearTimeout(slot.timer);
      const budget = task.opts.budgetMs ?? this.opts.budgetMs;
      slot.timer = setTimeout(() => this.replace(slot, new BudgetExceeded(budget)), budget);
      return;
    }
    clearTimeout(slot.timer);
    slot.task = undefined;
    slot.startedAt = undefined;
    slot.worker.unref();
    task.opts.signal?.removeEventListener('abort', task.onAbort!);
    if (msg.ok) task.resolve({ result: msg.result, worker: slot.index });
    else task.reject(new WorkerTaskError(msg.error.message, msg.error.stack));
    this.pump();
  }

  /** The worker died on its own: fail its task and start a fresh one. */
  private fail(slot: Slot, error: Error): void {
    if (this.slots[slot.index] !== slot || this.closed) return;
    this.replace(slot, error);
  }

  /** Terminates a slot's worker, rejects its task with `error`, and puts a new worker in its place. */
  private replace(slot: Slot, error: Error): void {
    if (this.slots[slot.index] !== slot) return;
    clearTimeout(slot.timer);
    const task = slot.task;
    slot.task = undefined;
    if (task) {
      task.opts.signal?.removeEventListener('abort', task.onAbort!);
      task.reject(error);
    }
    void slot.worker.terminate();
    if (this.closed) return;
    this.slots[slot.index] = this.spawn(slot.index);
    this.pump();
  }

  /**
   * Cancelling a queued task drops it. A running task is stopped (its worker replaced) only once it
   * has run `killCancelledAfterMs`: a short one is left to finish and answers as usual, because a
   * restart costs more than it saves and a caller that moved on may still use the answer (an
   * editor shows diagnostics one keystroke old rather than none while the user types).
   */
  private cancel(task: Task): void {
    const at = this.queue.indexOf(task);
    if (at >= 0) {
      this.queue.splice(at, 1);
      task.reject(new TaskCancelled());
      return;
    }
    const slot = this.slots.find((s) => s.task === task);
    if (!slot) return;
    const ran = Date.now() - (slot.startedAt ?? slot.dispatchedAt);
    if (ran >= (task.opts.killCancelledAfterMs ?? this.opts.killCancelledAfterMs ?? 1500)) this.replace(slot, new TaskCancelled());
  }

  private pump(): void {
    if (this.closed) return;
    for (;;) {
      const idle = this.slots.filter((s) => !s.task);
      if (this.queue.length === 0) return;
      if (idle.length === 0) return this.growLater();
      this.queue.sort((a, b) => (a.opts.priority ?? 0) - (b.opts.priority ?? 0) || a.seq - b.seq);
      const task = this.queue.shift()!;
      const slot = idle.find((s) => s.index === task.opts.prefer) ?? idle[0];
      this.start(slot, task);
    }
  }

  /**
   * Every worker is busy and work waits: once one of them has been on the same task for
   * `growAfterMs` (a slow file, not a burst of quick ones), start another worker.
   */
  private growLater(): void {
    if (this.growTimer || this.slots.length >= (this.opts.maxSize ?? this.opts.size)) return;
    const after = this.opts.growAfterMs ?? 100;
    this.growTimer = setTimeout(() => {
      this.growTimer = undefined;
      if (this.closed || this.queue.length === 0 || this.slots.some((s) => !s.task)) return;
      const now = Date.now();
      if (!this.slots.some((s) => now - s.dispatchedAt >= after)) return this.growLater();
      this.slots.push(this.spawn(this.slots.length));
      this.pump();
    }, after);
  }

  private start(slot: Slot, task: Task): void {
    slot.task = task;
    // A busy worker keeps the process alive (the caller awaits it); an idle one does not.
    slot.worker.ref();
    slot.taskId = ++this.ids;
    slot.dispatchedAt = Date.now();
    slot.startedAt = undefined;
    // Until the worker says it started, only a generous timeout guards against a hung worker.
    slot.timer = setTimeout(() => this.replace(slot, new BudgetExceeded(this.opts.startTimeoutMs ?? 60000)), this.opts.startTimeoutMs ?? 60000);
    slot.worker.postMessage({ id: slot.taskId, payload: task.payload });
  }
}

interface TaskHandler {
  /** Named state from `setState` (configuration, for example). */
  state?(key: string, payload: unknown): void;
  /** One-time loads a task needs, run before the budget starts counting. */
  before?(payload: unknown): void | Promise<void>;
  run(payload: unknown): unknown;
}

/** The worker side: answers the pool's tasks one at a time with `handler`. */
export function serveTasks(handler: TaskHandler): void {
  const port = parentPort;
  if (!port) throw new Error('serveTasks must run in a worker thread');
  let chain: Promise<void> = Promise.resolve();
  port.on('message', (msg: { state: string; payload: unknown } | { id: number; payload: unknown }) => {
    if ('state' in msg) {
      chain = chain.then(() => handler.state?.(msg.state, msg.payload)).catch(() => undefined);
      return;
    }
    chain = chain.then(async () => {
      try {
        await handler.before?.(msg.payload);
        port.postMessage({ id: msg.id, started: true });
        const result = await handler.run(msg.payload);
        port.postMessage({ id: msg.id, ok: true, result });
      } catch (e) {
        const err = e instanceof Error ? e : new Error(String(e));
        port.postMessage({ id: msg.id, ok: false, error: { message: err.message, stack: err.stack } });
      }
    });
  });
}

/** Lets a worker tell the pool something outside a task (e.g. "sample index ready"). */
export function postEvent(event: unknown): void {
  parentPort?.postMessage({ event });
}
