"""Property-based tests: random expression trees over the whole rule table and the operators,
differentiated by dualnum and, symbolically, by sympy (evaluated with mpmath at 50 digits).

The trees, their domains and the reference are built in tests/trees.py: every public rule of
``dualnum.rules`` and every operator ``+ - * / **`` (with constants on either side) is the
root of trees drawn for it, every function argument lies in a region of its function's
domain where it is smooth, and sympy differentiates the same tree (the branch the point lies
on, for piecewise functions: kinks, ties and jumps are left to the documented conventions and
tests/test_rules.py).

Bound: a result part is within ``trees.error_bound`` of the exact one: REL = 1e-13 (the
accuracy each rule is held to) times the result's measured sensitivity to a relative error
in each part of each step, so an ill-conditioned tree (cancellation, a steep function) is
allowed what its conditioning costs and a well-conditioned one a few hundred ulps at most.
A zero bound (an exact zero part) demands an exact zero.

Paths: the scalar types (Dual, HyperDual with general parts b, c, d: the eps1eps2 part is
f'' b c + f' d) and the scalar API; dual arrays below ``SIMD_MIN_SIZE`` (kernels: identical to
the scalar types, element by element and direction by direction) and on the twins' path
(NumPy twins, ``sized_as(EVERY_TWIN)``: within the bound); ``derivative``/``derivatives`` over more than ``BLOCK`` elements; the API
with directions (``gradient``, ``jacobian``, ``hessian``, ``jvp``, ``hvp``) on sums of a tree
over its points and on trees of several variables, whose Hessians are symmetric; and
inverse functions composed with their inverses, whose derivatives are 1 and 0.

Hypothesis runs derandomized (the same examples every run), without a database or deadline.
"""
import itertools

import mpmath
import numpy as np
import pytest
import sympy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import dualnum as dn
import trees
from arrays_support import KINDS, seeded
from dualnum import api
from dualnum.arrays._storage import sized_as
from dualnum.arrays.elementwise import EVERY_TWIN, SIMD_MIN_SIZE
from trees import NAMES, NUMBERS, PART_NAMES, Step, error_bound, parts, run


# Array points next to the drawn one may fall outside a domain (NaN on both paths, see
# points_near), where NumPy warns as it does for floats.
pytestmark = pytest.mark.filterwarnings("ignore::RuntimeWarning")


