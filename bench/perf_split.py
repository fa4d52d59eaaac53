#!/usr/bin/python3
"""CPU time per training step by thread and by kind of code, from `perf script -F tid,time,ip,sym,dso` output of a
run sampled with `perf record -e cpu-clock -F HZ`, over a steady window (from 8 s to 1 s before the last sample),
given the run's steps per second. Used by bench/sr_cpu.sh.

  perf_split.py PERF_SCRIPT_TXT HZ STEPS_PER_SECOND
"""
import collections
import re
import sys

KINDS = [  # first match wins; anonymous executable memory is oneDNN's generated kernels (and, in a JVM, JIT'd Java)
    ('oneDNN', lambda sym, dso: 'dnnl' in sym or 'dnnl' in dso or '.map' in dso or dso.startswith('[JIT')
        or sym.startswith('[unknown')),
    ('tanh', lambda sym, dso: 'tanh' in sym.lower()),
    ('malloc/free', lambda sym, dso: dso.startswith('libc.so') and re.search(r'malloc|free|memalign|unlink', sym)),
    ('kernel', lambda sym, dso: 'kernel' in dso),
    ('other', lambda sym, dso: True),
]


def main():
    path, hz, sps = sys.argv[1], float(sys.argv[2]), float(sys.argv[3])
    rows = []
    for line in open(path, errors='replace'):
        m = re.match(r'\s*(\d+)\s+([\d.]+):\s+[0-9a-f]+\s+(.*)\s+\((.*)\)\s*$', line)
        if m:
            rows.append((m.group(1), float(m.group(2)), m.group(3), m.group(4).split('/')[-1]))
    end = max(r[1] for r in rows)
    window = [r for r in rows if end - 8 < r[1] < end - 1]
    steps = 7 * sps
    by_thread = collections.Counter(r[0] for r in window)
    total = collections.Counter()
    for tid, n in by_thread.most_common(2):
        kinds = collections.Counter()
        for r in window:
            if r[0] == tid:
                kinds[next(k for k, match in KINDS if match(r[2], r[3]))] += 1
        total.update(kinds)
        print('  thread %s: %5.2f ms/step on CPU (%s)' % (tid, n / hz / steps * 1e3, ', '.join(
            '%s %.2f' % (k, kinds[k] / hz / steps * 1e3) for k, _ in KINDS)))
    print('  both:          %5.2f ms/step on CPU (%s); wall %.2f ms/step' % (
        sum(total.values()) / hz / steps * 1e3,
        ', '.join('%s %.2f' % (k, total[k] / hz / steps * 1e3) for k, _ in KINDS), 1e3 / sps))


if __name__ == '__main__':
    main()
