"""Finite differences: the baseline dualnum is measured against.

Each formula takes f, the point x (a float, or an array for an elementwise f) and an
optional ``step``. The default step balances truncation against rounding error for the
formula's order, scaled by max(1, |x|), and is rounded so that x + h - x == h exactly.

``gradient``, ``jacobian`` and ``hessian`` perturb one coordinate (or pair) of an array x
at a time, each with its own step (the same rule per coordinate), and call f once per
perturbed point on the whole array.

Nothing here computes a Dask array silently: a Dask x or step, and a Dask value of f where
it is read whole (``jacobian``, ``hessian``), raise a TypeError that names the fix.

>>> import math
>>> from dualnum import fd
>>> abs(fd.central(math.sin, 1.0) - math.cos(1.0)) < 1e-9
True
"""
import numpy as np

from .api import _dask_array, _function, _real_array, _scalar_out

EPS = np.finfo(np.float64).eps

# Optimal steps, up to a constant: forward/backward error ~ h + eps/h, central ~ h^2 + eps/h,
# five-point ~ h^4 + eps/h, second central ~ h^2 + eps/h^2.
FORWARD_STEP = EPS ** (1 / 2)
CENTRAL_STEP = EPS ** (1 / 3)
FIVE_POINT_STEP = EPS ** (1 / 5)
SECOND_STEP = EPS ** (1 / 4)


def _prepared(f, x, step, default):
    """f, checked to be callable (TypeError naming it otherwise), and the step at x
    (``_step``); TypeError for a Dask x (``not_lazy``)."""
    not_lazy(x, "x", "pass x.compute(), or differentiate with dualnum.derivative "
             "(second_derivative, derivatives), which keeps a Dask x lazy, chunk by chunk")
    return _function(f), _step(x, step, default)


def not_lazy(value, name, fix):
    """TypeError for a Dask array ``value`` (x, a step, what f or a hand-written derivative
    returned: ``name``), saying ``fix``: reading it here (a step's check, NumPy's
    conversion) would compute it silently."""
    if _dask_array(value):
        raise TypeError("%s is a lazy Dask array, which would be computed silently here: %s"
                        % (name, fix))


def _step(x, step, default):
    """The step at x: ``default * max(1, |x|)`` or the given ``step`` (positive and finite,
    ValueError otherwise), rounded to the step the formula really takes, (x + h) - x,
    which must not be 0 (ValueError: a step too small to move x)."""
    if step is None:
        h = default * np.maximum(1.0, np.abs(x))
    else:
        h = _positive(step)
    h = (x + h) - x  # exactly representable: the step the formula really takes
    if np.any(h == 0):
        raise ValueError("step %s is too small to move x (x + step rounds to x, so the "
                         "difference would divide 0 by 0): take a step above about "
                         "1e-16 * |x|, or None for the standard one" % (step,))
    return float(h) if np.ndim(h) == 0 else h


def forward(f, x, step=None):
    """(f(x + h) - f(x)) / h: first order, error about 1e-8."""
    f, h = _prepared(f, x, step, FORWARD_STEP)
    return (f(x + h) - f(x)) / h


def backward(f, x, step=None):
    """(f(x) - f(x - h)) / h: first order, error about 1e-8."""
    f, h = _prepared(f, x, step, FORWARD_STEP)
    return (f(x) - f(x - h)) / h


def central(f, x, step=None):
    """(f(x + h) - f(x - h)) / 2h: second order, error about 1e-10."""
    f, h = _prepared(f, x, step, CENTRAL_STEP)
    return (f(x + h) - f(x - h)) / (2.0 * h)


def five_point(f, x, step=None):
    """(f(x - 2h) - 8 f(x - h) + 8 f(x + h) - f(x + 2h)) / 12h: fourth order, error about
    1e-13."""
    f, h = _prepared(f, x, step, FIVE_POINT_STEP)
    return (f(x - 2 * h) - 8.0 * f(x - h) + 8.0 * f(x + h) - f(x + 2 * h)) / (12.0 * h)