def examples(n):
    """Hypothesis settings: n examples, the same ones every run."""
    return settings(max_examples=n, derandomize=True, database=None, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


SCALAR_APPLY = trees.dualnum_calls()


def applier(numpy):
    """dualnum's module functions, or NumPy's and scipy.special's ufuncs (NEP 13)."""
    return trees.dualnum_calls(numpy=numpy)


def tree_function(program, apply=SCALAR_APPLY):
    """The tree as a function of one input."""
    return lambda t: run(program, [t], apply)[-1]


def reference_jet(case):
    """The tree's value, first and second derivative at its point (mpmath numbers)."""
    x = case.symbols[0]
    first = sympy.diff(case.expr, x)
    return case.value, trees.evaluate(first, case), trees.evaluate(sympy.diff(first, x), case)


def assert_near(got, exact, bound, label):
    """|got - exact| <= bound, in mpmath (a NaN fails)."""
    err = abs(mpmath.mpf(float(got)) - exact)
    assert err <= float(bound), "%s: got %r, exact %s, error %s > bound %s" % (
        label, float(got), mpmath.nstr(exact, 17), mpmath.nstr(err, 3), float(bound))


def assert_parts_near(result, expected, bounds, label):
    """Each part of a result within its bound of the exact one."""
    names = PART_NAMES.get(type(result), ("value",))
    assert len(parts(result)) == len(expected), (label, result)
    for name, got, exact, bound in zip(names, parts(result), expected, bounds):
        assert_near(got, exact, bound, "%s %s" % (label, name))


def points_near(x0, n, rng):
    """n points within 1e-6 of x0 (relative, for |x0| > 1), x0 among them. The arrays' results
    are compared with the scalar types' at the same points, so a point that the tree's
    adapters carry out of a domain only gives NaN on both sides."""
    x = x0 + rng.uniform(-1e-6, 1e-6, n) * max(1.0, abs(x0))
    x[rng.integers(n)] = x0
    return x


def rng_of(data):
    """A NumPy generator seeded by hypothesis (for arrays too large to draw one by one)."""
    return np.random.default_rng(data.draw(st.integers(0, 2 ** 32 - 1), label="seed"))


# ---------------------------------------------------------------- the scalar path
def test_every_public_rule_and_operator_is_drawn():
    public = [r.name for r in dn.rules.UNARY + dn.rules.BINARY if r.public]
    assert set(NAMES) == set(public) | set(trees.OPERATORS)
    assert set(trees.SYMPY) == set(NAMES)
    assert set(trees.UNARY_REGIONS) | set(trees.BINARY_REGIONS) == set(NAMES) - {"**"}


@pytest.mark.parametrize("root", NAMES)
@examples(6)
@given(data=st.data())
def test_scalar_types_and_api_match_sympy(root, data):
    case = data.draw(trees.programs(root=root), label="case")
    b, c, d = data.draw(st.tuples(NUMBERS, NUMBERS, NUMBERS), label="parts")
    value, d1, d2 = reference_jet(case)
    x = case.point[0]
    for seed, expected in (
            (x, [value]),
            (dn.Dual(x, b), [value, d1 * b]),
            (dn.HyperDual(x, b, c, d), [value, d1 * b, d1 * c, d2 * b * c + d1 * d])):
        bounds, result = error_bound(case.program, [seed], SCALAR_APPLY)
        assert_parts_near(result, expected, bounds, type(seed).__name__)
    f = tree_function(case.program)
    bounds = error_bound(case.program, [dn.HyperDual(x, 1.0, 1.0, 0.0)], SCALAR_APPLY)[0]
    got = dn.derivatives(f, x)
    assert [type(g) for g in got] == [float] * 3
    for g, exact, bound, label in zip(got, (value, d1, d2), (bounds[0], bounds[1], bounds[3]),
                                      ("value", "f'", "f''")):
        assert_near(g, exact, bound, "derivatives " + label)
    assert_near(dn.second_derivative(f, x), d2, bounds[3], "second_derivative")
    bound = error_bound(case.program, [dn.Dual(x, 1.0)], SCALAR_APPLY)[0][1]
    assert_near(dn.derivative(f, x), d1, bound, "derivative")


# ---------------------------------------------------------------- the array paths
def elementwise_reference(program, a):
    """The parts of the tree at every element of the dual array a, direction by direction,
    from the scalar types: arrays of a's part shapes."""
    names = PART_NAMES[type(a)]
    given_parts = [np.asarray(getattr(a, n)) for n in names]
    out = [np.full(p.shape, np.nan) for p in given_parts]
    hyper = len(names) == 4
    for idx in np.ndindex(given_parts[-1].shape):  # element, then the directions k (and m)
        i, k, m = idx[:1], idx[1:2], idx[2:3]
        seed = ((given_parts[0][i], given_parts[1][i + k], given_parts[2][i + m],
                 given_parts[3][idx]) if hyper else (given_parts[0][i], given_parts[1][idx]))
        got = parts(run(program, [type(a)._scalar(*map(float, seed))], SCALAR_APPLY)[-1])
        for part, at, value in zip(out, (i, i + k, i + m, idx) if hyper else (i, idx), got):
            part[at] = value
    return out


def assert_within(got, want, bound, label):
    """|got - want| <= bound elementwise, or both NaN."""
    got, bound = np.broadcast_to(got, np.shape(want)), np.broadcast_to(bound, np.shape(want))
    ok = (np.abs(got - want) <= bound) | (np.isnan(got) & np.isnan(want))
    assert np.all(ok), "%s: %s, bound %s" % (label, np.abs(got - want)[~ok], bound[~ok])


def assert_identical(got, want, label):
    """got equals want (broadcast to its shape) to the last bit, NaN for NaN."""
    got = np.broadcast_to(got, want.shape)
    assert np.array_equal(got, want, equal_nan=True), "%s: %s != %s" % (label, got, want)


@pytest.mark.parametrize("root", NAMES)
@examples(3)
@given(data=st.data())
def test_small_arrays_are_the_scalar_types_element_by_element(root, data):
    """Below SIMD_MIN_SIZE every rule is its kernel, which agrees with the scalar types to
    the last bit, with and without directions."""
    case = data.draw(trees.programs(root=root), label="case")
    rng = rng_of(data)
    x = points_near(case.point[0], data.draw(st.integers(1, 9), label="n"), rng)
    apply = applier(data.draw(st.booleans(), label="numpy"))
    for T, directional in itertools.product(KINDS, (False, True)):
        a = seeded(T, x, directional, rng)
        got = parts(run(case.program, [a], apply)[-1])
        want = elementwise_reference(case.program, a)
        assert len(got) == len(want)
        for name, g, w in zip(PART_NAMES[T], got, want):
            assert_identical(g, w, "%s%s %s" % (T.__name__, directional * " directions", name))


@pytest.mark.parametrize("root", NAMES)
@examples(2)
@given(data=st.data())
def test_large_arrays_take_the_numpy_twins_within_the_bound(root, data):
    """On the twins' path (every rule with a NumPy twin uses it: arrays from EVERY_TWIN
    elements on, or of SIMD_MIN_SIZE elements sized as those by sized_as, as the API's
    probe is), each part of each element is within twice the bound (the scalar types'
    error and the twins') of the scalar types'."""
    case = data.draw(trees.programs(root=root), label="case")
    rng = rng_of(data)
    n = data.draw(st.integers(SIMD_MIN_SIZE, SIMD_MIN_SIZE + 64), label="n")
    T = data.draw(st.sampled_from(KINDS), label="type")
    a = seeded(T, points_near(case.point[0], n, rng), data.draw(st.booleans()), rng)
    with sized_as(EVERY_TWIN):
        bounds, result = error_bound(case.program, [a], applier(True))
    want = elementwise_reference(case.program, a)
    for name, g, w, bound in zip(PART_NAMES[T], parts(result), want, bounds):
        assert_within(g, w, 2 * bound, name)


@examples(3)
@given(case=trees.programs(), data=st.data())
def test_derivatives_over_more_than_a_block(case, data):
    """derivative and derivatives over BLOCK + a few elements (two blocks, checked to be
    elementwise across the boundary) agree with one evaluation of the whole array."""
    x = points_near(case.point[0], api.BLOCK + data.draw(st.integers(1, 600)), rng_of(data))
    f = tree_function(case.program, applier(True))
    for T, seeds, names in ((dn.DualArray, (1.0,), ("dual",)),
                            (dn.HyperDualArray, (1.0, 1.0, 0.0), ("real", "eps1", "eps1eps2"))):
        bounds, whole = error_bound(case.program, [T(x, *seeds)], applier(True))
        got = (dn.derivative(f, x),) if T is dn.DualArray else dn.derivatives(f, x)
        for name, g in zip(names, got):
            i = PART_NAMES[T].index(name)
            assert_within(g, parts(whole)[i], 2 * bounds[i], name)


@pytest.mark.parametrize("root", NAMES)
@examples(2)
@given(data=st.data())
def test_gradient_and_hessian_of_a_sum_over_points(root, data):
    """f(p) = sum_i tree(p_i): the gradient is tree'(p_i) and the Hessian diagonal
    tree''(p_i), identical to the scalar API's and, at the drawn point, within the bound of
    sympy's; off the diagonal the Hessian is exactly 0."""
    case = data.draw(trees.programs(root=root), label="case")
    p = points_near(case.point[0], data.draw(st.integers(2, 6), label="n"), rng_of(data))
    tree = tree_function(case.program, applier(data.draw(st.booleans(), label="numpy")))

    def f(q):
        return np.sum(tree(q))
    scalar = tree_function(case.program)
    grad, hess = dn.gradient(f, p), dn.hessian(f, p)
    assert_identical(grad, np.array([dn.derivative(scalar, t) for t in p]), "gradient")
    assert_identical(np.diag(hess), np.array([dn.second_derivative(scalar, t) for t in p]),
                     "Hessian diagonal")
    assert np.all(hess[~np.eye(p.size, dtype=bool)] == 0.0)
    _, d1, d2 = reference_jet(case)
    at = int(np.flatnonzero(p == case.point[0])[0])
    bounds = error_bound(case.program, [dn.HyperDual(p[at], 1.0, 1.0, 0.0)], SCALAR_APPLY)[0]
    assert_near(grad[at], d1, bounds[1], "gradient")
    assert_near(hess[at, at], d2, bounds[3], "Hessian")


# ---------------------------------------------------------------- several variables
def reference_derivatives(case):
    """The gradient and Hessian of the tree at its point (object arrays of mpmath numbers)."""
    xs = case.symbols
    n = len(xs)
    firsts = [sympy.diff(case.expr, s) for s in xs]
    grad = np.array([trees.evaluate(e, case) for e in firsts], dtype=object)
    hess = np.empty((n, n), dtype=object)
    for i, j in itertools.combinations_with_replacement(range(n), 2):
        hess[i, j] = hess[j, i] = trees.evaluate(sympy.diff(firsts[i], xs[j]), case)
    return grad, hess


def assert_all_near(got, exact, bound, label):
    """assert_near for every element of arrays of the same shape."""
    got, exact, bound = np.asarray(got), np.asarray(exact, dtype=object), np.asarray(bound)
    assert got.shape == exact.shape, (label, got.shape, exact.shape)
    for idx in np.ndindex(got.shape):
        assert_near(got[idx], exact[idx], bound[idx], "%s %s" % (label, idx))


@pytest.mark.parametrize("variables", [2, 3])
@examples(20)
@given(data=st.data())
def test_api_with_directions_matches_sympy(variables, data):
    """gradient, jacobian, jvp, hessian and hvp of trees of several variables against
    sympy; the Hessian from one hyper-dual pass over all pairs of directions (both
    triangles computed) is symmetric."""
    case = data.draw(trees.programs(variables=variables), label="case")
    v = np.array(data.draw(st.tuples(*[NUMBERS] * variables), label="v"))
    apply = applier(data.draw(st.booleans(), label="numpy"))
    p = np.array(case.point)
    n = p.size

    def f(q):
        return run(case.program, [q[i] for i in range(n)], apply)[-1]
    grad, hess = reference_derivatives(case)
    along = np.column_stack([np.eye(n), v])  # the n unit directions, then v
    bounds = error_bound(case.program, list(dn.DualArray(p, along, directional=True)),
                         apply)[0][1]
    assert_all_near(dn.gradient(f, p), grad, bounds[:n], "gradient")
    assert_all_near(dn.jacobian(f, p), grad, bounds[:n], "jacobian")
    assert_all_near(dn.jvp(f, p, v), grad @ v, bounds[n], "jvp")
    q = dn.HyperDualArray(p, along, np.eye(n), np.zeros((n, n + 1, n)), directional=True)
    bounds, both = error_bound(case.program, list(q), apply)
    bounds, both = bounds[3], parts(both)[3]
    assert_all_near(dn.hessian(f, p), hess, bounds[:n], "hessian")
    assert_all_near(dn.hvp(f, p, v), hess @ v, bounds[n], "hvp")
    assert_all_near(both[:n], hess, bounds[:n], "both triangles")
    assert np.all(np.abs(both[:n] - both[:n].T) <= bounds[:n] + bounds[:n].T), "not symmetric"


# ---------------------------------------------------------------- inverse functions
def then(program, name, *constants):
    """``program`` followed by ``name`` (a function, or an operator with constant right
    operands) applied to its result (to x for an empty program)."""
    last = ("s", len(program) - 1) if program else ("x", 0)
    return program + (Step(name, (last,) + tuple(("c", c) for c in constants), None),)


def composed(*names):
    """The one-argument functions ``names`` applied to x in turn."""
    program = ()
    for name in names:
        program = then(program, name)
    return program


def logit(program):
    """log(s / (1 - s)) of ``program``'s result s (of x for an empty program)."""
    s = ("s", len(program) - 1) if program else ("x", 0)
    k = len(program)
    return program + (Step("-", (("c", 1.0), s), None), Step("/", (s, ("s", k)), None),
                      Step("log", (("s", k + 1),), None))


def floats(lo, hi, **kw):
    """Normal floats in [lo, hi]."""
    return st.floats(lo, hi, allow_subnormal=False, **kw)


OPEN_UNIT = floats(-1.0, 1.0, exclude_min=True, exclude_max=True)
HALF_PI = floats(-np.pi / 2, np.pi / 2, exclude_min=True, exclude_max=True)
LOGARITHMIC = floats(1e-150, 1e150)
# Each domain is the composition's whole domain, less its edges (where the inner function's
# derivative is infinite) and less where doubles cannot follow: every step's value and
# first and second derivatives must be normal doubles (the second derivative of the
# composition sums products such as f''(g) g'^2, and an overflow or underflow there is no
# rounding error), and the inner function's value must still tell x apart from its
# neighbours: sin x rounds to +-1 within 1.5e-8 of +-pi/2, cosh x to 1 below 1.5e-8 (and
# keeps few digits of x below 1e-4), tanh x to +-1 beyond 19, expm1 x to -1 below -37,
# arctan x comes within an ulp of pi/2 beyond 1e16 (tan then no longer returns near x) and
# sigmoid x within 1e-13 of 1 beyond 30.
INVERSE_PAIRS = {
    "exp(log x)": (composed("log", "exp"), LOGARITHMIC),
    "log(exp x)": (composed("exp", "log"), floats(-350.0, 350.0)),
    "sin(arcsin x)": (composed("arcsin", "sin"), OPEN_UNIT),
    "arcsin(sin x)": (composed("sin", "arcsin"), floats(-1.5707962, 1.5707962)),
    "tanh(arctanh x)": (composed("arctanh", "tanh"), OPEN_UNIT),
    "arctanh(tanh x)": (composed("tanh", "arctanh"), floats(-18.0, 18.0)),
    "sinh(arcsinh x)": (composed("arcsinh", "sinh"), floats(-1e100, 1e100)),
    "arcsinh(sinh x)": (composed("sinh", "arcsinh"), floats(-350.0, 350.0)),
    "cosh(arccosh x)": (composed("arccosh", "cosh"), floats(1.0, 1e150, exclude_min=True)),
    "arccosh(cosh x)": (composed("cosh", "arccosh"), floats(1e-4, 350.0)),
    "expm1(log1p x)": (composed("log1p", "expm1"), floats(-1.0, 1e150, exclude_min=True)),
    "log1p(expm1 x)": (composed("expm1", "log1p"), floats(-36.0, 350.0)),
    "exp2(log2 x)": (composed("log2", "exp2"), LOGARITHMIC),
    "log2(exp2 x)": (composed("exp2", "log2"), floats(-500.0, 500.0)),
    "tan(arctan x)": (composed("arctan", "tan"), floats(-1e8, 1e8)),
    "arctan(tan x)": (composed("tan", "arctan"), HALF_PI),
    "sqrt(x) ** 2": (then(composed("sqrt"), "**", 2), floats(1e-100, 1e100)),
    "cbrt(x) ** 3": (then(composed("cbrt"), "**", 3),
                     st.one_of(floats(1e-100, 1e100), floats(-1e100, -1e-100))),
    "logit(sigmoid x)": (logit(composed("sigmoid")), floats(-30.0, 30.0)),
    "sigmoid(logit x)": (then(logit(()), "sigmoid"), floats(1e-150, 1.0, exclude_max=True)),
}


@pytest.mark.parametrize("name", INVERSE_PAIRS)
@examples(15)
@given(data=st.data())
def test_inverse_functions_compose_to_the_identity(name, data):
    """f(g(x)) = x: derivative 1 and second derivative 0 to rounding (within the bound)."""
    program, domain = INVERSE_PAIRS[name]
    x = data.draw(domain, label="x")
    for seed, expected in ((dn.Dual(x, 1.0), (x, 1)),
                           (dn.HyperDual(x, 1.0, 1.0, 0.0), (x, 1, 1, 0))):
        bounds, result = error_bound(program, [seed], SCALAR_APPLY)
        assert_parts_near(result, [mpmath.mpf(e) for e in expected], bounds, name)
