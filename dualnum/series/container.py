"""TaylorArray: an array of truncated Taylor series, held as its normalised coefficients.

A TaylorArray of order d and shape S holds one float64 array ``coefficients`` of shape
(d + 1,) + S, C-contiguous: coefficient k (f^(k)(t0) / k!) of every element at [k], the
layout of the kernels (dualnum._taylor). Shapes, indexing and NumPy's functions act on S;
every coefficient moves with its element. Arithmetic takes numbers, float arrays and
TaylorArrays of the same order; NumPy's ufuncs and functions reach the implementations
registered in ``FAMILY`` (dualnum.series.elementwise, linear, products), and any other
raises a TypeError naming it. Conversions that would drop the coefficients raise.
"""
import math
import operator

import numpy as np

from .. import _taylor
from .kernels import product, quotient
from ..arrays import _registry
from ..arrays._util import RefusedConversions, ShapeMethods, expand_key
from ..arrays._util import ndarray_method as _method

_FLOAT = np.float64
# The scalar Taylor type of one element, where the compiled layer has one.
SCALAR = getattr(_taylor, "Taylor", None)


def _lay_out(result, order, inputs):
    """order= of a ufunc on Taylor arrays: their coefficients are C-contiguous, the
    kernels' layout; 'F' is refused for a Taylor result."""
    if order == "F" and isinstance(result, TaylorArray):
        raise TypeError("a ufunc on Taylor arrays does not take order='F': the coefficients "
                        "of a Taylor array are C-contiguous, the layout of the kernels")
    if order in ("F", "C") and isinstance(result, np.ndarray):
        return np.asarray(result, order=order)
    return result


def _out_refusal(target, result, name):
    """Why out= ``target`` cannot hold ``result`` of the ufunc ``name``, or None."""
    if isinstance(target, TaylorArray) or not isinstance(result, TaylorArray):
        return None
    return ("%s with out= a %s: a Taylor result would lose its coefficients there; pass "
            "out= a TaylorArray of the result's order and shape (or write result.real or "
            "result.coefficients into an ndarray)" % (name, type(target).__name__))


FAMILY = _registry.Family(
    "Taylor arrays", "a Taylor array", "coefficients",
    "it has no Taylor rule in dualnum (see dualnum.rules)",
    "it would drop or miscompute the Taylor coefficients; see "
    "dualnum.series.HANDLED_FUNCTIONS for what is",
    "the gufunc matmul: move the axes first (numpy.moveaxis)",
    lay_out=_lay_out, cannot_hold=_out_refusal)
_UFUNCS = FAMILY.ufuncs


def orders_differ(a, b):
    """The ValueError for operands of two orders."""
    low, high = sorted((a, b))
    return ValueError(
        "Taylor series of orders %d and %d cannot be combined: evaluate both at one order "
        "(TaylorArray.variable(x, order=%d)), or truncate the higher one to order %d "
        "(TaylorArray(t.coefficients[:%d]))" % (a, b, high, low, low + 1))


def _in_place(op):
    """x op= y: op's result written into x (whose other references see it), as ndarray's;
    ValueError where the result has another shape than x."""
    def method(self, other):
        result = op(self, other)
        if not isinstance(result, TaylorArray) or result.shape != self.shape:
            raise ValueError("non-broadcastable output operand with shape %s doesn't match "
                             "the broadcast shape %s" % (self.shape, np.shape(result)))
        self[...] = result
        return self
    return method


def _ufunc(ufunc, reflected=False):
    """The operator that calls the implementation of ``ufunc`` (reflected: other first)."""
    if reflected:
        def method(self, other):
            return _UFUNCS[ufunc](other, self)
    else:
        def method(self, other):
            return _UFUNCS[ufunc](self, other)
    return method