def second_central(f, x, step=None):
    """(f(x + h) - 2 f(x) + f(x - h)) / h^2: the second derivative, error about 1e-7."""
    f, h = _prepared(f, x, step, SECOND_STEP)
    return (f(x + h) - 2.0 * f(x) + f(x - h)) / (h * h)


def gradient(f, x, step=None):
    """The gradient of a scalar-valued f at x by central differences, shape ``x.shape``.

    Coordinate i takes the step ``h[i]`` of ``central`` (``CENTRAL_STEP * max(1, |x[i]|)``,
    or ``step``: a positive number or an array that broadcasts to x's shape) and costs two
    calls of f on the whole array: (f(x + h[i] e_i) - f(x - h[i] e_i)) / 2h[i]. Truncation
    error h[i]^2/6 times f's third derivative along e_i, rounding error about eps |f| / h[i]:
    about 1e-10 relative with the default steps.

    Raises TypeError for a non-callable f, an x that is not real numbers or an f whose
    values are not (a Dask x, step or value of f included: nothing is computed silently);
    ValueError for a step that is not positive and finite or does not
    broadcast to x's shape, and for an f that is not scalar-valued (use ``jacobian``).

    >>> import numpy as np
    >>> from scipy.optimize import rosen, rosen_der
    >>> from dualnum import fd
    >>> x = np.array([-1.2, 1.0, 0.8])
    >>> bool(np.allclose(fd.gradient(rosen, x), rosen_der(x), rtol=1e-8))
    True
    """
    g = jacobian(f, x, step)
    if np.shape(g) != np.shape(x):
        raise ValueError("fd.gradient needs a scalar-valued f; f's values have shape %s: use "
                         "fd.jacobian" % (np.shape(g)[:np.ndim(g) - np.ndim(x)],))
    return g


def jacobian(f, x, step=None):
    """The Jacobian of f at x by central differences: shape ``f(x).shape + x.shape``.

    Column i is (f(x + h[i] e_i) - f(x - h[i] e_i)) / 2h[i], two calls of f on the whole
    array per coordinate (2 x.size calls in all), with the steps of ``gradient``. Errors
    raised as by ``gradient`` (any f is accepted).

    >>> import numpy as np
    >>> from dualnum import fd
    >>> jac = fd.jacobian(lambda p: np.array([p[0] * p[1], np.sin(p[0])]), [1.0, 2.0])
    >>> bool(np.allclose(jac, [[2.0, 1.0], [np.cos(1.0), 0.0]], rtol=1e-9, atol=1e-12))
    True
    """
    f, x = _function(f), _real_array(x)
    h = _steps(x, step, CENTRAL_STEP)
    if x.size == 0:
        return np.empty(_value(f, x).shape + x.shape)
    columns = [(_value(f, _moved(x, h, (i, 1))) - _value(f, _moved(x, h, (i, -1)))) / (2 * h[i])
               for i in np.ndindex(x.shape)]
    jac = np.stack(columns, axis=-1)
    return _scalar_out(x, jac.reshape(jac.shape[:-1] + x.shape))


