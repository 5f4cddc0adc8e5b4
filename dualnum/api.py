"""The differentiation API: seed the inputs with duals, call f, read the parts of the result.

Scalars in give floats out; arrays in give ndarrays out. ``f`` receives ``Dual``/``HyperDual``
numbers for scalar inputs and ``DualArray``/``HyperDualArray`` for array inputs, so it must be
written with operators, dualnum functions or NumPy (ufuncs, ``np.sum``, ``@``, slicing, ...),
not ``math``.

* ``derivative``/``second_derivative``/``derivatives`` on an array take f to be elementwise
  and evaluate it block by block (``BLOCK`` elements at a time), so that its temporaries
  stay in cache; a few elements are evaluated again on their own, and a ValueError is
  raised if they disagree (f was not elementwise).
* ``gradient``, ``jacobian`` and ``jvp`` make one pass with one direction per input (in
  chunks of ``CHUNK`` directions); ``hessian`` and ``hvp`` use hyper-dual arrays with
  directions, computing only the upper triangle of the Hessian.
* Code that converts its input with ``np.asarray`` (SciPy's helpers do) cannot keep
  directions; for such f the API falls back, exactly but more slowly, to one direction per
  evaluation through NumPy object arrays of scalar duals.
"""
import numbers

import numpy as np

from ._pool import reuse_buffers
from ._scalar import Dual, HyperDual
from .arrays import DirectionsError, DualArray, HyperDualArray
from .arrays._storage import ArrayBase
from .arrays._util import shared
from .arrays.operands import is_constant

# Elements per evaluation of an elementwise f: large enough to amortise Python's per-call
# cost, small enough for the temporaries to stay near the cache. Their buffers are recycled
# (dualnum._pool), so blocks past malloc's mmap threshold cost no fresh page faults.
BLOCK = 16384
CHUNK = 256     # directions per pass of gradient and jacobian
HESSIAN_CHUNK = 16   # Hessian columns per hyper-dual pass

_DUALS = (Dual, HyperDual)


def _real_input(x):
    """x as a float or a float ndarray; nested derivatives are refused, not mis-computed."""
    if type(x) is np.ndarray and x.dtype == np.float64 and x.ndim:
        return x
    if isinstance(x, (Dual, HyperDual, ArrayBase)) or (isinstance(x, np.ndarray)
                                                    and x.dtype == object):
        raise TypeError(
            "dualnum does not nest derivatives (a dual inside a dual): use "
            "second_derivative, derivatives or hessian for second order")
    if isinstance(x, numbers.Real) and not isinstance(x, np.ndarray):
        return float(x)
    arr = np.asarray(x, dtype=np.float64)
    return float(arr) if arr.ndim == 0 else arr


def _part(value, part, kind):
    """One part of f's result: a float for a scalar, an ndarray for an array.

    A plain number in the result is a constant: its perturbation parts are 0.
    """
    if type(value) is kind or isinstance(value, ArrayBase):
        return getattr(value, part)
    if isinstance(value, _DUALS):
        raise TypeError("f returned a %s for %s inputs" % (type(value).__name__, kind.__name__))
    if isinstance(value, numbers.Real) and not isinstance(value, np.ndarray):
        return float(value) if part == "real" else 0.0
    if isinstance(value, (np.ndarray, list, tuple)):
        items = np.asarray(value, dtype=object)
        out = np.array([_part(v, part, kind) for v in items.flat], dtype=np.float64)
        return out.reshape(items.shape)
    raise TypeError("f must return a number, a dual, a dual array or an array of them, not %s"
                    % type(value).__name__)


def _directional_part(value, part, directions):
    """A part of f's result with its direction axes: shape ``out.shape + directions``."""
    if isinstance(value, ArrayBase):
        if value._directional:
            return getattr(value, part)
        if is_constant(value):
            return np.zeros(value.shape + directions)
    elif isinstance(value, numbers.Real) or (isinstance(value, np.ndarray)
                                             and value.dtype != object):
        return np.zeros(np.shape(value) + directions)
    elif isinstance(value, (list, tuple)):  # f returned [y1, y2, ...]
        return np.stack([_directional_part(v, part, directions) for v in value])
    raise TypeError("f returned %s; expected the dual array it computed from its input"
                    % type(value).__name__)


