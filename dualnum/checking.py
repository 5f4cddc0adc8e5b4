"""Checking hand-written derivatives against dualnum's exact ones.

Whoever writes a gradient, Jacobian or Hessian by hand (a backpropagation, the analytic
Jacobian of an ODE solver) checks it today against finite differences
(``scipy.optimize.check_grad``), whose own error, about 1e-7 relative, hides smaller bugs.
``check_grad``, ``check_jacobian`` and ``check_hessian`` compare it instead with
``dualnum.gradient``, ``jacobian`` and ``hessian``, exact to rounding, so a correct
derivative agrees to about 1e-16 relative and a bug of relative size 1e-9 stands out.

Each returns a ``Check``: the largest absolute and relative discrepancy, where each occurs,
the two values at the largest relative one, and a verdict.
"""
import dataclasses
import math
import numbers

import numpy as np

from .api import _function, _real_array, gradient, hessian, jacobian
from .fd import _value, not_lazy


@dataclasses.dataclass(frozen=True)
class Check:
    """The comparison of a hand-written derivative (``given``) with dualnum's (``exact``).

    Fields: ``max_abs`` the largest |given - exact| and ``where_abs`` its index;
    ``max_rel`` the largest |given - exact| / |exact| and ``where`` its index (a tuple
    indexing the derivative's array, () for a scalar x; None for a derivative with no
    entries, x empty, where both maxima are 0); ``given`` and ``exact`` the two values at
    ``where`` (NaN without entries); ``ok`` True when every entry agrees within ``rtol`` relative or
    ``atol`` absolute. Entries that are equal (infinities of one sign, NaN with NaN) differ
    by 0; a NaN against a number, or a number against an exact 0, differs infinitely in
    relative terms (give ``atol`` to accept rounding next to exact zeros).
    """
    max_abs: float
    where_abs: tuple
    max_rel: float
    where: tuple
    given: float
    exact: float
    ok: bool
    rtol: float
    atol: float

    def __repr__(self):
        return ("Check(ok=%s, rtol=%g, atol=%g,\n      max_rel=%.3g at %s: given %r, exact %r,"
                "\n      max_abs=%.3g at %s)" % (self.ok, self.rtol, self.atol, self.max_rel,
                                               self.where, self.given, self.exact,
                                               self.max_abs, self.where_abs))


def check_grad(f, grad, x, *, rtol=1e-10, atol=0.0, args=(), kwargs=None):
    """Compares ``grad(x)``, a hand-written gradient of the scalar-valued f, with dualnum's
    exact ``gradient(f, x)``: a ``Check`` (see its fields), the relative discrepancy of
    each entry against the exact value.

    x is a real number or an array of any shape; ``grad(x, *args, **kwargs)`` must return
    an array of x's shape (as ``scipy.optimize.check_grad`` calls it, and given a copy of
    x). ``rtol`` and ``atol`` (non-negative) set the verdict ``ok``.

    Raises ValueError for a result of grad of another shape than x's, an x holding NaN
    (where any grad would pass) and a negative or NaN tolerance; TypeError for a tolerance that is not a real number, a non-callable f or
    grad, ``args`` that is not a tuple or ``kwargs`` not a dict, values of grad that are
    not real numbers (booleans, complex numbers, a masked array: fill it first, a Dask
    array: compute it first), and for f
    raising TypeError while dualnum differentiates it (a wrong signature, or f calling
    ``math`` functions or ``float()`` on its argument: the message gives f's error).

    A bug of relative size 1e-9 in the last entry of Rosenbrock's gradient: dualnum finds
    it, while finite differences see the correct and the wrong gradient alike:

    >>> import numpy as np
    >>> from scipy.optimize import check_grad as fd_check_grad, rosen, rosen_der
    >>> import dualnum as dn
    >>> def wrong_der(p):
    ...     g = rosen_der(p)
    ...     g[-1] *= 1 + 1e-9
    ...     return g
    >>> x = np.array([-1.25, 1.0, 0.75])
    >>> dn.check_grad(rosen, rosen_der, x).ok
    True
    >>> dn.check_grad(rosen, wrong_der, x)
    Check(ok=False, rtol=1e-10, atol=0,
          max_rel=1e-09 at (2,): given -50.000000050000004, exact -50.0,
          max_abs=5e-08 at (2,))
    >>> right, wrong = fd_check_grad(rosen, rosen_der, x), fd_check_grad(rosen, wrong_der, x)
    >>> bool(right > 1e-6 and abs(wrong - right) < 1e-2 * right)  # the bug is in the noise
    True
    """
    return _check(gradient, "grad", f, grad, x, rtol, atol, args, kwargs)


def check_jacobian(f, jac, x, *, rtol=1e-10, atol=0.0, args=(), kwargs=None):
    """Compares ``jac(x)``, a hand-written Jacobian of f, with dualnum's exact
    ``jacobian(f, x)``: a ``Check`` (see its fields). ``jac(x, *args, **kwargs)`` must
    return an array of shape ``f(x).shape + x.shape`` (for vectors, one row per value of f,
    SciPy's layout); arguments and errors as in ``check_grad``.

    >>> import numpy as np
    >>> import dualnum as dn
    >>> def f(p):
    ...     return np.array([p[0] * p[1], np.sin(p[0])])
    >>> def jac(p):
    ...     return np.array([[p[1], p[0]], [np.cos(p[0]), 0.0]])
    >>> dn.check_jacobian(f, jac, [0.5, 2.0])
    Check(ok=True, rtol=1e-10, atol=0,
          max_rel=0 at (0, 0): given 2.0, exact 2.0,
          max_abs=0 at (0, 0))
    """
    return _check(jacobian, "jac", f, jac, x, rtol, atol, args, kwargs)


