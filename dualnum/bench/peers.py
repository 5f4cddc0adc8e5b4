"""The peers: other ways to differentiate, each used only where it is installed.

JAX (jit-compiled, forward and reverse mode), num-dual (dual numbers in Rust), numdifftools
(adaptive finite differences) and scipy.differentiate (SciPy >= 1.15: adaptive finite
differences, vectorised). Each peer that imports takes part in every task of the report
beside dualnum, in the same run: f' and f'' of every suite function (accuracy), f' and f''
at 1.3 and elementwise over n points, the gradient, Jacobian (of the residuals) and
Hessian of Rosenbrock's function, and the derivatives of higher order of the Taylor tasks
(JAX's ``jax.experimental.jet``; speed). A peer that does not import is skipped with a line
that says so; none is a dependency of dualnum.

A peer that cannot do a task (a function it lacks, numbers that hold no arrays, a call over
the run's time limit) or fails at it (an exception of any kind, a non-finite value, a result
of the wrong shape) is recorded as "n/a" with the reason: a peer never ends the run. Each
timed result is compared with dualnum's (its relative deviation goes into the report).

>>> from dualnum.bench.peers import attempt, find
>>> peers, skipped = find(["no-such-peer"])
>>> peers, skipped
([], ['no-such-peer: skipped (not a known peer)'])
>>> value, exc = attempt(lambda: 1 / 0)
>>> value, reason(exc)
(None, 'failed: ZeroDivisionError: division by zero')
"""
import functools
import importlib
import time
from types import SimpleNamespace

import numpy as np

from . import workloads
from .accuracy import DIGITS, relative_error
from .suite import NAMES, NUMPY, SCALAR, TAYLOR, rosenbrock

ORDERS = {"f'": 1, "f''": 2}


class NotApplicable(Exception):
    """A task a peer cannot do; the message says why."""


class TooSlow(NotApplicable):
    """A candidate whose one call took longer than the run's limit per call."""


def attempt(thunk):
    """(thunk(), None), or (None, the exception) where it raises."""
    try:
        return thunk(), None
    except Exception as exc:   # any failure of a peer is a reason for "n/a", never a crash
        return None, exc


def reason(exc):
    """The report's reason for an exception: its message, on one line."""
    if isinstance(exc, NotApplicable):
        return str(exc)
    lines = str(exc).strip().splitlines()
    return "failed: %s" % type(exc).__name__ + (": " + lines[0][:120] if lines else "")


def refuse(why):
    """A candidate's factory for a task the peer cannot do."""
    def factory():
        raise NotApplicable(why)
    return factory


def _bound(fn, m, peer):
    """fn on the peer's namespace m, or NotApplicable naming the functions m lacks."""
    missing = [name for name in fn.uses if getattr(m, name) is None]
    if missing:
        raise NotApplicable("%s has no %s" % (peer, ", ".join(missing)))
    return fn.bound(m)


def accuracy_of(peer, fn, exact):
    """The peer's f' and f'' at fn's point against the exact values (strings or mpmath
    numbers, keyed "f'" and "f''"): {key: {"value", "error"} or {"n/a": reason}}."""
    out = {}
    for key, order in ORDERS.items():
        value, exc = attempt(lambda: _finite(float(peer.derivative(fn, order))))
        out[key] = {"n/a": reason(exc)} if exc else {
            "value": value, "error": relative_error(value, _mpf(exact[key]))}
    return out


def _mpf(text):
    """The 50-digit reference value written in ``text``, as dualnum's errors take it (not
    rounded to a float first)."""
    import mpmath
    with mpmath.workdps(DIGITS):
        return mpmath.mpf(text)


def _finite(value):
    bad = np.size(value) - np.count_nonzero(np.isfinite(value))
    if bad:
        raise ValueError("non-finite result at %d of %d points" % (bad, np.size(value)))
    return value


def first_call(factory, reference, limit):
    """Build a peer's candidate and call it once, outside the timing (compilation and
    first-call costs stay out of it): (the callable, its relative deviation from dualnum's
    result ``reference``, the seconds the call took, the seconds the factory took: JAX's
    compilation); TooSlow if the call took over ``limit`` seconds (the call runs to its
    end: Python cannot stop it sooner)."""
    start = time.perf_counter()
    call = factory()
    set_up = time.perf_counter() - start
    start = time.perf_counter()
    value = _finite(np.asarray(call(), dtype=float))
    took = time.perf_counter() - start
    if value.shape != reference.shape:
        raise ValueError("result of shape %s, dualnum's %s" % (value.shape, reference.shape))
    if took > limit:
        raise TooSlow("one call took %.3g s, over the run's limit of %g s: not timed"
                      % (took, limit))
    scale = np.max(np.abs(reference)) or 1.0
    return call, float(np.max(np.abs(value - reference)) / scale), took, set_up


