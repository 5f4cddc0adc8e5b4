"""Tags (src/tags.pxi): every dual number and dual array belongs to one derivative
computation, and an operation on two that carry perturbations of different computations is
refused (perturbation confusion), never silently summed.

Here the number types on their own: every operator and rule keeps its operand's tag; a
constant (zero perturbation parts) takes the other operand's tag; perturbations of two tags
raise TypeError.
"""
import copy
import math
import operator
import pickle

import numpy as np
import pytest

import dualnum as dn
from arrays_support import NAMES
from dualnum import _scalar, rules

CONFUSION = "perturbation confusion"
A, B = 101, 202  # two computations
TAGGED = {dn.Dual: _scalar.tagged_dual, dn.HyperDual: _scalar.tagged_hyper}
PERTURBATIONS = {dn.Dual: (0.7,), dn.HyperDual: (0.7, -1.1, 0.45)}
UNARY = [r for r in rules.UNARY if r.public]
BINARY = [r for r in rules.BINARY if r.public]


def scalar(T, tag, real=0.6, moving=True):
    """A scalar dual of computation ``tag``: with perturbations, or a constant."""
    return TAGGED[T](tag, real, *(PERTURBATIONS[T] if moving else (0.0,) * len(PERTURBATIONS[T])))


def parts(z):
    return tuple(getattr(z, n) for n in NAMES[dn.DualArray if type(z) is dn.Dual
                                              else dn.HyperDualArray])


# ---------------------------------------------------------------- scalars
@pytest.mark.parametrize("T", [dn.Dual, dn.HyperDual])
def test_numbers_built_by_hand_have_tag_zero_and_seeds_fresh_tags(T):
    assert T(1.5, 1.0)._tag == 0
    assert scalar(T, A)._tag == A
    seed = _scalar.seed_dual if T is dn.Dual else _scalar.seed_hyper
    tags = [seed(1.0, 1.0)._tag for _ in range(3)] + [_scalar.new_tag()]
    assert tags == sorted(set(tags)) and tags[0] > 0
    with pytest.raises(AttributeError):
        scalar(T, A)._tag = B  # a number's computation is fixed


SCALAR_OPERATIONS = {
    "+": operator.add, "-": operator.sub, "*": operator.mul, "/": operator.truediv,
    "**": operator.pow, "//": operator.floordiv, "%": operator.mod,
    "divmod quotient": lambda x, y: divmod(x, y)[0],
    "divmod remainder": lambda x, y: divmod(x, y)[1],
    **{r.name: getattr(dn, r.name) for r in BINARY},
}


@pytest.mark.parametrize("name", list(SCALAR_OPERATIONS))
@pytest.mark.parametrize("T", [dn.Dual, dn.HyperDual])
def test_two_scalars_of_one_computation_or_with_a_number_keep_its_tag(T, name):
    op = SCALAR_OPERATIONS[name]
    x, y = scalar(T, A), scalar(T, A, real=1.7)
    for result in (op(x, y), op(y, x), op(x, 0.8), op(1.9, x)):
        assert type(result) is T and result._tag == A


@pytest.mark.parametrize("name", list(SCALAR_OPERATIONS))
@pytest.mark.parametrize("T", [dn.Dual, dn.HyperDual])
def test_a_constant_of_another_computation_takes_the_tag_of_the_other_operand(T, name):
    """Its perturbation parts are zero, so it belongs to any computation: the result, in
    either order, is that of the same constant with the other operand's tag."""
    op = SCALAR_OPERATIONS[name]
    x = scalar(T, A)
    for c in (scalar(T, B, real=1.7, moving=False), T(1.7)):
        same = scalar(T, A, real=1.7, moving=False)
        for got, want in ((op(x, c), op(x, same)), (op(c, x), op(same, x))):
            assert got._tag == A
            np.testing.assert_array_equal(parts(got), parts(want))
    both_constant = op(scalar(T, A, moving=False), scalar(T, B, real=1.7, moving=False))
    assert not any(parts(both_constant)[1:])  # no perturbation to confuse


@pytest.mark.parametrize("name", list(SCALAR_OPERATIONS))
@pytest.mark.parametrize("T", [dn.Dual, dn.HyperDual])
def test_perturbations_of_two_computations_raise(T, name):
    op = SCALAR_OPERATIONS[name]
    x, y = scalar(T, A), scalar(T, B, real=1.7)
    for a, b in ((x, y), (y, x), (x, dn.Dual(1.7, 1.0) if T is dn.Dual else
                                  dn.HyperDual(1.7, 0.0, 0.0, 1.0))):
        with pytest.raises(TypeError, match=CONFUSION):
            op(a, b)


@pytest.mark.parametrize("T", [dn.Dual, dn.HyperDual])
def test_every_perturbation_part_counts_and_nan_is_not_zero(T):
    n = len(PERTURBATIONS[T])
    for i in range(n):
        for value in (1e-300, math.nan):
            one = [0.0] * n
            one[i] = value
            with pytest.raises(TypeError, match=CONFUSION):
                scalar(T, A) + TAGGED[T](B, 1.0, *one)


def test_confusion_names_the_cause_and_the_remedies():
    with pytest.raises(TypeError) as info:
        scalar(dn.Dual, A) * scalar(dn.Dual, B)
    text = str(info.value)
    for phrase in ("closure", "outer call", "second_derivative", "hessian", "hvp",
                   "outside the function"):
        assert phrase in text
    assert "built by hand" not in text
    with pytest.raises(TypeError, match="built by hand"):
        scalar(dn.Dual, A) * dn.Dual(1.0, 1.0)


@pytest.mark.parametrize("rule", UNARY, ids=lambda r: r.name)
@pytest.mark.parametrize("T", [dn.Dual, dn.HyperDual])
def test_every_rule_keeps_the_tag(T, rule):
    x = scalar(T, A, real=1.3)  # NaN outside a domain (arcsin), and still tagged
    results = [getattr(dn, rule.name)(x), getattr(x, rule.name)()]
    if rule.numpy:
        results.append(getattr(np, rule.numpy)(x))
    for result in results:
        assert type(result) is T and result._tag == A


@pytest.mark.parametrize("T", [dn.Dual, dn.HyperDual])
def test_unary_operators_copies_and_pickles_keep_the_tag(T):
    x = scalar(T, A)
    kept = [-x, +x, abs(x), math.floor(x), math.ceil(x), copy.copy(x), copy.deepcopy(x)]
    kept += [pickle.loads(pickle.dumps(x, protocol=p)) for p in range(pickle.HIGHEST_PROTOCOL + 1)]
    assert [z._tag for z in kept] == [A] * len(kept)
    assert parts(kept[-1]) == parts(x)


def test_dual_beside_hyperdual_of_another_computation_is_confusion():
    """The inner call's Dual beside an outer hessian's HyperDual: the cause is the nesting,
    not the choice of types; within one computation the types are mixed by hand."""
    for a, b in ((scalar(dn.Dual, A), scalar(dn.HyperDual, B)),
                 (scalar(dn.HyperDual, A), scalar(dn.Dual, B))):
        for op in (operator.mul, operator.lt, dn.hypot):
            with pytest.raises(TypeError, match=CONFUSION):
                op(a, b)
            with pytest.raises(TypeError, match=CONFUSION):
                op(b, a)
    with pytest.raises(TypeError, match="cannot mix Dual and HyperDual"):
        dn.Dual(1.0, 1.0) * dn.HyperDual(1.0, 1.0)
