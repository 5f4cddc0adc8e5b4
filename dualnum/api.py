"""The differentiation API: seed the inputs with duals, call f, read the parts of the result.

Scalars in give floats out; arrays in give ndarrays out. ``f`` receives ``Dual``/``HyperDual``
numbers for scalar inputs and ``DualArray``/``HyperDualArray`` for array inputs, so it must be
written with operators, dualnum functions or NumPy (ufuncs, ``np.sum``, ``@``, slicing, ...),
not ``math``.

* ``derivative``/``second_derivative``/``derivatives`` on an array take f to be elementwise
  and evaluate it in blocks of at most ``BLOCK`` elements, so that its temporaries stay in
  cache; then once more on a probe of a few of x's elements, in another order, size and
  shape and with other seeds, and a ValueError is raised if they disagree or f's result
  does not have x's shape (f was not elementwise: ``_check_elementwise``). The probe is
  skipped where f did nothing but elementwise arithmetic on dual arrays
  (``dualnum.arrays.watching``). The blocks run on ``workers`` threads at once
  (dualnum._threads), each as it would in one thread.
* ``gradient``, ``jacobian`` and ``jvp`` evaluate f on dual arrays with one direction per
  input, in passes sized by f's intermediates beyond ``CHUNK`` inputs (see CHUNK);
  ``hessian`` and ``hvp`` use hyper-dual arrays with directions, in passes sized the same
  way, computing only the upper triangle of the Hessian.
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
import contextlib
import importlib
import math
import numbers
import warnings

import numpy as np

from ._pool import reuse_buffers
from ._threads import checked_workers, each_block, thread_count
from ._scalar import (Dual, HyperDual, confusion, new_tag, seed_dual, seed_hyper, seeded_part,
                      tagged_dual, tagged_hyper)
from .arrays import DirectionsError, DualArray, HyperDualArray
from .arrays._storage import (ArrayBase, any_nan, evaluate_plain, evaluate_seeded,
                              largest_size, sized_as, unwatch_sizes, watch_sizes)
from .arrays._util import ONES, ZEROS, plain_ndarray, shared
from .arrays._util import dask_array as _dask_array  # (Dask is never imported for it)
from .arrays._util import dask_inside
from .arrays.elementwise import SIMD_MIN_SIZE
from .arrays.operands import is_constant, perturbed

# Elements per evaluation of an elementwise f: large enough to amortise Python's per-call
# cost and the copy of each block's result, small enough for the temporaries to stay near
# the cache (1 MiB a dual array; hyper-dual arrays, twice the parts, a quarter of the
# elements: measured, benchmarks/test_elementwise_grid.py). Their buffers are recycled
# (dualnum._pool), so blocks past malloc's mmap threshold cost no fresh page faults.
BLOCK = 65536
HYPER_BLOCK = BLOCK // 4
# Directions per pass of gradient and jacobian. Up to CHUNK inputs take one pass. Beyond,
# a first pass of one direction measures f's largest dual intermediate (S elements,
# directions aside: dualnum.arrays._storage.largest_size), and the other passes carry
# k = CHUNK_ELEMENTS // S directions (1 to CHUNK), so that each intermediate holds about
# CHUNK_ELEMENTS doubles (4 MiB) and stays in the cache, and the peak memory is about k
# times one evaluation's. Few directions a pass pay Python's per-operation cost once per
# pass; many stream every intermediate through memory: the gradient of the two-layer
# network of benchmarks/test_many_inputs.py cost 1.9 evaluations of its loss per parameter
# at 256 directions a pass, about 1 with k chosen so (budgets of 1, 2, 4, 8 and 16 MiB
# measured: 2 to 8 MiB alike).
CHUNK = 256
CHUNK_ELEMENTS = 1 << 19
HESSIAN_CHUNK = 16   # Hessian columns per hyper-dual pass

_DUALS = (Dual, HyperDual)
_NESTED = ("dualnum does not nest derivatives (a dual inside a dual): use "
           "second_derivative, derivatives or hessian for second order")


def _not_lazy(x, name):
    """TypeError for a Dask array, or an xarray object holding one, where a function would
    read it whole into memory: np.asarray would compute it silently."""
    data = getattr(x, "data", None) if type(x).__module__.startswith("xarray") else None
    if isinstance(x, (list, tuple)) and dask_inside(x):
        raise TypeError(
            "%s is a list holding Dask arrays, which this function would compute one by one "
            "into memory. Fix: join them into one Dask array (dask.array.stack), which "
            "derivative, second_derivative, derivatives and jvp take lazily, or compute them "
            "first" % name)
    if _dask_array(x) or _dask_array(data):
        raise TypeError(
            "%s is a lazy Dask array%s, which this function would read whole into memory. "
            "Fix: dualnum.dask.jacobian, gradient or hessian spread the directions over Dask "
            "(x in memory); derivative, second_derivative, derivatives and jvp take Dask "
            "arrays lazily; xarray fields go through xarray.apply_ufunc (README, \"xarray "
            "fields\"); or compute x first (x.compute())"
            % (name, " inside an xarray object" if data is not None and _dask_array(data)
               else ""))


def _lazy():
    """dualnum.dask.elementwise, loaded for a Dask array x (it imports Dask): derivative,
    second_derivative and derivatives of a Dask array are lazy Dask arrays of its chunks."""
    from .dask import elementwise
    return elementwise


def _real_input(x, name="x"):
    """x as a float or a C-contiguous float ndarray (seeds share it, and the kernels' fast
    loops need every part to step by one double); nested derivatives are refused, not
    mis-computed.

    Accepted: a real number (``numbers.Real``: int, float, bool, Fraction, NumPy real
    scalars), or an array or (nested) list of them, of any real or bool dtype, rounded to
    float64. Refused (TypeError naming ``name`` and the fix): None, text, bytes, complex
    numbers (even with a zero imaginary part: the type says complex), datetimes and other
    objects, and ndarray subclasses (np.matrix, masked arrays: ``plain_ndarray``); a ragged
    nested list is a ValueError.

    >>> _real_input([1, 2.5])
    array([1. , 2.5])
    >>> _real_input(1 + 0j)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    TypeError: x must be a real number ... not complex numbers: complex inputs are not ...
    """
    if type(x) is np.ndarray and x.dtype == np.float64 and x.ndim and x.flags.c_contiguous:
        return x
    if isinstance(x, (Dual, HyperDual, ArrayBase)):
        raise TypeError(_NESTED)
    _not_lazy(x, name)
    plain_ndarray(x, name)  # np.matrix, masked arrays: f would see another function
    if isinstance(x, numbers.Real) and not isinstance(x, np.ndarray):
        return _float(x, name)
    arr = _real_array_of(x, name)
    return float(arr) if arr.ndim == 0 else arr


def _real_array_of(x, name):
    """x, which is not a real number, as a C-contiguous float64 ndarray, or the error of
    ``_real_input``. NumPy alone would read None as NaN, "1.0" as 1.0 and drop imaginary
    parts with a warning: the dtype NumPy infers decides instead, and the elements of an
    object array are checked one by one."""
    try:
        arr = np.asarray(x)
    except ValueError as err:  # NumPy's "inhomogeneous shape"
        raise ValueError("%s is a ragged nested sequence (%s): its rows must have equal "
                         "lengths" % (name, err)) from err
    if arr.dtype.kind in "biuf":
        return np.asarray(arr, dtype=np.float64, order="C")
    if arr.dtype.kind != "O":
        raise _not_real(name, arr)
    return np.array([_real_element(e, name) for e in arr.flat],
                    dtype=np.float64).reshape(arr.shape)


def _real_element(e, name):
    """One element of an object array x as a float (the errors of ``_real_input``)."""
    if isinstance(e, (Dual, HyperDual, ArrayBase)):
        raise TypeError(_NESTED)
    if isinstance(e, (numbers.Real, np.bool_)):
        return _float(e, name)
    raise _not_real(name, e)


def _float(value, name):
    """A real number (of x or v: ``name``) as a float; ValueError for one beyond the range
    of float64 (an int such as 10**400), which float() reports as a bare OverflowError."""
    try:
        return float(value)
    except OverflowError:
        raise ValueError("%s must be a real number that float64 can hold (magnitude below "
                         "1.8e308), not %s %s: pass it as a float, such as float('inf') if "
                         "that is meant" % (name, type(value).__name__,
                                            _abbreviated(value))) from None


def _abbreviated(value):
    """A number's text, cut to its first and last digits where it is long."""
    text = str(value)
    return text if len(text) <= 24 else "%s...%s (%d characters)" % (text[:10], text[-6:],
                                                                      len(text))


