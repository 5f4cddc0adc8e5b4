"""args= and kwargs= of the API: f's further arguments, passed through as constants (as
scipy.optimize passes them), validated; and an x beyond float64's range refused by name.

References: the same call with the arguments bound by a closure (the path without args),
and analytic derivatives."""
import numpy as np
import pytest

import dualnum as dn

X = np.array([0.7, -0.4, 1.3])


def f(x, a, b=1.0, *, c=0.0):
    """A function of x with constants: scalar for an array x."""
    return b * np.sum(np.sin(a * x)) + c * np.sum(x ** 3)


def g(x, a, b=1.0):
    """Elementwise in x."""
    return b * np.sin(a * x) + x ** 2


CALLS = [  # (API function, f, x, extra positional argument of the API)
    (dn.derivative, g, 0.8, ()), (dn.derivative, g, X, ()),
    (dn.second_derivative, g, 0.8, ()), (dn.second_derivative, g, X, ()),
    (dn.derivatives, g, 0.8, ()), (dn.derivatives, g, X, ()),
    (dn.gradient, f, X, ()), (dn.jacobian, g, X, ()), (dn.hessian, f, X, ()),
    (dn.jvp, g, X, (np.array([1.0, 0.5, -2.0]),)), (dn.hvp, f, X, (np.array([1.0, 0.5, -2.0]),)),
]


@pytest.mark.parametrize("api, fun, x, extra", CALLS)
def test_args_and_kwargs_pass_through(api, fun, x, extra):
    kwargs = {"b": 2.5} if fun is g else {"b": 2.5, "c": 0.3}
    got = api(fun, x, *extra, args=(1.7,), kwargs=kwargs)
    want = api(lambda t: fun(t, 1.7, **kwargs), x, *extra)
    np.testing.assert_array_equal(got, want)
    only_args = api(fun, x, *extra, args=(1.7, 2.5))
    np.testing.assert_array_equal(only_args, api(lambda t: fun(t, 1.7, 2.5), x, *extra))


def test_analytic():
    assert dn.derivative(g, 0.8, args=(1.7,), kwargs={"b": 2.5}) == \
        pytest.approx(2.5 * 1.7 * np.cos(1.7 * 0.8) + 1.6, rel=1e-15)
    np.testing.assert_allclose(dn.gradient(f, X, args=(1.7,), kwargs={"c": 0.3}),
                               1.7 * np.cos(1.7 * X) + 0.9 * X ** 2, rtol=1e-15)
    np.testing.assert_allclose(dn.hessian(f, X, args=(1.7,), kwargs={"c": 0.3}),
                               np.diag(-1.7 ** 2 * np.sin(1.7 * X) + 1.8 * X), rtol=1e-15,
                               atol=4e-15)  # the two terms (size ~3) cancel at X[2]


@pytest.mark.parametrize("api, fun, x, extra", CALLS)
def test_args_are_constants_never_duals(api, fun, x, extra):
    """f receives args and kwargs as given: the very objects, never seeded."""
    a, seen = np.array(1.7), []

    def spy(t, a_, b=1.0):
        seen.append((a_, b))
        return fun(t, a_, b)
    api(spy, x, *extra, args=(a,), kwargs={"b": 2.5})
    assert seen and all(got is a and b == 2.5 and type(b) is float for got, b in seen)


@pytest.mark.parametrize("api, fun, x, extra", CALLS)
def test_args_and_kwargs_validated(api, fun, x, extra):
    with pytest.raises(TypeError, match=r"args must be a tuple .* args=\(a,\)"):
        api(fun, x, *extra, args=1.7)
    with pytest.raises(TypeError, match="args must be a tuple"):
        api(fun, x, *extra, args=[1.7])
    with pytest.raises(TypeError, match="kwargs must be a dict"):
        api(fun, x, *extra, args=(1.7,), kwargs=[("b", 2.5)])
    with pytest.raises(TypeError, match="f must be the function"):
        api(x, fun, *extra, args=(1.7,))



@pytest.mark.parametrize("api, fun, x, extra", CALLS)
def test_a_perturbed_dual_argument_is_refused_by_name(api, fun, x, extra):
    """A dual with a perturbation in args= or kwargs= is refused naming it (not reported
    as a nested call's confusion); a Dual without one is a constant, as a number, beside
    the Duals that the first-order functions seed."""
    with pytest.raises(TypeError, match=r"args\[0\] is a Dual with a nonzero perturbation.*"
                                        r"\.real"):
        api(fun, x, *extra, args=(dn.Dual(1.7, 1.0),))
    with pytest.raises(TypeError, match=r"kwargs\['b'\] is a DualArray with a nonzero"):
        api(fun, x, *extra, args=(1.7,), kwargs={"b": dn.DualArray(2.5, 0.5)})
    if api in (dn.second_derivative, dn.derivatives, dn.hessian, dn.hvp):
        return  # these seed HyperDuals, which a Dual cannot meet (README, Conventions)
    got = api(fun, x, *extra, args=(dn.Dual(1.7, 0.0),), kwargs={"b": 2.5})
    np.testing.assert_array_equal(getattr(got, "real", got),
                                  api(fun, x, *extra, args=(1.7,), kwargs={"b": 2.5}))

@pytest.mark.parametrize("api", [dn.derivative, dn.second_derivative, dn.derivatives])
@pytest.mark.parametrize("x", [10 ** 400, -10 ** 400, [1.0, 10 ** 400]])
def test_x_beyond_float64_names_x(api, x):
    with pytest.raises(ValueError, match=r"x must be a real number that float64 can hold"):
        api(np.sin, x)


def test_v_beyond_float64_names_v():
    with pytest.raises(ValueError, match=r"v must be a real number that float64 can hold"):
        dn.jvp(np.sin, [1.0, 2.0], [1.0, 10 ** 400])
