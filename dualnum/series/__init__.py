"""Taylor arithmetic of any order on arrays: TaylorArray and NumPy's protocols.

A TaylorArray of order d holds the normalised Taylor coefficients t_k = f^(k)(t0) / k!,
k = 0..d, of every element; arithmetic, NumPy's ufuncs with a rule in dualnum.rules and a
curated set of NumPy functions propagate them (the kernels of dualnum._taylor). The
modules are imported in dependency order, each using only those before it:

1. ``kernels``     the compiled kernels by rule name, on series spread to one shape;
                   TaylorWarning, where they put NaN in coefficients
2. ``container``   TaylorArray: coefficients, shape, indexing, operators, refused
                   conversions; FAMILY, its tables in dualnum.arrays._registry
3. ``elementwise`` arithmetic, comparisons, NumPy's and scipy.special's ufuncs (NEP 13)
4. ``linear``      sum mean cumsum diff reshape ... concatenate where take clip zeros_like:
                   every coefficient alike (NEP 18)
5. ``products``    matmul dot inner outer tensordot prod: Cauchy products
6. ``selection``   max min sort var std norm ..., and the dual arrays' functions that move,
                   pick or count elements, shared (NEP 18)

``HANDLED_FUNCTIONS`` maps every NumPy function that Taylor arrays implement to its
implementation; any other function (and any ufunc without a rule) raises a TypeError that
names it.
"""
from . import kernels, container  # noqa: F401  (the order)
from . import elementwise, linear, products, selection  # noqa: F401  (each registers itself)
from .container import FAMILY, TaylorArray
from .kernels import TaylorWarning

HANDLED_FUNCTIONS = FAMILY.handled

__all__ = ["TaylorArray", "TaylorWarning", "HANDLED_FUNCTIONS"]