class TaylorArray(RefusedConversions, ShapeMethods):
    """Array of truncated Taylor series: ``coefficients[k]`` holds the normalised
    coefficient t_k = f^(k)(t0) / k! of every element.

    ``TaylorArray(coefficients)`` copies an array of shape (d + 1,) + S (at least one
    axis: the first is the coefficients'), or takes a (nested) sequence of scalar Taylor
    series of one order (and numbers) of shape S; ``TaylorArray.variable(x, order)`` is the
    series x + t, ``TaylorArray.constant(x, order)`` the constant x. Indexing and the
    NumPy functions give new arrays (copies, never views): the coefficients stay
    C-contiguous, the kernels' layout.

    >>> import numpy as np, dualnum as dn
    >>> t = dn.TaylorArray.variable(np.array([0.0, 1.0]), order=3)
    >>> np.exp(t).derivatives()[3]    # e^x at 0 and 1
    array([1.        , 2.71828183])
    """

    __slots__ = ("_c",)
    __array_priority__ = 30
    __hash__ = None

    def __init__(self, coefficients):
        if isinstance(coefficients, TaylorArray):
            coefficients = coefficients._c
        elif SCALAR is not None and isinstance(coefficients, SCALAR):
            coefficients = coefficients.coefficients
        elif _holds_scalars(coefficients):
            coefficients = _from_scalars(coefficients)
        if np.iscomplexobj(coefficients):
            raise TypeError("the coefficients of a TaylorArray are real: take .real of "
                            "complex ones, or hold the real and imaginary series apart")
        c = np.array(coefficients, dtype=_FLOAT, order="C")
        if c.ndim == 0 or c.shape[0] == 0:
            raise ValueError("a TaylorArray needs an array of shape (d + 1,) + shape, its "
                             "first axis the Taylor coefficients 0..d; got shape %s"
                             % (c.shape,))
        self._c = c

    @classmethod
    def _wrap(cls, coefficients):
        """A TaylorArray holding ``coefficients`` itself (a float64 array that nothing else
        holds; made C-contiguous where it is not)."""
        out = object.__new__(cls)
        out._c = np.ascontiguousarray(coefficients, dtype=_FLOAT)
        if not out._c.flags.writeable:
            out._c = out._c.copy()
        return out

    @classmethod
    def variable(cls, x, order, direction=1.0):
        """The series x + direction t of the given order: coefficients [x, direction, 0,
        ...], direction broadcast to x's shape."""
        order = _order(order)
        x = _real(x, "x")
        c = np.zeros((order + 1,) + x.shape)
        c[0] = x
        direction = np.broadcast_to(_real(direction, "direction"), x.shape)
        if order >= 1:
            c[1] = direction
        return cls._wrap(c)

    @classmethod
    def constant(cls, x, order):
        """The constant series x of the given order: coefficients [x, 0, ...]."""
        order = _order(order)
        x = _real(x, "x")
        c = np.zeros((order + 1,) + x.shape)
        c[0] = x
        return cls._wrap(c)

    # ---- shape and coefficients ----
    @property
    def order(self):
        """d, the highest coefficient's index."""
        return self._c.shape[0] - 1

    @property
    def shape(self):
        return self._c.shape[1:]

    @property
    def ndim(self):
        return self._c.ndim - 1

    @property
    def size(self):
        return math.prod(self._c.shape[1:])

    @property
    def dtype(self):
        """The dtype of the coefficients: float64."""
        return self._c.dtype

    @property
    def coefficients(self):
        """The coefficients, shape (order + 1,) + shape: a read-only view."""
        view = self._c.view()
        view.flags.writeable = False
        return view

    @property
    def real(self):
        """The values (coefficient 0), shape S: a read-only view."""
        return self.coefficients[0, ...]

    def derivatives(self):
        """The derivatives k! t_k for k = 0..order, shape (order + 1,) + shape (inf where
        k! overflows, beyond k = 170)."""
        with np.errstate(over="ignore"):
            factorials = np.cumprod(np.maximum(np.arange(self.order + 1, dtype=_FLOAT), 1.0))
        return self._c * factorials.reshape((-1,) + (1,) * self.ndim)

    def __len__(self):
        if self.ndim == 0:
            raise TypeError("len() of a 0-d TaylorArray")
        return self._c.shape[1]


    def copy(self, order="C"):
        """A copy (its coefficients C-contiguous whatever ``order``: the kernels' layout)."""
        return self._wrap(self._c.copy())

    def __copy__(self):
        return self.copy()

    def __deepcopy__(self, memo):
        return self.copy()

    def __reduce__(self):
        return (TaylorArray, (np.array(self._c),))

    # the ndarray methods that are NumPy functions, with NumPy's arguments
    sum, mean, prod = _method(np.sum), _method(np.mean), _method(np.prod)
    cumsum, ravel, squeeze = _method(np.cumsum), _method(np.ravel), _method(np.squeeze)
    dot, take, clip = _method(np.dot), _method(np.take), _method(np.clip)
    var, std, cumprod = _method(np.var), _method(np.std), _method(np.cumprod)
    max, min, argmax, argmin = _method(np.max), _method(np.min), _method(np.argmax), \
        _method(np.argmin)
    argsort, searchsorted, nonzero = _method(np.argsort), _method(np.searchsorted), \
        _method(np.nonzero)
    ptp, trace, diagonal = _method(np.ptp), _method(np.trace), _method(np.diagonal)
    swapaxes, repeat, round = _method(np.swapaxes), _method(np.repeat), _method(np.round)

    def flatten(self, order="C"):
        """A copy in one axis, as ndarray.flatten."""
        return np.ravel(self, order)

    def sort(self, axis=-1, kind=None, order=None, *, stable=None):
        """Sort in place along ``axis``, as ndarray.sort: numpy.sort written back."""
        self[...] = np.sort(self, axis=axis, kind=kind, order=order, stable=stable)

    def item(self, *args):
        """One element as a scalar Taylor, as ndarray.item (no argument for an array of
        one element, a flat index, or one index per axis)."""
        index = np.arange(self.size).reshape(self.shape).item(*args)
        return self._wrap(self._c.reshape(self.order + 1, -1)[:, index])._element()

    def tolist(self):
        """The elements as nested lists of scalar Taylor series (a scalar Taylor for a 0-d
        array), as ndarray.tolist."""
        if self.ndim == 0:
            return self._element()
        return [x.tolist() if isinstance(x, TaylorArray) else x for x in self]

    # ---- the parts of the array layer (dualnum.arrays): coefficient k is part k, of the
    # array's shape and no direction axes, so that the layer's functions that only move,
    # pick or sum elements part by part (moving, sorting, reductions) serve Taylor arrays ----
    _directional = False

    @property
    def _parts(self):
        return tuple(self._c)

    @property
    def _dir_ndim(self):
        return (0,) * (self.order + 1)

    def _with_parts(self, parts):
        """A Taylor array of the coefficient arrays ``parts`` (one shape)."""
        return self._wrap(np.stack(parts))

    def _map(self, fn):
        """fn(coefficient array, 0) applied to every coefficient array."""
        return self._with_parts([fn(p, 0) for p in self._parts])

    # ---- indexing: the key applies to the shape, to every coefficient alike ----
    def _moved(self):
        """The coefficients with their axis last (a view): an index of S applies to it as
        to an array of shape S, advanced indices included."""
        return np.moveaxis(self._c, 0, -1)

    def __getitem__(self, key):
        key = expand_key(_plain_key(key), self.ndim) + (Ellipsis,)
        out = self._wrap(np.moveaxis(self._moved()[key], -1, 0))
        return out._element() if out.ndim == 0 else out

    def _element(self):
        """A 0-d array as the scalar Taylor type, where there is one."""
        return self if SCALAR is None else SCALAR(self._c.copy())

    def __setitem__(self, key, value):
        """x[key] = value: a TaylorArray (or scalar Taylor) of this order, or a constant
        (number, float array), broadcast as NumPy does."""
        key = expand_key(_plain_key(key), self.ndim) + (Ellipsis,)
        series = operand(value)
        if isinstance(series, TaylorArray):
            if series.order != self.order:
                raise orders_differ(self.order, series.order)
            c = series._c
        else:
            c = np.zeros((self.order + 1,) + series.shape)
            c[0] = series
        self._moved()[key] = np.moveaxis(c, 0, -1)

    def __iter__(self):
        for i in range(len(self)):
            yield self[i]

    # ---- operators: the implementations registered for NumPy's ufuncs; the common cases
    # (a series of this shape and order, a Python number) here first, with the same bits ----
    def _same_layout(self, other):
        return type(other) is TaylorArray and other._c.shape == self._c.shape

    def __add__(self, other):
        if self._same_layout(other):
            return _fresh(self._c + other._c)
        if type(other) is float or type(other) is int:
            c = self._c.copy()
            c[0] += other
            return _fresh(c)
        return _UFUNCS[np.add](self, other)

    def __sub__(self, other):
        if self._same_layout(other):
            return _fresh(self._c - other._c)
        if type(other) is float or type(other) is int:
            c = self._c.copy()
            c[0] -= other
            return _fresh(c)
        return _UFUNCS[np.subtract](self, other)

    def __mul__(self, other):
        if self._same_layout(other):
            return _fresh(product(self._c, other._c))
        if type(other) is float or type(other) is int:
            return _fresh(self._c * other)
        return _UFUNCS[np.multiply](self, other)

    def __truediv__(self, other):
        if self._same_layout(other):
            return _fresh(quotient(self._c, other._c))
        if type(other) is float or type(other) is int:
            return _fresh(self._c / other)
        return _UFUNCS[np.divide](self, other)

    __radd__, __rsub__ = _ufunc(np.add, True), _ufunc(np.subtract, True)
    __rmul__, __rtruediv__ = _ufunc(np.multiply, True), _ufunc(np.divide, True)
    __matmul__, __rmatmul__ = _ufunc(np.matmul), _ufunc(np.matmul, True)
    __lt__, __le__ = _ufunc(np.less), _ufunc(np.less_equal)
    __gt__, __ge__ = _ufunc(np.greater), _ufunc(np.greater_equal)
    __eq__, __ne__ = _ufunc(np.equal), _ufunc(np.not_equal)

    __floordiv__, __rfloordiv__ = _ufunc(np.floor_divide), _ufunc(np.floor_divide, True)
    __mod__, __rmod__ = _ufunc(np.remainder), _ufunc(np.remainder, True)
    __divmod__, __rdivmod__ = _ufunc(np.divmod), _ufunc(np.divmod, True)

    def __pow__(self, other, mod=None):
        if mod is not None:
            raise TypeError("pow() with a modulus is not defined for Taylor arrays")
        return _UFUNCS[np.power](self, other)

    def __rpow__(self, other, mod=None):
        return _UFUNCS[np.power](other, self)

    def __neg__(self):
        return self._wrap(-self._c)

    def __pos__(self):
        return self.copy()

    def __abs__(self):
        return _UFUNCS[np.absolute](self)

    __iadd__, __isub__ = _in_place(operator.add), _in_place(operator.sub)
    __imul__, __itruediv__ = _in_place(operator.mul), _in_place(operator.truediv)
    __ipow__, __imatmul__ = _in_place(operator.pow), _in_place(operator.matmul)
    __ifloordiv__, __imod__ = _in_place(operator.floordiv), _in_place(operator.mod)

    # ---- NumPy's protocols ----
    def __array_ufunc__(self, ufunc, method, *inputs, **kwargs):
        """NEP 13: the implementation registered for ufunc (dualnum.series.elementwise), or
        a TypeError naming it; NotImplemented for operands of types it does not know."""
        if any(_foreign(x) for x in inputs + tuple(kwargs.get("out", ()))):
            return NotImplemented
        if method == "__call__" and not kwargs:
            call = _UFUNCS.get(ufunc)
            if call is not None:
                return call(*inputs)
        return FAMILY.array_ufunc(ufunc, method, inputs, kwargs)

    def __array_function__(self, func, types, args, kwargs):
        """NEP 18: the implementation registered for func (dualnum.series.linear,
        products), or a TypeError naming it."""
        return FAMILY.array_function(func, types, args, kwargs, self)

    # ---- conversions that would drop the coefficients ----
    def _refuse_conversion(self, target):
        raise TypeError(
            "cannot convert a TaylorArray to %s: that would drop its Taylor coefficients; "
            "use .real for the values, .coefficients (or .derivatives()) for the series"
            % target)

    def __array__(self, dtype=None, copy=None):
        """An object array of scalar Taylor numbers, as the dual arrays give: the slow but
        exact path of code that calls ``np.asarray`` on its input (scipy.optimize.rosen);
        any other dtype, and the SciPy functions that cannot run on objects
        (dualnum.arrays._registry.caller_refusal), are refused with a TypeError."""
        return _registry.object_array(self, dtype, self._scalars)

    def _scalars(self):
        """The elements as scalar Taylor numbers, in C order (np.asarray)."""
        if SCALAR is None:
            self._refuse_conversion("an ndarray")
        flat = self._c.reshape(len(self._c), -1)
        return [SCALAR(flat[:, i].copy()) for i in range(flat.shape[1])]

    def __bool__(self):
        if self.size != 1:
            raise ValueError("the truth value of a TaylorArray with more than one element is "
                             "ambiguous (it reads coefficient 0: use .real.any()/.all())")
        return bool(self._c[0].reshape(-1)[0])

    def astype(self, dtype, order="K", casting="unsafe", subok=True, copy=True):
        """A copy, as ndarray.astype, for dtype float64, the coefficients' own; any other
        dtype is refused with a TypeError (``x.real.astype(dtype)`` converts the values)."""
        if np.dtype(dtype) != _FLOAT:
            raise TypeError("TaylorArray.astype does not take dtype=%s: the coefficients of a "
                            "Taylor array are float64, and another dtype would round or drop "
                            "them (x.real.astype(...) converts the values alone)"
                            % np.dtype(dtype))
        return self.copy() if copy else self

    def __repr__(self):
        head = type(self).__name__ + "("
        return head + np.array2string(self._c, separator=", ", prefix=head) + ")"


