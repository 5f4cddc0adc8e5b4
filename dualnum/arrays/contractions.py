"""Multilinear products of dual arrays: einsum (and einsum_path), tensordot, vdot, kron,
cross, convolve and correlate.

Each is linear in every operand, so its parts follow the product rule: a part of the result
is the sum, over the ways of handing the part's perturbations to the operands, of the same
NumPy product of the operands' parts (``multilinear``). einsum is computed by einsum itself on
the component arrays, the direction axes of each part (trailing) named by subscripts of
their own; the bilinear ones that broadcast over leading axes (kron, cross, convolve) reuse
linalg's product rule with the direction axes in front.
"""
import functools
import itertools
import string

import numpy as np

from ._registry import implements, write_out
from ._storage import ArrayBase
from ._util import float64_only, normalize_axis, refuse
from .products import _bilinear, _tensordot as _tensordot_by_matmul
from .operands import coerce, lead, real_constant
from .reductions import scalar_or_array

try:  # NumPy's own reading of einsum's subscripts (ellipses, sublists, implicit output),
    # and the compiled einsum that numpy.einsum calls for optimize=False
    from numpy._core.einsumfunc import _parse_einsum_input, c_einsum
except ImportError:  # NumPy 1.x
    from numpy.core.einsumfunc import _parse_einsum_input, c_einsum

# The perturbations that each part of a dual type multiplies: DualArray (real, dual) and
# HyperDualArray (real, eps1, eps2, eps1eps2). "1" stands for e (or e1), "2" for e2.
_SEEDS = {2: ("", "1"), 4: ("", "1", "2", "12")}


def multilinear(contract, inputs, output, operands):
    """``contract(subscripts, *arrays)`` (einsum or a function like it) of the operands, a
    mix of dual arrays and constants, as a dual array of the leading operand's type (0-d
    for a full contraction).

    ``inputs`` are the operands' explicit subscripts (one letter per axis) and ``output`` the
    result's. Part P of the result (the coefficient of the perturbations of P) is the sum
    over every way of handing P's perturbations to distinct dual operands of the contraction
    of their parts that carry them: the product rule. Each direction axis gets a free letter.
    """
    first = lead(*operands)
    cls = type(first)
    dual = tuple([isinstance(o, ArrayBase) for o in operands])
    arrays = [coerce(first, o)._parts if d else (real_constant(o, cls),)
              for o, d in zip(operands, dual)]
    parts = []
    for terms in _plan(tuple(inputs), output, dual, len(first._parts)):
        values = [contract(subs, *[a[i] for a, i in zip(arrays, taken)])
                  for subs, taken in terms]
        parts.append(sum(values[1:], values[0]))
    return first._with_parts(parts)


@functools.lru_cache(maxsize=256)
def _plan(inputs, output, dual, nparts):
    """The terms of each part of :func:`multilinear`'s result, each (the subscripts of its
    contraction, the part each operand gives: an index, 0 for a constant), for
    operands of ``nparts`` parts of which ``dual`` tells the dual ones. Planned once per
    form: the string work costs more than a small contraction."""
    free = [c for c in string.ascii_letters if c not in "".join(inputs) + output]
    letters = {"1": free[0], "2": free[1]}
    seeds = _SEEDS[nparts]
    plan = []
    for target in seeds:
        terms = []
        for owners in itertools.product([i for i, d in enumerate(dual) if d],
                                        repeat=len(target)):
            carried = ["".join(s for s, o in zip(target, owners) if o == i)
                       for i in range(len(dual))]
            subs = ",".join(s + "".join(letters[c] for c in k)
                            for s, k in zip(inputs, carried))
            subs += "->" + output + "".join(letters[c] for c in target)
            terms.append((subs, tuple(seeds.index(k) if d else 0  # a constant: itself
                                      for k, d in zip(carried, dual))))
        plan.append(tuple(terms))
    return tuple(plan)


