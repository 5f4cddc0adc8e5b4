"""The base of the array layer: what dual arrays do with NumPy's ufuncs and functions.

Three tables, filled by the modules above as they are imported (``dualnum/arrays/__init__.py``
shows the order), and the two dispatchers of NumPy's protocols that read them:

* ``UFUNCS``: ufunc -> implementation of ``ufunc(*inputs)`` (NEP 13);
* ``REDUCTIONS``: (ufunc, "reduce", "accumulate", "at" or "reduceat") -> implementation
  (``ufunc.outer`` is the ufunc's own implementation on broadcast operands);
* ``HANDLED_FUNCTIONS``: NumPy function -> implementation (NEP 18), filled by
  :func:`implements`;
* ``REFUSED``: NumPy function or ufunc -> why dual arrays refuse it (not differentiable,
  complex, text, ...), filled by :func:`refuses`.

Anything not in a table raises a TypeError that names it: never a silent fall-back that
drops the derivative parts; a refused one says why. This module imports nothing from dualnum
but the text of one refusal, shared with the scalar types.

The module-level tables and functions are those of the dual arrays (``DUAL``). Another
family of array types (the Taylor arrays of dualnum.series) has tables of its own in a
:class:`Family`, whose methods are these dispatchers with its tables and its words.
"""
import sys

import numpy as np

from .._scalar import FLOAT_BUFFER  # what a float buffer's refusals say

HANDLED_FUNCTIONS = {}
UFUNCS = {}
REDUCTIONS = {}
REFUSED = {}
# The functions that NumPy hands to dual arrays only through like= (NEP 35: numpy.zeros(3,
# like=x)); NumPy passes no argument for like, so the dispatchers pass it as like=.
LIKE = set()

# The one-operand ufuncs whose rule's kernel dual arrays call directly (src/_storage.pyx):
# ufunc -> (rule name, the size from which the rule's NumPy twin is taken instead, the size
# from which a plain array takes its vector loop), and the functions that find a rule's
# kernel and vector loop for an array type (direct_kernel(cls, name, unit),
# vector_kernel(cls, name, unit); unit: the loop of a unit seed), all given by
# dualnum.arrays.elementwise.
DIRECT = {}
direct_kernel = None
vector_kernel = None
# The read-only ones and zeros that the API's seeds view (dualnum.arrays._util.ONES, ZEROS,
# given by dualnum.arrays.elementwise): a rule on an array whose parts view them takes its
# unit loop.
UNIT_SEEDS = (None, None)

# Ufuncs of modules that are optional at run time (scipy.special): module name ->
# {attribute: implementation}, moved into UFUNCS once the module has been imported.
_OPTIONAL_UFUNCS = {}

# The operand types the implementations accept besides ndarray (dual arrays, scalar duals);
# NEP 18 asks others (another library's arrays) to be answered with NotImplemented.
_OPERAND_TYPES = [np.ndarray]


