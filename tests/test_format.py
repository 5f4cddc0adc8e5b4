"""format() and f-strings of Dual and HyperDual: the spec applied to each part, as complex
numbers do; "" gives str(). Reference: format() of each float part."""
import pytest

import dualnum as dn

PARTS = {dn.Dual: (1.23456789, -2.5e-7), dn.HyperDual: (1.23456789, -2.5e-7, 3e12, -0.0)}


@pytest.mark.parametrize("S", [dn.Dual, dn.HyperDual])
@pytest.mark.parametrize("spec", [".3f", "+.2e", "10.4g", "<12", "_.1f", "%", ".0f"])
def test_spec_applies_to_each_part(S, spec):
    x = S(*PARTS[S])
    want = "%s(%s)" % (S.__name__, ", ".join(format(p, spec) for p in PARTS[S]))
    assert format(x, spec) == want
    assert f"{x:{spec}}" == want
    assert "{:{}}".format(x, spec) == want


@pytest.mark.parametrize("S", [dn.Dual, dn.HyperDual])
def test_empty_spec_is_str(S):
    x = S(*PARTS[S])
    assert format(x, "") == str(x) == f"{x}" == repr(x)


def test_examples():
    assert format(dn.Dual(1.23456, 2.5), ".3f") == "Dual(1.235, 2.500)"
    assert f"{dn.HyperDual(1, 2, 3, 4):.1f}" == "HyperDual(1.0, 2.0, 3.0, 4.0)"
    y = dn.Dual(0.5, 1.0) ** 2  # a computed value, with a tag: the same text
    assert f"{y:.2f}" == "Dual(0.25, 1.00)"


@pytest.mark.parametrize("spec", ["d", "s", "x", ".3q"])
def test_specs_floats_refuse_are_refused(spec):
    with pytest.raises(ValueError):
        format(dn.Dual(1.0, 2.0), spec)