def check_hessian(f, hess, x, *, rtol=1e-10, atol=0.0, args=(), kwargs=None):
    """Compares ``hess(x)``, a hand-written Hessian of the scalar-valued f, with dualnum's
    exact ``hessian(f, x)``: a ``Check`` (see its fields). ``hess(x, *args, **kwargs)`` must
    return an array of shape ``x.shape + x.shape``; arguments and errors as in
    ``check_grad``.

    >>> import numpy as np
    >>> from scipy.optimize import rosen, rosen_hess
    >>> import dualnum as dn
    >>> dn.check_hessian(rosen, rosen_hess, np.array([-1.2, 1.0, 0.8])).ok
    True
    """
    return _check(hessian, "hess", f, hess, x, rtol, atol, args, kwargs)


def _check(exact_of, name, f, user, x, rtol, atol, args, kwargs):
    """The ``Check`` of ``user`` (called ``name``) against ``exact_of(f, x)``."""
    for tolerance, value in (("rtol", rtol), ("atol", atol)):
        if not isinstance(value, numbers.Real) or isinstance(value, bool):
            raise TypeError("%s must be a non-negative real number, not %s"
                            % (tolerance, type(value).__name__))
        if not value >= 0:
            raise ValueError("%s must be a non-negative number, not %r" % (tolerance, value))
    _function(f, args, kwargs)  # f callable, args a tuple, kwargs a dict: each named
    if not callable(user):
        raise TypeError("%s must be the hand-written derivative to check, a callable given "
                        "after f, not %s" % (name, type(user).__name__))
    x = _real_array(x)
    if np.isnan(x).any():
        raise ValueError("x holds NaN (at %s): the derivatives there are NaN, and a NaN "
                         "agrees with NaN, so the check would pass whatever %s is; check at "
                         "numbers" % (tuple(int(i) for i in np.argwhere(np.isnan(x))[0]),
                                      name))
    try:
        exact = np.asarray(exact_of(f, x, args=args, kwargs=kwargs))
    except TypeError as err:
        raise TypeError("f raised TypeError when dualnum called it with x to compute the "
                        "exact derivative that %s is checked against: %s" % (name, err)
                        ) from err
    given = _value(lambda p: _unmasked(user(p, *args, **(kwargs or {})), name),
                   x.copy()[()], name)
    if given.shape != exact.shape:
        raise ValueError("%s returned an array of shape %s, but the derivative of f at x has "
                         "shape %s (%s)" % (name, given.shape, exact.shape, _LAYOUT[name]))
    return _compare(given, exact, rtol, atol)


def _unmasked(value, name):
    """value, which must hold numbers that are there: TypeError for a masked array (whose
    hidden entries NumPy would compare as they are), for booleans (a comparison where a
    derivative was meant) and for a Dask array (NumPy would compute it silently)."""
    not_lazy(value, "what %s returned" % name, "return its values computed (.compute())")
    if isinstance(value, np.ma.MaskedArray):
        raise TypeError("%s returned a masked array, whose masked entries would be compared "
                        "as they are: return a plain array (np.ma.filled(values, np.nan) "
                        "marks them NaN)" % name)
    if np.asarray(value).dtype.kind == "b":
        raise TypeError("%s returned booleans, not the derivative's values" % name)
    return value


_LAYOUT = {"grad": "x's shape", "jac": "f(x).shape + x.shape", "hess": "x.shape + x.shape"}


def _compare(given, exact, rtol, atol):
    """The ``Check`` of the array ``given`` against ``exact``, of the same shape."""
    same = (given == exact) | (np.isnan(given) & np.isnan(exact))
    with np.errstate(invalid="ignore", divide="ignore"):
        absolute = np.where(same, 0.0, np.abs(given - exact))
        relative = np.where(same, 0.0, absolute / np.abs(exact))
    absolute[np.isnan(absolute)] = math.inf  # NaN against a number
    relative[np.isnan(relative)] = math.inf  # and a number against an exact infinity
    if given.size == 0:
        return Check(max_abs=0.0, where_abs=None, max_rel=0.0, where=None, given=math.nan,
                     exact=math.nan, ok=True, rtol=rtol, atol=atol)
    where_abs = _argmax(absolute)
    where = _argmax(relative)
    return Check(max_abs=float(absolute[where_abs]), where_abs=where_abs,
                 max_rel=float(relative[where]), where=where, given=float(given[where]),
                 exact=float(exact[where]),
                 ok=bool(np.all((relative <= rtol) | (absolute <= atol))),
                 rtol=rtol, atol=atol)


def _argmax(a):
    """The index (a tuple of ints) of a's largest entry, the first of equals; () for 0-d."""
    return tuple(int(i) for i in np.unravel_index(np.argmax(a), a.shape))