class ScipyDifferentiate:
    """scipy.differentiate on the NumPy namespace, whose points may be arrays (elementwise)."""
    name = "scipy.differentiate"
    module = "scipy.differentiate"

    def __init__(self, module):
        self.d = module

    def _first(self, f, x, **options):
        return self.d.derivative(f, x, **options).df

    def _second(self, f, x, **options):
        """f'' elementwise: its derivative gives first derivatives only, so the Hessian of
        f on vectors of one element."""
        x = np.asarray(x, dtype=float)
        return self.d.hessian(lambda p: f(p[0]), x[np.newaxis], **options).ddf[0, 0]

    def derivative(self, fn, order):
        with np.errstate(all="ignore"):   # NaNs where a step leaves f's domain: "n/a"
            return self._nth(order)(_bound(fn, NUMPY, self.name), fn.x)

    def _nth(self, order):
        return (self._first, self._second)[order - 1]

    def tasks(self, key, n):
        d, name = self.d, self.name
        # the elementwise points start at 0.1: SciPy's default first step, 0.5, would leave
        # f's domain (x > 0) there, twice over in the Hessian's nested steps
        options = {"initial_step": 0.04} if key == "elementwise" else {}
        if key == "taylor":
            return _taylor(self, n, lambda f, x, order: lambda: functools.partial(
                self._nth(order), f, x, initial_step=0.04), most=(2, "its derivative and "
                                                               "Hessian: orders 1 and 2"))
        if key != "rosenbrock":
            return _first_and_second(self, key, n, lambda f, x, order: lambda: functools.partial(
                self._nth(order), f, x, **options))
        x = workloads.rosenbrock_point(n)
        return {"gradient": {name: lambda: lambda: d.jacobian(workloads.rosen, x).df},
                "Jacobian": {name: lambda: lambda: d.jacobian(workloads.rosen_residuals, x).df},
                "Hessian": {name: lambda: lambda: d.hessian(workloads.rosen, x).ddf}}


class Numdifftools:
    """numdifftools on the NumPy namespace: its steps reach as far as x +- 2, where NumPy's
    functions give NaN (which its extrapolation discards) rather than raise (math's)."""
    name = "numdifftools"
    module = "numdifftools"

    def __init__(self, module):
        self.nd = module

    def _derivative(self, f, order):
        derivative = self.nd.Derivative(f, n=order)

        def call(x):
            with np.errstate(all="ignore"):   # the NaNs outside f's domain
                return derivative(x)
        return call

    def derivative(self, fn, order):
        return self._derivative(_bound(fn, NUMPY, self.name), order)(fn.x)

    def _factory(self, f, x, order):
        def factory():
            derivative = self._derivative(f, order)
            return lambda: derivative(x)
        return factory

    def tasks(self, key, n):
        nd, name = self.nd, self.name
        if key == "taylor":
            return _taylor(self, n, self._factory)
        if key != "rosenbrock":
            return _first_and_second(self, key, n, self._factory)
        x = workloads.rosenbrock_point(n)
        return {"gradient": {name: lambda: lambda: nd.Gradient(workloads.rosen)(x)},
                "Jacobian": {name: lambda: lambda: nd.Jacobian(workloads.rosen_residuals)(x)},
                "Hessian": {name: lambda: lambda: nd.Hessian(workloads.rosen)(x)}}


def _first_and_second(peer, key, n, factory):
    """The tasks "f'" and "f''" at 1.3 (key "scalar") or elementwise over n points of a peer
    that takes f on the NumPy namespace; factory(f, x, order) gives the candidates'."""
    f, x, where = workloads.f_numpy, workloads.X0, "(1.3)"
    if key == "elementwise":
        x, where = workloads.elementwise_points(n), " elementwise"
    return {"f'" + where: {peer.name: factory(f, x, 1)},
            "f''" + where: {peer.name: factory(f, x, 2)}}


def _taylor(peer, n, factory, most=None):
    """The Taylor tasks (workloads.TAYLOR_TASKS) of a peer that takes f on the NumPy
    namespace; factory(f, x, order) gives the candidates'; ``most``: (the highest order
    the peer takes, why), the tasks of higher order refused."""
    out = {}
    for task, (order, _) in workloads.TAYLOR_TASKS.items():
        if most is not None and order > most[0]:
            candidate = refuse("%s has no derivative of order %d (%s)" % (peer.name, order,
                                                                         most[1]))
        else:
            candidate = factory(workloads.taylor_numpy, workloads.taylor_point(task, n),
                                order)
        out[task] = {peer.name: candidate}
    return out


def _residuals(p):
    """Rosenbrock's residuals on any sequence (as workloads.rosen_residuals): a list."""
    pairs = list(zip(p[:-1], p[1:]))
    return [10 * (b - a ** 2) for a, b in pairs] + [1 - a for a, _ in pairs]


