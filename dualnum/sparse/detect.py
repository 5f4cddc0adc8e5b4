"""Sparsity detection: the structural pattern of f's Jacobian or Hessian at x, from one
evaluation of f on a PatternArray (dualnum.sparse.pattern)."""
import numpy as np
import scipy.sparse as sp

from .. import api
from .pattern import PatternArray, Trace


def _seed(x, second):
    """x as a PatternArray whose element i depends on input i alone."""
    x = np.asarray(api._real_input(x), dtype=np.float64)
    return PatternArray(x, sp.identity(x.size, dtype=np.bool_, format="csr"),
                        Trace(x.size, second))


def _rows(y, trace):
    """The pattern rows of f's result y (a PatternArray, or a constant: no dependence)."""
    if isinstance(y, PatternArray):
        return y.rows, y.size
    if y is None:
        raise TypeError("f returned None; return f's value (an array or a number)")
    size = np.size(y)
    return sp.csr_array((size, trace.n), dtype=np.bool_), size


def jacobian_sparsity(f, x, *, args=(), kwargs=None):
    """The structural pattern of the Jacobian of f at x: a ``scipy.sparse.csr_array`` of
    booleans, of shape (f(x).size, x.size) (rows and columns in C order of f's result and of
    x), True wherever an entry may be nonzero for some x.

    Found from one evaluation of f on a PatternArray, which records for every element of
    every intermediate the inputs it depends on, through NumPy's ufuncs and arithmetic,
    indexing, reshaping and joining, sums, means, products, max/min, ``np.where`` (both
    branches) and matrix products (a constant matrix through its nonzeros). Conservative:
    an entry is left out only where the derivative is zero for every x (Python ``if`` on a
    traced value follows the branch taken at x). Raises TypeError naming any operation that
    cannot be traced (np.sort, np.linalg.solve, float() of a traced value, ...).

    >>> import numpy as np, dualnum as dn
    >>> dn.sparse.jacobian_sparsity(lambda t: t[1:] - t[:-1] ** 2, np.ones(4)).toarray()
    array([[ True,  True, False, False],
           [False,  True,  True, False],
           [False, False,  True,  True]])
    """
    f = api._function(f, args, kwargs)
    seed = _seed(x, False)
    rows, _ = _rows(f(seed), seed.trace)
    return sp.csr_array(rows)


def hessian_sparsity(f, x, *, args=(), kwargs=None):
    """The structural pattern of the Hessian of a scalar f at x: a symmetric
    ``scipy.sparse.csr_array`` of booleans of shape (x.size, x.size), True wherever an
    entry may be nonzero for some x.

    Every operation whose second derivative is not identically zero (by the rule table:
    exp, products of two traced operands, division, powers, ...) records the interactions
    of its operands' dependencies; linear operations (sums, differences, scaling, indexing,
    products with constants) record none. Conservative as ``jacobian_sparsity``, whose
    errors it shares; ValueError where f's result is not a single number.

    >>> import numpy as np, dualnum as dn
    >>> def rosen(t):
    ...     return np.sum(100.0 * (t[1:] - t[:-1] ** 2) ** 2 + (1.0 - t[:-1]) ** 2)
    >>> dn.sparse.hessian_sparsity(rosen, np.ones(4)).toarray().astype(int)
    array([[1, 1, 0, 0],
           [1, 1, 1, 0],
           [0, 1, 1, 1],
           [0, 0, 1, 1]])
    """
    f = api._function(f, args, kwargs)
    seed = _seed(x, True)
    y = f(seed)
    _, size = _rows(y, seed.trace)
    if size != 1:
        raise ValueError("hessian_sparsity needs a scalar f; f returned %d values (use "
                         "jacobian_sparsity for the Jacobian of a vector f)" % size)
    return seed.trace.hessian()