class Family:
    """The tables of one family of array types, the words its messages use, and the NEP 13
    and NEP 18 dispatchers that read them.

    ``noun``: the arrays in messages ("dual arrays"); ``one``: one of them ("a dual array");
    ``parts``: what they hold ("parts": "the parts of a dual array are float64");
    ``no_rule``: why a ufunc without an implementation is refused; ``unhandled``: why a NumPy
    function without one is; ``gufuncs``: which generalized ufuncs it takes (for axes=);
    ``lay_out(result, order, inputs)``: a result laid out as order= asks; ``cannot_hold``
    (target, result, name): the refusal of out= a target that cannot hold the result, or
    None."""

    def __init__(self, noun, one, parts, no_rule, unhandled, gufuncs, *, handled=None,
                 ufuncs=None, reductions=None, refused=None, like=None, operand_types=None,
                 optional=None, lay_out=None, cannot_hold=None):
        self.noun, self.one, self.parts = noun, one, parts
        self.no_rule, self.unhandled, self.gufuncs = no_rule, unhandled, gufuncs
        self.handled = {} if handled is None else handled
        self.ufuncs = {} if ufuncs is None else ufuncs
        self.reductions = {} if reductions is None else reductions
        self.refused = {} if refused is None else refused
        self.like = set() if like is None else like
        self.operand_types = [np.ndarray] if operand_types is None else operand_types
        self.optional = {} if optional is None else optional
        self.lay_out = lay_out
        self.cannot_hold = cannot_hold

    def implements(self, *functions):
        """Register a NEP 18 implementation for NumPy functions."""
        def register(impl):
            for f in functions:
                self.handled[f] = impl
            return impl
        return register

    def implements_like(self, *functions):
        """Register a NEP 35 implementation: it takes the keyword like= (the array, or the
        type of the scalar, whose __array_function__ NumPy called)."""
        self.like.update(functions)
        return self.implements(*functions)

    def refuses(self, why, *functions):
        """Refuse NumPy functions or ufuncs with a TypeError that says ``why`` (a clause that
        completes "numpy.NAME is not supported on <noun>: ..."). A function may be given by
        its qualified name ("numpy.strings.center"): the modules NumPy imports on first use
        (numpy.strings, numpy.fft) need not be imported to refuse theirs."""
        for f in functions:
            self.refused[f] = why

    def refusal(self, name, func, default):
        """The TypeError message for an unsupported function or ufunc."""
        return "%s is not supported on %s: %s" % (
            name, self.noun, self.refused.get(func) or self.refused.get(name, default))

    def implements_ufunc(self, *ufuncs):
        """Register the implementation of ``ufunc(*inputs)``."""
        def register(impl):
            for u in ufuncs:
                self.ufuncs[u] = impl
            return impl
        return register

    def implements_optional_ufuncs(self, module, impls):
        """Register implementations for ufuncs of an optional module, by attribute name; they
        take effect once that module has been imported (by the user's code)."""
        self.optional.setdefault(module, {}).update(impls)

    def implements_reduction(self, ufunc, method):
        """Register ``ufunc.reduce(x, axis, **keywords)`` (keepdims=, initial=, where=) or
        ``ufunc.accumulate(x, axis)``."""
        def register(impl):
            self.reductions[ufunc, method] = impl
            return impl
        return register

    def accepts(self, *types):
        """Declare types that the implementations take as operands."""
        self.operand_types.extend(types)

    def ufunc_call(self, ufunc):
        """The implementation of ``ufunc(...)``, or None."""
        call = self.ufuncs.get(ufunc)
        if call is None:
            for name in [m for m in self.optional if m in sys.modules]:
                module = sys.modules[name]
                self.ufuncs.update({getattr(module, attr): impl
                                    for attr, impl in self.optional.pop(name).items()})
            call = self.ufuncs.get(ufunc)
        return call

    def method_call(self, ufunc, method):
        """The implementation of ``ufunc.method`` (outer: the ufunc's), or None."""
        if method in ("__call__", "outer"):
            return self.ufunc_call(ufunc)
        return self.reductions.get((ufunc, method))

    def array_ufunc(self, ufunc, method, inputs, kwargs):
        """NEP 13: apply ``ufunc`` (or its reduce/accumulate) to the arrays exactly. Every
        keyword NumPy's ufunc call takes is honoured or refused with a TypeError that names
        it and its value: ``out=``, ``where=``, ``dtype=`` float64 (the parts' type),
        ``casting='same_kind'`` (every operand becomes float64 so), ``order=`` (the layout
        of every part), ``subok=`` (a result is no ndarray subclass to keep or drop),
        ``signature=`` naming the float64 loop; reduce also takes ``axis=``, ``keepdims=``,
        ``initial=`` and ``where=`` (numpy.sum, prod, max and min's), accumulate
        ``axis=``."""
        name = _ufunc_name(ufunc)
        out = kwargs.pop("out", None)
        _float64_only(name, kwargs.pop("dtype", None), self)
        if method == "outer":
            inputs, method = _outer_operands(ufunc, inputs), "__call__"
        if method == "__call__":
            order = _call_keywords(ufunc, name, kwargs, self)
            where = kwargs.pop("where", True)
            call = self.ufunc_call(ufunc)
            if call is None:
                raise TypeError(self.refusal(name, ufunc, self.no_rule))
            result = call(*inputs)
            return _store(result if out is not None else self.lay_out(result, order, inputs),
                          out, where, ufunc, self)
        if (ufunc, method) not in self.reductions:
            raise TypeError(_method_refusal(name, ufunc, method, self))
        if method in ("at", "reduceat"):  # (a, indices, b) and (a, indices, axis=)
            return _store(self.reductions[ufunc, method](*inputs, **kwargs), out, True, ufunc,
                          self)
        (x,) = inputs
        return _store(self.reductions[ufunc, method](x, kwargs.pop("axis", 0), **kwargs),
                      out, True, ufunc, self)

    def array_function(self, func, types, args, kwargs, like=None):
        """NEP 18: the registered implementation of ``func``, NotImplemented for operand
        types the family does not know, or a TypeError naming an unhandled function.
        ``like``: the array whose __array_function__ NumPy called, for the functions of
        NEP 35 (a scalar's type stands for a scalar, whose entry does not pass it)."""
        impl = self.handled.get(func)
        if impl is None:
            raise TypeError(self.refusal(
                "%s.%s" % (getattr(func, "__module__", "numpy"), func.__name__), func,
                self.unhandled))
        if not all(issubclass(t, tuple(self.operand_types)) for t in types):
            return NotImplemented
        if func in self.like:
            return impl(*args, like=types[0] if like is None else like, **kwargs)
        return impl(*args, **kwargs)