_IDENTITIES = {}


def _identity(n):
    """The read-only n x n identity, cached for the few sizes a program uses (f writing into
    its seeded argument copies it first)."""
    eye = _IDENTITIES.get(n)
    if eye is None:
        if len(_IDENTITIES) >= 8:
            _IDENTITIES.clear()
        eye = _IDENTITIES[n] = shared(np.eye(n))
    return eye


def _unit_columns(x, start, stop):
    """Seed directions start..stop-1: an array of x.shape + (stop - start,) (read-only)."""
    if start == 0 and stop == x.size:  # every direction: the cached identity
        return _identity(x.size).reshape(x.shape + (x.size,))
    eye = np.zeros((x.size, stop - start))
    eye[np.arange(start, stop), np.arange(stop - start)] = 1.0
    return eye.reshape(x.shape + (stop - start,))


def _blockwise(f, x, seed, parts):
    """Evaluate an elementwise f on seeded blocks of x; return the requested parts."""
    kind, ones = (Dual, (1.0,)) if seed is DualArray else (HyperDual, (1.0, 1.0))
    if x.size <= BLOCK:
        y = f(seed(x, *ones))
        return tuple(_like(x, _part(y, p, kind)) for p in parts)
    flat = x.reshape(-1)
    out = [np.empty(flat.shape) for _ in parts]
    real = []
    seeded = _block_seeds(seed, BLOCK)
    with reuse_buffers():  # every block allocates the same temporaries again
        for start in range(0, flat.size, BLOCK):
            chunk = flat[start:start + BLOCK]
            y = f(seeded(chunk))
            for o, p in zip(out, parts):
                o[start:start + BLOCK] = _like(chunk, _part(y, p, kind))
            if start < 2 * BLOCK:  # the values around the first block boundary
                real.append(_like(chunk, _part(y, "real", kind)))
            del y
    edge = slice(BLOCK - PROBE, BLOCK + PROBE)
    real = np.concatenate(real)[edge]
    _check_elementwise(f, flat[edge], seeded, kind, ("real",) + parts,
                       [real] + [o[edge] for o in out])
    return tuple(o.reshape(x.shape) for o in out)


def _block_seeds(seed, size):
    """chunk -> the seeded array of one block. Every block shares the same read-only unit
    perturbation parts and a read-only view of x (f writing into its argument copies them
    first), so seeding costs no allocation."""
    one = shared(np.ones((size, 1)))
    if seed is DualArray:
        return lambda chunk: DualArray._wrap((shared(chunk), one[:chunk.size]), False)
    zero = shared(np.zeros((size, 1, 1)))
    return lambda chunk: HyperDualArray._wrap(
        (shared(chunk), one[:chunk.size], one[:chunk.size], zero[:chunk.size]), False)


PROBE = 2  # elements each side of the first block boundary, evaluated again together


def _check_elementwise(f, probe, seeded, kind, parts, blocked):
    """Evaluating block by block is only right for an elementwise f: a few elements across
    the first block boundary, evaluated again together, must give the same results (to
    rounding; NumPy's SIMD loops may round differently on short arrays). A reduction, a
    cumulative sum or a normalisation inside f shows up as a difference there, and a
    derivative is never silently wrong."""
    y = f(seeded(probe))
    for p, expected in zip(parts, blocked):
        got = np.broadcast_to(_part(y, p, kind), expected.shape)
        close = np.abs(got - expected) <= 1e-9 * (np.abs(got) + np.abs(expected)) + 1e-300
        if not np.all(close | (np.isnan(got) & np.isnan(expected)) | (got == expected)):
            raise ValueError(
                "derivative over an array needs an elementwise f (f(x)[i] depending on x[i] "
                "only): it evaluates f block by block. For other functions use jacobian, "
                "or jvp with a vector of ones")


