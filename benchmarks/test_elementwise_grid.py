"""Elementwise derivatives against finite differences, from 100 to 1e7 points: every rule
of the table that is a one-argument NumPy ufunc, and the composite f of the report
(dualnum.bench.workloads.table_functions).

One pytest-benchmark group per function, size and task (f', f'', and f, f', f'' from one
pass), holding the plain evaluation, the matching finite difference (central; 3-point
second difference) and dualnum: the ratio table divides by the finite difference and states
the targets (at most 1.5x at n = 100, 1.0x from n = 1000 on). About 7 minutes for the whole
grid; ``-k "exp and 1000"`` picks a part of it.
Run: ``python -m pytest benchmarks/test_elementwise_grid.py``.
"""
import pytest

from conftest import time_candidate
from dualnum.bench import workloads
from dualnum.bench.workloads import finite_difference_name

SIZES = (100, 1000, 10 ** 4, 10 ** 5, 10 ** 6, 10 ** 7)


def target(n):
    return 1.5 if n < 1000 else 1.0


def _cases():
    for name in workloads.table_functions():
        for n in SIZES:
            for task, candidates in workloads.grid_tasks(name, n).items():
                group = "%s n=%d %s" % (name, n, task)
                baseline = finite_difference_name(candidates)
                for candidate, func in candidates.items():
                    yield pytest.param(group, candidate, func, candidates, baseline,
                                       target(n) if candidate == "dualnum" else None,
                                       id="%s-%s" % (group, candidate))


@pytest.mark.benchmark(max_time=0.05, min_rounds=3)
@pytest.mark.parametrize("group, name, func, candidates, baseline, target", list(_cases()))
def test_elementwise(benchmark, group, name, func, candidates, baseline, target):
    time_candidate(benchmark, "test_elementwise", group, name, func, candidates, baseline,
                   target, 1e-3, lambda r: r[2] if isinstance(r, tuple) else r)  # (f, f', f'')
