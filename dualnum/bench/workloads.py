"""The timed workloads, shared by the report (``python -m dualnum.bench``) and the
pytest-benchmark suite (``benchmarks/``).

Each task is a group of zero-argument callables timed side by side: the plain evaluation
("plain f"), the finite-difference equivalent and dualnum, so that every figure reads as a
ratio to the other two. The functions come from :mod:`dualnum.bench.suite`, written once:
f(x) = exp(sin x) x^2/(1 + x^2) + sqrt(x) ln x + tanh x on floats and scalar duals, the
same on NumPy arrays (elementwise), and Rosenbrock's function written with NumPy, whose
gradient, Hessian and the Jacobian of its residuals (the least-squares form,
r = (10 (x[1:] - x[:-1]^2), 1 - x[:-1])) are timed against n. The Taylor tasks time
derivatives of higher order (``dn.derivative(f, x, order=...)``) of suite.TAYLOR against its
plain evaluation, and at order 2 against the hyper-dual ``dn.second_derivative``.

>>> from dualnum.bench.workloads import scalar_tasks
>>> sorted(scalar_tasks()["f'(1.3)"])
['central difference', 'dualnum', 'plain f']
"""
import math

import numpy as np

import dualnum as dn
from dualnum import fd

from .suite import DUAL, MATH, NUMPY, SCALAR, TAYLOR

X0 = 1.3
F = SCALAR["exp(sin x)x^2/(1+x^2)+sqrt(x)ln x+tanh x"]
f_math, f_dual, f_numpy = F.bound(MATH), F.bound(DUAL), F.bound(NUMPY)
# fixed power-of-two steps: x +- h exact, no bookkeeping (the cheapest differences)
H1 = math.ldexp(1.0, -17)
H2 = math.ldexp(1.0, -13)
PLAIN = "plain f"
# the Taylor tasks: f^(TAYLOR_ORDER) at X0 and on n points of (-1, 1), where TAYLOR is smooth
TAYLOR_ORDER = 10
taylor_math, taylor_numpy = TAYLOR.bound(MATH), TAYLOR.bound(NUMPY)


def central_difference(f, x, h=H1):
    """(f(x + h) - f(x - h)) / 2h with a fixed step: floats or arrays."""
    return (f(x + h) - f(x - h)) / (2.0 * h)


def second_difference(f, x, h=H2):
    """(f(x + h) - 2 f(x) + f(x - h)) / h^2 with a fixed step: floats or arrays."""
    return (f(x + h) - 2.0 * f(x) + f(x - h)) / (h * h)


def square_plus(a):
    """a*a + a: two arithmetic operators, the unit cost of scalar code."""
    return a * a + a


def rosen(x, xp=np):
    """Rosenbrock's function of a NumPy (or dual) array x, summed over its first axis (so
    that vectorised differentiators may pass columns of points); ``xp`` the array module
    (a peer's, such as jax.numpy)."""
    return xp.sum(100.0 * (x[1:] - x[:-1] ** 2) ** 2 + (1.0 - x[:-1]) ** 2, axis=0)


def rosen_residuals(x, xp=np):
    """Rosenbrock's residuals: rosen(x) is the sum of their squares; ``xp`` as in rosen."""
    return xp.concatenate([10.0 * (x[1:] - x[:-1] ** 2), 1.0 - x[:-1]])


# dualnum's elementwise derivatives on one thread, as the plain evaluation, the finite
# differences and the peers they are measured against run (their default, workers=None,
# takes every CPU): what threads gain is benchmarks/test_threads.py's to measure.
ONE_THREAD = {"workers": 1}


def _first_and_second(f, f_dual, x, where):
    """f' and f'' at x: the plain evaluation of f, its fixed-step difference and dualnum
    (on f_dual); task -> {candidate: callable}."""
    return {
        "f'" + where: {PLAIN: lambda: f(x), "central difference": lambda: central_difference(f, x),
                       "dualnum": lambda: dn.derivative(f_dual, x, **ONE_THREAD)},
        "f''" + where: {PLAIN: lambda: f(x), "second difference": lambda: second_difference(f, x),
                        "dualnum": lambda: dn.second_derivative(f_dual, x, **ONE_THREAD)},
    }


def scalar_tasks():
    """f' and f'' of f at 1.3 (floats, scalar duals): task -> {candidate: callable}."""
    return _first_and_second(f_math, f_dual, X0, "(1.3)")


def elementwise_points(n):
    """n points of (0.1, 10): where f is defined and smooth."""
    return np.linspace(0.1, 10.0, int(n))


