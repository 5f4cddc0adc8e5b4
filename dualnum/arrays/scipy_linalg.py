"""SciPy's solves with dual operands: ``scipy.linalg.solve_triangular`` (dual right-hand
sides and dual triangular matrices), ``cho_solve`` and ``lu_solve`` (dual right-hand sides,
with the factors of a constant matrix from ``cho_factor`` and ``lu_factor``) and
``scipy.sparse.linalg.spsolve`` (dual right-hand sides, the sparse matrix a constant).

These take SciPy's signatures and are reached from SciPy's own names
(``dualnum.arrays.scipy_routes``). A solve with a constant matrix is linear in the
right-hand side: it is applied to each part, the direction axes as more columns, one call
of SciPy per part. For a dual triangular matrix, x' = A^-1 (b' - A' x) (Giles 2008, 2.2.3)
with A' read from the triangle that SciPy reads, second order by ``linalg.jet``.

Factoring a dual matrix (``cho_factor``, ``lu_factor``) is refused: its derivative is
no factorisation SciPy's solves could use (``numpy.linalg.solve`` and
``numpy.linalg.cholesky`` are exact on dual arrays).
"""
import numbers

import numpy as np

from ._registry import refuses_caller
from ._storage import ArrayBase
from .linalg import _columns, jet, minus
from .operands import lead, real_constant
from .products import map_rows


def _scipy_linalg():
    import scipy.linalg  # only reached from SciPy's own names: SciPy is loaded
    return scipy.linalg


def _matrix(a, name):
    """a as a float matrix (a dual a refused: its factors or the matrix must be constant)."""
    if isinstance(a, ArrayBase) or np.ndim(a) != 2:
        raise TypeError("%s with a dual or stacked matrix: only the right-hand side may be "
                        "dual here; numpy.linalg.solve is exact for a dual matrix" % name)
    return a


def _right_hand_side(b, n, name):
    """b as a 1-D or 2-D dual array of n rows (ValueError as SciPy where the rows differ)."""
    if np.ndim(b) not in (1, 2) or b.shape[0] != n:
        raise ValueError("%s: a right-hand side of shape %s for a matrix of %d rows "
                         "(1-D or 2-D, n rows)" % (name, np.shape(b), n))
    return b


def cho_solve(c_and_lower, b, overwrite_b=False, check_finite=True):
    """x with A x = b from ``(c, lower) = scipy.linalg.cho_factor(A)`` (constant) and b
    (n,) or (n, k), a dual array: SciPy's cho_solve of each part. ``overwrite_b`` is moot
    (b is not written); ``check_finite`` checks c and the parts. TypeError for a dual c.

    >>> import numpy as np, scipy.linalg, dualnum as dn
    >>> c = scipy.linalg.cho_factor(np.array([[4.0, 2.0], [2.0, 3.0]]))
    >>> x = scipy.linalg.cho_solve(c, dn.DualArray(np.array([2.0, 1.0]), 1.0))
    >>> np.round(x.dual, 12).tolist()
    [0.125, 0.25]
    """
    return _factored("cho_solve", c_and_lower, b, check_finite=check_finite)


def lu_solve(lu_and_piv, b, trans=0, overwrite_b=False, check_finite=True):
    """x with A x = b (trans 0), A^T x = b (1, 2) from ``(lu, piv) =
    scipy.linalg.lu_factor(A)`` (constant) and b (n,) or (n, k), a dual array: SciPy's
    lu_solve of each part. TypeError for a dual lu.

    >>> import numpy as np, scipy.linalg, dualnum as dn
    >>> f = scipy.linalg.lu_factor(np.array([[0.0, 2.0], [1.0, 1.0]]))
    >>> scipy.linalg.lu_solve(f, dn.DualArray(np.array([2.0, 2.0]), 1.0)).dual.tolist()
    [0.5, 0.5]
    """
    return _factored("lu_solve", lu_and_piv, b, trans=_trans(trans, "lu_solve"),
                     check_finite=check_finite)


def _trans(trans, name):
    """trans= of scipy.linalg.NAME: 0 or 'N' (A), 1 or 'T' (A^T), 2 or 'C' (A^H, which is
    A^T for real matrices); TypeError for another value, which SciPy would pass to LAPACK
    unchecked (the transposition of the value and that of the derivative must agree)."""
    if isinstance(trans, (str, numbers.Integral)) and not isinstance(trans, bool) \
            and trans in (0, 1, 2, "N", "T", "C"):
        return trans
    raise TypeError("scipy.linalg.%s on dual arrays: trans must be 0, 1, 2, 'N', 'T' or 'C' "
                    "(A, A^T, A^H = A^T), not %r" % (name, trans))


def _factored(name, factors, b, **options):
    """scipy.linalg.NAME(factors, part, **options) of each part of b."""
    matrix = _matrix(factors[0], "scipy.linalg." + name)
    b = _right_hand_side(b, matrix.shape[0], "scipy.linalg." + name)
    solve = getattr(_scipy_linalg(), name)
    return map_rows(b, lambda rows: solve((matrix, factors[1]), rows, **options))