# What an input of each refused NumPy dtype kind holds, and how to pass it instead.
_REFUSED = {
    "c": ("complex numbers", "complex inputs are not supported, even with a zero imaginary "
          "part (pass {name}.real where that is meant)"),
    "U": ("text", "convert it to numbers with float()"),
    "S": ("bytes", "convert them to numbers with float()"),
    "M": ("datetimes", "convert them to numbers, such as seconds as floats"),
    "m": ("time differences", "convert them to numbers, such as seconds as floats"),
}


def _not_real(name, value):
    """The TypeError for an input (``name``) that is or holds ``value``, an array or an
    object that is not a real number."""
    if isinstance(value, np.ndarray):
        kind, what = value.dtype.kind, "an array of dtype %s" % value.dtype
    else:
        try:
            kind = np.asarray(value).dtype.kind
        except ValueError:  # a ragged list inside an object array
            kind = "O"
        what = "None" if value is None else type(value).__name__
    what, fix = _REFUSED.get(kind, (what, "pass real numbers"))
    return TypeError("%s must be a real number or an array or list of real numbers, not %s: "
                     "%s" % (name, what, fix.format(name=name)))


def _real_array(x, name="x"):
    """x as a float ndarray (0-d for a scalar), checked as by ``_real_input``."""
    return np.asarray(_real_input(x, name), dtype=np.float64)


def _function(f, args=(), kwargs=None):
    """f, checked to be callable (TypeError naming f otherwise: typically the arguments
    given as (x, f)), with the extra arguments ``args`` (a tuple) and ``kwargs`` (a dict)
    bound after its first: ``f(x, *args, **kwargs)``, as SciPy's optimisers call theirs.
    They are constants, passed as given (never seeded); TypeError naming ``args`` or
    ``kwargs`` for another type (a single argument must be given as ``(a,)``), and naming
    the argument for a dual with a nonzero perturbation (``_constant_arguments``)."""
    if not callable(f):  # from None: after f(...) failed, its TypeError adds nothing
        raise TypeError("f must be the function to differentiate, a callable given first "
                        "(as in derivative(f, x)), not %s" % type(f).__name__) from None
    if args == () and kwargs is None:
        return f
    if not isinstance(args, tuple):
        raise TypeError("args must be a tuple of f's extra positional arguments, not %s "
                        "(one argument a: args=(a,))" % type(args).__name__)
    if not isinstance(kwargs, dict) and kwargs is not None:
        raise TypeError("kwargs must be a dict of f's keyword arguments, not %s"
                        % type(kwargs).__name__)
    kwargs = kwargs or {}
    _constant_arguments(list(zip(("args[%d]" % i for i in range(len(args))), args)) +
                        [("kwargs[%r]" % k, v) for k, v in kwargs.items()])

    def bound(x):
        return f(x, *args, **kwargs)
    return bound


def _constant_arguments(named):
    """TypeError for a dual among f's further arguments ``named`` ((name, value) pairs)
    that carries a perturbation: they are constants of f, differentiated in x alone, and
    such a dual belongs to a derivative computation of its own. A dual without one is a
    constant, passed as given."""
    for name, value in named:
        if isinstance(value, (Dual, HyperDual, ArrayBase)) and perturbed(value):
            raise TypeError(
                "%s is a %s with a nonzero perturbation: f's further arguments (args=, "
                "kwargs=) are constants, and a dual carries a derivative of its own, which "
                "would meet x's; pass its real part (.real), or make it a variable of f "
                "(gradient or jacobian over both)" % (name, type(value).__name__))


# ---- seeding ----

