"""Every keyword of a ufunc call on dual arrays is honoured or refused by name and value.

NumPy's ufunc call takes out=, where=, axes=, axis=, keepdims=, casting=, order=, dtype=,
subok= and signature=; reduce takes axis=, dtype=, out=, keepdims=, initial=, where=. The
honoured ones are checked against the same call on NumPy object arrays of scalar duals
(arrays_support.objects), which carries the parts exactly; a refusal is a TypeError that
names the ufunc, the keyword and its value."""
import re

import numpy as np
import pytest

import dualnum as dn
from arrays_support import KINDS, SUMS, assert_duals, objects, sample

# the keywords of ufunc.__call__ (NumPy's documentation of ufuncs, "Optional keyword
# arguments"), each with the calls below that exercise it
CALL_KEYWORDS = ("out", "where", "axes", "axis", "keepdims", "casting", "order", "dtype",
                 "subok", "signature")
UFUNCS = [np.exp, np.add, np.arctan2]

# keyword -> values honoured as the call without them
HONOURED = {
    "dtype": [None, np.float64, float, "float64", "d"],
    "casting": ["same_kind"],
    "order": ["K", "C", "F", "A"],
    "subok": [True, False],
    "signature": [None, "DUAL", "d", np.float64],  # DUAL: the full float64 loop, as a tuple
}
# keyword -> (value, how the message writes it)
REFUSED = {
    "dtype": [(np.float32, "dtype=float32"), (object, "dtype=object"), (int, "dtype=int64")],
    "casting": [(c, "casting=%r" % c) for c in ("unsafe", "safe", "equiv", "no")],
    "order": [("X", "order='X'")],
    "signature": [("f", "signature='f'"), ((np.float32, None), "signature=(<class")],
}


def operands(ufunc, T):
    x = sample(T, (2, 3))
    if ufunc.nin == 1:
        return (x,)
    return (x, sample(T, (2, 3), start=-1.1, step=0.45))


def signature(ufunc, value):
    """The signature of the float64 loop: written out (DUAL, a tuple of dtypes), as a type
    string ("d": "d->d", "dd->d") or with the outputs left to NumPy (None: the tuple)."""
    if value == "DUAL":
        return (np.float64,) * (ufunc.nin + ufunc.nout)
    if value == "d":
        return "d" * ufunc.nin + "->d"
    if value is np.float64:
        return (np.float64,) * ufunc.nin + (None,)
    return value


def test_every_call_keyword_has_cases():
    covered = set(HONOURED) | set(REFUSED) | {"out", "where", "axes", "axis", "keepdims"}
    assert covered == set(CALL_KEYWORDS)


@pytest.mark.parametrize("T", KINDS)
@pytest.mark.parametrize("ufunc", UFUNCS, ids=lambda u: u.__name__)
@pytest.mark.parametrize("keyword", list(HONOURED))
def test_honoured_keywords_against_object_arrays(T, ufunc, keyword):
    args = operands(ufunc, T)
    want = ufunc(*[objects(a) for a in args])
    for value in HONOURED[keyword]:
        if keyword == "signature":
            value = signature(ufunc, value)
        assert_duals(ufunc(*args, **{keyword: value}), want, T, rtol=SUMS)


@pytest.mark.parametrize("T", KINDS)
@pytest.mark.parametrize("given, laid_out", [("C", "C"), ("F", "F")])
@pytest.mark.parametrize("order", ["C", "F", "A"])
def test_order_lays_out_every_part(T, given, laid_out, order):
    """order='C' and 'F' lay out every part so; 'A' as the operands are (F where all are)."""
    x = sample(T, (3, 4))
    if given == "F":
        x = x.copy(order="F")
    assert x.real.flags[laid_out + "_CONTIGUOUS"]
    out = np.exp(x, order=order)
    want = laid_out if order == "A" else order
    for part in out._parts:
        assert part.flags[want + "_CONTIGUOUS"], (order, part.flags)