def spsolve(A, b, permc_spec=None, use_umfpack=True):
    """x with A x = b for a scipy.sparse matrix A (a constant) and b (n,) or (n, k), a dual
    array: SciPy's spsolve of each part, the direction axes as more columns.

    >>> import numpy as np, scipy.sparse, scipy.sparse.linalg, dualnum as dn
    >>> A = scipy.sparse.csc_array(np.array([[2.0, 0.0], [0.0, 4.0]]))
    >>> b = dn.DualArray(np.array([2.0, 2.0]), 1.0)
    >>> scipy.sparse.linalg.spsolve(A, b).dual.tolist()
    [0.5, 0.25]
    """
    import scipy.sparse.linalg  # only reached from SciPy's own names: SciPy is loaded
    if isinstance(A, ArrayBase):
        raise TypeError("scipy.sparse.linalg.spsolve with a dual matrix: only the right-hand "
                        "side may be dual; numpy.linalg.solve is exact for a dual matrix")
    b = _right_hand_side(b, A.shape[0], "scipy.sparse.linalg.spsolve")
    solve = scipy.sparse.linalg.spsolve

    def columns(rows):
        return solve(A, rows, permc_spec, use_umfpack).reshape(rows.shape)
    return map_rows(b, columns)


def solve_triangular(a, b, trans=0, lower=False, unit_diagonal=False, overwrite_b=False,
                     check_finite=True):
    """x with op(A) x = b for a triangular A (n, n) (its ``lower`` or upper triangle; a unit
    diagonal with ``unit_diagonal``; op(A) = A for trans 0 or 'N', A^T for 1, 2, 'T', 'C')
    and b (n,) or (n, k); A, b or both dual arrays. SciPy's value, errors and finiteness
    check of the real parts; x' = op(A)^-1 (b' - op(A') x) with A' the same triangle
    (Giles 2008, 2.2.3); second order by ``linalg.jet``. TypeError for stacked A.

    >>> import numpy as np, scipy.linalg, dualnum as dn
    >>> a = dn.DualArray(np.array([[2.0, 0.0], [1.0, 1.0]]), np.eye(2))
    >>> scipy.linalg.solve_triangular(a, np.array([2.0, 2.0]), lower=True).dual.tolist()
    [-0.5, -0.5]
    """
    if np.ndim(a) != 2:
        raise TypeError("scipy.linalg.solve_triangular with a stack of dual matrices: solve "
                        "them one by one")
    options = dict(trans=_trans(trans, "solve_triangular"), lower=lower,
                   unit_diagonal=unit_diagonal)
    kind = type(lead(a, b))
    a, b = (x if isinstance(x, ArrayBase) else real_constant(x, kind) for x in (a, b))
    vector = np.ndim(b) == 1
    reals = [x.real if isinstance(x, ArrayBase) else x for x in (a, b)]
    value = _scipy_linalg().solve_triangular(*reals, check_finite=check_finite, **options)
    x = _triangular(a, b[:, None] if vector else b, value[:, None] if vector else value,
                    options)
    return x[:, 0] if vector else x


def _triangular(a, b, value, options):
    """solve_triangular for b (n, r) with its value on the real parts."""
    def rule(operands, outputs, tangents):
        (a, _), (x,), (da, db) = operands, outputs, tangents
        change = None if da is None else _op(_triangle(da, options), options) @ x
        return [_solve_columns(a, minus(db, change), options)]
    return jet(lead(a, b), [a, b], [value], rule)[0]


def _solve_columns(a, rhs, options):
    """op(A)^-1 rhs for rhs (..., n, r), float or dual (a dual rhs is one matrix of
    columns: the second pass of ``jet``)."""
    if isinstance(a, ArrayBase) or isinstance(rhs, ArrayBase):
        n = rhs.shape[-2]
        cols = np.moveaxis(rhs, -2, 0)
        b = cols.reshape(n, -1)
        value = _solve_columns(a.real if isinstance(a, ArrayBase) else a,
                               b.real if isinstance(b, ArrayBase) else b, options)
        return np.moveaxis(_triangular(a, b, value, options).reshape(cols.shape), 0, -2)
    solve = _scipy_linalg().solve_triangular
    return _columns(lambda c: solve(a, c, check_finite=False, **options), rhs)


def _triangle(m, options):
    """The triangle of the matrices m that solve_triangular reads."""
    unit = 1 if options["unit_diagonal"] else 0
    return np.tril(m, -unit) if options["lower"] else np.triu(m, unit)


def _op(m, options):
    """op(m): the transpose for trans 1, 2, 'T', 'C' (real matrices: C is T)."""
    return m if options["trans"] in (0, "N") else np.swapaxes(m, -1, -2)


_FACTOR = ("%s would factor a dual matrix, whose factors' derivatives no SciPy solve takes: "
           "factor a constant matrix (and pass dual right-hand sides to %s), or use "
           "numpy.linalg.solve (%s), exact for dual matrices")
refuses_caller("scipy.linalg._decomp_cholesky", ["cho_factor"], _FACTOR % (
    "scipy.linalg.cho_factor", "cho_solve", "or numpy.linalg.cholesky and solve_triangular"))
refuses_caller("scipy.linalg._decomp_lu", ["lu_factor"], _FACTOR % (
    "scipy.linalg.lu_factor", "lu_solve", "or numpy.linalg.inv"))
