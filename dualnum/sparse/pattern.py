"""PatternArray: an array that records which of the inputs each of its elements depends on.

Sparsity detection evaluates f once on a PatternArray seeded at x. Each array of the
computation carries its values (f's own values at x, so that comparisons, masks and Python
control flow behave as on floats) and its dependency pattern: a boolean CSR matrix with one
row per element (C order) and one column per input, ``rows[i, j]`` set where element i may
depend on input j. For Hessian patterns the trace also records every nonlinear interaction:
an operation whose second derivative in its operands u, v is not identically zero adds the
outer products of their patterns (u's with itself, u's with v's), summed over elements, to
the trace's Hessian pattern (the "global" tracer of Walther, "Computing sparse Hessians
with automatic differentiation", ACM TOMS 34, 2008, and of SparseConnectivityTracer.jl).

The patterns are conservative: a structural zero is a zero of the derivative for every x
(the pattern does not depend on the values, but for Python branches on them); an operation
that cannot be traced raises TypeError naming it. Which operand an operation depends on, and
whether it is nonlinear, comes from the rule table (dualnum.rules): a partial derivative
written ``0.0`` there is a structural zero (floor, sign, the second derivative of a linear
rule); every other is taken to be nonzero.
"""
import numpy as np
import scipy.sparse as sp
from numpy.lib.array_utils import normalize_axis_tuple

from .. import rules

_BOOL = np.bool_


class Trace:
    """The inputs of one detection: their number n, and the Hessian pattern recorded so far
    (``second``: whether to record it)."""

    def __init__(self, n, second):
        self.n, self.second = n, second
        self._pieces = []

    def interact(self, a, b=None):
        """Record that each element's dependencies in a (rows) interact with those in b
        (a itself if None): a^T b and its transpose, summed over the elements."""
        if not self.second or a is None:
            return
        piece = (a.T @ (a if b is None else b)).astype(_BOOL)
        self._pieces.append(piece)
        if b is not None:
            self._pieces.append(piece.T)

    def hessian(self):
        """The recorded Hessian pattern (n x n, symmetric, CSR)."""
        total = sp.csr_array((self.n, self.n), dtype=_BOOL)
        for piece in self._pieces:
            total = total + piece
        total = ((total + total.T) != 0).astype(_BOOL)
        return sp.csr_array(total)


def _csr(matrix):
    """matrix as a CSR boolean array. Products of boolean sparse matrices saturate (an
    entry reached twice stays True), where a narrow integer type would wrap to 0 and lose a
    dependence."""
    out = sp.csr_array(matrix, dtype=_BOOL)
    out.sum_duplicates()
    return out


class Condition(np.ndarray):
    """Values computed from traced arrays that carry no derivative (comparisons, isnan, and
    whatever is computed from them): f's values at x, constant there, but not structural
    constants, since they change with x. So a product with one keeps the dependence where
    it is 0 at x (``(t > 0) * t``), and an index made of one (``t[t > 0]``) may pick any
    element (``_anywhere``)."""

    def __array_ufunc__(self, ufunc, method, *inputs, **kwargs):
        if any(isinstance(a, PatternArray) for a in inputs):
            return NotImplemented
        result = getattr(ufunc, method)(*_plain(inputs), **_plain(kwargs))
        return _conditioned(result)

    def __array_function__(self, func, types, args, kwargs):
        if any(issubclass(t, PatternArray) for t in types):
            return NotImplemented
        return _conditioned(func(*_plain(args), **_plain(kwargs)))

    # methods that NumPy does not route through the protocols above
    def __getitem__(self, key):
        return _conditioned(self.view(np.ndarray)[_plain(key)])

    def nonzero(self):
        return _conditioned(self.view(np.ndarray).nonzero())

    def argmax(self, *args, **kwargs):
        return _conditioned(self.view(np.ndarray).argmax(*args, **kwargs))

    def argmin(self, *args, **kwargs):
        return _conditioned(self.view(np.ndarray).argmin(*args, **kwargs))