FAMILY.accepts(TaylorArray, *(() if SCALAR is None else (SCALAR,)))


def _scalar_beside_arrays(ufunc, method, inputs, kwargs):
    """A ufunc of a scalar Taylor beside real arrays: as of a 0-d Taylor array (a scalar
    Taylor where the result is 0-d)."""
    inputs = [operand(x) for x in inputs]
    series = next(x for x in inputs if isinstance(x, TaylorArray))
    result = series.__array_ufunc__(ufunc, method, *inputs, **kwargs)
    if isinstance(result, TaylorArray) and result.ndim == 0:
        return result._element()
    return result


def _scalar_operand(value):
    """A scalar Taylor as a 0-d Taylor array, a list or tuple as a list of operands (its
    scalar Taylor series so); anything else as it is."""
    if SCALAR is not None and isinstance(value, SCALAR):
        return operand(value)
    if isinstance(value, (list, tuple)) and not _holds_scalars(value):
        return type(value)(_scalar_operand(v) for v in value)
    return operand(value) if _holds_scalars(value) else value


def _scalar_function(func, types, args, kwargs):
    """NumPy function ``func`` (NEP 18) with scalar Taylor series among its arguments, as
    the Taylor arrays implement it on 0-d arrays: a scalar Taylor where the result is 0-d."""
    if any(issubclass(t, TaylorArray) for t in types):
        return NotImplemented
    args = [_scalar_operand(a) for a in args]
    kwargs = {k: _scalar_operand(v) for k, v in kwargs.items()}
    result = FAMILY.array_function(func, (TaylorArray,), args, kwargs)
    if isinstance(result, TaylorArray) and result.ndim == 0:
        return result._element()
    return result


