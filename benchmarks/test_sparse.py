"""Sparse Jacobians against SciPy's sparse finite differences.

A tridiagonal residual (dualnum's banded test residual) at n = 10⁵: dualnum's
``jacobian(f, x, sparsity=colouring)`` with the colouring reused (an optimisation loop
computes it once), and with ``"auto"`` (detection and colouring at every call), against
SciPy's grouped forward differences (``scipy.optimize._numdiff.approx_derivative`` with the
pattern and its column groups, found once by ``group_columns``: what
``least_squares(jac_sparsity=...)`` calls at each step, the one public route to it being a
whole solve). Target: the reused colouring at most 0.1x SciPy's finite differences.

Rosenbrock's Hessian (``scipy.optimize.rosen``):
- partially separable (``dn.sum_hessian`` of its element vector), n = 1000, against JAX's
  jit-compiled ``jax.hessian`` (forward over reverse; compiled before it is timed; skipped
  where JAX is not installed: ``pip install jax``). Target: no slower (1.0x).
- the same at n = 10⁶ against one float evaluation of ``rosen``. Target: at most 150x.
- ``dn.hessian(rosen, x, sparsity=...)`` on the scalar function written with ``np.sum``,
  n = 1000, against today's dense ``dn.hessian``: the first call (detection and colouring)
  and the colouring reused. Target: at least 100x faster (0.01x).
The gradient of a partially separable f (``dn.sum_gradient`` of Rosenbrock's elements) at
n = 10⁴ against one evaluation of f. Target: at most 100x.
Run: ``python -m pytest benchmarks/test_sparse.py``.
"""
import numpy as np
import pytest
import scipy.optimize as so
from scipy.optimize._numdiff import approx_derivative, group_columns

import dualnum as dn
from conftest import measure

N = 10 ** 5


def residual(t):
    """r_i = t_{i-1} - 2 t_i + t_{i+1} + t_i^3 inside, the ends fixed."""
    inner = t[:-2] - 2.0 * t[1:-1] + t[2:] + t[1:-1] ** 3
    return np.concatenate([t[:1] - 1.0, inner, t[-1:] ** 2])


X = np.linspace(0.1, 1.0, N)
PATTERN = dn.jacobian_sparsity(residual, X)
COLOURING = dn.colour(PATTERN)
GROUPS = group_columns(PATTERN)  # as least_squares does once per solve
CANDIDATES = {
    "scipy sparse finite differences": lambda: approx_derivative(residual, X,
                                                                 sparsity=(PATTERN, GROUPS)),
    "dualnum, colouring reused": lambda: dn.jacobian(residual, X, sparsity=COLOURING),
    "dualnum, sparsity='auto'": lambda: dn.jacobian(residual, X, sparsity="auto"),
}
TARGETS = {"dualnum, colouring reused": 0.1}


@pytest.mark.benchmark(max_time=0.5, min_rounds=3)
@pytest.mark.parametrize("name", list(CANDIDATES))
def test_sparse_jacobian(benchmark, name):
    benchmark.group = "sparse Jacobian, tridiagonal residual, n = %d" % N
    result = measure(benchmark, CANDIDATES[name],
                     baseline="test_sparse_jacobian[scipy sparse finite differences]",
                     target=TARGETS.get(name))
    # every candidate agrees with the finite differences to their error
    reference = approx_derivative(residual, X, sparsity=PATTERN)
    assert abs(result - reference).max() < 1e-6


def rosen_elements(t):
    """The element functions of Rosenbrock's function: rosen(t) == np.sum(rosen_elements(t))."""
    return 100.0 * (t[1:] - t[:-1] ** 2) ** 2 + (1.0 - t[:-1]) ** 2


def rosen_sum(t):
    return np.sum(rosen_elements(t))


def jax_hessian(n):
    """JAX's jit-compiled Hessian of rosen (float64), compiled; None without JAX."""
    try:
        import jax
    except ImportError:
        return None
    jax.config.update("jax_enable_x64", True)
    import jax.numpy as jnp

    def rosen(t):
        return jnp.sum(100.0 * (t[1:] - t[:-1] ** 2) ** 2 + (1.0 - t[:-1]) ** 2)
    compiled = jax.jit(jax.hessian(rosen))
    compiled(jnp.ones(n)).block_until_ready()
    return lambda x: compiled(x).block_until_ready()


