"""Side-by-side timing: the statistic of every speed figure in the report.

A machine shared with other work only ever adds time to a measurement, so the fastest of
several repeats is the steadiest estimate of a call's own cost; the spread (slowest over
fastest, minus one) says how noisy the machine was. Candidates of one comparison are timed
in turns, repeat after repeat, so that a slow spell of the machine falls on all of them and
their ratios hold.

>>> from dualnum.bench.timing import side_by_side
>>> times = side_by_side({"sum": lambda: sum(range(10))}, repeats=2, target=1e-3)
>>> sorted(times["sum"])
['loops', 'max', 'min', 'repeats']
"""
import time


def _loops(func, target):
    """The number of calls that take at least ``target`` seconds (timeit's autorange)."""
    loops = 1
    while True:
        start = time.perf_counter()
        for _ in range(loops):
            func()
        if time.perf_counter() - start >= target or loops >= 1 << 24:
            return loops
        loops *= 2 if time.perf_counter() - start > target / 10 else 10


def side_by_side(candidates, repeats, target):
    """Time each zero-argument callable of ``candidates`` (name -> callable) in turns.

    Each repeat times every candidate once over its own number of loops (about ``target``
    seconds). Returns name -> {"min", "max": seconds per call over the repeats, "loops",
    "repeats": the per-call time of every repeat}.
    """
    loops = {name: _loops(func, target) for name, func in candidates.items()}
    per_call = {name: [] for name in candidates}
    for _ in range(repeats):
        for name, func in candidates.items():
            start = time.perf_counter()
            for _ in range(loops[name]):
                func()
            per_call[name].append((time.perf_counter() - start) / loops[name])
    return {name: {"min": min(t), "max": max(t), "loops": loops[name], "repeats": t}
            for name, t in per_call.items()}


def spread(stats):
    """Slowest over fastest repeat, minus one: 0.1 means the repeats lay within 10 %."""
    return stats["max"] / stats["min"] - 1.0
