// Memory of a process and its descendants, read from /proc (Linux only).
import { readdirSync, readFileSync } from 'node:fs';

function parentOf(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name is in parentheses and may itself contain spaces or parentheses.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[1]);
  } catch {
    return null;
  }
}

/** The PIDs of `root` and every process below it. */
export function processTree(root) {
  const children = new Map();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const ppid = parentOf(name);
    if (ppid === null) continue;
    const list = children.get(ppid) ?? [];
    list.push(Number(name));
    children.set(ppid, list);
  }
  const tree = [];
  const queue = [root];
  while (queue.length > 0) {
    const pid = queue.shift();
    tree.push(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  return tree;
}

export function rssKiB(pid) {
  try {
    const match = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : 0;
  } catch {
    return 0;
  }
}

function commandOf(pid) {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean).join(' ');
  } catch {
    return '';
  }
}

/** PIDs of the server workers below `root`: the processes that run scripts/next-server.mjs. */
export function nextServerPids(root) {
  return processTree(root).filter((pid) => commandOf(pid).includes('scripts/next-server.mjs'));
}

/**
 * Polls the resident memory of `root`'s process tree until stopped. Keeps the peak of the whole
 * tree and of its largest single process (a server worker).
 */
export function watchMemory(root, intervalMs = 100, treeEverySamples = 20, alsoRoots = []) {
  // withAlsoKiB: the tree plus the trees of `alsoRoots` (nginx in front, for the 1 GB mode).
  const peak = { treeKiB: 0, withAlsoKiB: 0, processKiB: 0, processCommand: '', samples: 0 };
  let also = [];
  // Listing the tree reads every process's /proc entry: done every 2 s, not at each sample, since
  // this runs in the process that generates the load (posting runs were about 10 % slower with it).
  let tree = [];
  const sample = (refreshTree = peak.samples % treeEverySamples === 0) => {
    if (refreshTree) {
      tree = processTree(root);
      also = alsoRoots.flatMap((pid) => processTree(pid));
    }
    let total = 0;
    for (const pid of tree) {
      const rss = rssKiB(pid);
      total += rss;
      if (rss > peak.processKiB) {
        peak.processKiB = rss;
        peak.processCommand = commandOf(pid);
      }
    }
    peak.treeKiB = Math.max(peak.treeKiB, total);
    peak.withAlsoKiB = Math.max(peak.withAlsoKiB, also.reduce((sum, pid) => sum + rssKiB(pid), total));
    peak.samples += 1;
  };
  sample();
  const timer = setInterval(() => sample(), intervalMs);
  timer.unref();
  return {
    peak,
    stop() {
      clearInterval(timer);
      sample(true);
      return peak;
    },
  };
}

/** The resident memory now of each server worker below `root` and of `root`'s whole tree (KiB). */
export function memoryNow(root) {
  const workersKiB = nextServerPids(root).map(rssKiB);
  const treeKiB = processTree(root).reduce((sum, pid) => sum + rssKiB(pid), 0);
  return { workersKiB, treeKiB };
}

/** Ends a process we started and whatever it started, by PID. */
export async function stopTree(root) {
  const pids = processTree(root).reverse();
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGTERM');
    } catch {
      // Already gone.
    }
  }
  const deadline = Date.now() + 5000;
  while (Date.now() < deadline && pids.some((pid) => parentOf(pid) !== null)) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
}