def _seed(x, first, second=None, *, tag):
    """x with perturbation parts ``first`` (and ``second``): a Dual for a float x, a
    HyperDual when ``second`` is given; a DualArray or HyperDualArray for an ndarray x. The
    eps1eps2 part is zero.

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
_BUFFERS = {1.0: ONES, 0.0: ZEROS}  # (a larger part is allocated: _filled)
_FILLED = {}


def _filled(value, shape):
    """A contiguous array of ``shape`` holding ``value``: a read-only view of one of the
    buffers above (cached by shape) where one holds value and is large enough, else a new
    array."""
    part = _FILLED.get((value, shape))
    if part is None:
        size = math.prod(shape)
        if value not in _BUFFERS or size > _BUFFERS[value].size:
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
    """The direction v of jvp and hvp as a read-only float64 array of x's shape,
    C-contiguous for the kernels' fast loops: v is checked as x is (``_real_input``), and
    one of another shape is a ValueError, not broadcast (a scalar v too: pass
    ``np.full(x.shape, v)``)."""
    v = _real_array(v, "v")
    if v.shape != x.shape:
        raise ValueError("v must have x's shape %s (one direction: an entry per element of "
                         "x), not %s; for several directions call once per direction, or "
                         "use jacobian or hessian" % (x.shape, v.shape))
    return shared(v)


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
    plain evaluation per direction ``first[..., a]``, or per pair ``(first[..., a], second[..., b])``: an
    ndarray of shape ``out.shape + (k,)``, or ``out.shape + (k, m)``.

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

# The ValueError for an f that derivative, second_derivative and derivatives cannot take
# over an array (with the reason), and the functions to use instead.
_NOT_ELEMENTWISE = (
    "derivative, second_derivative and derivatives over an array need an elementwise f: "
    "f(x)[i] the same function of x[i] alone for every i (f is evaluated on blocks of x and "
    "again on a few of its elements); here %s. For other functions use gradient (a "
    "scalar-valued f), jacobian, or jvp(f, x, np.ones_like(x)) (f(x)[i] depending on x[i] "
    "alone, with parameters per element)")


def _elementwise(f, x, units, parts, tag, workers=1):
    """The parts of an elementwise f at x (a float, or an ndarray: parts of x's shape), with
    x seeded by ``units`` (``(1.0,)`` for duals, ``(1.0, 1.0)`` for hyper-duals) and ``tag``.

    An array of more than BLOCK elements is evaluated in blocks (``_blocks``), its buffers
    recycled, on up to ``workers`` threads (checked: None for the machine's CPUs, or a
    positive int; dualnum._threads). From 2 elements on, f is then checked to be elementwise
    (``_check_elementwise``) unless it did nothing but elementwise arithmetic on dual arrays
    (the count of ``dualnum.arrays._storage`` unmoved); a result of another shape than x's raises ValueError
    too."""
    if not isinstance(x, np.ndarray):
        y = f(_seed(x, *units, tag=tag))
        return tuple(_extract(y, p, tag=tag) for p in parts)
    block = _block_size(units)
    if x.size <= block:  # one evaluation, of x itself
        fast, y, moved = _evaluate(f, x, units, parts, tag)
        if fast is not None:  # the common case: no probe, no reading of y's form
            return fast
        checked = _checked(parts)
        got = {p: _like(x, y, p, tag) for p in checked}
        full = [got[p] for p in parts]
        picks = _probe_indices(x.size)
        expected = [got[p].reshape(-1)[picks] for p in checked]
    else:
        checked, picks = _checked(parts), _probe_indices(x.size)
        full, expected, moved = _by_blocks(f, x.reshape(-1), units, parts, checked, picks,
                                           tag, block, workers)
        full = [part.reshape(x.shape) for part in full]
    if picks.size and moved:
        _check_elementwise(f, x, picks, units, checked, expected, tag)
    return tuple(full)


def _block_size(units):
    """Elements per evaluation for seeds ``units``: BLOCK (duals) or HYPER_BLOCK."""
    return BLOCK if len(units) == 1 else HYPER_BLOCK


def _evaluate(f, x, units, parts, tag):
    """``evaluate_plain`` of f at the array x seeded by ``units`` and ``tag``, for the
    parts named ``parts``: (their arrays or None, f's result or None, whether f did more
    than elementwise arithmetic)."""
    return evaluate_plain(f, x, _ARRAY_OF[len(units)], _unit_parts(x.shape, units), tag,
                          _indices(parts))


def _checked(parts):
    """The parts the probe compares: the values too, and the first derivatives beside the
    second (those of an f that is not elementwise may agree: all zero for t - t.mean())."""
    first = ("eps1",) if "eps1eps2" in parts else ()
    return tuple(dict.fromkeys(("real",) + first + parts))


_PART_INDEX = {"real": 0, "dual": 1, "eps1": 1, "eps2": 2, "eps1eps2": 3}
_ARRAY_OF = {1: DualArray, 2: HyperDualArray}   # by the number of unit seeds
_UNIT_PARTS = {}
_INDICES = {}


def _indices(parts):
    """The indices in a dual array's parts of the parts named ``parts`` (cached)."""
    found = _INDICES.get(parts)
    if found is None:
        found = _INDICES[parts] = tuple(_PART_INDEX[p] for p in parts)
    return found


def _unit_parts(shape, units):
    """The perturbation parts of ``_seed(x, *units)`` for an x of ``shape`` (read-only,
    cached for the few shapes a program uses)."""
    key = (shape, units)
    parts = _UNIT_PARTS.get(key)
    if parts is None:
        if len(_UNIT_PARTS) >= 32:
            _UNIT_PARTS.clear()
        parts = _UNIT_PARTS[key] = _seed(np.zeros(shape), *units, tag=0)._parts[1:]
    return parts


def _like(x, y, part, tag):
    """The part ``part`` of an elementwise f's result y at the array x, of x's shape. A
    number (f ignored x: its perturbation parts are 0) is broadcast; a result of another
    shape means that f is not elementwise (ValueError)."""
    value = _extract(y, part, tag=tag)
    if np.shape(value) == x.shape:
        return value
    if isinstance(y, numbers.Real) and not isinstance(y, np.ndarray):
        return np.broadcast_to(value, x.shape).copy()
    raise ValueError(_NOT_ELEMENTWISE % ("f returned shape %s for an input of shape %s"
                                         % (np.shape(value), x.shape)))


def _blocks(n, block=BLOCK):
    """The bounds of the blocks of an array of n > block elements: as few as hold at most
    ``block`` elements each, equal in size to one element, so that every block takes
    NumPy's SIMD path (``_check_elementwise`` needs it) and none is a short remainder.

    >>> _blocks(2 * 16384 + 1, 16384)
    [0, 10923, 21846, 32769]
    """
    k = -(-n // block)
    return [j * n // k for j in range(k + 1)]


def _no_workers(workers):
    """TypeError for ``workers=`` other than None or 1 beside a Dask array: Dask schedules
    its chunks, each evaluated in its task's thread."""
    if workers is not None and checked_workers(workers) != 1:
        raise TypeError("workers=%r: a Dask array's chunks run on Dask's scheduler (its "
                        "threads, processes or cluster); leave workers out or 1, or compute "
                        "x first for the threads of workers=" % (workers,))


def _path_size(n, block):
    """The size by which every rule of an elementwise f over an array of n elements picks
    its path (kernel, NumPy twin or vector loop: ``sized_as``) when evaluated in blocks of
    at most ``block``: n itself up to ``block``, else the size of the first block
    (``_blocks``), which every block takes. dualnum.dask evaluates each chunk so, to give
    the whole array's bits.

    >>> _path_size(1000, 16384), _path_size(2 * 16384 + 1, 16384)
    (1000, 10923)
    """
    return n if n <= block else _blocks(n, block)[1]


def _by_blocks(f, flat, units, parts, checked, picks, tag, block, workers=1):
    """f's ``parts`` at the 1-D array flat, evaluated block by block (at most ``block``
    elements each) with their buffers recycled, its ``checked`` parts at the indices
    ``picks``, and whether f did anything besides elementwise arithmetic on any block
    (``evaluate_plain``). With ``workers`` other than 1, the blocks are spread over that
    many threads (None: the machine's CPUs; never more than the blocks): each block is
    evaluated as in one thread (its own slices of the results, the path of the first
    block), so the results are the same to the bit."""
    out = {p: np.empty(flat.shape) for p in parts}
    at_picks = {p: np.empty(picks.shape) for p in checked}
    bounds = _blocks(flat.size, block)
    threads = thread_count(workers, len(bounds) - 1)

    def setting():
        # every block allocates the same temporaries again; and every block takes the
        # first's path (kernel or twin: elementwise.twin_from), though they differ by one
        return _block_setting(_path_size(flat.size, block))

    def store(j):
        return _store(f, flat[bounds[j]:bounds[j + 1]], units, checked, tag, bounds[j], out,
                      at_picks, picks)
    moved = False
    try:
        if threads == 1:
            with setting():
                for j in range(len(bounds) - 1):
                    moved = store(j) or moved
        else:
            moved = any(each_block(store, len(bounds) - 1, threads, setting))
    except Exception as err:  # f may have failed for being given a block, not x
        if hasattr(err, "add_note"):  # Python 3.11 on
            err.add_note(_NOT_ELEMENTWISE % ("f was given a block of %d of x's %d elements, "
                                             "a 1-D piece of x flattened"
                                             % (bounds[1], flat.size)))
        raise
    return [out[p] for p in parts], [at_picks[p] for p in checked], moved


@contextlib.contextmanager
def _block_setting(size):
    """Within: the buffer pool (dualnum._pool) and the path of a block of ``size`` elements
    (``sized_as``), both kept per thread (a context variable each)."""
    with reuse_buffers(), sized_as(size):
        yield


def _store(f, x, units, checked, tag, start, out, at_picks, picks):
    """Evaluates f on the block x (starting at ``start``), writes its parts into ``out``
    and ``at_picks``, and returns whether f did anything besides elementwise arithmetic (a
    function of its own, so that the block's buffers go back to the pool on return)."""
    fast, y, moved = _evaluate(f, x, units, checked, tag)
    got = dict(zip(checked, fast)) if fast is not None else \
        {p: _like(x, y, p, tag) for p in checked}
    inside = (picks >= start) & (picks < start + x.size)
    for p, value in got.items():
        if p in out:
            out[p][start:start + x.size] = value
        at_picks[p][inside] = value[picks[inside] - start]
    return moved


def _probe_indices(n):
    """The elements of an array of n that ``_check_elementwise`` evaluates again: the last,
    the middle and the first (n = 2: the second twice, then the first). None below 2
    elements, where every f of x's shape is elementwise.

    >>> _probe_indices(10), _probe_indices(2), _probe_indices(1)
    (array([9, 5, 0]), array([1, 1, 0]), array([], dtype=int64))
    """
    return np.array([n - 1, n // 2, 0] if n >= 2 else [], dtype=np.intp)


# The probe seeds its three elements with 1, 1/2, 1/4: distinct, so that f mixing elements
# shows in the perturbation parts even where their values are equal (x - x.mean() at a
# constant x); powers of two, which scale an elementwise f's parts exactly; at most 1, so
# that they overflow nowhere that x's parts do not. _PARTS: the power of the seed that
# each part carries, and what the part is.
_PROBE_SEEDS = np.array([1.0, 0.5, 0.25])
_PARTS = {"real": (0, "values"), "dual": (1, "first derivatives"),
          "eps1": (1, "first derivatives"), "eps1eps2": (2, "second derivatives")}
_PROBES = {}


def _probe(x):
    """The layout of the probe for the array x: ``which`` of the three picks each of its
    elements repeats (0, 1, 2, 0, ...), its seeds (read-only), whose shape is the probe's,
    and their powers 0, 1, 2, flat.

    The shape is ``(lead, 2, 4, 5, 1, ..., 1)`` cut to x's number of axes: the axes differ
    in length (a transpose changes the shape), up to the fourth each holds several elements
    (a reduction along it mixes them), and none steps by a multiple of 3 elements (the
    picks and seeds, repeated in turn, vary along each). lead is 3, or makes SIMD_MIN_SIZE
    elements where x has that many, and is raised where the probe would have x's size.
    Cached by number of axes and lead.

    >>> _probe(np.zeros((7, 7)))[1]
    array([[1.  , 0.5 ],
           [0.25, 1.  ],
           [0.5 , 0.25]])
    >>> _probe(np.zeros(1000))[1].shape
    (512,)
    """
    trailing = ((2, 4, 5) + (1,) * x.ndim)[:x.ndim - 1]
    rest = math.prod(trailing)
    lead = 3 if x.size < SIMD_MIN_SIZE else -(-SIMD_MIN_SIZE // rest)
    if lead * rest == x.size:
        lead += 4 if lead == 3 else 1  # 7, not a length of the others
    found = _PROBES.get((x.ndim, lead))
    if found is None:
        which = np.resize(np.arange(3), lead * rest)
        seeds = shared(_PROBE_SEEDS[which].reshape((lead,) + trailing))
        powers = [seeds.reshape(-1) ** k for k in range(3)]
        found = _PROBES[x.ndim, lead] = which, seeds, powers
    return found


def _check_elementwise(f, x, picks, units, parts, expected, tag):
    """Reading f(x)[i] as the derivative at x[i], and evaluating by blocks, is right only
    for an elementwise f: the same function of x[i] alone at every i, whatever the array
    it is given. So f is evaluated once more on a probe: the three elements ``picks`` of x
    (``_probe_indices``) repeated in turn, shaped and seeded 1, 1/2, 1/4 in turn as
    ``_probe`` says. An elementwise f gives ``expected``, its ``parts`` at the picks, times
    the seeds' powers, to rounding (relative 1e-9); anything else, or f raising on the
    probe, is a ValueError. A probe of x's size class takes the same code path as x's
    evaluation (NumPy's SIMD loops from SIMD_MIN_SIZE elements on; the C library's loops,
    which round differently, below), so its values agree to the last bit.

    The probe differs from x in its elements' order and neighbours, its seeds, its size
    and (with more than one axis) its shape, so this catches f whose result mixes elements
    (sums, means, norms, softmax, cumulative sums, sorting, shifts, differences,
    convolutions, along any of the first four axes), depends on x's size, shape or
    positions (``x * x.size``, transposes, arrays of parameters per element) or has
    another shape. It cannot catch a mixing that leaves values and perturbation parts
    unchanged at the probed elements: a rearrangement along an axis beyond the fourth, or
    one that moves equal values with equal seeds onto each other; nor, beyond BLOCK
    elements, where f never sees x itself, a dependence on x's exact size or shape that
    its blocks and the probe share (``t * (t.size == x.size)``); nor a dependence smaller
    than the tolerance.
    """
    which, seeds, powers = _probe(x)
    probe = x.reshape(-1)[picks[which]].reshape(seeds.shape)
    block = _block_size(units)
    try:
        with sized_as(_path_size(x.size, block)):
            y = f(_seed(probe, *(seeds,) * len(units), tag=tag))
    except Exception as err:  # f ran on the whole of x: it depends on x's size or shape
        reason = "f raised %s on an array of %d of x's elements: %s" % (
            type(err).__name__, which.size, err)
        raise ValueError(_NOT_ELEMENTWISE % reason) from err
    for p, want in zip(parts, expected):
        power, meaning = _PARTS[p]
        have = _like(probe, y, p, tag).reshape(-1)
        want = want[which] * powers[power]
        # the same bits: the probe's loops are x's; else compare to rounding
        if have.tobytes() != want.tobytes() and not _close(have, want):
            raise ValueError(_NOT_ELEMENTWISE % ("its %s at a few of x's elements, evaluated "
                                                 "again without the others, differ" % meaning))


def _close(have, want):
    """have and want agree to rounding (relative 1e-9), NaN with NaN."""
    with np.errstate(invalid="ignore", over="ignore"):  # inf - inf, 1e308 + 1e308
        diff = np.abs(have - want)
        close = np.isfinite(diff) & (diff <= 1e-9 * (np.abs(have) + np.abs(want)) + 1e-300)
    return bool(np.all(close | (have == want) | (np.isnan(have) & np.isnan(want))))


# ---- the API ----

def derivative(f, x, *, order=1, args=(), kwargs=None, workers=None):
    """First derivative of a scalar function f at x, exact to rounding; with ``order=n``
    the n-th derivative f^(n)(x), from one evaluation of f on Taylor numbers of order n
    (dualnum.higher; ``order=1``, the default, takes dual numbers).

    A float for a scalar x; for an array x (an ndarray or a nested list), an array of x's
    shape, and f must be elementwise: f(x)[i] the same function of x[i] alone for every i.
    f is evaluated on x (in blocks of at most ``BLOCK`` elements) and once more on a probe
    of a few of x's elements, in another order, size and shape and with other seeds; where
    the results differ, or f's result does not have x's shape, a ValueError points to
    gradient, jacobian and jvp (``_check_elementwise`` lists what this catches and what it
    cannot).

    x is a real number or an array or nested list of them (``_real_input``). Raises
    TypeError for anything else (None, text, complex numbers: they are not read as NaN,
    parsed or stripped of their imaginary part), for a non-callable f, for a dual x
    (derivatives do not nest) and for a result of f that is not made of numbers and duals;
    ValueError for a ragged nested list and for a number that float64 cannot hold (10**400).

    ``args`` (a tuple) and ``kwargs`` (a dict) are f's further arguments, passed as
    ``f(x, *args, **kwargs)`` as SciPy's optimisers pass theirs: constants, given to f as
    they are (never seeded), so f is differentiated in x alone; TypeError naming ``args``
    or ``kwargs`` for another type. Every function of the API takes them so.

    ``workers``: the threads that evaluate the blocks of an array x at once (the compiled
    kernels release the GIL): None, the default, for the CPUs this process may use
    (``os.process_cpu_count()``, or its affinity mask), 1 for the calling thread alone,
    or a positive int; never more threads than blocks, and a scalar x or an array of one
    block is evaluated in the calling thread. The results are those of one thread, bit for
    bit. f must then be safe to call from several threads at once (no shared state that
    it writes): pass ``workers=1`` for an f that is not. TypeError or ValueError for
    another value. An exception raised by f on a block is raised here, that of the first
    block in order where several raised, and no further block is started.

    >>> import numpy as np, dualnum as dn
    >>> dn.derivative(lambda t: t ** 3 + 2 * t, 2.0)
    14.0
    >>> dn.derivative(lambda t, a, scale=1.0: scale * t ** a, 2.0, args=(3,),
    ...               kwargs={"scale": 2.0})
    24.0
    >>> dn.derivative(np.sin, np.array([0.0, np.pi]))
    array([ 1., -1.])
    >>> dn.derivative(lambda t: t - t.mean(), [1.0, 2.0, 4.0])  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ValueError: ... elementwise f: ... differ. For other functions use gradient ...
    >>> dn.derivative(lambda t: np.exp(t) * np.cos(t), 0.0, order=8)  # 16 to 2 ulps
    16.000000000000007
    >>> x = np.linspace(0.0, 1.0, 3 * dn.api.BLOCK)
    >>> np.array_equal(dn.derivative(np.sin, x, workers=2), dn.derivative(np.sin, x,
    ...                                                                  workers=1))
    True

    ``order`` is a non-negative int (TypeError, ValueError otherwise; 0 gives f(x)).

    A Dask array x (``dask.array.Array``) gives a lazy Dask array of its chunks, each the
    bits of this function on the whole of x (``dualnum.dask.elementwise.derivative``; so do
    ``second_derivative`` and ``derivatives``).
    """
    if type(x) is not float and _dask_array(x):  # every order: lazy, chunk by chunk
        _no_workers(workers)
        return _lazy().derivative(f, x, order=order, args=args, kwargs=kwargs)
    if workers is not None:
        workers = checked_workers(workers)
    if order != 1 or type(order) is not int:
        from .higher import derivative_of_order
        return derivative_of_order(f, x, order, args, kwargs, workers)
    if args != () or kwargs is not None:
        f = _function(f, args, kwargs)
    if type(x) is not float:
        f, x = _function(f), _real_input(x)
        if isinstance(x, np.ndarray):
            return _elementwise(f, x, (1.0,), ("dual",), new_tag(), workers)[0]
    # _seed and _extract written out, compiled: a float x is the common case, and its cost
    # is timed against two calls of f (the try costs nothing until f raises)
    seed = seed_dual(x, 1.0)
    try:
        y = f(seed)
    except TypeError:
        _function(f)
        raise
    part = seeded_part(y, seed)
    return part if part is not None else _scalar_out(x, _extract(y, "dual", tag=seed._tag))


def second_derivative(f, x, *, args=(), kwargs=None, workers=None):
    """Second derivative of a scalar function f at x, from one hyper-dual evaluation.

    Shapes, errors, ``args``, ``kwargs`` and ``workers`` (threads, f then called from
    several at once) as in ``derivative``.

    >>> import dualnum as dn
    >>> dn.second_derivative(lambda t: t ** 3, 2.0)
    12.0
    """
    if type(x) is not float and _dask_array(x):
        _no_workers(workers)
        return _lazy().second_derivative(f, x, args=args, kwargs=kwargs)
    if workers is not None:
        workers = checked_workers(workers)
    if args != () or kwargs is not None:
        f = _function(f, args, kwargs)
    if type(x) is not float:
        f, x = _function(f), _real_input(x)
        if isinstance(x, np.ndarray):  # (the values and first derivatives not kept)
            return _no_second_derivative(
                _elementwise(f, x, (1.0, 1.0), ("eps1eps2",), new_tag(), workers)[0])
    seed = seed_hyper(x, 1.0, 1.0)  # written out as in derivative
    try:
        y = f(seed)
    except TypeError:
        _function(f)
        raise
    second = seeded_part(y, seed)
    if second is None:
        second = _scalar_out(x, _extract(y, "eps1eps2", tag=seed._tag))
    if type(second) is float and second == second:  # the common case: no NaN to warn of
        return second
    return _no_second_derivative(second)


def derivatives(f, x, *, order=None, args=(), kwargs=None, workers=None):
    """``(f(x), f'(x), f''(x))`` from one hyper-dual evaluation (elementwise for arrays);
    with ``order=n``, ``(f(x), f'(x), ..., f^(n)(x))`` from one evaluation on Taylor
    numbers of order n (dualnum.higher).

    Each is a float for a scalar x, an array of x's shape for an ndarray x; errors, ``args``,
    ``kwargs`` and ``workers`` (threads, f then called from several at once) as in
    ``derivative``. The value is f's evaluation on the hyper-dual
    seed: its rules take their values from the C library (or, on large arrays, its SIMD
    variants and NumPy's), so it may differ from f called on floats by a few ulps.

    >>> import dualnum as dn
    >>> dn.derivatives(lambda t: t ** 3, 2.0)
    (8.0, 12.0, 12.0)
    >>> dn.derivatives(lambda t: t ** 3, 2.0, order=4)
    (8.0, 12.0, 12.0, 6.0, 0.0)
    """
    if _dask_array(x):
        _no_workers(workers)
        return _lazy().derivatives(f, x, order=order, args=args, kwargs=kwargs)
    if workers is not None:
        workers = checked_workers(workers)
    if order is not None:
        from .higher import derivatives_to_order
        return derivatives_to_order(f, x, order, args, kwargs, workers)
    f = _function(f, args, kwargs)  # f named before x: derivatives(x, f) names f
    x = _real_input(x)
    value, first, second = _elementwise(f, x, (1.0, 1.0), ("real", "eps1", "eps1eps2"),
                                        new_tag(), workers)
    if not isinstance(x, np.ndarray):
        value, first, second = (_scalar_out(x, part) for part in (value, first, second))
    return value, first, _no_second_derivative(second)


def jvp(f, x, v, *, args=(), kwargs=None):
    """Jacobian-vector product J(x) v of f at x along v, in one dual evaluation.

    The result has the shape of f's output (a float when f returns a scalar). v must have
    x's shape (a number only for a scalar x): ValueError otherwise. x and v are checked as
    in ``derivative`` (TypeError naming the argument); ``args`` and ``kwargs`` are f's
    further arguments, as in ``derivative``.

    >>> import dualnum as dn
    >>> dn.jvp(lambda p: p[0] * p[1], [2.0, 3.0], [1.0, 1.0])
    5.0

    A Dask array x (or v) gives a lazy Dask array: f runs on a lazy
    ``dualnum.dask.DualArray`` and nothing is computed (``dualnum.dask.jvp``).
    """
    if _dask_array(x) or _dask_array(v):  # lazy: dualnum.dask (loaded only for Dask input)
        from .dask.arrays import jvp as lazy_jvp
        return lazy_jvp(_function(f), x, v, args=args, kwargs=kwargs)
    f, x, tag = _function(f, args, kwargs), _real_array(x), new_tag()
    part, y = evaluate_seeded(f, x, DualArray, _tangent(x, v)[..., None], False, tag)
    return _scalar_out(x, part if part is not None else _extract(y, "dual", tag=tag))


def jacobian(f, x, *, args=(), kwargs=None, sparsity=None):
    """Jacobian of f at x: shape ``f(x).shape + x.shape``, from dual arrays that carry one
    direction per input: one evaluation up to ``CHUNK`` inputs, beyond that passes whose
    number of directions is set by the size of f's intermediates (see ``CHUNK``).

    With ``sparsity`` (``"auto"``, a pattern, or a ``dualnum.sparse.Colouring`` to reuse),
    a ``scipy.sparse.csr_array`` of shape (f(x).size, x.size) from one evaluation with a
    direction per colour instead: see ``dualnum.sparse.jacobian``.

    Raises TypeError for a dual x or a result of f that is not computed from its input, and
    for a non-callable f or an x that is not real numbers (as in ``derivative``); ``args``
    and ``kwargs`` are f's further arguments, as in ``derivative``.

    >>> import dualnum as dn
    >>> dn.jacobian(lambda p: p[0] * p[1:], [2.0, 3.0, 4.0])
    array([[3., 2., 0.],
           [4., 0., 2.]])
    """
    if sparsity is not None:
        return _sparse().jacobian(f, x, sparsity, args=args, kwargs=kwargs)
    x, jac = _jacobian(f, x, args, kwargs)
    return _scalar_out(x, jac)


def _sparse():
    """The module dualnum.sparse, loaded on first use (it needs SciPy and rustworkx)."""
    return importlib.import_module(".sparse", __package__)


def along(f, x, seeds, tag):
    """f's derivatives at the float array x along each of the directions ``seeds`` (an
    array of x.shape + (k,)), from one dual evaluation: shape ``f(x).shape + (k,)``."""
    part, y = evaluate_seeded(f, x, DualArray, seeds, True, tag)
    return part if part is not None else _extract(y, "dual", (seeds.shape[-1],), tag=tag)


def _jacobian(f, x, args, kwargs):
    """(x as a float ndarray, f's Jacobian at x: shape ``f(x).shape + x.shape``), checked
    and computed as ``jacobian`` describes."""
    f, x, tag = _function(f, args, kwargs), _real_array(x), new_tag()
    try:
        jac = _passes(f, x, tag)
    except DirectionsError:
        jac = _one_pass_each(f, x, "dual", _unit_columns(x, 0, x.size), tag=tag)
    return x, jac.reshape(jac.shape[:-1] + x.shape)


def _passes(f, x, tag):
    """``_extract(f(seeds), "dual", ...)`` for seeds of one direction per element of x, in
    passes of CHUNK directions at most (see CHUNK): shape ``f(x).shape + (x.size,)``."""
    return _by_passes(x.size, tag,
                      lambda start, stop: along(f, x, _unit_columns(x, start, stop), tag))


def _by_passes(n, tag, columns, per=1):
    """``columns(start, stop)``, the derivatives along directions start..stop-1 (an array
    whose last axis holds them), for all n directions, in passes sized as CHUNK says, joined
    along the last axis. ValueError where f's result changes shape between passes. ``per``:
    the doubles each direction adds to an intermediate's element (a pass carrying ``per``
    directions of its own besides them takes ``per`` times fewer)."""
    blocks, start = [], 0
    # all directions in one pass where they fit in one; else a first pass of one direction
    # measures f's intermediates
    chunk = max(n, 1) if n * per <= CHUNK else 1
    with _measuring(tag):
        while True:
            stop = min(start + chunk, n)
            blocks.append(columns(start, stop))
            if blocks[-1].shape[:-1] != blocks[0].shape[:-1]:
                raise ValueError(
                    "f returned shape %s on one evaluation and %s on another: a gradient "
                    "or Jacobian of more than %d inputs evaluates f several times, and f "
                    "must return the same shape each time" % (blocks[0].shape[:-1],
                                                              blocks[-1].shape[:-1], CHUNK))
            if stop >= n:
                return blocks[0] if len(blocks) == 1 else np.concatenate(blocks, axis=-1)
            start, chunk = stop, max(1, min(CHUNK, _budget(tag) // per))


@contextlib.contextmanager
def _measuring(tag):
    """Record the size of the largest dual array of computation ``tag`` meanwhile."""
    watch_sizes(tag)
    try:
        yield
    finally:
        unwatch_sizes(tag)


def _budget(tag):
    """Directions (or pairs of them) per pass for f's intermediates, as measured so far in
    ``_measuring(tag)``: CHUNK_ELEMENTS // S."""
    return CHUNK_ELEMENTS // max(largest_size(tag), 1)


def gradient(f, x, *, args=(), kwargs=None):
    """Gradient of a scalar-valued f at x (an array of x's shape).

    Raises ValueError for an f that is not scalar-valued (use ``jacobian``); f, x, ``args``
    and ``kwargs`` as in ``jacobian``.

    >>> import dualnum as dn
    >>> dn.gradient(lambda p: p[0] ** 2 + 3 * p[0] * p[1], [1.0, 2.0])
    array([8., 3.])
    """
    x, g = _jacobian(f, x, args, kwargs)
    if g.shape != x.shape:
        raise _not_scalar_valued(g.shape[:g.ndim - x.ndim])
    return _scalar_out(x, g)


def _not_scalar_valued(out_shape):
    """The ValueError of ``gradient`` for an f whose result has the shape ``out_shape``."""
    return ValueError("gradient needs a scalar-valued f; use jacobian for f with output "
                      "shape %s" % (out_shape,))


def hvp(f, x, v, *, args=(), kwargs=None):
    """Hessian-vector product H(x) v of a scalar-valued f, from hyper-dual evaluations that
    carry v and one direction per input: one evaluation up to ``CHUNK`` inputs, beyond that
    passes sized by f's intermediates, as for ``jacobian``.

    An array of x's shape. Raises ValueError for an f that is not scalar-valued or a v of
    another shape than x's; f, x, v, ``args`` and ``kwargs`` as in ``jvp``.

    >>> import dualnum as dn
    >>> dn.hvp(lambda p: p[0] ** 2 * p[1], [1.0, 2.0], [1.0, 0.0])
    array([4., 2.])
    """
    f, x, tag = _function(f, args, kwargs), _real_array(x), new_tag()
    part = hessian_along(f, x, _tangent(x, v)[..., None], tag)[:, 0]
    return _no_second_derivative(_scalar_out(x, part.reshape(x.shape)))


def hessian_along(f, x, seeds, tag):
    """H(x) times each of the directions ``seeds`` (an array of x.shape + (k,)) for a
    scalar-valued f at the float array x: shape (x.size, k), from hyper-dual evaluations
    that carry the k directions and one unit direction per input (in passes sized by f's
    intermediates, as for ``jacobian``). ValueError for an f that is not scalar-valued."""
    k = seeds.shape[-1]

    def columns(start, stop):  # rows start..stop-1 of H seeds, transposed
        y = f(_seed(x, seeds, _unit_columns(x, start, stop), tag=tag))
        return _scalar_valued(_extract(y, "eps1eps2", (k, stop - start), tag=tag))
    try:
        part = _by_passes(x.size, tag, columns, per=k)
    except DirectionsError:
        part = _scalar_valued(_one_pass_each(f, x, "eps1eps2", seeds,
                                             _unit_columns(x, 0, x.size), tag=tag))
    return part.T


def hessian(f, x, *, args=(), kwargs=None, sparsity=None):
    """Hessian of a scalar-valued f at x: shape ``x.shape + x.shape``.

    Hyper-dual arrays carry row and column directions: all of them in one evaluation up to
    ``HESSIAN_CHUNK`` inputs, beyond that blocks of rows and columns whose size is set by
    f's intermediates (``_hessian_blocks``); only the upper triangle is computed (the
    Hessian is symmetric). Raises
    ValueError for an f that is not scalar-valued; f, x, ``args`` and ``kwargs`` as in
    ``jacobian``.

    With ``sparsity`` (``"auto"``, a symmetric pattern, or a ``dualnum.sparse.Colouring``
    to reuse), a ``scipy.sparse.csr_array`` of shape (x.size, x.size) from a star colouring
    of the pattern instead: see ``dualnum.sparse.hessian``.

    >>> import dualnum as dn
    >>> dn.hessian(lambda p: p[0] ** 2 * p[1], [1.0, 2.0])
    array([[4., 2.],
           [2., 0.]])
    """
    if sparsity is not None:
        return _sparse().hessian(f, x, sparsity, args=args, kwargs=kwargs)
    f, x, tag = _function(f, args, kwargs), _real_array(x), new_tag()
    n = x.size
    h = np.empty((n, n))

    def block(r0, r1, c0, c1):  # H[r0:r1, c0:c1], written into h with its transpose
        part = hessian_block(f, x, r0, r1, c0, c1, tag)
        h[r0:r1, c0:c1] = part
        h[c0:c1, r0:r1] = part.T  # the diagonal blocks: exactly symmetric

    try:
        if 0 < n <= HESSIAN_CHUNK:
            block(0, n, 0, n)
        elif n:
            _hessian_blocks(n, tag, block)
    except DirectionsError:
        units = _unit_columns(x, 0, n)
        h = _scalar_valued(_one_pass_each(f, x, "eps1eps2", units, units, tag=tag))
    return _no_second_derivative(_scalar_out(x, h.reshape(x.shape + x.shape)))


def hessian_block(f, x, r0, r1, c0, c1, tag):
    """H[r0:r1, c0:c1] of a scalar-valued f at the float array x, shape (r1 - r0, c1 - c0),
    from one hyper-dual evaluation whose first directions are the units r0..r1-1 and whose
    second are c0..c1-1. ValueError for an f that is not scalar-valued; DirectionsError
    for an f that converts its input with ``np.asarray`` (see ``_one_pass_each``)."""
    y = f(_seed(x, _unit_columns(x, r0, r1), _unit_columns(x, c0, c1), tag=tag))
    return _scalar_valued(_extract(y, "eps1eps2", (r1 - r0, c1 - c0), tag=tag))


def _hessian_blocks(n, tag, block):
    """The upper triangle of an n x n Hessian by ``block(r0, r1, c0, c1)``: a first pass of
    one pair of directions measures f's largest dual intermediate (S elements), then passes
    of m column and R row directions with R m <= CHUNK_ELEMENTS // S (m at most
    HESSIAN_CHUNK), so that each intermediate's eps1eps2 part holds about CHUNK_ELEMENTS
    doubles whatever n."""
    with _measuring(tag):
        block(0, 1, 0, 1)
        budget = _budget(tag)
        m = max(1, min(HESSIAN_CHUNK, budget))
        rows = max(1, budget // m)
        for c0 in range(0, n, m):
            c1 = min(c0 + m, n)
            for r0 in range(c0, n, rows):
                if r0 == 0 and c1 == 1 and rows == 1:
                    continue  # H[0, 0]: the first pass
                block(r0, min(r0 + rows, n), c0, c1)


def _scalar_out(x, value):
    """value, as a float where x is a scalar and value 0-d: scalars in give floats out, even
    where f's result went through NumPy (np.where, np.array) or x was seeded as a 0-d dual
    array (jvp, gradient, hessian, ...)."""
    if np.ndim(x) == 0 and isinstance(value, np.ndarray) and value.ndim == 0:
        return float(value)
    return value


def _no_second_derivative(second):
    """A second-order result, with a RuntimeWarning where it holds NaN: dualnum's kink
    convention (no second derivative exists there) or f's own NaN."""
    if isinstance(second, np.ndarray) and not any_nan(second):
        return second  # (any_nan: one pass; a dot product overflows from 1.3e154 on)
    nan = np.isnan(second)
    if nan.any():
        warnings.warn(
            "the second derivative is NaN at %d of %d entries: f has no second derivative "
            "there (a kink: abs, relu, maximum/minimum or max/min at a tie, clip at a bound, "
            "hypot or a norm at 0; see dualnum's conventions) or f itself is NaN there"
            % (np.count_nonzero(nan), np.size(second)), RuntimeWarning, stacklevel=3)
    return second
