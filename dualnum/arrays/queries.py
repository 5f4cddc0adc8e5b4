"""NumPy functions whose results hold no derivative parts: integer and boolean results
(positions, orders, counts, tests of values), computed on the real parts as NumPy computes
them on float arrays; types and memory; text; and the functions dual arrays refuse (files,
dates, bits, structured arrays), each with the reason.
"""
import inspect

import numpy as np
import numpy.lib.recfunctions as recfunctions

from ._registry import implements, refuses
from ._storage import ArrayBase
from ._util import holds_parts
from .moving import real_of

# the functions of integer or boolean results (and of types): NumPy's own on the real parts
ON_THE_REAL_PARTS = (
    np.argsort, np.argpartition, np.lexsort, np.searchsorted, np.digitize, np.argwhere,
    np.nonzero, np.flatnonzero, np.count_nonzero, np.isin, np.isclose, np.allclose,
    np.array_equal, np.array_equiv, np.all, np.any, np.diag_indices_from,
    np.tril_indices_from, np.triu_indices_from, np.ravel_multi_index, np.unravel_index,
    np.min_scalar_type, np.result_type, np.can_cast, np.common_type)


def _on_the_real_parts(func):
    """func with every dual argument (also in a list or tuple) replaced by its real parts;
    out= (of all and any) takes an ndarray of the result's type."""
    def apply(*args, **kwargs):
        if holds_parts(kwargs.get("out")):
            raise TypeError("numpy.%s gives booleans or integers: out= takes an ndarray, "
                            "not a dual array" % func.__name__)
        return func(*[real_of(a) for a in args], **{k: v if k == "out" else real_of(v)
                                                     for k, v in kwargs.items()})
    implements(func)(apply)


for _func in ON_THE_REAL_PARTS:
    _on_the_real_parts(_func)


def _parts(x):
    return x._parts if isinstance(x, ArrayBase) else (x,)


def _sharing(func, default):
    """shares_memory and may_share_memory: whether a part of a shares memory with one of b."""
    def apply(a, b, /, max_work=default):
        return any(func(p, q, max_work=max_work) for p in _parts(a) for q in _parts(b))
    implements(func)(apply)


_sharing(np.shares_memory, -1)
_sharing(np.may_share_memory, 0)


@implements(np.array2string)
def _array2string(a, *args, **kwargs):
    """Each part as NumPy writes an array (with every option of array2string), named."""
    return ", ".join("%s=%s" % (name, np.array2string(a._public(i), *args, **kwargs))
                     for i, name in enumerate(a._names))


def _printed(func):
    """array_repr and array_str: repr of the dual array under NumPy's print options."""
    signature = inspect.signature(func)
    names = {"max_line_width": "linewidth", "precision": "precision",
             "suppress_small": "suppress"}

    def apply(*args, **kwargs):
        given = signature.bind(*args, **kwargs).arguments
        a = given.pop(next(iter(signature.parameters)))
        with np.printoptions(**{names[k]: v for k, v in given.items() if v is not None}):
            return repr(a)
    implements(func)(apply)


for _func in (np.array_repr, np.array_str):
    _printed(_func)


refuses("files and buffers hold plain numbers, not derivative parts: save or load the parts "
        "(x.real, x.dual, ...) as ndarrays", np.save, np.savetxt, np.savez,
        np.savez_compressed, np.loadtxt, np.genfromtxt, np.fromfile, np.frombuffer,
        np.fromiter, np.fromstring)
refuses("dates are not real numbers: they have no derivatives", np.busday_count,
        np.busday_offset, np.is_busday, np.datetime_as_string)
refuses("it acts on the bits of integers, which have no derivatives", np.packbits,
        np.unpackbits)
refuses("not for dual arrays: count the real parts (x.real), or use np.histogram, whose "
        "dual weights are counted part by part", np.histogram2d, np.histogramdd)
refuses("structured arrays (named fields) cannot hold dual numbers",
        *[getattr(recfunctions, name) for name in (
            "append_fields", "apply_along_fields", "assign_fields_by_name", "drop_fields",
            "find_duplicates", "join_by", "merge_arrays", "rec_append_fields",
            "rec_drop_fields", "rec_join", "recursive_fill_fields", "rename_fields",
            "repack_fields", "require_fields", "stack_arrays", "structured_to_unstructured",
            "unstructured_to_structured")])