def _plain(value):
    """value with every Condition in it (through lists, tuples and dicts) a plain array."""
    if isinstance(value, Condition):
        return value.view(np.ndarray)
    if isinstance(value, (list, tuple)):
        return type(value)(_plain(v) for v in value)
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def _conditioned(result):
    """A result computed from a Condition, itself one (arrays, NumPy scalars as 0-d arrays,
    and tuples of them)."""
    if isinstance(result, tuple):
        return tuple(_conditioned(r) for r in result)
    if isinstance(result, (np.ndarray, np.generic)):
        return np.asarray(result).view(Condition)
    return result


def _has_condition(value):
    """Whether value holds a Condition (through lists, tuples and dicts)."""
    if isinstance(value, Condition):
        return True
    if isinstance(value, (list, tuple)):
        return any(_has_condition(v) for v in value)
    if isinstance(value, dict):
        return any(_has_condition(v) for v in value.values())
    return False


class PatternArray:
    """Values and dependency pattern of an array computed from the traced inputs.

    ``values``: an ndarray (f's values at x); ``rows``: CSR boolean, ``values.size`` rows by
    ``trace.n`` columns; ``trace``: the detection's Trace.
    """

    __array_priority__ = 1000

    def __init__(self, values, rows, trace):
        self.values = np.asarray(values, dtype=np.float64)
        self.rows = rows
        self.trace = trace

    # ---- array facts ----
    shape = property(lambda self: self.values.shape)
    ndim = property(lambda self: self.values.ndim)
    size = property(lambda self: self.values.size)
    dtype = property(lambda self: self.values.dtype)
    T = property(lambda self: np.transpose(self))

    def __len__(self):
        return len(self.values)

    def __repr__(self):
        return "PatternArray(shape=%s, nonzeros=%d)" % (self.shape, self.rows.nnz)

    def __bool__(self):
        return bool(self.values)

    def __float__(self):
        raise TypeError("float() of a traced array: the pattern would be lost; keep it an "
                        "array (np.asarray and float() cannot be traced)")

    def __array__(self, dtype=None, copy=None):
        raise TypeError("a traced array was converted to a plain one (np.asarray or "
                        "np.array of it, a list holding traced values given to NumPy, a "
                        "scipy.sparse matrix or another library's function applied to it): "
                        "the pattern would be lost, so this cannot be traced for sparsity "
                        "detection. Keep f in NumPy's functions on arrays (np.concatenate "
                        "of arrays, not of lists of traced numbers), or give the pattern "
                        "yourself")

    # ---- moving elements: indexing, reshaping, joining ----
    def __getitem__(self, key):
        if _has_condition(key):  # t[t > 0]: which elements, depends on x
            return _anywhere(self.values[_plain(key)], [self], self.trace)
        return moved(lambda a: a[key], self)

    def __setitem__(self, key, value):
        raise TypeError("item assignment into a traced array cannot be traced for sparsity "
                        "detection; build the result with np.where, np.concatenate or "
                        "np.stack instead")

    def astype(self, dtype, **kwargs):
        if np.dtype(dtype).kind != "f":
            raise TypeError("astype(%s) of a traced array: only float types keep a "
                            "derivative" % np.dtype(dtype))
        return self

    def max(self, *args, **kwargs):
        return np.max(self, *args, **kwargs)

    def min(self, *args, **kwargs):
        return np.min(self, *args, **kwargs)

    def reshape(self, *shape, **kwargs):
        return np.reshape(self, shape[0] if len(shape) == 1 else shape, **kwargs)

    def ravel(self):
        return np.ravel(self)

    def transpose(self, *axes):
        return np.transpose(self, axes or None)

    def repeat(self, repeats, axis=None):
        return np.repeat(self, repeats, axis)

    def flatten(self):
        return np.ravel(self).copy()

    def copy(self):
        return PatternArray(self.values.copy(), self.rows.copy(), self.trace)

    def squeeze(self, axis=None):
        return np.squeeze(self, axis)

    def swapaxes(self, a, b):
        return np.swapaxes(self, a, b)

    def sum(self, *args, **kwargs):
        return np.sum(self, *args, **kwargs)

    def mean(self, *args, **kwargs):
        return np.mean(self, *args, **kwargs)

    def prod(self, *args, **kwargs):
        return np.prod(self, *args, **kwargs)

    def dot(self, other):
        return np.dot(self, other)

    # ---- operators: NumPy's ufuncs ----
    def __array_ufunc__(self, ufunc, method, *inputs, **kwargs):
        if method == "__call__" and not kwargs:
            if ufunc is np.matmul:
                return _matmul(*inputs)
            return _ufunc_call(ufunc, inputs)
        if method == "reduce" and ufunc in _REDUCED:  # ufunc.reduce: axis 0 by default
            return _REDUCED[ufunc](*inputs, **dict({"axis": 0}, **kwargs))
        raise TypeError("%s.%s%s cannot be traced for sparsity detection" % (
            ufunc.__name__, method, " with %s" % sorted(kwargs) if kwargs else ""))

    def __array_function__(self, func, types, args, kwargs):
        impl = _FUNCTIONS.get(func)
        if impl is None:
            raise TypeError("%s.%s cannot be traced for sparsity detection; write f with "
                            "NumPy's ufuncs, arithmetic, indexing, sums, products, reshaping "
                            "and joining" % (getattr(func, "__module__", None) or "numpy",
                                             func.__name__))
        return impl(*args, **kwargs)


