import { readdirSync, readFileSync } from 'node:fs';

// CPU time (user + system) used by a process, or by a process and its children (PostgreSQL's
// backends), read from /proc: where the time goes, per component. Linux only; elsewhere 0.

const ticksPerSecond = 100; // USER_HZ, 100 on every Linux the bench runs on

function stat(pid: number): { ppid: number; cpuMs: number; waitedChildrenMs: number } | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    const ms = (index: number) => (Number(fields[index]) * 1000) / ticksPerSecond;
    return { ppid: Number(fields[1]), cpuMs: ms(11) + ms(12), waitedChildrenMs: ms(13) + ms(14) };
  } catch {
    return undefined;
  }
}

export function cpuMs(pid: number, withChildren = false): number {
  const own = stat(pid);
  if (!own) return 0;
  if (!withChildren) return own.cpuMs;
  // Children that exited are in the parent's waited-for total; live ones are read one by one.
  let children = own.waitedChildrenMs;
  for (const entry of readdirSync('/proc', { withFileTypes: true })) {
    if (!entry.isDirectory() || !/^\d+$/.test(entry.name)) continue;
    const child = stat(Number(entry.name));
    if (child?.ppid === pid) children += child.cpuMs;
  }
  return own.cpuMs + children;
}