if SCALAR is not None:
    _taylor.register_taylor_array_ufunc(_scalar_beside_arrays, _scalar_function)


def _fresh(c):
    """A TaylorArray holding ``c``, a new C-contiguous float64 array (no checks)."""
    out = object.__new__(TaylorArray)
    out._c = c
    return out


def _order(order):
    """order as a non-negative int (TypeError, ValueError otherwise)."""
    if isinstance(order, bool) or not isinstance(order, (int, np.integer)):
        raise TypeError("a Taylor order is a non-negative int, not %r" % (order,))
    order = operator.index(order)
    if order < 0:
        raise ValueError("a Taylor order is 0 or more, not %d" % order)
    return order


def _real(value, name):
    """A constant as a float64 array; TypeError for complex numbers, text, objects."""
    if isinstance(value, TaylorArray) or (SCALAR is not None and isinstance(value, SCALAR)):
        raise TypeError("%s is a constant (numbers or a float array), not a Taylor series"
                        % name)
    array = np.asarray(value)
    if array.dtype.kind not in "biuf":
        raise TypeError("%s must be real numbers, not %s (dtype %s)"
                        % (name, type(value).__name__, array.dtype))
    return array.astype(_FLOAT, copy=False)


def _plain_key(key):
    if isinstance(key, TaylorArray) or (SCALAR is not None and isinstance(key, SCALAR)):
        raise IndexError("Taylor arrays cannot be used as indices (compare .real for a mask)")
    return key


