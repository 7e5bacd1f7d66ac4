#!/usr/bin/env python3
# Whole-process meter for the benchmarks: `rusage.py OUT.json CMD ARG...` runs CMD (stdin, stdout and
# stderr inherited) and writes what it cost to OUT.json, as GNU time does but with finer figures:
#   wallMs     fork to reap (this script's own start-up is not counted)
#   userMs, sysMs, maxRssKb   wait4() rusage: the process and every descendant it waited for; maxRssKb
#              is the largest single process (a tool that forks 128 workers shows one worker's RSS)
#   treeRssKb  the peak of the summed RSS of the process and all its live descendants, sampled every
#              SAMPLE_MS (shared pages count once per process: an upper bound); 0 when never sampled
# Descendants that daemonise (ssh ControlPersist masters) leave the tree and are not counted.
# Exits with CMD's exit status (128+N for signal N).
import json
import os
import sys
import threading
import time

SAMPLE_MS = int(os.environ.get('BENCH_SAMPLE_MS', '100'))
PAGE_KB = os.sysconf('SC_PAGE_SIZE') // 1024


def tree_rss_kb(root: int) -> int:
    """Summed RSS of `root` and its descendants, from one pass over /proc."""
    parent = {}
    rss = {}
    for entry in os.listdir('/proc'):
        if not entry.isdigit():
            continue
        try:
            with open(f'/proc/{entry}/stat', 'rb') as f:
                stat = f.read()
            fields = stat[stat.rindex(b')') + 2:].split()
            pid = int(entry)
            parent[pid] = int(fields[1])
            rss[pid] = int(fields[21]) * PAGE_KB
        except (OSError, ValueError, IndexError):
            continue
    children = {}
    for pid, ppid in parent.items():
        children.setdefault(ppid, []).append(pid)
    total = 0
    todo = [root]
    while todo:
        pid = todo.pop()
        total += rss.get(pid, 0)
        todo.extend(children.get(pid, []))
    return total


def main() -> int:
    out, argv = sys.argv[1], sys.argv[2:]
    if not argv:
        print('usage: rusage.py OUT.json CMD [ARG...]', file=sys.stderr)
        return 2
    peak = [0]
    done = threading.Event()
    start = time.monotonic_ns()
    pid = os.fork()
    if pid == 0:
        try:
            os.execvp(argv[0], argv)
        except OSError as error:
            os.write(2, f'rusage.py: cannot run {argv[0]}: {error}\n'.encode())
            os._exit(127)

    def sample() -> None:
        while not done.wait(SAMPLE_MS / 1000):
            peak[0] = max(peak[0], tree_rss_kb(pid))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, status, usage = os.wait4(pid, 0)
    wall = time.monotonic_ns() - start
    done.set()
    sampler.join()
    code = os.waitstatus_to_exitcode(status)
    result = {
        'wallMs': wall / 1e6,
        'userMs': usage.ru_utime * 1000,
        'sysMs': usage.ru_stime * 1000,
        'maxRssKb': usage.ru_maxrss,
        'treeRssKb': max(peak[0], usage.ru_maxrss),
        'code': code if code >= 0 else 128 - code,
    }
    with open(out, 'w') as f:
        json.dump(result, f)
    return result['code']


if __name__ == '__main__':
    sys.exit(main())