def _outer_operands(ufunc, inputs):
    """NumPy's definition of ``ufunc.outer(a, b)``: the ufunc of a with one length-1 axis
    appended per axis of b, and b (broadcast to a.shape + b.shape); NumPy's errors for a
    ufunc that is not binary or has a core signature."""
    if ufunc.signature is not None:
        raise TypeError("method outer is not allowed in ufunc with non-trivial signature")
    if ufunc.nin != 2:
        raise ValueError("outer product only supported for binary functions")
    a, b = inputs
    return np.reshape(a, np.shape(a) + (1,) * np.ndim(b)), b


# the fixes for the methods dual arrays refuse (NAME: the ufunc, as numpy.NAME)
_METHOD_FIXES = {
    "reduce": "reduce along the axis with the ufunc itself: functools.reduce(NAME, x) "
              "along the first axis (np.moveaxis(x, axis, 0) first)",
    "accumulate": "accumulate with the ufunc itself in a loop (out[i] = NAME(out[i - 1], "
                  "x[i]))",
    "at": "write the loop, whose repeated indices then apply in turn (for i, v in "
          "zip(indices, values): a[i] = NAME(a[i], v)); a product of positive factors is "
          "np.exp of np.add.at on their logarithms",
    "reduceat": "reduce each slice: [NAME.reduce(x[i:j]) for i, j in zip(indices, "
                "list(indices[1:]) + [len(x)])]",
}


def _method_refusal(name, ufunc, method, family):
    """The TypeError message of ``ufunc.method`` on the family's arrays: the ufunc's own
    refusal where it has one, else which ufuncs take the method and the loop to write."""
    if ufunc in family.refused:
        return family.refusal(name, ufunc, None)
    taking = sorted(u.__name__ for u, m in family.reductions if m == method)
    return "%s.%s is not supported on %s: %s takes %s%s; %s" % (
        name, method, family.noun, method, family.noun,
        " only with " + ", ".join(taking) if taking else " with no ufunc",
        _METHOD_FIXES.get(method, "apply the ufunc in a loop").replace("NAME", name))


def _ufunc_refusal(name, keyword, value, why, family):
    """The TypeError for ``keyword=value`` (a text: as written) of a ufunc call."""
    return TypeError("%s on %s does not take %s=%s: %s" % (name, family.noun, keyword, value,
                                                           why))


def _float64_only(name, dtype, family):
    """dtype= of a ufunc: None or float64, the type of every part."""
    if dtype is not None and np.dtype(dtype) != np.float64:
        raise _ufunc_refusal(name, "dtype", np.dtype(dtype), "the %s of %s are float64 "
                             "(dtype=None or float64)" % (family.parts, family.one), family)


# order= of a ufunc call -> how it lays out every part of a new result ("A": see _laid_out)
_ORDERS = {"K": None, "C": "C", "F": "F", "A": "A"}


def _call_keywords(ufunc, name, kwargs, family):
    """Check the keywords of ``ufunc(...)`` other than out=, where= and dtype=, and return
    the layout that order= asks for (None: any)."""
    for keyword in ("axis", "axes", "keepdims"):  # only the gufuncs take them
        if keyword in kwargs:
            raise _ufunc_refusal(name, keyword, repr(kwargs[keyword]), "%s take %s without "
                                 "it" % (family.noun, family.gufuncs), family)
    casting = kwargs.pop("casting", "same_kind")
    if casting != "same_kind":
        raise _ufunc_refusal(name, "casting", repr(casting), "every operand becomes float64 "
                             "as under casting='same_kind', the default", family)
    order = kwargs.pop("order", "K")
    if order not in _ORDERS:
        raise _ufunc_refusal(name, "order", repr(order), "order= is one of 'K', 'C', 'F', 'A'",
                             family)
    kwargs.pop("subok", True)  # a result of the family is no ndarray subclass: both alike
    signature = kwargs.pop("signature", None)
    if signature is not None and not _float64_loop(ufunc, signature):
        raise _ufunc_refusal(name, "signature", repr(signature), "%s run the float64 loop "
                             "(signature=None, or one that names it, such as 'dd->d')"
                             % family.noun, family)
    return _ORDERS[order]


