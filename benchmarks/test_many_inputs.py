"""Gradients of many inputs: the two-layer network's loss (dualnum.bench.network) at 545,
2 177 and 8 705 parameters, dualnum's gradient against the loop of central differences over
the parameters (dualnum.fd.gradient), with the loss itself beside them.

Targets: at most 0.6x the central differences at 2 177 and 8 705 parameters. About a minute.
Run: ``python -m pytest benchmarks/test_many_inputs.py``.
"""
import pytest

from conftest import time_candidate
from dualnum.bench.network import network_tasks

TARGETS = {16: None, 64: 0.6, 256: 0.6}


def _cases():
    for hidden, goal in TARGETS.items():
        candidates = network_tasks(hidden)
        group = "network gradient, %d parameters" % (34 * hidden + 1)
        for name, func in candidates.items():
            yield pytest.param(group, name, func, candidates,
                               goal if name == "dualnum" else None,
                               id="%s-%s" % (group, name))


@pytest.mark.benchmark(max_time=0.5, min_rounds=3)
@pytest.mark.parametrize("group, name, func, candidates, target", list(_cases()))
def test_network_gradient(benchmark, group, name, func, candidates, target):
    time_candidate(benchmark, "test_network_gradient", group, name, func, candidates,
                   "central differences", target, 1e-6)
