"""Speed: every task of :mod:`dualnum.bench.workloads` timed side by side, with the peers'
candidates added to the same groups (:mod:`dualnum.bench.peers`).

The statistic is the fastest repeat's time per call, with the spread of the repeats
(:mod:`dualnum.bench.timing`); the ratios of the report divide fastest by fastest within one
group, timed in turns in one run. A peer's candidate is called once before the timing; one
that fails there, or whose call takes over the run's limit ("limit", seconds), is not timed:
its entry is {"n/a": reason} (and a candidate over the limit is not tried at larger n). Each
timed peer's entry carries its "deviation" from dualnum's result (relative to its largest
element), its "first call" and its "set-up" (the seconds its factory took: JAX's
compilation), none of them timed.
"""
import numpy as np

from . import peers as peers_module, workloads
from .timing import side_by_side

FULL = {"elementwise": (1e3, 1e4, 1e5, 1e6, 1e7), "rosenbrock": (10, 30, 100),
        "grid": (1e2, 1e3, 1e4, 1e5, 1e6, 1e7), "grid repeats": 3, "grid target": 0.02,
        "repeats": 5, "target": 0.05, "limit": 1.0, "taylor": 1e5}
QUICK = {"elementwise": (1e3, 1e4, 1e5), "rosenbrock": (10, 30), "grid": (1e2, 1e3),
         "grid repeats": 3, "grid target": 0.002, "repeats": 5, "target": 0.02, "limit": 0.25,
         "taylor": 1e4}


def _timed(tasks, extra, sizes):
    """task -> candidate -> statistics (or {"n/a": reason}); extra: the peers' factories."""
    out = {}
    for task, candidates in tasks.items():
        reference = np.asarray(candidates["dualnum"](), dtype=float)
        ready, records = {}, {}
        for name, factory in extra.get(task, {}).items():
            got, exc = peers_module.attempt(
                lambda: peers_module.first_call(factory, reference, sizes["limit"]))
            if exc:
                records[name] = {"n/a": peers_module.reason(exc),
                                 "over limit": isinstance(exc, peers_module.TooSlow)}
            else:
                ready[name] = got[0]
                records[name] = {"deviation": got[1], "first call": got[2],
                                 "set-up": got[3]}
        out[task] = side_by_side({**candidates, **ready}, sizes["repeats"], sizes["target"])
        for name, record in records.items():
            out[task].setdefault(name, {}).update(record)
    return out


def _extra(peers, key, n, names, slow=None):
    """The peers' factories for the tasks of ``key`` (named ``names``) at n; those in
    ``slow`` (task -> candidate -> reason) refused, every task of a peer whose tasks fail."""
    extra = {}
    for peer in peers:
        tasks, exc = peers_module.attempt(lambda: peer.tasks(key, n))
        if exc:
            tasks = {task: {peer.name: peers_module.refuse(peers_module.reason(exc))}
                     for task in names}
        for task, candidates in tasks.items():
            extra.setdefault(task, {}).update(candidates)
    for task, reasons in (slow or {}).items():
        for name, why in reasons.items():
            extra[task][name] = peers_module.refuse(why)
    return extra


def scalar(sizes, peers=()):
    """task -> candidate -> timing statistics, for f' and f'' at 1.3."""
    tasks = workloads.scalar_tasks()
    return _timed(tasks, _extra(peers, "scalar", None, tasks), sizes)


def taylor(sizes, peers=()):
    """{"n": n, task: {candidate: timing statistics}} for the Taylor tasks (derivatives of
    order 10 at 1.3 and on n = sizes["taylor"] points, f'' on them at order 2)."""
    n = int(sizes["taylor"])
    tasks = workloads.taylor_tasks(n)
    return {"n": n, **_timed(tasks, _extra(peers, "taylor", n, tasks), sizes)}


def against_n(key, sizes, progress, peers=()):
    """{"n": [...], task: {candidate: [statistics per n]}} for "elementwise" or
    "rosenbrock"."""
    tasks_of = {"elementwise": workloads.elementwise_tasks,
                "rosenbrock": workloads.rosenbrock_tasks}[key]
    out, slow = {"n": [int(n) for n in sizes[key]]}, {}
    for n in progress(out["n"], key):
        tasks = tasks_of(n)
        timed = _timed(tasks, _extra(peers, key, n, tasks, slow), sizes)
        for task, by_candidate in timed.items():
            for candidate, stats in by_candidate.items():
                stats["n"] = n
                out.setdefault(task, {}).setdefault(candidate, []).append(stats)
                if candidate not in slow.get(task, {}):
                    why = _too_slow_after(stats, n, out["n"], sizes["limit"])
                    if why:
                        slow.setdefault(task, {})[candidate] = why
    return out


def grid(sizes, progress):
    """Every table function's f', f'' and (f, f', f'') at each n of ``sizes["grid"]``
    (workloads.grid_tasks), each task's candidates timed side by side: {"n": [...],
    function: {task: [{"n", "/ finite difference", "/ plain f"} per n]}}, dualnum's
    fastest time over the finite difference's and over the plain evaluation's."""
    out = {"n": [int(n) for n in sizes["grid"]]}
    for n in progress(out["n"], "grid"):
        for name in workloads.table_functions():
            for task, candidates in workloads.grid_tasks(name, n).items():
                times = side_by_side(candidates, sizes["grid repeats"],
                                     sizes["grid target"])
                fd = workloads.finite_difference_name(candidates)
                best = times["dualnum"]["min"]
                out.setdefault(name, {}).setdefault(task, []).append(
                    {"n": n, "/ finite difference": best / times[fd]["min"],
                     "/ plain f": best / times[workloads.PLAIN]["min"]})
    return out


def _too_slow_after(stats, n, sizes, limit):
    """Why a peer's candidate is not tried at the sizes after n, or None: it was over the
    limit at n, or its first call at n, times the growth of n (no method costs less than
    linear in n), would be over it at the next size."""
    if stats.get("over limit"):
        return "over the limit at n = %d already: not timed" % n
    later = [m for m in sizes if m > n]
    took = stats.get("first call")
    if took is not None and later and took * later[0] / n > limit:
        return ("one call at n = %d took %.3g s: at n = %d it would take at least %.3g s, "
                "over the run's limit of %g s: not timed" % (n, took, later[0],
                                                             took * later[0] / n, limit))
    return None