for _name, _ufunc in [("add", np.add), ("sub", np.subtract), ("mul", np.multiply),
                      ("truediv", np.divide), ("pow", np.power), ("floordiv", np.floor_divide),
                      ("mod", np.remainder)]:
    setattr(PatternArray, "__%s__" % _name, lambda a, b, _u=_ufunc: _u(a, b))
    setattr(PatternArray, "__r%s__" % _name, lambda a, b, _u=_ufunc: _u(b, a))
PatternArray.__matmul__ = lambda a, b: _matmul(a, b)
PatternArray.__rmatmul__ = lambda a, b: _matmul(b, a)
for _name, _ufunc in [("neg", np.negative), ("pos", np.positive), ("abs", np.absolute)]:
    setattr(PatternArray, "__%s__" % _name, lambda a, _u=_ufunc: _u(a))
for _name, _ufunc in [("lt", np.less), ("le", np.less_equal), ("gt", np.greater),
                      ("ge", np.greater_equal), ("eq", np.equal), ("ne", np.not_equal)]:
    setattr(PatternArray, "__%s__" % _name, lambda a, b, _u=_ufunc: _u(a, b))


def _values(a):
    return a.values if isinstance(a, PatternArray) else a


def _trace(*operands):
    return next(a.trace for a in operands if isinstance(a, PatternArray))


def _index(a):
    """The flat element indices of a, in a's shape."""
    return np.arange(a.size).reshape(a.shape)


def _rows_at(a, shape):
    """a's pattern rows broadcast to ``shape`` (a constant: None)."""
    if not isinstance(a, PatternArray):
        return None
    if a.shape == tuple(shape):
        return a.rows
    return a.rows[np.broadcast_to(_index(a), shape).ravel()]


def _union(*matrices):
    found = [m for m in matrices if m is not None]
    if not found:
        return None
    total = found[0]
    for m in found[1:]:
        total = total + m
    return _csr(total)


def _result(values, rows, trace):
    """A PatternArray, or the plain values where nothing depends on the inputs."""
    values = np.asarray(values)
    if rows is None:
        rows = sp.csr_array((values.size, trace.n), dtype=_BOOL)
    return PatternArray(values, rows, trace)


# ---- ufuncs: which operand each depends on, and which pairs interact ----
def _zero(expression):
    return expression.strip() in ("0.0", "0")


