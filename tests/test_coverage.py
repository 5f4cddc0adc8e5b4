"""The NumPy API classified (dualnum.coverage, docs/numpy-coverage.md): every function and
ufunc NumPy lets dual arrays override is handled or refused, none both, and the page in the
docs is the one the module generates."""
import pathlib

import numpy as np
import pytest
from numpy.testing.overrides import get_overridable_numpy_ufuncs

import dualnum as dn
from dualnum import coverage
from dualnum.arrays import _registry

PAGE = pathlib.Path(__file__).resolve().parent.parent / "docs" / "numpy-coverage.md"


def test_numpy_has_no_name_the_page_does_not_classify():
    rows = coverage.classification()
    assert [name for name, _, cls, _ in rows if cls == coverage.UNCLASSIFIED] == []


def test_no_function_or_ufunc_is_both_handled_and_refused():
    handled = set(_registry.HANDLED_FUNCTIONS) | set(_registry.UFUNCS)
    assert [f for f in _registry.REFUSED if f in handled] == []


def test_every_refusal_says_why():
    assert all(isinstance(why, str) and len(why) > 10 for why in _registry.REFUSED.values())


def test_the_counts_add_up_to_numpy_s_names():
    counts = coverage.classification_counts()
    ufuncs = {u.__name__ for u in get_overridable_numpy_ufuncs()}
    assert counts["total"] >= len(ufuncs) + 250
    assert counts["handled"] + counts["refused"] + counts["unclassified"] == counts["total"]


def test_a_refused_ufunc_on_the_page_raises_its_reason():
    row = next(r for r in coverage.classification() if r[0] == "numpy.gcd")
    assert row[2] == coverage.REFUSED_CLASS
    with pytest.raises(TypeError, match=row[3][:20]):
        np.gcd(dn.DualArray([1.0, 2.0], 1.0), 2)


def test_the_page_in_the_docs_is_up_to_date():
    assert PAGE.read_text() == coverage.markdown(), (
        "regenerate it: python -m dualnum.coverage > docs/numpy-coverage.md")


@pytest.mark.parametrize("name, result, data", [
    ("irfft", "real", "complex"), ("irfft2", "real", "complex"), ("irfftn", "real", "complex"),
    ("hfft", "real", "complex"), ("ihfft", "complex", "real"), ("rfft", "complex", "real"),
    ("fft", "complex", "complex")])  # as NumPy's docs give them
def test_the_fft_refusals_say_which_side_is_complex(name, result, data):
    """irfft, irfft2, irfftn and hfft return real arrays: their input is the complex one."""
    row = next(r for r in coverage.classification() if r[0] == "numpy.fft." + name)
    assert row[2] == coverage.REFUSED_CLASS
    assert row[3].startswith("its result is %s" % result)
    assert ("its input is a complex" in row[3]) == (data == "complex" and result == "real")
    with pytest.raises(TypeError, match=row[3][:30]):
        getattr(np.fft, name)(dn.DualArray([1.0, 2.0, 3.0, 4.0], 1.0))