def hessian(f, x, step=None):
    """The Hessian of a scalar-valued f at x by central differences: shape
    ``x.shape + x.shape``, symmetric.

    The diagonal by ``second_central``'s formula, (f(x + h[i] e_i) - 2 f(x) + f(x - h[i] e_i))
    / h[i]^2, the entries above it by the four-point mixed formula
    (f(x + h[i] e_i + h[j] e_j) - f(x + h[i] e_i - h[j] e_j) - f(x - h[i] e_i + h[j] e_j)
    + f(x - h[i] e_i - h[j] e_j)) / 4 h[i] h[j] (Abramowitz & Stegun 25.3.26), mirrored below
    it: 1 + 2n + 2n(n - 1) calls of f on the whole array for n = x.size. Coordinate i takes
    the step of ``second_central`` (``SECOND_STEP * max(1, |x[i]|)``, or ``step``):
    truncation error about h^2 times f's fourth derivatives, rounding error about
    eps |f| / h^2, about 1e-7 relative. Errors raised as by ``gradient``.

    >>> import numpy as np
    >>> from dualnum import fd
    >>> hess = fd.hessian(lambda p: p[0] ** 2 * p[1] + np.exp(p[1]), [1.0, 2.0])
    >>> bool(np.allclose(hess, [[4.0, 2.0], [2.0, np.exp(2.0)]], rtol=1e-6, atol=1e-6))
    True
    """
    f, x = _function(f), _real_array(x)
    h = _steps(x, step, SECOND_STEP)
    centre = _scalar_value(f, x)
    coordinates = list(np.ndindex(x.shape))
    hess = np.empty((len(coordinates), len(coordinates)))
    for a, i in enumerate(coordinates):
        hess[a, a] = (_scalar_value(f, _moved(x, h, (i, 1))) - 2 * centre
                      + _scalar_value(f, _moved(x, h, (i, -1)))) / (h[i] * h[i])
        for b, j in enumerate(coordinates[a + 1:], a + 1):
            corners = [_scalar_value(f, _moved(x, h, (i, si), (j, sj)))
                       for si, sj in ((1, 1), (1, -1), (-1, 1), (-1, -1))]
            hess[a, b] = hess[b, a] = ((corners[0] - corners[1]) - (corners[2] - corners[3])
                                       ) / (4 * h[i] * h[j])
    return _scalar_out(x, hess.reshape(x.shape + x.shape))


def _positive(step):
    """step, which must be positive and finite (a number or an array: ValueError; TypeError
    for what is not real numbers, booleans included, and for a Dask array), as float64."""
    not_lazy(step, "step", "pass step.compute()")
    try:
        if isinstance(step, (str, bytes)) or np.iscomplexobj(step) \
                or np.asarray(step).dtype.kind == "b":   # (True would be a step of 1)
            raise TypeError
        given = np.asarray(step, dtype=np.float64)
    except (TypeError, ValueError):
        raise TypeError("step must be a positive number (or one per coordinate of x), not "
                        "%r" % (step,)) from None
    if not np.all(np.isfinite(given) & (given > 0)):
        raise ValueError("step must be positive and finite (a number, or one per "
                         "coordinate of x), not %s" % (step,))
    return given[()]   # a list of steps as an array, a number as a float64


def _steps(x, step, default):
    """The step of each coordinate of the array x, an array of x's shape (``_step``'s rule
    for ``default``), or ValueError for a ``step`` that is not positive and finite or does
    not broadcast to x's shape."""
    if step is not None:
        given = np.asarray(_positive(step), dtype=np.float64)
        try:
            step = np.broadcast_to(given, x.shape)
        except ValueError:
            raise ValueError("step has shape %s, which does not broadcast to x's shape %s: "
                             "give one number or one step per coordinate"
                             % (given.shape, x.shape)) from None
    return np.asarray(_step(x, step, default))


def _moved(x, h, *moves):
    """x with each coordinate i of ``moves`` ((i, sign) pairs) moved by sign * h[i]."""
    y = x.copy()
    for i, sign in moves:
        y[i] = x[i] + sign * h[i]
    return y[()]  # a float for a 0-d x: f sees what it was given


def _value(f, x, name="f"):
    """f(x) as a float array, or TypeError naming f (``name``) for values that are not real
    numbers (NumPy would read None as NaN and drop imaginary parts) or a Dask array."""
    y = f(x)
    not_lazy(y, "what %s returned" % name, "return its values computed (.compute())")
    value = np.asarray(y)
    if value.dtype.kind not in "biuf":
        raise TypeError("%s must return real numbers (a float or an array of floats), not %s"
                        % (name, type(y).__name__ if value.dtype.kind == "O" else
                           "an array of dtype %s" % value.dtype))
    return value.astype(np.float64, copy=False)


def _scalar_value(f, x):
    """f(x), which must be a number (ValueError otherwise: use ``jacobian``)."""
    value = _value(f, x)
    if value.ndim:
        raise ValueError("fd.hessian needs a scalar-valued f; f's values have shape %s "
                         "(fd.jacobian gives the first derivatives of such an f)"
                         % (value.shape,))
    return float(value)