class NumDual:
    """num-dual's Python package: its numbers call their functions as methods and hold one
    float each (no arrays); it has no erf and no ReLU."""
    name = "num-dual"
    module = "num_dual"
    NO_ARRAYS = ("num-dual's numbers hold one float each, no arrays: a Python loop over the "
                 "points would time the loop")

    def __init__(self, module):
        self.nd = module
        self.m = SimpleNamespace(**{name: (lambda name: lambda x: getattr(x, name)())(name)
                                    for name in NAMES[:6]}, erf=None, relu=None)

    def _call(self, order, f, x):
        """f' or f'' of f at x: num-dual's functions return (f, f') and (f, f', f'')."""
        return (self.nd.first_derivative, self.nd.second_derivative)[order - 1](f, x)[order]

    def derivative(self, fn, order):
        return self._call(order, _bound(fn, self.m, self.name), fn.x)

    def tasks(self, key, n):
        nd, name = self.nd, self.name
        if key == "elementwise":
            return {task: {name: refuse(self.NO_ARRAYS)}
                    for task in ("f' elementwise", "f'' elementwise")}
        if key == "taylor":
            return {task: {name: refuse(self.NO_ARRAYS if order <= 3 else
                                        "num-dual's derivatives stop at the third order")}
                    for task, (order, _) in workloads.TAYLOR_TASKS.items()}
        if key == "scalar":
            f = SCALAR[workloads.F.name].bound(self.m)
            return {task: {name: lambda order=order: lambda: self._call(order, f, workloads.X0)}
                    for task, order in (("f'(1.3)", 1), ("f''(1.3)", 2))}
        x = list(workloads.rosenbrock_point(n))

        def f(p):
            return rosenbrock(p, self.m)
        return {"gradient": {name: lambda: lambda: nd.gradient(f, x)[1]},
                "Jacobian": {name: lambda: lambda: nd.jacobian(_residuals, x)[1]},
                "Hessian": {name: lambda: lambda: nd.hessian(f, x)[2]}}


class Jax:
    """JAX in double precision, every derivative jit-compiled once before it is timed."""
    name = "jax"
    module = "jax"

    def __init__(self, module):
        self.jax = module
        module.config.update("jax_enable_x64", True)
        self.jnp = importlib.import_module("jax.numpy")
        self.m = SimpleNamespace(**{name: getattr(self.jnp, name) for name in NAMES[:6]},
                                 erf=importlib.import_module("jax.scipy.special").erf,
                                 relu=importlib.import_module("jax.nn").relu)

    def _nth(self, f, order):
        for _ in range(order):
            f = self.jax.grad(f)
        return f

    def derivative(self, fn, order):
        return self._nth(_bound(fn, self.m, self.name), order)(fn.x)

    def _compiled(self, transform, x):
        """A factory: jit(transform()) compiled at x (by a first call), then called at x."""
        def factory():
            compiled, at = self.jax.jit(transform()), self.jnp.asarray(x)   # on the device once
            compiled(at).block_until_ready()
            return lambda: compiled(at).block_until_ready()
        return factory

    def _jet(self, f, order):
        """f^(order) of an elementwise f by jax.experimental.jet, the input series x + t
        (jet's series are derivatives, not normalised coefficients)."""
        jet = importlib.import_module("jax.experimental.jet").jet
        jnp = self.jnp

        def nth(x):
            one, zero = jnp.ones_like(x), jnp.zeros_like(x)
            return jet(f, (x,), ((one,) + (zero,) * (order - 1),))[1][order - 1]
        return nth

    def tasks(self, key, n):
        jax, jnp = self.jax, self.jnp
        if key == "taylor":
            f = TAYLOR.bound(self.m)
            return {task: {"jax (jit, jet)": self._compiled(
                lambda order=order: self._jet(f, order), workloads.taylor_point(task, n))}
                for task, (order, _) in workloads.TAYLOR_TASKS.items()}
        if key != "rosenbrock":
            f = SCALAR[workloads.F.name].bound(self.m)
            x, where = workloads.X0, "(1.3)"
            if key == "elementwise":
                x, where = workloads.elementwise_points(n), " elementwise"

            def nth(order):
                g = self._nth(f, order)
                return jax.vmap(g) if key == "elementwise" else g
            return {"f'" + where: {"jax (jit)": self._compiled(lambda: nth(1), x)},
                    "f''" + where: {"jax (jit)": self._compiled(lambda: nth(2), x)}}
        x = workloads.rosenbrock_point(n)

        def f(p):
            return workloads.rosen(p, xp=jnp)

        def r(p):
            return workloads.rosen_residuals(p, xp=jnp)
        return {"gradient": {"jax (jit, forward)": self._compiled(lambda: jax.jacfwd(f), x),
                             "jax (jit, reverse)": self._compiled(lambda: jax.grad(f), x)},
                "Jacobian": {"jax (jit, forward)": self._compiled(lambda: jax.jacfwd(r), x),
                             "jax (jit, reverse)": self._compiled(lambda: jax.jacrev(r), x)},
                "Hessian": {"jax (jit)": self._compiled(lambda: jax.hessian(f), x)}}


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
        except Exception as exc:   # installed but broken: a line, never a crash
            skipped.append("%s: skipped (%s)" % (name, reason(exc)))
    return found, skipped
