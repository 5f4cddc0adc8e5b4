"""Derivatives of higher order by Taylor arithmetic (dualnum.bench.workloads.taylor_tasks,
the report's Taylor tasks), f = exp(sin x) x^2/(1+x^2) + tanh x:

- f^(10) on 10^5 points of [-1, 1], ``dn.derivative(f, x, order=10)``, against one NumPy
  evaluation of f (target: at most 8x) and against JAX's jit-compiled
  ``jax.experimental.jet`` (float64, CPU) computing the same derivative (target: no slower,
  1.0x). JAX is compiled before it is timed; its compilation time is a note below the
  ratio table (``extra_info["note"]``). Without JAX (``pip install jax``) its candidate is
  skipped and the ratio to it reads "no baseline".
- f^(10)(1.3), ``dn.derivative(f, 1.3, order=10)``, against one evaluation of f with
  ``math``'s functions (target: at most 50x); JAX's jet beside it.
- f'' on the 10^5 points at order 2 against the hyper-dual ``dn.second_derivative(f, x)``
  (target: no slower, 1.0x).

dualnum's and JAX's results must agree (relative 1e-10, to the largest element) before
either is timed, so that both race for the same numbers.
Run: ``python -m pytest benchmarks/test_taylor.py``.
"""
import time

import numpy as np
import pytest

from conftest import measure
from dualnum.bench import peers, workloads
from dualnum.bench.suite import TAYLOR
from dualnum.bench.workloads import PLAIN, TAYLOR_ORDER

N = 10 ** 5
JAX = "jax (jit, jet)"
TASKS = workloads.taylor_tasks(N)
SCALAR, ARRAY = "f^(%d)(1.3)" % TAYLOR_ORDER, "f^(%d) elementwise" % TAYLOR_ORDER
SECOND = "f'' elementwise, order 2"
# group -> (task, baseline, {candidate: [(baseline, target), ...] for dualnum's ratios})
GROUPS = {
    "f^(10)(1.3)": (SCALAR, PLAIN, [(PLAIN, 50.0), (JAX, None)]),
    "f^(10) n=%d" % N: (ARRAY, PLAIN, [(PLAIN, 8.0), (JAX, 1.0)]),
    "f'' order 2 n=%d" % N: (SECOND, "hyper-dual", [("hyper-dual", 1.0), (PLAIN, None)]),
}


def _jax():
    """{task: (JAX's compiled candidate, its compilation in seconds)}, or the line saying
    why JAX is skipped."""
    found, skipped = peers.find(["jax"])
    if not found:
        return skipped[0]
    out = {}
    for task, candidates in found[0].tasks("taylor", N).items():
        start = time.perf_counter()
        call = candidates[JAX]()   # jit, and a first call that compiles
        out[task] = (call, time.perf_counter() - start)
    return out


_JAX = None


def jax_candidate(task):
    """(JAX's candidate for the task, its compilation time), compiled once per run;
    pytest.skip where JAX is not installed."""
    global _JAX
    if _JAX is None:
        _JAX = _jax()
    if isinstance(_JAX, str):
        pytest.skip(_JAX)
    return _JAX[task]


def _cases():
    for group, (task, baseline, _) in GROUPS.items():
        for name in list(TASKS[task]) + [JAX]:
            yield pytest.param(group, name, id="%s-%s" % (group, name))


def _full(group, name):
    return "test_taylor[%s-%s]" % (group, name)


@pytest.mark.benchmark(min_rounds=5)
@pytest.mark.parametrize("group, name", list(_cases()))
def test_taylor(benchmark, group, name):
    task, baseline, ratios = GROUPS[group]
    benchmark.group = group
    order, elementwise = workloads.TAYLOR_TASKS[task]
    if name == JAX:
        func, compiled = jax_candidate(task)
        reference = TASKS[task]["dualnum"]()
        got = np.asarray(func(), dtype=float)
        assert got.shape == np.shape(reference)
        np.testing.assert_allclose(got, reference, rtol=1e-10,
                                   atol=1e-10 * np.max(np.abs(reference)))
        benchmark.extra_info["note"] = ("jit of jet, order %d%s: compiled in %.3g s, not "
                                        "timed" % (order, ", %d points" % N if elementwise
                                                   else "", compiled))
        measure(benchmark, func, baseline=_full(group, baseline))
        return
    func = TASKS[task][name]
    pairs = [(_full(group, other), target) for other, target in ratios]
    if name != "dualnum":
        measure(benchmark, func, baseline=_full(group, baseline))
        return
    result = measure(benchmark, func, baseline=pairs[0][0], target=pairs[0][1],
                     also=pairs[1:])
    x = workloads.taylor_point(task, N)
    if order == 2:   # the hyper-dual f'' of the same points
        np.testing.assert_allclose(result, TASKS[task]["hyper-dual"](), rtol=1e-12,
                                   atol=1e-14)
    else:   # f^(10)(x) at a few points by sympy's derivative, where sympy is installed
        _check_against_sympy(np.atleast_1d(x), np.atleast_1d(result), order)


def _check_against_sympy(x, result, order):
    """f^(order) at five of the points by sympy's derivative, evaluated by mpmath at 40
    digits (at 15 its sum of many terms loses four)."""
    sympy = pytest.importorskip("sympy")
    import mpmath
    t = sympy.Symbol("t")
    nth = sympy.lambdify(t, sympy.diff(TAYLOR.f(t, sympy), t, order), "mpmath")
    picks = np.unique(np.linspace(0, x.size - 1, 5).astype(int))
    with mpmath.workdps(40):
        exact = np.array([float(nth(mpmath.mpf(x[i]))) for i in picks])
    np.testing.assert_allclose(result[picks], exact, rtol=1e-12,
                               atol=1e-13 * np.max(np.abs(exact)))
