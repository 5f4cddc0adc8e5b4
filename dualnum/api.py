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

Every entry point seeds its input with ``_seed`` and reads f's result with ``_extract``
(``derivative`` and ``second_derivative`` write both out for a float x); jacobian, hvp and
hessian fall back through ``_one_pass_each``.

Nesting: every call takes a fresh tag (``new_tag``, src/tags.pxi) and seeds with it; every
dual number computed from the seeds carries it. An operation on duals of two calls that both
carry perturbations (f of an inner call using an outer call's variable through a closure or
a global) raises TypeError (perturbation confusion), and so does ``_extract`` for a result of
another call's computation. A nested call whose f does not use the outer variable is exact.
"""
import math
import numbers

import numpy as np

from ._pool import reuse_buffers
from ._scalar import (Dual, HyperDual, confusion, new_tag, seed_dual, seed_hyper, seeded_part,
                      tagged_dual, tagged_hyper)
from .arrays import DirectionsError, DualArray, HyperDualArray
from .arrays._storage import ArrayBase
from .arrays._util import shared
from .arrays.operands import is_constant, perturbed

# Elements per evaluation of an elementwise f: large enough to amortise Python's per-call
# cost, small enough for the temporaries to stay near the cache. Their buffers are recycled
# (dualnum._pool), so blocks past malloc's mmap threshold cost no fresh page faults.
BLOCK = 16384
CHUNK = 256     # directions per pass of gradient and jacobian
HESSIAN_CHUNK = 16   # Hessian columns per hyper-dual pass
PROBE = 2  # elements each side of the first block boundary, evaluated again together

_DUALS = (Dual, HyperDual)


def _real_input(x):
    """x as a float or a C-contiguous float ndarray (seeds share it, and the kernels' fast
    loops need every part to step by one double); nested derivatives are refused, not
    mis-computed."""
    if type(x) is np.ndarray and x.dtype == np.float64 and x.ndim and x.flags.c_contiguous:
        return x
    if isinstance(x, (Dual, HyperDual, ArrayBase)) or (isinstance(x, np.ndarray)
                                                    and x.dtype == object):
        raise TypeError(
            "dualnum does not nest derivatives (a dual inside a dual): use "
            "second_derivative, derivatives or hessian for second order")
    if isinstance(x, numbers.Real) and not isinstance(x, np.ndarray):
        return float(x)
    arr = np.asarray(x, dtype=np.float64, order="C")
    return float(arr) if arr.ndim == 0 else arr


def _real_array(x):
    """x as a float ndarray (0-d for a scalar), checked as by ``_real_input``."""
    return np.asarray(_real_input(x), dtype=np.float64)


# ---- seeding ----

def _seed(x, first, second=None, *, tag):
    """x with perturbation parts ``first`` (and ``second``), belonging to the computation
    ``tag``: a Dual for a float x, a HyperDual when ``second`` is given; a DualArray or
    HyperDualArray for an ndarray x. The eps1eps2 part is zero.

    For an ndarray x each perturbation is a number (every element perturbed alike), an
    array of x's shape, or an array of shape ``x.shape + (k,)``: k directions, giving an
    array with directions (``second`` then has shape ``x.shape + (m,)``, eps1eps2
    ``x.shape + (k, m)``). Nothing is copied: the real part is a read-only view of x, a
    number becomes a view of a cached read-only buffer, arrays are used as given (float64;
    read-only, or the caller's own), so that f writing into its argument copies them first.

    >>> _seed(2.0, 1.0, 1.0, tag=1)
    HyperDual(2.0, 1.0, 1.0, 0.0)
    >>> p = _seed(np.array([3.0, 4.0]), np.eye(2), tag=1)
    >>> p.directions, (p[0] * p[1]).dual.tolist()
    (2, [4.0, 3.0])
    """
    if not isinstance(x, np.ndarray):
        if second is None:
            return tagged_dual(tag, x, first)
        return tagged_hyper(tag, x, first, second, 0.0)
    directional = isinstance(first, np.ndarray) and first.ndim > x.ndim
    e1 = first if directional else _direction_axis(x, first)
    if second is None:
        return DualArray._wrap((shared(x), e1), directional, tag)
    e2 = second if directional else _direction_axis(x, second)
    zero = _filled(0.0, x.shape + e1.shape[-1:] + e2.shape[-1:])
    return HyperDualArray._wrap((shared(x), e1, e2, zero), directional, tag)


def _direction_axis(x, d):
    """A perturbation of x without directions (a number or an array of x's shape) as a part
    with its length-1 direction axis."""
    return d[..., None] if isinstance(d, np.ndarray) else _filled(d, x.shape + (1,))


# Read-only ones and zeros that seeds view, so that the blocks of an elementwise derivative
# and the passes of small Hessians seed without allocating. Contiguous rather than broadcast:
# the kernels' fast loops need every part to step by one double.
_BUFFERS = {1.0: np.ones(BLOCK), 0.0: np.zeros(BLOCK)}
_FILLED = {}


def _filled(value, shape):
    """A contiguous array of ``shape`` holding ``value``: a read-only view of one of the
    buffers above (cached by shape) where one holds value and is large enough, else a new
    array."""
    part = _FILLED.get((value, shape))
    if part is None:
        size = math.prod(shape)
        if value not in _BUFFERS or size > BLOCK:
            # np.zeros takes pages the system has zeroed: a large one costs no writes
            return np.zeros(shape) if value == 0.0 else np.full(shape, value)
        if len(_FILLED) >= 32:  # the last block of every array size adds a shape
            _FILLED.clear()
        part = _FILLED[value, shape] = shared(_BUFFERS[value][:size].reshape(shape))
    return part


_IDENTITIES = {}


def _unit_columns(x, start, stop):
    """Seed directions start..stop-1: an array of x.shape + (stop - start,) (read-only).

    Every direction is the identity, cached read-only for the few shapes a program uses (f
    writing into its seeded argument copies it first)."""
    if start == 0 and stop == x.size:
        eye = _IDENTITIES.get(x.shape)
        if eye is None:
            if len(_IDENTITIES) >= 8:
                _IDENTITIES.clear()
            eye = _IDENTITIES[x.shape] = shared(np.eye(x.size).reshape(x.shape + (x.size,)))
        return eye
    eye = np.zeros((x.size, stop - start))
    eye[np.arange(start, stop), np.arange(stop - start)] = 1.0
    return eye.reshape(x.shape + (stop - start,))


def _tangent(x, v):
    """The direction v of jvp and hvp as a float64 array of x's shape (ValueError where it
    does not broadcast), C-contiguous for the kernels' fast loops: a read-only view of v,
    or a copy where v is broadcast or strided."""
    return np.asarray(np.broadcast_to(np.asarray(v, dtype=np.float64), x.shape), order="C")


# ---- reading f's result ----

# The scalar type that has each perturbation part ("real" belongs to both).
_SCALAR_OF = {"dual": Dual, "eps1": HyperDual, "eps2": HyperDual, "eps1eps2": HyperDual}


def _extract(y, part, directions=None, *, tag):
    """The part named ``part`` (``"real"``, ``"dual"``, ``"eps1"``, ...) of f's result y,
    computed from seeds of the computation ``tag``.

    After plain seeds (``directions`` None): a float for a scalar result, else an ndarray of
    the result's shape; sequences and NumPy object arrays of scalar duals (from f that
    converted its input with ``np.asarray``) are read element by element. After seeds with
    directions (``directions`` their shape, ``(k,)`` or ``(k, m)``): an ndarray of shape
    ``y.shape + directions``. Numbers and float ndarrays in the result are constants, whose
    perturbation parts are zero. An ndarray returned is the caller's: a part that f passed
    on from its seed (a read-only view) is copied.

    Raises TypeError for a result holding duals of the other type or anything other than
    numbers and duals; after seeds with directions, for scalar duals and dual arrays
    without directions that are not constants (f did not compute them from its input); and
    for duals of another computation that carry a perturbation (perturbation confusion: f
    returned an outer call's variable, or a value computed from it). A dual of another
    computation without perturbations is a constant.

    >>> _extract([_seed(2.0, 1.0, tag=1) ** 2, 5.0], "dual", tag=1)
    array([4., 0.])
    >>> _extract(3.0, "dual", (2,), tag=1)
    array([0., 0.])
    """
    if isinstance(y, (ArrayBase, Dual, HyperDual)) and y._tag != tag:
        if perturbed(y):
            raise confusion(tag, y._tag)
        y = y.real  # a constant: its perturbation parts are zero
    if isinstance(y, ArrayBase):
        if directions is None or y._directional:
            value = getattr(y, part)
            return value if value.flags.writeable else value.copy()
        if is_constant(y):
            return np.zeros(y.shape + directions)
    elif directions is None:
        if isinstance(y, _DUALS):
            kind = _SCALAR_OF.get(part, type(y))
            if type(y) is not kind:
                raise TypeError("f returned a %s for %s inputs"
                                % (type(y).__name__, kind.__name__))
            return getattr(y, part)
        if isinstance(y, numbers.Real) and not isinstance(y, np.ndarray):
            return float(y) if part == "real" else 0.0
        if isinstance(y, (np.ndarray, list, tuple)):
            items = np.asarray(y, dtype=object)
            out = np.array([_extract(v, part, tag=tag) for v in items.flat],
                           dtype=np.float64)
            return out.reshape(items.shape)
        raise TypeError("f must return a number, a dual, a dual array or an array of them, "
                        "not %s" % type(y).__name__)
    elif isinstance(y, numbers.Real) or (isinstance(y, np.ndarray) and y.dtype != object):
        return np.zeros(np.shape(y) + directions)
    elif isinstance(y, (list, tuple)):  # f returned [y1, y2, ...]
        return np.stack([_extract(v, part, directions, tag=tag) for v in y])
    raise TypeError("f returned %s; expected the dual array it computed from its input"
                    % type(y).__name__)


def _like(x, part):
    """An elementwise f's part at an array x has x's shape, even where f ignored x."""
    if isinstance(x, np.ndarray) and np.shape(part) != x.shape:
        return np.broadcast_to(part, x.shape).copy()
    return part


def _scalar_valued(part):
    """f's eps1eps2 part after seeds with k x m directions, ``out.shape + (k, m)``, checked
    to come from a scalar-valued f (ValueError otherwise)."""
    if part.ndim != 2:
        raise ValueError("hessian and hvp need a scalar-valued f; f returned shape %s"
                         % (part.shape[:-2],))
    return part


# ---- the fallback: one plain pass per direction ----

def _one_pass_each(f, x, part, first, second=None, *, tag):
    """``_extract(f(_seed(x, first, second, tag=tag)), part, directions, tag=tag)`` from one
    plain evaluation per direction ``first[..., a]``, or per pair ``(first[..., a],
    second[..., b])``: an ndarray of shape ``out.shape + (k,)``, or ``out.shape + (k, m)``.

    The exact but slower way for f that converts its input with ``np.asarray``: an array with
    directions cannot become scalar duals (DirectionsError), a plain one can. Mixed second
    derivatives are symmetric, so when ``second is first`` only the pairs a <= b are
    evaluated.

    >>> units = np.eye(2)
    >>> _one_pass_each(lambda p: p[0] ** 2 * p[1], np.array([1.0, 2.0]), "eps1eps2",
    ...                units, units, tag=1)
    array([[4., 2.],
           [2., 0.]])
    """
    if second is None:
        values = [_extract(f(_seed(x, first[..., a], tag=tag)), part, tag=tag)
                  for a in range(first.shape[-1])]
        return np.moveaxis(np.array(values, dtype=np.float64), 0, -1)
    rows = []
    for a in range(first.shape[-1]):
        rows.append([rows[b][a] if second is first and b < a else
                     _extract(f(_seed(x, first[..., a], second[..., b], tag=tag)), part,
                              tag=tag)
                     for b in range(second.shape[-1])])
    return np.moveaxis(np.array(rows, dtype=np.float64), (0, 1), (-2, -1))


# ---- elementwise f ----

def _elementwise(f, x, units, parts, tag):
    """The parts of an elementwise f at x (a float, or an ndarray: parts of x's shape), with
    x seeded by ``units`` (``(1.0,)`` for duals, ``(1.0, 1.0)`` for hyper-duals) and ``tag``.

    An array of more than BLOCK elements is evaluated block by block, its buffers recycled,
    and f is checked to be elementwise across the first block boundary (ValueError)."""
    if not isinstance(x, np.ndarray) or x.size <= BLOCK:
        y = f(_seed(x, *units, tag=tag))
        return tuple(_like(x, _extract(y, p, tag=tag)) for p in parts)
    flat = x.reshape(-1)
    out = [np.empty(flat.shape) for _ in parts]
    real = []
    with reuse_buffers():  # every block allocates the same temporaries again
        for start in range(0, flat.size, BLOCK):
            chunk = flat[start:start + BLOCK]
            y = f(_seed(chunk, *units, tag=tag))
            for o, p in zip(out, parts):
                o[start:start + BLOCK] = _like(chunk, _extract(y, p, tag=tag))
            if start < 2 * BLOCK:  # the values around the first block boundary
                real.append(_like(chunk, _extract(y, "real", tag=tag)))
            del y
    edge = slice(BLOCK - PROBE, BLOCK + PROBE)
    real = np.concatenate(real)[edge]
    _check_elementwise(f, flat[edge], units, ("real",) + parts,
                       [real] + [o[edge] for o in out], tag)
    return tuple(o.reshape(x.shape) for o in out)


def _check_elementwise(f, probe, units, parts, blocked, tag):
    """Evaluating block by block is only right for an elementwise f: a few elements across
    the first block boundary, evaluated again together, must give the same results (to
    rounding; NumPy's SIMD loops may round differently on short arrays). A reduction, a
    cumulative sum or a normalisation inside f shows up as a difference there, and a
    derivative is never silently wrong."""
    y = f(_seed(probe, *units, tag=tag))
    for p, expected in zip(parts, blocked):
        got = np.broadcast_to(_extract(y, p, tag=tag), expected.shape)
        close = np.abs(got - expected) <= 1e-9 * (np.abs(got) + np.abs(expected)) + 1e-300
        if not np.all(close | (np.isnan(got) & np.isnan(expected)) | (got == expected)):
            raise ValueError(
                "derivative over an array needs an elementwise f (f(x)[i] depending on x[i] "
                "only): it evaluates f block by block. For other functions use jacobian, "
                "or jvp with a vector of ones")


# ---- the API ----

def derivative(f, x):
    """First derivative of a scalar function f at x, exact to rounding.

    A float for a scalar x; for an ndarray x, f must be elementwise and the result has x's
    shape. Raises ValueError where f, evaluated block by block, is not elementwise, and
    TypeError for a dual x (derivatives do not nest), a result of f that is not made of
    numbers and duals, or an f that uses the variable of an outer dualnum call
    (perturbation confusion).

    >>> import numpy as np, dualnum as dn
    >>> dn.derivative(lambda t: t ** 3 + 2 * t, 2.0)
    14.0
    >>> dn.derivative(np.sin, np.array([0.0, np.pi]))
    array([ 1., -1.])
    """
    if type(x) is not float:
        x = _real_input(x)
        if isinstance(x, np.ndarray):
            return _elementwise(f, x, (1.0,), ("dual",), new_tag())[0]
    # _seed and _extract written out, compiled: a float x is the common case, and its cost
    # is timed against two calls of f
    seed = seed_dual(x, 1.0)
    y = f(seed)
    part = seeded_part(y, seed)
    return part if part is not None else _extract(y, "dual", tag=seed._tag)


def second_derivative(f, x):
    """Second derivative of a scalar function f at x, from one hyper-dual evaluation.

    Shapes and errors as in ``derivative``.

    >>> import dualnum as dn
    >>> dn.second_derivative(lambda t: t ** 3, 2.0)
    12.0
    """
    if type(x) is not float:
        return derivatives(f, x)[2]
    seed = seed_hyper(x, 1.0, 1.0)  # written out as in derivative
    y = f(seed)
    part = seeded_part(y, seed)
    return part if part is not None else _extract(y, "eps1eps2", tag=seed._tag)


def derivatives(f, x):
    """``(f(x), f'(x), f''(x))`` from one hyper-dual evaluation (elementwise for arrays).

    Each is a float for a scalar x, an array of x's shape for an ndarray x; errors as in
    ``derivative``.

    >>> import dualnum as dn
    >>> dn.derivatives(lambda t: t ** 3, 2.0)
    (8.0, 12.0, 12.0)
    """
    return _elementwise(f, _real_input(x), (1.0, 1.0), ("real", "eps1", "eps1eps2"),
                        new_tag())


def jvp(f, x, v):
    """Jacobian-vector product J(x) v of f at x along v, in one dual evaluation.

    The result has the shape of f's output (a float when f returns a scalar). Raises
    ValueError when v does not broadcast to x's shape; TypeError as ``jacobian``.

    >>> import dualnum as dn
    >>> dn.jvp(lambda p: p[0] * p[1], [2.0, 3.0], [1.0, 1.0])
    5.0
    """
    x = _real_array(x)
    tag = new_tag()
    return _extract(f(_seed(x, _tangent(x, v), tag=tag)), "dual", tag=tag)


def jacobian(f, x):
    """Jacobian of f at x: shape ``f(x).shape + x.shape``, from dual arrays that carry one
    direction per input (``CHUNK`` directions per evaluation).

    Raises TypeError for a dual x, a result of f that is not computed from its input, or
    an f that uses the variable of an outer dualnum call (perturbation confusion).

    >>> import dualnum as dn
    >>> dn.jacobian(lambda p: p[0] * p[1:], [2.0, 3.0, 4.0])
    array([[3., 2., 0.],
           [4., 0., 2.]])
    """
    x = _real_array(x)
    tag = new_tag()
    try:
        blocks = []
        for start in range(0, max(x.size, 1), CHUNK):
            stop = min(start + CHUNK, x.size)
            y = f(_seed(x, _unit_columns(x, start, stop), tag=tag))
            blocks.append(_extract(y, "dual", (stop - start,), tag=tag))
        jac = blocks[0] if len(blocks) == 1 else np.concatenate(blocks, axis=-1)
    except DirectionsError:
        jac = _one_pass_each(f, x, "dual", _unit_columns(x, 0, x.size), tag=tag)
    return jac.reshape(jac.shape[:-1] + x.shape)


def gradient(f, x):
    """Gradient of a scalar-valued f at x (an array of x's shape).

    Raises ValueError for an f that is not scalar-valued (use ``jacobian``); TypeError as
    ``jacobian``.

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

    An array of x's shape. Raises ValueError for an f that is not scalar-valued or a v that
    does not broadcast to x's shape; TypeError as ``jacobian``.

    >>> import dualnum as dn
    >>> dn.hvp(lambda p: p[0] ** 2 * p[1], [1.0, 2.0], [1.0, 0.0])
    array([4., 2.])
    """
    x = _real_array(x)
    v = _tangent(x, v)[..., None]  # one direction
    units = _unit_columns(x, 0, x.size)
    tag = new_tag()
    try:
        part = _extract(f(_seed(x, v, units, tag=tag)), "eps1eps2", (1, x.size), tag=tag)
    except DirectionsError:
        part = _one_pass_each(f, x, "eps1eps2", v, units, tag=tag)
    return _scalar_valued(part)[0].reshape(x.shape)


def hessian(f, x):
    """Hessian of a scalar-valued f at x: shape ``x.shape + x.shape``.

    Hyper-dual arrays carry all row directions and ``HESSIAN_CHUNK`` column directions per
    evaluation; only the upper triangle is computed (the Hessian is symmetric). Raises
    ValueError for an f that is not scalar-valued; TypeError as ``jacobian``.

    >>> import dualnum as dn
    >>> dn.hessian(lambda p: p[0] ** 2 * p[1], [1.0, 2.0])
    array([[4., 2.],
           [2., 0.]])
    """
    x = _real_array(x)
    n = x.size
    h = np.empty((n, n))
    tag = new_tag()
    try:
        for j0 in range(0, n, HESSIAN_CHUNK):
            j1 = min(j0 + HESSIAN_CHUNK, n)
            y = f(_seed(x, _unit_columns(x, j0, n), _unit_columns(x, j0, j1), tag=tag))
            block = _scalar_valued(_extract(y, "eps1eps2", (n - j0, j1 - j0), tag=tag))
            h[j0:, j0:j1] = block
            h[j0:j1, j0:] = block.T
    except DirectionsError:
        units = _unit_columns(x, 0, n)
        h = _scalar_valued(_one_pass_each(f, x, "eps1eps2", units, units, tag=tag))
    return h.reshape(x.shape + x.shape)
