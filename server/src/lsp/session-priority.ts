import { readFileSync, writeFileSync } from 'node:fs';
import { constants, platform } from 'node:os';

/**
 * The server session's nice value while the user types: the lowest weight (15 against the
 * editor's 1024 per session), so that under contention the keystrokes go first; idle cores are
 * still the server's at any nice value.
 */
export const TYPING_NICE = constants.priority.PRIORITY_LOW;
/** How long after the last edit the session keeps that lower weight. */
const TYPING_QUIET_MS = 500;
/** The kernel takes at most one autogroup change per 100 ms from unprivileged processes (EAGAIN). */
const RETRY_MS = 120;

/** The CPU weight of the scheduling group the server leads. */
export interface SchedulingGroup {
  /** Sets the group's nice value; false when the kernel asks to try again later. */
  setNice(nice: number): boolean;
}

/**
 * Linux with autogroup scheduling (the kernel's default) shares the CPU between sessions first and
 * only then between the threads of a session: a nice value on a thread cannot make it yield to an
 * editor that runs in another session (the browser of code-server, a desktop session's renderer).
 * The client therefore starts the server in a session of its own (a detached child: setsid), and
 * the server can weigh that whole session, its analysis workers and V8's threads included.
 *
 * Only when this process leads its own session: otherwise the group is the one of the editor or
 * terminal that started `tripline lsp`, and lowering it would slow them too.
 */
export function ownSchedulingGroup(): { group: SchedulingGroup | null; said: string } {
  if (platform() !== 'linux') return { group: null, said: 'session priority unchanged (autogroups are Linux only)' };
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const session = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[3]);
    if (session !== process.pid) return { group: null, said: 'session priority unchanged (not started in a session of its own)' };
    const now = readFileSync('/proc/self/autogroup', 'utf8').trim();
    const group: SchedulingGroup = {
      setNice(nice) {
        try {
          writeFileSync('/proc/self/autogroup', String(nice));
          return true;
        } catch (e) {
          if ((e as NodeJS.ErrnoException).code === 'EAGAIN') return false;
          throw e;
        }
      },
    };
    return { group, said: `session ${session} leads its scheduling group (${now}); nice ${TYPING_NICE} while the user types` };
  } catch (e) {
    return { group: null, said: `session priority unchanged (${e instanceof Error ? e.message : String(e)})` };
  }
}

/**
 * While the user types, the server's session yields the CPU to the editor (TYPING_NICE); once the
 * edits pause for TYPING_QUIET_MS it is back at normal weight, so that opening a rule, the first
 * CodeLens and the work after a pause are not slowed. On an idle core the weight changes nothing.
 */
export class TypingPriority {
  private current = 0;
  private wanted = 0;
  private restoreTimer: NodeJS.Timeout | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private failed = false;

  constructor(
    private readonly group: SchedulingGroup,
    private readonly log: (message: string) => void,
    private readonly quietMs = TYPING_QUIET_MS,
  ) {}

  /** An edit: lower the weight now, back to normal after `quietMs` without another. */
  edited(): void {
    this.want(TYPING_NICE);
    clearTimeout(this.restoreTimer);
    this.restoreTimer = setTimeout(() => this.want(0), this.quietMs);
    this.restoreTimer.unref();
  }

  dispose(): void {
    clearTimeout(this.restoreTimer);
    clearTimeout(this.retryTimer);
  }

  private want(nice: number): void {
    this.wanted = nice;
    this.apply();
  }

  private apply(): void {
    if (this.failed || this.current === this.wanted || this.retryTimer) return;
    try {
      if (this.group.setNice(this.wanted)) {
        this.current = this.wanted;
        return;
      }
      this.retryTimer = setTimeout(() => {
        this.retryTimer = undefined;
        this.apply();
      }, RETRY_MS);
      this.retryTimer.unref();
    } catch (e) {
      // Not worth a second try on every keystroke: say it once and leave the weight alone.
      this.failed = true;
      this.log(`tripline: session priority unchanged (${e instanceof Error ? e.message : String(e)})`);
    }
  }
}
