"""Functions that join operands into one dual array: concatenate, stack, hstack, vstack,
dstack, column_stack, block, append, where and select.

Any mix of operands joins (dual arrays, scalar duals, ndarrays, lists, numbers): they are
brought to one dual type, the leading operand's directions and the result's tag by
:mod:`.operands`, a constant with zero perturbation parts, and every part is joined alike (the
direction axes of the perturbation parts riding along), so the functions serve any dual type.
The arrangement itself is NumPy's: where NumPy checks its arguments (block, select), it is
asked on the real parts, so that its errors are raised unchanged.
"""
import numpy as np

from .. import _scalar
from ._registry import implements, write_out
from ._storage import ArrayBase
from ._util import joining, normalize_axis
from .elementwise import full_part
from .operands import align


def as_arrays(operands):
    """The operands as dual arrays of one type with common directions and tag, each part
    spread over its array's shape (a constant's cached zero parts have the direction axes
    only), so that they reshape and join like the parts of any dual array."""
    given = list(operands)
    return [a if a is g else a._map(lambda p, c: full_part(p, a.shape, c))
            for a, g in zip(align(*given)[0], given)]


def promoted(a, ndim):
    """The dual array a with leading length-1 axes up to ``ndim`` axes (NumPy's ndmin=)."""
    return a if a.ndim >= ndim else a.reshape((1,) * (ndim - a.ndim) + a.shape)


def join(arrays, axis):
    """The operands (any mix) concatenated along an existing axis (None: flat)."""
    arrays = as_arrays(arrays)
    if axis is None:
        arrays, axis = [a.ravel() for a in arrays], 0
    (ax,) = normalize_axis(axis, arrays[0].ndim)
    parts = [np.concatenate([a._parts[i] for a in arrays], axis=ax)
             for i in range(len(arrays[0]._parts))]
    return arrays[0]._with_parts(parts)


def real_of(operand):
    """The real parts of a dual operand; any other operand as it is."""
    return operand.real if isinstance(operand, (ArrayBase, _scalar.Dual, _scalar.HyperDual)) \
        else operand


@implements(np.concatenate)
def _concatenate(arrays, /, axis=0, out=None, *, dtype=None, casting="same_kind"):
    joining("concatenate", dtype, casting)
    return write_out("concatenate", join(arrays, axis), out)


@implements(np.stack)
def _stack(arrays, axis=0, out=None, *, dtype=None, casting="same_kind"):
    joining("stack", dtype, casting)
    arrays = as_arrays(arrays)
    (ax,) = normalize_axis(axis, arrays[0].ndim + 1)
    return write_out("stack", join([a.reshape(a.shape[:ax] + (1,) + a.shape[ax:])
                                    for a in arrays], ax), out)


@implements(np.hstack)
def _hstack(tup, *, dtype=None, casting="same_kind"):
    joining("hstack", dtype, casting)
    arrays = [promoted(a, 1) for a in as_arrays(tup)]
    return join(arrays, 0 if arrays[0].ndim == 1 else 1)


@implements(np.vstack)
def _vstack(tup, *, dtype=None, casting="same_kind"):
    joining("vstack", dtype, casting)
    return join([promoted(a, 2) for a in as_arrays(tup)], 0)


@implements(np.dstack)
def _dstack(tup):
    """Along the third axis, after NumPy's atleast_3d: (N,) as (1, N, 1), (M, N) as
    (M, N, 1)."""
    arrays = as_arrays(tup)
    return join([a.reshape(promoted(a, 2).shape + (1,)) if a.ndim < 3 else a
                 for a in arrays], 2)


@implements(np.column_stack)
def _column_stack(tup):
    """1-D operands as columns (N, 1), 2-D ones as they are, joined along axis 1."""
    arrays = as_arrays(tup)
    return join([promoted(a, 2).T if a.ndim < 2 else a for a in arrays], 1)


@implements(np.append)
def _append(arr, values, axis=None):
    """values after arr along axis; both flattened where axis is None."""
    return join([arr, values], axis)


@implements(np.block)
def _block(arrays):
    """The nested lists of blocks assembled as NumPy's block does: the innermost lists along
    the last axis, the next along the one before, each block first given leading length-1
    axes up to the result's number of axes."""
    real = np.block(_leaves_mapped(arrays, real_of))  # NumPy's checks and errors
    blocks = iter(as_arrays(_leaves(arrays)))
    depth = _depth(arrays)

    def assemble(node, level):
        if isinstance(node, list):
            return join([assemble(n, level + 1) for n in node], level - depth)
        return promoted(next(blocks), real.ndim)
    out = assemble(arrays, 0)
    return out.copy() if depth == 0 else out  # np.block of one array copies it


def _leaves(node):
    """The blocks of np.block's nested lists, in order."""
    return [b for n in node for b in _leaves(n)] if isinstance(node, list) else [node]


def _leaves_mapped(node, fn):
    return [_leaves_mapped(n, fn) for n in node] if isinstance(node, list) else fn(node)


def _depth(node):
    return 1 + _depth(node[0]) if isinstance(node, list) else 0


@implements(np.where)
def _where(condition, x=np._NoValue, y=np._NoValue, /):
    """x where condition holds, else y (any mix of operands, broadcast); with the condition
    alone, the indices where it holds (condition: its real parts if dual)."""
    if x is np._NoValue and y is np._NoValue:
        return np.nonzero(real_of(condition))
    if x is np._NoValue or y is np._NoValue:
        raise ValueError("either both or neither of x and y should be given")
    cond = np.asarray(real_of(condition), dtype=bool)
    if not any(isinstance(o, (ArrayBase, _scalar.Dual, _scalar.HyperDual)) for o in (x, y)):
        return np.where(cond, x, y)  # a dual condition chooses between constants
    x, y = as_arrays([x, y])
    parts = [np.where(cond.reshape(cond.shape + (1,) * c), px, py)
             for px, py, c in zip(x._parts, y._parts, x._dir_ndim)]
    return x._with_parts(parts)


@implements(np.select)
def _select(condlist, choicelist, default=0):
    """The choice of the first condition that holds, else default (conditions: boolean
    ndarrays, as NumPy requires)."""
    np.select([real_of(c) for c in condlist], [real_of(c) for c in choicelist],
              real_of(default))  # NumPy's checks and errors
    out = default
    for cond, choice in zip(condlist[::-1], choicelist[::-1]):
        out = _where(cond, choice, out)
    return out