def _float64_loop(ufunc, signature):
    """``signature`` picks the loop of float64 operands that dual arrays follow."""
    given = (np.dtype(np.float64),) * ufunc.nin + (None,) * ufunc.nout
    try:
        return ufunc.resolve_dtypes(given, signature=signature) == ufunc.resolve_dtypes(given)
    except (TypeError, ValueError):
        return False


def _laid_out(result, order, inputs):
    """``result`` with every part laid out in ``order`` ("C" or "F"; "A": "F" where every
    array operand's real part is Fortran-contiguous, else "C"; None: as computed)."""
    if order is None:
        return result
    if isinstance(result, tuple):
        return tuple(_laid_out(r, order, inputs) for r in result)
    if order == "A":
        reals = [getattr(a, "_parts", (a,))[0] for a in inputs]
        order = "F" if all(r.flags.f_contiguous for r in reals
                           if isinstance(r, np.ndarray)) else "C"
    if isinstance(result, np.ndarray):
        return np.asarray(result, order=order)
    parts = getattr(result, "_parts", None)
    if parts is None:  # a NumPy scalar: no layout
        return result
    return result._with_parts([np.asarray(p, order=order) for p in parts])


def _ufunc_name(ufunc):
    """numpy.NAME or scipy.special.NAME, as the user called it; else the ufunc's name."""
    name = ufunc.__name__
    for module in ("numpy", "scipy.special"):
        if getattr(sys.modules.get(module), name, None) is ufunc:
            return "%s.%s" % (module, name)
    return "the ufunc " + name


def _store(result, out, where, ufunc, family):
    """The ufunc's result written into ``out`` where ``where`` holds; for a ufunc with
    several results (divmod, modf, frexp), each into its own ``out`` (None: a new one)."""
    if isinstance(result, tuple):
        outs = (None,) * len(result) if out is None else out
        return tuple(_store(r, None if o is None else (o,), where, ufunc, family)
                     for r, o in zip(result, outs))
    if out is None:
        if where is not True:
            raise TypeError("where= on %s needs out= (the elements it skips)" % family.noun)
        return result
    (target,) = out
    refusal = family.cannot_hold(target, result, _ufunc_name(ufunc))
    if refusal is not None:
        raise TypeError(refusal)
    if where is True:
        target[...] = result
    else:
        mask = np.broadcast_to(where, target.shape)
        target[mask] = np.broadcast_to(result, target.shape)[mask]
    return target


def _calling_function():
    """The refusal of the NumPy function that ran the ufunc with out= an ndarray (the first
    frame outside dualnum), where one is registered by a callable (``refuses_caller``: NumPy's
    norm of an ndarray with a dual ord, which its dispatcher does not ask dualnum about);
    else None."""
    frame = sys._getframe(1)
    while frame is not None and frame.f_globals.get("__name__", "").startswith("dualnum"):
        frame = frame.f_back
    why = frame and CALLERS.get((frame.f_globals.get("__name__"), frame.f_code.co_name))
    return why(frame.f_locals) if callable(why) else None


def write_out(name, result, out):
    """``result`` of numpy.NAME written into ``out`` (its out= keyword), which is returned;
    out must have the result's shape (ValueError) and, for a dual result, be a dual array
    (TypeError)."""
    if out is None:
        return result
    if _cannot_hold(out, result):
        raise TypeError("numpy.%s with out= a %s ndarray: %s" % (name, out.dtype, FLOAT_BUFFER))
    shape = getattr(result, "shape", ())
    if np.shape(out) != shape:
        raise ValueError("numpy.%s: out= has shape %s, the result %s"
                         % (name, np.shape(out), shape))
    out[...] = result
    return out


def _cannot_hold(target, result):
    """A dual result (neither an ndarray nor a NumPy scalar) cannot go into an ndarray of
    numbers (an object ndarray holds scalar duals)."""
    return isinstance(target, np.ndarray) and target.dtype != object \
        and not isinstance(result, (np.ndarray, np.generic))


def _dual_out_refusal(target, result, name):
    """Why out= ``target`` cannot hold the dual ``result`` of the ufunc ``name``, or None."""
    if not _cannot_hold(target, result):
        return None
    return _calling_function() or "%s with out= a %s ndarray (acc += x on an ndarray acc " \
        "calls it with out=acc): %s" % (name, target.dtype, FLOAT_BUFFER)


