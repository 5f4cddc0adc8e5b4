"""The ufunc methods at and reduceat on dual arrays, for the ufuncs that are linear in their
operands: ``add.at``, ``subtract.at`` (the scatter-add of assembly code: a[i] += b with
repeated indices added in turn) and ``add.reduceat`` (sums over slices). A linear method
applied to a dual number is the method applied to each part, so each part runs NumPy's
own method, in NumPy's order of summation. ``ufunc.outer`` needs no table: it is the ufunc
on operands broadcast against each other (``_registry.array_ufunc``). The other ufuncs'
``at`` and ``reduceat`` are refused there, with a loop to write instead.
"""
import numpy as np

from ._registry import FLOAT_BUFFER, implements_reduction
from ._storage import ArrayBase
from ._util import expand_key, normalize_axis
from .elementwise import full_part
from .operands import coerce, common_tag
from .writing import _plain


def _at(ufunc):
    """``ufunc.at(a, indices, b)`` of a linear ufunc: each part of b applied at ``indices``
    to that part of the dual array a, in place (a part that a shares read-only, such as a
    constant's zeros, is copied first, as ``a[key] = value`` does); into an object ndarray
    (of scalar duals) NumPy's own, element by element."""
    name = "%s.at" % ufunc.__name__

    def at(a, indices, b=None):
        if isinstance(a, np.ndarray) and a.dtype == object:  # it holds scalar duals
            return ufunc.at(a, indices, np.asarray(b, dtype=object))  # NumPy's own
        if not isinstance(a, ArrayBase):
            if not isinstance(a, np.ndarray):
                raise TypeError("first operand must be array")  # NumPy's words
            raise TypeError("numpy.%s into a %s ndarray: %s" % (name, a.dtype, FLOAT_BUFFER))
        _plain(name, "index", indices)
        if b is None:
            raise ValueError("second operand needed for ufunc")  # NumPy's words
        tag = common_tag([a, b])
        if tag is not None:  # a constant array takes on the tag of a value that moves
            a._tag = tag
        value = coerce(a, b)
        key = expand_key(indices, a.ndim)
        parts = []
        # the real part first: NumPy checks the indices and shapes before it writes, so an
        # error leaves every part of a as it was
        for p, v, c in zip(a._parts, value._parts, a._dir_ndim):
            p = full_part(p, a.shape, c)
            if not p.flags.writeable:
                p = np.array(p)
            _part_at(ufunc, p, key, v, c)
            parts.append(p)
        a._parts, a._square = tuple(parts), None  # (a kept square is of the old values)
    implements_reduction(ufunc, "at")(at)


def _part_at(ufunc, p, key, v, c):
    """``ufunc.at`` on the part p (c trailing direction axes) at ``key`` with the values
    part v, in NumPy's order. NumPy's loop is about ten times faster on one axis than on
    several, so a part whose direction axes have length 1 (no directions) is written
    without them, and one with directions through its flat view, each element's D
    direction entries numbered pos * D + j (same order per entry); a part that has no flat
    view (a strided view of another array) takes NumPy's loop over the axes."""
    nd = p.ndim - c
    if p.shape[nd:] == (1,) * c:
        ufunc.at(p.reshape(p.shape[:nd]), key, v.reshape(v.shape[:v.ndim - c]))
        return
    if not p.flags.c_contiguous:
        ufunc.at(p, key + (Ellipsis,), v)
        return
    size = int(np.prod(p.shape[nd:]))  # D, the direction entries of an element
    pos = np.arange(int(np.prod(p.shape[:nd]))).reshape(p.shape[:nd])[key]
    ufunc.at(p.reshape(-1), (pos[..., None] * size + np.arange(size)).reshape(-1),
             np.broadcast_to(v, pos.shape + p.shape[nd:]).reshape(-1))


_at(np.add)
_at(np.subtract)


@implements_reduction(np.add, "reduceat")
def _add_reduceat(a, indices, axis=0):
    """``np.add.reduceat(a, indices, axis)``: NumPy's sums over the slices of each part
    (the axis counted from the front, so the trailing direction axes are left alone); out=
    and dtype= as for reduce (``_registry``)."""
    _plain("add.reduceat", "index", indices)  # (the one way a float a gets here)
    (ax,) = normalize_axis(axis, a.ndim)
    real = np.add.reduceat(a._parts[0], indices, ax)  # NumPy's checks and value
    return a._with_parts([real] + [np.add.reduceat(full_part(p, a.shape, c), indices, ax)
                                   for p, c in zip(a._parts[1:], a._dir_ndim[1:])])