def hessian_cases():
    """{group: (n, {name: (function of x, target)}, baseline)}."""
    cases = {}
    n = 1000
    x = np.linspace(-1.0, 2.0, n)
    by_elements = dn.colour(dn.jacobian_sparsity(rosen_elements, x))
    star = dn.colour(dn.hessian_sparsity(rosen_sum, x), kind="star")
    jax_call = jax_hessian(n)
    separable = {
        "dualnum sum_hessian, colouring reused":
            (lambda x: dn.sum_hessian(rosen_elements, x, sparsity=by_elements), 1.0),
        "dualnum sum_hessian, sparsity='auto'":
            (lambda x: dn.sum_hessian(rosen_elements, x), None)}
    if jax_call is not None:
        import jax.numpy as jnp
        separable["jax jit hessian"] = (lambda x: jax_call(jnp.asarray(x)), None)
    cases["Rosenbrock Hessian, elements, n = 1000"] = (x, separable, "jax jit hessian")
    cases["Rosenbrock Hessian, np.sum, n = 1000"] = (x, {
        "dualnum dense hessian": (lambda x: dn.hessian(rosen_sum, x), None),
        "dualnum sparsity='auto' (first call)":
            (lambda x: dn.hessian(rosen_sum, x, sparsity="auto"), 0.01),
        "dualnum star colouring reused":
            (lambda x: dn.hessian(rosen_sum, x, sparsity=star), 0.01),
    }, "dualnum dense hessian")
    big = np.linspace(-1.0, 2.0, 10 ** 6)
    big_colouring = dn.colour(dn.jacobian_sparsity(rosen_elements, big))
    cases["Rosenbrock Hessian, elements, n = 10^6"] = (big, {
        "rosen (float)": (so.rosen, None),
        "dualnum sum_hessian, colouring reused":
            (lambda x: dn.sum_hessian(rosen_elements, x, sparsity=big_colouring), 150.0),
        "dualnum sum_hessian, sparsity='auto'":
            (lambda x: dn.sum_hessian(rosen_elements, x), None),
    }, "rosen (float)")
    return cases


HESSIAN_CASES = hessian_cases()


@pytest.mark.benchmark(max_time=0.5, min_rounds=3)
@pytest.mark.parametrize("group, name", [(g, name) for g, (_, c, _) in HESSIAN_CASES.items()
                                         for name in c])
def test_rosenbrock_hessian(benchmark, group, name):
    x, candidates, baseline = HESSIAN_CASES[group]
    func, target = candidates[name]
    benchmark.group = group
    result = measure(benchmark, func, x,
                     baseline="test_rosenbrock_hessian[%s-%s]" % (group, baseline),
                     target=target)
    if name.startswith("rosen"):
        return
    if x.size > 10 ** 4:
        # no dense reference: row i depends on x[i - 1 : i + 2] alone, so rosen_hess of
        # that window has the same row
        for i in (0, 1, x.size // 2, x.size - 1):
            lo, hi = max(i - 1, 0), min(i + 2, x.size)
            np.testing.assert_allclose(result[[i]].toarray()[0, lo:hi],
                                       so.rosen_hess(x[lo:hi])[i - lo], rtol=1e-15)
        return
    dense = result.toarray() if hasattr(result, "toarray") else np.asarray(result)
    np.testing.assert_allclose(dense, so.rosen_hess(x), rtol=1e-14, atol=1e-9)


N_GRADIENT = 10 ** 4
X_GRADIENT = np.linspace(-1.0, 2.0, N_GRADIENT)
GRADIENT_COLOURING = dn.colour(dn.jacobian_sparsity(rosen_elements, X_GRADIENT))
GRADIENT_CANDIDATES = {
    "rosen (float)": lambda: so.rosen(X_GRADIENT),
    "dualnum sum_gradient, colouring reused":
        lambda: dn.sum_gradient(rosen_elements, X_GRADIENT, sparsity=GRADIENT_COLOURING),
    "dualnum sum_gradient, sparsity='auto'":
        lambda: dn.sum_gradient(rosen_elements, X_GRADIENT),
}


@pytest.mark.benchmark(max_time=0.5, min_rounds=3)
@pytest.mark.parametrize("name", list(GRADIENT_CANDIDATES))
def test_partially_separable_gradient(benchmark, name):
    benchmark.group = "Rosenbrock gradient, elements, n = %d" % N_GRADIENT
    result = measure(benchmark, GRADIENT_CANDIDATES[name],
                     baseline="test_partially_separable_gradient[rosen (float)]",
                     target=100.0 if "reused" in name else None)
    if name != "rosen (float)":
        np.testing.assert_allclose(result, so.rosen_der(X_GRADIENT), rtol=1e-14, atol=1e-10)
