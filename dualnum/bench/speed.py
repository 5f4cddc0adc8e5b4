"""Speed: every task of :mod:`dualnum.bench.workloads` timed side by side, with the peers'
candidates added to the same groups (:mod:`dualnum.bench.peers`).

The statistic is the fastest repeat's time per call, with the spread of the repeats
(:mod:`dualnum.bench.timing`); the ratios of the report divide fastest by fastest within one
group, timed in turns in one run.
"""
from . import workloads
from .timing import side_by_side

FULL = {"elementwise": (1e3, 1e4, 1e5, 1e6, 1e7), "rosenbrock": (10, 30, 100),
        "repeats": 5, "target": 0.05}
QUICK = {"elementwise": (1e3, 1e4, 1e5), "rosenbrock": (10, 30), "repeats": 3,
         "target": 0.005}


def _timed(tasks, extra, sizes):
    return {task: side_by_side({**candidates, **extra.get(task, {})}, sizes["repeats"],
                               sizes["target"])
            for task, candidates in tasks.items()}


def scalar(sizes, peers=()):
    """task -> candidate -> timing statistics, for f' and f'' at 1.3."""
    extra = _merged(peer.scalar_candidates() for peer in peers)
    return _timed(workloads.scalar_tasks(), extra, sizes)


def against_n(key, sizes, progress, peers=()):
    """{"n": [...], task: {candidate: [statistics per n]}} for "elementwise" or
    "rosenbrock"; the peers take part in the Rosenbrock tasks."""
    tasks_of = {"elementwise": workloads.elementwise_tasks,
                "rosenbrock": workloads.rosenbrock_tasks}[key]
    out = {"n": [int(n) for n in sizes[key]]}
    for n in progress(out["n"], key):
        extra = _merged(peer.rosenbrock_candidates(n) for peer in peers) \
            if key == "rosenbrock" else {}
        for task, by_candidate in _timed(tasks_of(n), extra, sizes).items():
            for candidate, stats in by_candidate.items():
                stats["n"] = n
                out.setdefault(task, {}).setdefault(candidate, []).append(stats)
    return out


def _merged(dicts):
    """Merge {task: {candidate: callable}} dictionaries."""
    out = {}
    for d in dicts:
        for task, candidates in d.items():
            out.setdefault(task, {}).update(candidates)
    return out