def elementwise_tasks(n):
    """f' and f'' of f at n points (NumPy f, dual arrays): task -> {candidate: callable}."""
    return _first_and_second(f_numpy, f_numpy, elementwise_points(n), " elementwise")


def rosenbrock_point(n):
    return np.linspace(-1.0, 1.0, int(n))


def rosenbrock_tasks(n):
    """Gradient, Jacobian (of the residuals) and Hessian of Rosenbrock's function at n
    points: task -> {candidate: callable}; the finite differences are dualnum.fd's
    central ones."""
    x = rosenbrock_point(n)
    return {
        "gradient": {PLAIN: lambda: rosen(x),
                     "finite differences": lambda: fd.gradient(rosen, x),
                     "dualnum": lambda: dn.gradient(rosen, x)},
        "Jacobian": {PLAIN: lambda: rosen_residuals(x),
                     "finite differences": lambda: fd.jacobian(rosen_residuals, x),
                     "dualnum": lambda: dn.jacobian(rosen_residuals, x)},
        "Hessian": {PLAIN: lambda: rosen(x),
                    "finite differences": lambda: fd.hessian(rosen, x),
                    "dualnum": lambda: dn.hessian(rosen, x)},
    }


def taylor_points(n):
    """n points of [-1, 1]."""
    return np.linspace(-1.0, 1.0, int(n))


# task -> (the order of its derivative, whether at X0 alone or elementwise at n points)
TAYLOR_TASKS = {"f^(%d)(1.3)" % TAYLOR_ORDER: (TAYLOR_ORDER, False),
                "f^(%d) elementwise" % TAYLOR_ORDER: (TAYLOR_ORDER, True),
                "f'' elementwise, order 2": (2, True)}


def taylor_point(task, n):
    """The point of a Taylor task: X0, or n points of [-1, 1]."""
    return taylor_points(n) if TAYLOR_TASKS[task][1] else X0


def taylor_tasks(n):
    """The derivatives of suite.TAYLOR of TAYLOR_TASKS by Taylor arithmetic (dualnum: NumPy's
    ufuncs on Taylor numbers and arrays) beside its plain evaluation (math's functions at
    1.3, NumPy's on the n points), and at order 2 beside the hyper-dual
    ``dn.second_derivative``: task -> {candidate: callable}."""
    tasks = {}
    for task, (order, elementwise) in TAYLOR_TASKS.items():
        x = taylor_point(task, n)
        plain = taylor_numpy if elementwise else taylor_math
        tasks[task] = {PLAIN: lambda x=x, plain=plain: plain(x)}
        if order == 2:
            tasks[task]["hyper-dual"] = lambda x=x: dn.second_derivative(taylor_numpy, x,
                                                                      **ONE_THREAD)
        tasks[task]["dualnum"] = lambda x=x, order=order: dn.derivative(
            taylor_numpy, x, order=order, **ONE_THREAD)
    return tasks


def finite_difference_name(candidates):
    """The name of a task's finite-difference candidate (neither plain f nor dualnum)."""
    return next(name for name in candidates if name not in (PLAIN, "dualnum"))


def table_functions():
    """The rules of the table that are NumPy ufuncs of one argument, and the composite f:
    name -> (the function, a function of n giving n points inside its domain and away from
    its kinks)."""
    from dualnum import rules
    out = {"composite f": (f_numpy, elementwise_points)}
    for rule in rules.UNARY:
        if rule.numpy and not rule.params:
            out[rule.numpy] = (getattr(np, rule.numpy), _points_for(rule.numpy))
    return out


def _points_for(name):
    """n points where the ufunc ``name`` is smooth: (1.1, 1.9) for arccosh, (0.1, 0.9) for
    the inverse sine family and atanh, (0.05, 2.95) between the steps of the rounding
    functions (the integers), (0.1, 0.9) elsewhere."""
    low, high = {"arccosh": (1.1, 1.9)}.get(name, (0.1, 0.9))
    if name in ("ceil", "floor", "rint", "trunc", "fix", "sign", "absolute"):
        low, high = 0.05, 0.45   # inside (0, 0.5): no step, no kink
    return lambda n: np.linspace(low, high, int(n))


def grid_tasks(name, n):
    """f', f'' and (f, f', f'') of a table function at n points, each with the plain
    evaluation and the matching finite difference: task -> {candidate: callable}."""
    f, points = table_functions()[name]
    x = points(n)
    tasks = _first_and_second(f, f, x, "")
    tasks["f, f', f''"] = {PLAIN: lambda: f(x), "second difference":
                           lambda: second_difference(f, x),
                           "dualnum": lambda: dn.derivatives(f, x, **ONE_THREAD)}
    return tasks