# The dual arrays' family: the module-level tables, and its functions under their names.
DUAL = Family(
    "dual arrays", "a dual array", "parts",
    "it has no derivative rule in dualnum (see dualnum.rules)",
    "it would drop or miscompute the derivative parts; see "
    "dualnum.arrays.HANDLED_FUNCTIONS for what is",
    "the gufuncs matmul, matvec, vecmat and vecdot: move the axes first, or use "
    "numpy.linalg.vecdot(x1, x2, axis=...)",
    handled=HANDLED_FUNCTIONS, ufuncs=UFUNCS, reductions=REDUCTIONS, refused=REFUSED,
    like=LIKE, operand_types=_OPERAND_TYPES, optional=_OPTIONAL_UFUNCS, lay_out=_laid_out,
    cannot_hold=_dual_out_refusal)
implements, implements_like, refuses = DUAL.implements, DUAL.implements_like, DUAL.refuses
implements_ufunc, implements_reduction = DUAL.implements_ufunc, DUAL.implements_reduction
implements_optional_ufuncs, accepts = DUAL.implements_optional_ufuncs, DUAL.accepts
ufunc_call, method_call = DUAL.ufunc_call, DUAL.method_call
array_ufunc, array_function = DUAL.array_ufunc, DUAL.array_function


def _refusal(name, func, default):
    """The TypeError message for a function or ufunc that dual arrays do not support."""
    return DUAL.refusal(name, func, default)


# Functions of other libraries (SciPy) that convert a dual array with np.asarray and then
# cannot run on the object array of scalar duals it gives (np.isfinite and np.isnan have no
# loop for objects, nor have SciPy's compiled loops): (module, function) -> why, a text or
# a function of the calling frame's local variables that returns one. Filled by
# dualnum.arrays.scipy_callers; read by the dual arrays' __array__.
CALLERS = {}

# What CALLERS holds for a caller that is answered with a 0-d object array, which it takes
# for "not an array" and answers with NotImplemented, so that Python turns to the dual
# array's reflected operator: scipy.sparse's S @ x (_spbase._matmul_dispatch).
DEFER = "defer"
# ... and for a caller that converts x only to go on with x itself, since x has a shape
# (COO's dot, which then computes S @ x): an object array of x's shape holding None, which
# would fail at once if it were computed with.
PLACEHOLDER = "placeholder"

# ... and for a helper of the caller's own module that converts x for it (scipy.signal's
# _validate_x, for sosfilt and sosfiltfilt): skipped, so that its caller answers.
HELPER = "helper"

# Modules whose frames are helpers between the caller and np.asarray: skipped.
_HELPERS = ("numpy", "scipy._lib")


def refuses_caller(module, functions, why):
    """Refuse dual arrays in ``module.function`` (each of ``functions``), which would reach
    them through np.asarray and fail or lose them there, with a TypeError that says why."""
    for name in functions:
        CALLERS[module, name] = why


def object_array(x, dtype, scalars):
    """np.asarray(x) of an array of either family, from its __array__: an object array of
    its elements as scalars (``scalars()``, a list in C order), the slow but exact path of
    code that calls np.asarray on its input; a TypeError (x._refuse_conversion) for any
    other dtype, and for the callers that cannot run on objects (caller_refusal)."""
    if dtype is not None and np.dtype(dtype) != object:
        x._refuse_conversion(np.dtype(dtype).name)
    refusal = caller_refusal(3)   # 3: past here and __array__
    if refusal is DEFER:  # S @ x: scipy.sparse returns NotImplemented for it
        return np.empty((), dtype=object)
    if refusal is PLACEHOLDER:
        return np.empty(x.shape, dtype=object)
    if refusal is not None:
        raise TypeError(refusal)
    out = np.empty(x.shape, dtype=object)
    out.reshape(-1)[...] = scalars() if x.size else []
    return out


def caller_refusal(depth=2):
    """The refusal of the function that asked for an object array (np.asarray) of a dual
    array, ``depth`` frames up from here past NumPy's and SciPy's helpers (a helper that
    has an entry, such as SciPy's batching wrapper, answers for itself); None where it
    is not refused (code that runs on object arrays, such as scipy.optimize.rosen);
    a frame whose entry is ``HELPER`` is skipped like NumPy's;
    ``DEFER`` or ``PLACEHOLDER`` where it is to be answered so (see there)."""
    frame = sys._getframe(depth)
    while frame is not None:
        why = CALLERS.get((frame.f_globals.get("__name__"), frame.f_code.co_name))
        if why is not None and why is not HELPER:
            return why(frame.f_locals) if callable(why) else why
        if why is None and not frame.f_globals.get("__name__", "").startswith(_HELPERS):
            return None
        frame = frame.f_back
    return None