# numpy name -> (depends on x, on y; x-x, x-y, y-y nonlinear)
_LINEAR, _PRODUCT, _QUOTIENT = ((True, True, False, False, False),
                                (True, True, False, True, False), (True, True, False, True, True))
_BINARY = {"add": _LINEAR, "subtract": _LINEAR, "multiply": _PRODUCT, "divide": _QUOTIENT,
           "true_divide": _QUOTIENT}
for _r in rules.BINARY:
    if _r.numpy and _r.numpy not in _BINARY:
        _BINARY[_r.numpy] = (not _zero(_r.fx), not _zero(_r.fy), not _zero(_r.fxx),
                             not _zero(_r.fxy), not _zero(_r.fyy))
# numpy name -> (depends on x, nonlinear)
_UNARY = {"negative": (True, False), "positive": (True, False), "conjugate": (True, False)}
for _r in rules.UNARY:
    if _r.numpy and not _r.params and _r.numpy not in _UNARY:
        _UNARY[_r.numpy] = (not _zero(_r.f1), not _zero(_r.f2))


def _ufunc_call(ufunc, inputs):
    values = ufunc(*[_values(a) for a in inputs])
    if isinstance(values, tuple):
        raise TypeError("%s (several outputs) cannot be traced for sparsity detection"
                        % ufunc.__name__)
    values = np.asarray(values)
    trace = _trace(*inputs)
    if values.dtype.kind not in "fc":  # comparisons, isnan, ...: no derivative
        return values.view(Condition)
    shape = values.shape
    rows = [_rows_at(a, shape) for a in inputs]
    name = ufunc.__name__
    if len(inputs) == 1 and name in _UNARY:
        depends, nonlinear = _UNARY[name]
        if nonlinear:
            trace.interact(rows[0])
        return _result(values, rows[0] if depends else None, trace)
    if len(inputs) == 2 and name in _BINARY:
        dx, dy, xx, xy, yy = _BINARY[name]
        x, y = rows
        if name == "multiply":  # a constant factor 0 leaves no dependence there
            x, y = _times_constant(x, inputs[1], shape), _times_constant(y, inputs[0], shape)
        if xx:
            trace.interact(x)
        if yy:
            trace.interact(y)
        if xy and x is not None and y is not None:
            trace.interact(x, y)
        return _result(values, _union(x if dx else None, y if dy else None), trace)
    # any other ufunc: every operand, every pair (conservative)
    union = _union(*rows)
    trace.interact(union)
    return _result(values, union, trace)


def _times_constant(rows, factor, shape):
    """rows without the elements where the constant ``factor`` (broadcast to shape) is 0."""
    if rows is None or isinstance(factor, (PatternArray, Condition)):
        return rows  # (a Condition's zeros are zeros at x only)
    zero = np.broadcast_to(np.asarray(factor) == 0, shape).ravel()
    if not zero.any():
        return rows
    return _csr(sp.diags_array(~zero, dtype=_BOOL) @ rows)


# ---- moving elements ----
def moved(move, *operands):
    """The result of ``move`` (a function of arrays that only selects, repeats and
    rearranges elements: indexing, reshape, transpose, concatenate, ...) applied to the
    operands: its values, and each element's pattern that of the element it came from."""
    trace = _trace(*operands)
    offsets, parts, indices = 0, [], []
    for a in operands:
        if isinstance(a, PatternArray):
            indices.append(_index(a) + offsets)
            parts.append(a.rows)
            offsets += a.size
        else:  # a constant: its elements depend on nothing (row -1: an empty row)
            indices.append(np.full(np.shape(a), -1))
    values = move(*[_values(a) for a in operands])
    where = np.asarray(move(*indices)).ravel()
    stacked = sp.vstack(parts + [sp.csr_array((1, trace.n), dtype=_BOOL)], format="csr")
    where = np.where(where < 0, offsets, where)
    return _result(values, _csr(stacked[where]), trace)


def _values_of(first):
    return [_values(a) for a in first] if isinstance(first, (list, tuple)) else _values(first)