def _like(x, part):
    """An elementwise f's part at an array x has x's shape, even where f ignored x."""
    if isinstance(x, np.ndarray) and np.shape(part) != x.shape:
        return np.broadcast_to(part, x.shape).copy()
    return part


def derivative(f, x):
    """First derivative of a scalar function f at x, exact to rounding.

    For an ndarray x, f must be elementwise; the result has x's shape.

    >>> import numpy as np, dualnum as dn
    >>> dn.derivative(lambda t: t ** 3 + 2 * t, 2.0)
    14.0
    >>> dn.derivative(np.sin, np.array([0.0, np.pi]))
    array([ 1., -1.])
    """
    if type(x) is float:  # the common case, kept short: it is timed against two calls of f
        y = f(Dual(x, 1.0))
        return y.dual if type(y) is Dual else _part(y, "dual", Dual)
    x = _real_input(x)
    if isinstance(x, np.ndarray):
        return _blockwise(f, x, DualArray, ("dual",))[0]
    return _part(f(Dual(x, 1.0)), "dual", Dual)


def second_derivative(f, x):
    """Second derivative of a scalar function f at x, from one hyper-dual evaluation.

    >>> import dualnum as dn
    >>> dn.second_derivative(lambda t: t ** 3, 2.0)
    12.0
    """
    if type(x) is float:
        y = f(HyperDual(x, 1.0, 1.0, 0.0))
        return y.eps1eps2 if type(y) is HyperDual else _part(y, "eps1eps2", HyperDual)
    return derivatives(f, x)[2]


def derivatives(f, x):
    """``(f(x), f'(x), f''(x))`` from one hyper-dual evaluation (elementwise for arrays).

    >>> import dualnum as dn
    >>> dn.derivatives(lambda t: t ** 3, 2.0)
    (8.0, 12.0, 12.0)
    """
    x = _real_input(x)
    if isinstance(x, np.ndarray):
        return _blockwise(f, x, HyperDualArray, ("real", "eps1", "eps1eps2"))
    y = f(HyperDual(x, 1.0, 1.0, 0.0))
    return tuple(_part(y, p, HyperDual) for p in ("real", "eps1", "eps1eps2"))


def jvp(f, x, v):
    """Jacobian-vector product J(x) v of f at x along v, in one dual evaluation.

    The result has the shape of f's output (a float when f returns a scalar).

    >>> import dualnum as dn
    >>> dn.jvp(lambda p: p[0] * p[1], [2.0, 3.0], [1.0, 1.0])
    5.0
    """
    x = np.asarray(_real_input(x), dtype=np.float64)
    v = np.broadcast_to(np.asarray(v, dtype=np.float64), x.shape)
    return _part(f(DualArray(x, v)), "dual", Dual)


def jacobian(f, x):
    """Jacobian of f at x: shape ``f(x).shape + x.shape``, from dual arrays that carry one
    direction per input (``CHUNK`` directions per evaluation).

    >>> import dualnum as dn
    >>> dn.jacobian(lambda p: p[0] * p[1:], [2.0, 3.0, 4.0])
    array([[3., 2., 0.],
           [4., 0., 2.]])
    """
    x = np.asarray(_real_input(x), dtype=np.float64)
    blocks = []
    try:
        for start in range(0, max(x.size, 1), CHUNK):
            stop = min(start + CHUNK, x.size)
            seed = DualArray._wrap((shared(x), _unit_columns(x, start, stop)), True)
            blocks.append(_directional_part(f(seed), "dual", (stop - start,)))
    except DirectionsError:
        return _jacobian_by_columns(f, x)
    jac = blocks[0] if len(blocks) == 1 else np.concatenate(blocks, axis=-1)
    return jac.reshape(jac.shape[:-1] + x.shape)