def _foreign(value):
    """value is of a type with NumPy protocols of its own that Taylor arrays do not take
    (dual arrays, scalar duals, other libraries' arrays): NotImplemented for it."""
    if isinstance(value, (TaylorArray, np.ndarray, np.generic)) or \
            (SCALAR is not None and isinstance(value, SCALAR)):
        return False
    return hasattr(value, "__array_ufunc__") or hasattr(value, "__array_function__")


def _holds_scalars(value):
    """value is a (nested) list, tuple or object array that holds scalar Taylor series."""
    if SCALAR is None or not (isinstance(value, (list, tuple)) or (
            isinstance(value, np.ndarray) and value.dtype == object)):
        return False
    try:
        items = np.asarray(value, dtype=object)
    except ValueError:  # ragged
        return False
    return any(isinstance(v, SCALAR) for v in items.reshape(-1))


def _from_scalars(value):
    """The coefficients of a (nested) sequence of scalar Taylor series of one order and
    numbers (constant series)."""
    items = np.asarray(value, dtype=object)
    flat = items.reshape(-1)
    orders = {v.order for v in flat if isinstance(v, SCALAR)}
    if len(orders) > 1:
        raise orders_differ(min(orders), max(orders))
    order = orders.pop()
    c = np.zeros((order + 1, flat.size))
    for i, v in enumerate(flat):
        if isinstance(v, SCALAR):
            c[:, i] = v.coefficients
        else:
            c[0, i] = _real(v, "an element")
    return c.reshape((order + 1,) + items.shape)


def operand(value):
    """A TaylorArray for a Taylor operand (a scalar Taylor becomes a 0-d array, a sequence
    holding scalar Taylor series an array of them), else the constant as a float64 array
    (TypeError for what is not real numbers)."""
    if isinstance(value, TaylorArray):
        return value
    if SCALAR is not None and isinstance(value, SCALAR):
        return TaylorArray._wrap(np.array(value.coefficients, dtype=_FLOAT))
    if _holds_scalars(value):
        return TaylorArray._wrap(_from_scalars(value))
    if _foreign(value):
        raise TypeError("Taylor arrays do not combine with %s" % type(value).__name__)
    return _real(value, "a constant operand")


def common_order(*operands):
    """The one order of the Taylor operands (ValueError naming two that differ)."""
    orders = {x.order for x in operands if isinstance(x, TaylorArray)}
    if len(orders) > 1:
        raise orders_differ(min(orders), max(orders))
    return orders.pop()
