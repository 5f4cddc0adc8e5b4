"""The report's timed workloads (dualnum.bench.workloads, shared with
``python -m dualnum.bench``): f' and f'' of f at 1.3 and on 1e6 points, and the gradient,
Jacobian and Hessian of Rosenbrock's function at n = 10 and 100.

One pytest-benchmark group per task, holding its plain evaluation, its finite-difference
equivalent and dualnum, so that the ratios read straight from pytest-benchmark's table; the
ratio table after it divides by each group's baseline (the finite difference for f' and f'',
the plain evaluation for Rosenbrock) and states the targets.
Run: ``python -m pytest benchmarks``.
"""
import pytest

from conftest import time_candidate
from dualnum.bench import workloads
from dualnum.bench.workloads import PLAIN, finite_difference_name

# (task, n): dualnum's target ratio to the group's baseline
TARGETS = {("f'(1.3)", None): 1.0, ("f''(1.3)", None): 1.0, ("f' elementwise", 10 ** 6): 1.0,
           ("f'' elementwise", 10 ** 6): 1.0, ("gradient", 10): 3.0, ("gradient", 100): 12.0,
           ("Hessian", 10): 6.0, ("Hessian", 100): 1000.0}


def _cases():
    groups = [(task, None, c) for task, c in workloads.scalar_tasks().items()]
    groups += [(task, 10 ** 6, c) for task, c in workloads.elementwise_tasks(10 ** 6).items()]
    groups += [(task, n, c) for n in (10, 100)
               for task, c in workloads.rosenbrock_tasks(n).items()]
    for task, n, candidates in groups:
        baseline = PLAIN if n in (10, 100) else finite_difference_name(candidates)
        group = task if n is None else "%s n=%d" % (task, n)
        for name, func in candidates.items():
            target = TARGETS.get((task, n)) if name == "dualnum" else None
            yield pytest.param(group, name, func, candidates, baseline, target,
                               id="%s-%s" % (group, name))


@pytest.mark.parametrize("group, name, func, candidates, baseline, target", _cases())
def test_workload(benchmark, group, name, func, candidates, baseline, target):
    time_candidate(benchmark, "test_workload", group, name, func, candidates, baseline,
                   target, 1e-4)