@implements(np.einsum)
def _einsum(*operands, out=None, optimize=False, dtype=None, order="K", casting="safe"):
    """numpy.einsum of dual arrays and constants, with any subscripts NumPy takes (ellipses,
    sublists, implicit output, several operands), by the product rule: each part is an einsum
    of the operands' parts, computed with the same ``optimize``, ``order`` and ``casting``.
    ``dtype`` is None or float64 (the parts' type); ``out`` a dual array of the result's shape.

    >>> import numpy as np, dualnum as dn
    >>> a = dn.DualArray([[1.0, 2.0], [3.0, 4.0]], 1.0)
    >>> np.einsum("ij,jk->ik", a, np.eye(2)).dual.tolist()
    [[1.0, 1.0], [1.0, 1.0]]
    """
    float64_only("einsum", dtype)
    inputs, output, arrays = _subscripts(operands)

    if optimize is False:  # what numpy.einsum calls then, without its dispatch (1 us)
        contract = functools.partial(c_einsum, order=order, casting=casting)
    else:
        contract = functools.partial(np.einsum, optimize=optimize, order=order,
                                     casting=casting)
    return write_out("einsum", scalar_or_array(multilinear(contract, inputs, output, arrays)),
                     out)


def _subscripts(operands):
    """(explicit input subscripts, output subscripts, operands) of einsum's arguments,
    read by NumPy's parser on the operands' real parts."""
    if isinstance(operands[0], str):
        given, arrays = list(operands[:1]), list(operands[1:])
    else:  # interleaved: operand, sublist, operand, sublist, ..., [output sublist]
        arrays = list(operands[0:-1:2] if len(operands) % 2 else operands[0::2])
        given = [o for i, o in enumerate(operands) if i % 2 or i == len(operands) - 1 and
                 len(operands) % 2]
    reals = [a.real if isinstance(a, ArrayBase) else a for a in arrays]
    if isinstance(operands[0], str):
        inputs, output = _parsed(operands[0], tuple(np.ndim(r) for r in reals))
    else:
        interleaved = [x for pair in zip(reals, given) for x in pair] + given[len(reals):]
        inputs, output, _ = _parse_einsum_input(interleaved)
    return inputs.split(","), output, arrays


@functools.lru_cache(maxsize=256)
def _parsed(subscripts, ndims):
    """(explicit inputs, output) of an einsum subscripts string for operands of ``ndims``
    dimensions (all that an ellipsis's expansion depends on), read by NumPy's parser once
    (it costs as much as a small contraction)."""
    inputs, output, _ = _parse_einsum_input([subscripts] + [np.empty((0,) * n) for n in ndims])
    return inputs, output


@implements(np.einsum_path)
def _einsum_path(*operands, optimize="greedy", einsum_call=False):
    """NumPy's contraction path: it depends on the shapes alone, those of the real parts.
    einsum_call=True (einsum's own use, which returns the operands) is refused: it would
    hand back the real parts alone."""
    if einsum_call:
        refuse("einsum_path", "einsum_call=True", "it returns the operands, which would be "
               "the real parts without their derivative parts")
    reals = [o.real if isinstance(o, ArrayBase) else o for o in operands]
    return np.einsum_path(*reals, optimize=optimize, einsum_call=einsum_call)


@implements(np.tensordot)
def _tensordot(a, b, axes=2):
    """numpy.tensordot: the one matrix product of the operands reshaped that
    numpy.linalg.tensordot is (dualnum.arrays.products)."""
    return _tensordot_by_matmul(a, b, axes=axes)


def _optimized(subs, *arrays):
    return np.einsum(subs, *arrays, optimize=True)


@implements(np.vdot)
def _vdot(a, b, /):
    """The dot product of the flattened operands (real: no conjugation)."""
    if np.size(a) != np.size(b):
        raise ValueError("cannot reshape array of size %d into shape (%d,)"
                         % (np.size(b), np.size(a)))
    return scalar_or_array(multilinear(_optimized, ["i", "i"], "",
                                       [np.reshape(a, -1), np.reshape(b, -1)]))


@implements(np.kron)
def _kron(a, b):
    """numpy.kron by the product rule (NumPy pads the shorter shape with ones in front)."""
    return _bilinear(np.kron, *_same_ndim(a, b))