def test_order_of_a_comparison():
    x = sample(dn.DualArray, (3, 4))
    assert np.less(x, 1.0, order="F").flags.f_contiguous
    np.testing.assert_array_equal(np.less(x, 1.0, order="F"), x.real < 1.0)


@pytest.mark.parametrize("T", KINDS)
def test_out_and_where_against_object_arrays(T):
    x, y = operands(np.add, T)
    mask = np.array([[True, False, True], [False, True, True]])
    out = sample(T, (2, 3), start=9.0)
    want = objects(out)
    np.add(objects(x), objects(y), out=want, where=mask)
    assert np.add(x, y, out=out, where=mask) is out
    assert_duals(out, want, T, rtol=SUMS)


@pytest.mark.parametrize("T", KINDS)
@pytest.mark.parametrize("ufunc", UFUNCS, ids=lambda u: u.__name__)
@pytest.mark.parametrize("keyword", list(REFUSED))
def test_refusals_name_the_keyword_and_its_value(T, ufunc, keyword):
    args = operands(ufunc, T)
    for value, written in REFUSED[keyword]:
        what = "numpy.%s on dual arrays does not take %s" % (ufunc.__name__, written)
        with pytest.raises(TypeError, match=re.escape(what)):
            ufunc(*args, **{keyword: value})


@pytest.mark.parametrize("keyword, value", [("axes", [(0,), (0,), ()]), ("axis", 0),
                                            ("keepdims", True)])
def test_gufunc_keywords_are_refused_by_name(keyword, value):
    """axes=, axis= and keepdims= exist for the gufuncs only (NumPy refuses them for the
    others itself)."""
    x = sample(dn.DualArray, (3,))
    what = "numpy.vecdot on dual arrays does not take %s=%r" % (keyword, value)
    with pytest.raises(TypeError, match=re.escape(what)):
        np.vecdot(x, x, **{keyword: value})
    with pytest.raises(TypeError, match="unexpected keyword"):  # NumPy's own refusal
        np.exp(x, **{keyword: value})


MASK = np.array([[True, False, True], [False, True, True]])


@pytest.mark.parametrize("T", KINDS)
@pytest.mark.parametrize("ufunc, initial", [(np.add, 2.5), (np.multiply, 1.5),
                                            (np.maximum, -4.0), (np.minimum, 9.0)])
@pytest.mark.parametrize("keywords", [{"axis": 1}, {"axis": 0, "keepdims": True},
                                      {"axis": 1, "initial": "I"},
                                      {"axis": 1, "where": MASK, "initial": "I"},
                                      {"axis": None, "initial": "I"},
                                      {"axis": 1, "dtype": np.float64}])
def test_reduce_keywords_against_object_arrays(T, ufunc, initial, keywords):
    """where= of reduce selects the elements reduced (not the output's), as NumPy's."""
    keywords = {k: initial if isinstance(v, str) else v for k, v in keywords.items()}
    x = sample(T, (2, 3), start=-0.7, step=0.61)
    reference = {k: v for k, v in keywords.items() if k != "dtype"}  # objects: no float64
    assert_duals(ufunc.reduce(x, **keywords), ufunc.reduce(objects(x), **reference), T,
                 rtol=SUMS)


@pytest.mark.parametrize("T", KINDS)
def test_reduce_refuses_other_dtypes(T):
    x = sample(T, (2, 3))
    what = "numpy.add on dual arrays does not take dtype=float32"
    for call in (lambda: np.add.reduce(x, dtype=np.float32),
                 lambda: np.add.accumulate(x, dtype=np.float32)):
        with pytest.raises(TypeError, match=re.escape(what)):
            call()
    assert_duals(np.add.accumulate(x, axis=1, dtype=np.float64),
                 np.add.accumulate(objects(x), axis=1), T, rtol=SUMS)
