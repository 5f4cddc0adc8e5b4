"""The peers: other ways to differentiate, each used only where it is installed.

JAX (jit-compiled, forward and reverse mode), num-dual (dual numbers in Rust), numdifftools
(adaptive finite differences) and scipy.differentiate (SciPy >= 1.15: adaptive finite
differences, vectorised). Each peer that imports takes part in the same tasks as dualnum, in
the same run: f' of every suite function (accuracy), f' at 1.3, and the gradient and Hessian
of Rosenbrock's function (speed). A peer that does not import is skipped with a line that
says so; none is a dependency of dualnum.

>>> from dualnum.bench.peers import find
>>> peers, skipped = find(["no-such-peer"])
>>> peers, skipped
([], ['no-such-peer: skipped (not a known peer)'])
"""
import importlib
import importlib.util
from types import SimpleNamespace

from . import workloads
from .suite import NAMES, NUMPY, SCALAR, rosenbrock

HESSIAN_MAX_N = 100   # the adaptive differences batch n^2 stencils: memory and minutes above


def _gradient_and_hessian(name, gradient, hessian, n):
    """Rosenbrock's candidates of an adaptive finite-difference peer: gradient(x) and, up to
    HESSIAN_MAX_N, hessian(x)."""
    x = workloads.rosenbrock_point(n)
    out = {"gradient": {name: lambda: gradient(x)}}
    if n <= HESSIAN_MAX_N:
        out["Hessian"] = {name: lambda: hessian(x)}
    return out


class ScipyDifferentiate:
    name = "scipy.differentiate"
    module = "scipy.differentiate"

    def __init__(self, module):
        self.d = module

    def first(self, fn):
        return float(self.d.derivative(fn.bound(NUMPY), fn.x).df) \
            if fn.runs_on(NUMPY) else None

    def scalar_candidates(self):
        f, x = workloads.f_numpy, workloads.X0
        return {"f'(1.3)": {self.name: lambda: self.d.derivative(f, x).df}}

    def rosenbrock_candidates(self, n):
        return _gradient_and_hessian(self.name, lambda x: self.d.jacobian(workloads.rosen, x).df,
                                     lambda x: self.d.hessian(workloads.rosen, x).ddf, n)


class Numdifftools:
    name = "numdifftools"
    module = "numdifftools"

    def __init__(self, module):
        self.nd = module

    def first(self, fn):
        from .suite import MATH
        return float(self.nd.Derivative(fn.bound(MATH))(fn.x))

    def scalar_candidates(self):
        derivative = self.nd.Derivative(workloads.f_math)
        return {"f'(1.3)": {self.name: lambda: derivative(workloads.X0)}}

    def rosenbrock_candidates(self, n):
        return _gradient_and_hessian(self.name, self.nd.Gradient(workloads.rosen),
                                     self.nd.Hessian(workloads.rosen), n)


class NumDual:
    """num-dual's Python package: its numbers call their functions as methods."""
    name = "num-dual"
    module = "num_dual"

    def __init__(self, module):
        self.nd = module
        self.m = SimpleNamespace(**{name: (lambda name: lambda x: getattr(x, name)())(name)
                                    for name in NAMES[:6]}, erf=None, relu=None)

    def first(self, fn):
        return float(self.nd.first_derivative(fn.bound(self.m), fn.x)[1]) \
            if fn.runs_on(self.m) else None

    def scalar_candidates(self):
        f = SCALAR[workloads.F.name].bound(self.m)
        return {"f'(1.3)": {self.name: lambda: self.nd.first_derivative(f, workloads.X0)}}

    def rosenbrock_candidates(self, n):
        x = list(workloads.rosenbrock_point(n))

        def f(p):
            return rosenbrock(p, self.m)
        return {"gradient": {self.name: lambda: self.nd.gradient(f, x)},
                "Hessian": {self.name: lambda: self.nd.hessian(f, x)}}


class Jax:
    """JAX in double precision, every derivative jit-compiled once before it is timed."""
    name = "jax"
    module = "jax"

    def __init__(self, module):
        self.jax = module
        module.config.update("jax_enable_x64", True)
        jnp = importlib.import_module("jax.numpy")
        self.jnp = jnp
        self.m = SimpleNamespace(**{name: getattr(jnp, name) for name in NAMES[:6]},
                                 erf=importlib.import_module("jax.scipy.special").erf,
                                 relu=importlib.import_module("jax.nn").relu)

    def first(self, fn):
        return float(self.jax.grad(fn.bound(self.m))(fn.x))

    def _compiled(self, transform, f, x):
        g = self.jax.jit(transform(f))
        g(x).block_until_ready()   # compile outside the timing
        return lambda: g(x).block_until_ready()

    def scalar_candidates(self):
        f = SCALAR[workloads.F.name].bound(self.m)
        return {"f'(1.3)": {"jax (jit)": self._compiled(self.jax.grad, f, workloads.X0)}}

    def rosenbrock_candidates(self, n):
        x = self.jnp.asarray(workloads.rosenbrock_point(n))

        def f(p):
            return workloads.rosen(p, xp=self.jnp)
        jax = self.jax
        return {"gradient": {"jax (jit, forward)": self._compiled(jax.jacfwd, f, x),
                             "jax (jit, reverse)": self._compiled(jax.grad, f, x)},
                "Hessian": {"jax (jit)": self._compiled(jax.hessian, f, x)}}


PEERS = {peer.name: peer for peer in (Jax, NumDual, Numdifftools, ScipyDifferentiate)}


def find(names=tuple(PEERS)):
    """(the peers that import, one line for each one skipped)."""
    found, skipped = [], []
    for name in names:
        if name not in PEERS:
            skipped.append("%s: skipped (not a known peer)" % name)
            continue
        peer = PEERS[name]
        try:
            found.append(peer(importlib.import_module(peer.module)))
        except ImportError as exc:
            skipped.append("%s: skipped (not installed: %s)" % (name, exc))
    return found, skipped