def _anywhere(values, operands, trace):
    """A result whose elements are picked from the operands by their values at x (an
    index computed from them): each element may be any of theirs, so each depends on the
    union of their patterns (conservative)."""
    values = np.asarray(values)
    union = _union(*[sp.csr_array(np.ones((1, a.size), dtype=_BOOL)) @ a.rows
                     for a in operands if isinstance(a, PatternArray)])
    if union is None:
        return values
    return _result(values, _csr(sp.csr_array(np.ones((values.size, 1), dtype=_BOOL))
                                @ union), trace)


# ---- reductions: each output element depends on the elements reduced into it ----
def _grouped(a, axis):
    """The pattern of a reduction of a along axis (None: all): union over each group."""
    axes = tuple(range(a.ndim)) if axis is None else normalize_axis_tuple(axis, a.ndim)
    out_shape = tuple(1 if i in axes else n for i, n in enumerate(a.shape))
    target = np.broadcast_to(np.arange(int(np.prod(out_shape))).reshape(out_shape), a.shape)
    group = sp.csr_array((np.ones(a.size, dtype=_BOOL), (target.ravel(), np.arange(a.size))),
                         shape=(int(np.prod(out_shape)), a.size))
    return _csr(group @ a.rows)


def _reduction(name, interacting=False):
    """np.NAME of a traced array: each output element depends on the elements reduced into
    it; with ``interacting``, every pair of them interacts too (prod: x_i x_j,
    conservative). ``dtype`` goes to the values; ``out``, ``where`` and ``initial`` are
    refused."""
    func = getattr(np, name)

    def reduce(a, axis=None, dtype=None, out=None, keepdims=False, **kwargs):
        _refuse_keywords(name, out=out, **kwargs)
        rows = _grouped(a, axis)
        if interacting:
            a.trace.interact(rows)
        given = {} if dtype is None else {"dtype": dtype}
        return _result(func(a.values, axis=axis, keepdims=keepdims, **given), rows, a.trace)
    return reduce


def _refuse_keywords(name, **kwargs):
    given = sorted(k for k, v in kwargs.items() if v is not None and v is not np._NoValue)
    if given:
        raise TypeError("numpy.%s with %s cannot be traced for sparsity detection"
                        % (name, ", ".join(given)))


# ---- products: sums of elementwise products, so the pattern and the cross terms follow ----
def _matmul(a, b):
    """a @ b: with a constant array, the pattern through its nonzeros (linear: no
    interaction); of two traced arrays, the sum over the contracted axis of broadcast
    products."""
    if not isinstance(a, PatternArray) or not isinstance(b, PatternArray):
        return _matmul_constant(a, b)
    if np.ndim(a) == 0 or np.ndim(b) == 0:
        raise ValueError("matmul: a scalar operand is not allowed; use *")
    a1, b1 = np.ndim(a) == 1, np.ndim(b) == 1
    left = a[None, :] if a1 else a
    right = b[:, None] if b1 else b
    terms = _expand(left, -1) * _expand(right, -3)
    out = np.sum(terms, axis=-2)
    if a1:
        out = out[..., 0, :]
    if b1:
        out = out[..., 0]
    return out


def _matmul_constant(a, b):
    """a @ b with one of them a constant of at most two axes and the other traced."""
    traced, constant = (b, a) if isinstance(b, PatternArray) else (a, b)
    if traced.ndim > 2 or np.ndim(constant) > 2 or np.ndim(constant) == 0:
        raise TypeError("matmul of a constant and a traced array of more than two axes "
                        "cannot be traced for sparsity detection")
    full = isinstance(constant, Condition)  # its zeros are zeros at x only
    constant = np.asarray(constant, dtype=np.float64)
    nonzero = sp.csr_array(np.atleast_2d((constant != 0) | full))
    values = constant @ traced.values if traced is b else traced.values @ constant
    if traced is b:  # C @ x: out (i, j) from x (k, j) where C[i, k] != 0
        j = traced.shape[1] if traced.ndim == 2 else 1
        group = sp.kron(nonzero, sp.identity(j, dtype=_BOOL), format="csr")
    else:  # x @ C: out (i, j) from x (i, k) where C[k, j] != 0
        if np.ndim(constant) == 1:
            nonzero = nonzero.T
        i = traced.shape[0] if traced.ndim == 2 else 1
        group = sp.kron(sp.identity(i, dtype=_BOOL), nonzero.T, format="csr")
    rows = _csr(group.astype(_BOOL) @ traced.rows)
    return _result(values, rows, traced.trace)