def _jacobian_by_columns(f, x):
    """One plain dual evaluation per input: for f that converts its input to an ndarray."""
    columns = [np.asarray(jvp(f, x, _unit_columns(x, i, i + 1)[..., 0]), dtype=np.float64)
               for i in range(x.size)]
    jac = np.stack(columns, axis=-1) if columns else np.zeros(x.shape)
    return jac.reshape(jac.shape[:-1] + x.shape)


def gradient(f, x):
    """Gradient of a scalar-valued f at x (an array of x's shape).

    >>> import dualnum as dn
    >>> dn.gradient(lambda p: p[0] ** 2 + 3 * p[0] * p[1], [1.0, 2.0])
    array([8., 3.])
    """
    g = jacobian(f, x)
    x = np.asarray(x)
    if g.shape != x.shape:
        raise ValueError("gradient needs a scalar-valued f; use jacobian for f with output "
                         "shape %s" % (g.shape[:g.ndim - x.ndim],))
    return g


def hvp(f, x, v):
    """Hessian-vector product H(x) v of a scalar-valued f, in one hyper-dual evaluation.

    >>> import dualnum as dn
    >>> dn.hvp(lambda p: p[0] ** 2 * p[1], [1.0, 2.0], [1.0, 0.0])
    array([4., 2.])
    """
    x = np.asarray(_real_input(x), dtype=np.float64)
    v = np.broadcast_to(np.asarray(v, dtype=np.float64), x.shape)
    n = x.size
    try:
        seed = HyperDualArray._wrap((x.copy(), v[..., None].copy(), _unit_columns(x, 0, n),
                                     np.zeros(x.shape + (1, n))), True)
        out = _scalar_block(f(seed), (1, n))[0]
    except DirectionsError:
        out = np.array([_hyper_pass(f, x, v, _unit_columns(x, i, i + 1)[..., 0])
                        for i in range(n)])
    return out.reshape(x.shape)


def hessian(f, x):
    """Hessian of a scalar-valued f at x: shape ``x.shape + x.shape``.

    Hyper-dual arrays carry all row directions and ``HESSIAN_CHUNK`` column directions per
    evaluation; only the upper triangle is computed (the Hessian is symmetric).

    >>> import dualnum as dn
    >>> dn.hessian(lambda p: p[0] ** 2 * p[1], [1.0, 2.0])
    array([[4., 2.],
           [2., 0.]])
    """
    x = np.asarray(_real_input(x), dtype=np.float64)
    n = x.size
    h = np.empty((n, n))
    try:
        for j0 in range(0, n, HESSIAN_CHUNK):
            j1 = min(j0 + HESSIAN_CHUNK, n)
            rows, cols = _unit_columns(x, j0, n), _unit_columns(x, j0, j1)
            seed = HyperDualArray._wrap(
                (shared(x), rows, cols, np.zeros(x.shape + (n - j0, j1 - j0))), True)
            block = _scalar_block(f(seed), (n - j0, j1 - j0))
            h[j0:, j0:j1] = block
            h[j0:j1, j0:] = block.T
    except DirectionsError:
        for i in range(n):
            for j in range(i, n):
                h[i, j] = h[j, i] = _hyper_pass(f, x, _unit_columns(x, i, i + 1)[..., 0],
                                                _unit_columns(x, j, j + 1)[..., 0])
    return h.reshape(x.shape + x.shape)


def _scalar_block(y, directions):
    part = _directional_part(y, "eps1eps2", directions)
    if part.shape != directions:
        raise ValueError("hessian and hvp need a scalar-valued f; f returned shape %s"
                         % (part.shape[:part.ndim - 2],))
    return part


def _hyper_pass(f, x, e1, e2):
    """e1^T H e2 from one plain hyper-dual evaluation (the slow, exact fall-back)."""
    y = f(HyperDualArray(x, e1, e2, 0.0))
    part = _part(y, "eps1eps2", HyperDual)
    if np.ndim(part) != 0:
        raise ValueError("hessian and hvp need a scalar-valued f; f returned shape %s"
                         % (np.shape(part),))
    return float(part)