def _same_ndim(a, b):
    """a and b with length-1 axes in front up to one number of axes, so that the direction
    axes that linalg's product rule moves in front of each part line up."""
    nd = max(np.ndim(a), np.ndim(b))
    return [np.reshape(x, (1,) * (nd - np.ndim(x)) + np.shape(x)) for x in (a, b)]


@implements(np.cross)
def _cross(a, b, axisa=-1, axisb=-1, axisc=-1, axis=None):
    """numpy.cross by the product rule, the vectors moved to the last axis (the direction
    axes go in front, where np.cross broadcasts); 2-vectors give the z components."""
    if axis is not None:
        axisa = axisb = axisc = axis
    a = np.moveaxis(a, normalize_axis(axisa, np.ndim(a))[0], -1)
    b = np.moveaxis(b, normalize_axis(axisb, np.ndim(b))[0], -1)
    a, b = _same_ndim(a, b)
    product = _bilinear(np.cross, a, b)
    if np.shape(a)[-1] == 2 and np.shape(b)[-1] == 2:
        return scalar_or_array(product)  # 2-vectors: the z components, no vector axis
    return np.moveaxis(product, -1, normalize_axis(axisc, product.ndim)[0])


@implements(np.linalg.cross)
def _linalg_cross(x1, x2, /, *, axis=-1):
    """numpy.linalg.cross: numpy.cross of 3-vectors along ``axis`` (ValueError for other
    lengths, as NumPy)."""
    if np.shape(x1)[axis] != 3 or np.shape(x2)[axis] != 3:
        raise ValueError("Both input arrays must be (arrays of) 3-dimensional vectors, but "
                         "they are %d and %d dimensional instead."
                         % (np.shape(x1)[axis], np.shape(x2)[axis]))
    return _cross(x1, x2, axis=axis)


def _full_convolution(p, q):
    """The full discrete convolution along the last axis, broadcast over the leading ones (the
    direction axes): NumPy's convolve where both are 1-D (the real parts)."""
    if p.ndim == 1 and q.ndim == 1:
        return np.convolve(p, q)
    n = q.shape[-1]
    pad = [(0, 0)] * (p.ndim - 1) + [(n - 1, n - 1)]
    windows = np.lib.stride_tricks.sliding_window_view(np.pad(p, pad), n, axis=-1)
    return np.einsum("...ti,...i->...t", windows, q[..., ::-1])


def _convolution(name, a, v, mode, flip):
    """convolve (or correlate: v reversed) of 1-D operands (convolve takes numbers as 1-D,
    as NumPy), as the slice of the full convolution that ``mode`` selects."""
    if flip and min(np.ndim(a), np.ndim(v)) == 0:
        raise ValueError("object of too small depth for desired array")
    a, v = np.atleast_1d(a), np.atleast_1d(v)
    if np.ndim(a) != 1 or np.ndim(v) != 1:
        raise ValueError("object too deep for desired array")
    n, m = len(a), len(v)
    if n == 0 or m == 0:
        raise ValueError("%s cannot be empty" % ("a" if n == 0 else "v"))
    if flip:
        v = v[::-1]
    full = _bilinear(_full_convolution, a, v)
    short, long = min(n, m), max(n, m)
    if mode == "full":
        return full
    if mode == "same":  # NumPy centres correlate(a, v) with len(a) < len(v) one further
        start = n // 2 if flip and n < m else (short - 1) // 2
        return full[start:start + long]
    if mode == "valid":
        return full[short - 1:long]
    raise ValueError("mode must be one of 'valid', 'same', or 'full' (got %r)" % (mode,))


@implements(np.convolve)
def _convolve(a, v, mode="full"):
    """numpy.convolve of 1-D operands by the product rule (the real parts through NumPy's
    convolve; the perturbation parts, which carry direction axes, by a broadcast one)."""
    return _convolution("convolve", a, v, mode, False)


@implements(np.correlate)
def _correlate(a, v, mode="valid"):
    """numpy.correlate of real operands: the convolution with v reversed."""
    return _convolution("correlate", a, v, mode, True)