def _expand(a, axis):
    return moved(lambda v: np.expand_dims(v, axis), a) if isinstance(a, PatternArray) \
        else np.expand_dims(a, axis)


def _dot(a, b):
    if np.ndim(a) <= 2 and np.ndim(b) <= 2 and np.ndim(a) and np.ndim(b):
        return _matmul(a, b)
    if np.ndim(a) == 0 or np.ndim(b) == 0:
        return a * b
    raise TypeError("numpy.dot of arrays of more than two axes cannot be traced; use "
                    "np.tensordot's equivalent with sums of products")


def _where(condition, x, y):
    """Both branches, whatever the condition (conservative)."""
    shape = np.broadcast_shapes(np.shape(condition), np.shape(x), np.shape(y))
    trace = _trace(x, y)
    rows = _union(_rows_at(x, shape), _rows_at(y, shape))
    return _result(np.where(condition, _values(x), _values(y)), rows, trace)


def _clip(a, a_min=None, a_max=None, **kwargs):
    _refuse_keywords("clip", **kwargs)
    out = a
    if a_min is not None:
        out = np.maximum(out, a_min)
    if a_max is not None:
        out = np.minimum(out, a_max)
    return out


def _diff(a, n=1, axis=-1):
    for _ in range(n):
        a = moved(lambda v: np.take(v, range(1, v.shape[axis]), axis=axis), a) - \
            moved(lambda v: np.take(v, range(0, v.shape[axis] - 1), axis=axis), a)
    return a


def _moving(func):
    """A NumPy function that moves elements, traced through ``moved``: of one array, or of
    a sequence of them (concatenate, stack, ...)."""
    def call(first, *rest, **kwargs):
        if _has_condition((rest, kwargs)):  # np.take(t, indices from t's values)
            operands = list(first) if isinstance(first, (list, tuple)) else [first]
            values = func(_plain(_values_of(first)), *_plain(rest), **_plain(kwargs))
            return _anywhere(values, operands, _trace(*operands))
        if isinstance(first, (list, tuple)):
            return moved(lambda *vs: func(list(vs), *rest, **kwargs), *first)
        return moved(lambda v: func(v, *rest, **kwargs), first)
    return call


_SUM, _PROD, _MAX, _MIN = (_reduction("sum"), _reduction("prod", interacting=True),
                          _reduction("max"), _reduction("min"))
_FUNCTIONS = {np.sum: _SUM, np.mean: _reduction("mean"), np.prod: _PROD, np.max: _MAX,
              np.min: _MIN, np.amax: _MAX, np.amin: _MIN, np.dot: _dot, np.matmul: _matmul, np.where: _where, np.clip: _clip,
              np.diff: _diff, np.ndim: lambda a: a.ndim, np.shape: lambda a: a.shape,
              np.size: lambda a, axis=None: np.size(a.values, axis),
              np.copy: lambda a, **kwargs: a.copy()}
for _f in (np.reshape, np.ravel, np.transpose, np.squeeze, np.expand_dims, np.moveaxis,
           np.swapaxes, np.flip, np.roll, np.take, np.repeat, np.tile, np.broadcast_to,
           np.atleast_1d, np.atleast_2d, np.concatenate, np.stack, np.hstack,
           np.vstack, np.column_stack):
    _FUNCTIONS[_f] = _moving(_f)
_REDUCED = {np.add: _SUM, np.multiply: _PROD, np.maximum: _MAX, np.minimum: _MIN}
