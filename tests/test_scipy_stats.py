"""scipy.stats distributions and scipy.signal convolutions on dual arrays.

norm, t, chi2, gamma and beta pdf, logpdf and cdf reach dualnum's formulas: values
against SciPy on floats, derivatives in x, loc, scale and the shapes against central
differences of SciPy's float functions with their error bound. SciPy's own methods convert
their arguments with np.asarray (an object array of scalar duals) and need np.isnan: a dual
array is refused with a TypeError that names what to write instead (a formula in
scipy.special functions, checked here against scipy.stats itself on floats).
scipy.signal.convolve/correlate reach dualnum's (in any dimension, with every mode and
method), checked against NumPy on object arrays in 1-D and SciPy's float convolutions of
the parts (the product rule) in N-D."""
import pathlib
import re
import subprocess
import sys

import numpy as np
import pytest
import scipy.signal as sg
import scipy.special as sc
import scipy.stats as st

import dualnum as dn
from arrays_support import KINDS, NAMES, SCALAR, SUMS, assert_duals, objects, sample

SHAPES = {"norm": {}, "t": {"df": 3.5}, "chi2": {"df": 4.5}, "gamma": {"a": 2.5},
          "beta": {"a": 2.5, "b": 1.5}}
METHODS = ["pdf", "logpdf", "cdf"]


def refusal(name, method, x, **kwargs):
    """The message of SciPy's own method (a name bound before dualnum was imported)."""
    dist = getattr(st, name)
    original = getattr(st.rv_continuous, method).__wrapped__
    with pytest.raises(TypeError) as err:
        original(dist, x, *SHAPES[name].values(), **kwargs)
    return str(err.value)


@pytest.mark.parametrize("name", SHAPES)
@pytest.mark.parametrize("method", METHODS)
def test_scipy_own_methods_refused_with_a_formula_that_scipy_agrees_with(name, method):
    """SciPy's own method (bound before dualnum was imported) refuses a dual array; the
    message names scipy.stats.NAME.METHOD and a formula; evaluated with scipy.special on
    floats, the formula is SciPy's own result."""
    x = dn.DualArray([0.2, 0.6], 1.0)
    loc, scale = 0.05, 1.3
    message = refusal(name, method, x, loc=loc, scale=scale)
    assert "scipy.stats.%s.%s" % (name, method) in message
    formula = re.search(r"write it as (.*) with z = ", message).group(1)
    xs = np.array([0.2, 0.6])
    env = dict(vars(sc), np=np, z=(xs - loc) / scale, scale=scale, **SHAPES[name])
    want = getattr(getattr(st, name), method)(xs, *SHAPES[name].values(), loc=loc,
                                               scale=scale)
    np.testing.assert_allclose(eval(formula, env), want, rtol=1e-12)


def test_other_distributions_and_methods_refused():
    x = dn.HyperDualArray([0.2, 0.6], 1.0, 1.0, 0.0)
    with pytest.raises(TypeError, match=r"scipy\.stats\.expon\.pdf .* scipy\.special"):
        st.expon.pdf(x)
    with pytest.raises(TypeError, match=r"scipy\.stats\.norm\.sf .* scipy\.special"):
        st.norm.sf(x)
    with pytest.raises(TypeError, match=r"scipy\.stats\.expon\.cdf"):  # a dual loc
        st.expon.cdf(np.array([0.1, 0.2]), loc=x)


# Points per distribution, in units of z: inside the support, next to and on its edges,
# and outside it.
POINTS = {"norm": [-3.1, -0.4, 0.0, 0.7, 2.5], "t": [-3.1, -0.4, 0.0, 0.7, 2.5],
          "chi2": [-0.5, 0.0, 0.3, 1.7, 6.0], "gamma": [-0.5, 0.0, 0.3, 1.7, 6.0],
          "beta": [-0.5, 0.0, 0.15, 0.6, 0.93, 1.0, 1.2]}
LOC, SCALE = 0.05, 1.3


def scipy_call(name, method, x, loc=LOC, scale=SCALE, **shapes):
    return getattr(getattr(st, name), method)(x, **{**SHAPES[name], **shapes}, loc=loc,
                                               scale=scale)


@pytest.mark.parametrize("name", SHAPES)
@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("T", KINDS)
def test_values_are_scipy_own(name, method, T):
    """The real parts of a dual call are SciPy's results on floats (inside the support
    to a few ulps, outside it exactly: -inf, 0, 1)."""
    xs = LOC + SCALE * np.array(POINTS[name])
    got = scipy_call(name, method, T(xs, *[1.0] * (len(NAMES[T]) - 1)))
    assert isinstance(got, T)
    np.testing.assert_allclose(got.real, scipy_call(name, method, xs), rtol=4e-15, atol=0)


def central(g, t, h):
    return (g(t + h) - g(t - h)) / (2 * h)


@pytest.mark.parametrize("name", SHAPES)
@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("wrt", ["x", "loc", "scale"])
def test_first_and_second_derivatives_against_finite_differences(name, method, wrt):
    """d/dx, d/dloc, d/dscale of SciPy's float function by central differences (step
    1e-5: truncation h^2 f'''/6, about 1e-8 relative next to beta's singular edge at
    z = 0.93, rounding 1e-11), and the second derivative by differences of differences
    (step 1e-4): the dual and hyper-dual parts within the bound."""
    zs = [z for z in POINTS[name] if 0.0 < z < (1.0 if name == "beta" else np.inf)
          or name in ("norm", "t")]
    xs = LOC + SCALE * np.array(zs)

    def g(t):
        args = {"x": xs, "loc": LOC, "scale": SCALE}
        args[wrt] = t
        return scipy_call(name, method, args.pop("x"), **args)
    t0 = {"x": xs, "loc": LOC, "scale": SCALE}[wrt]
    first = dn.derivative(g, t0)
    second = dn.second_derivative(g, t0)
    np.testing.assert_allclose(first, central(g, t0, 1e-5), rtol=1e-7, atol=1e-12)
    np.testing.assert_allclose(second, central(lambda t: central(g, t, 1e-4), t0, 1e-4),
                               rtol=1e-5, atol=1e-8)


@pytest.mark.parametrize("name, shape", [("t", "df"), ("chi2", "df"), ("gamma", "a"),
                                          ("beta", "a"), ("beta", "b")])
@pytest.mark.parametrize("method", ["pdf", "logpdf"])
def test_density_derivatives_in_a_shape(name, shape, method):
    xs = LOC + SCALE * np.array([z for z in POINTS[name] if 0.0 < z < 1.0 or name == "t"])
    s0 = SHAPES[name][shape]

    def g(s):
        return scipy_call(name, method, xs, **{shape: s})
    np.testing.assert_allclose(dn.derivative(g, s0), central(g, s0, 1e-4), rtol=1e-7)


@pytest.mark.parametrize("name, shape", [("t", "df"), ("chi2", "df"), ("gamma", "a"),
                                          ("beta", "b")])
def test_cdf_in_a_shape_refused(name, shape):
    """The shape of a cdf is the parameter of an incomplete gamma or beta function, which
    dualnum holds constant."""
    with pytest.raises(TypeError, match="in x only"):
        dn.derivative(lambda s: scipy_call(name, "cdf", 0.5, **{shape: s}),
                      SHAPES[name][shape])


def test_through_the_api_frozen_and_scalars():
    """A gradient in (loc, scale) of a log-likelihood (analytic: sum z / scale and
    sum (z^2 - 1) / scale); a frozen distribution; scalar duals give scalars."""
    x = np.array([0.3, -1.1, 2.4])

    def loglik(p):
        return np.sum(st.norm.logpdf(x, p[0], p[1]))
    z = (x - 0.2) / 1.7
    np.testing.assert_allclose(dn.gradient(loglik, [0.2, 1.7]),
                               [np.sum(z) / 1.7, np.sum((z**2 - 1) / 1.7)], rtol=1e-14)
    frozen = st.norm(0.2, 1.7)
    np.testing.assert_allclose(dn.derivative(frozen.cdf, x), st.norm.pdf(x, 0.2, 1.7),
                               rtol=1e-15)
    y = st.t.cdf(dn.Dual(0.4, 1.0), 3.5)
    assert type(y) is dn.Dual and y.dual == pytest.approx(st.t.pdf(0.4, 3.5), rel=1e-14)


def test_argument_checks_give_nan_as_scipy_does():
    x = dn.DualArray([0.3, 0.6], 1.0)
    assert np.all(np.isnan(st.norm.pdf(x, scale=-1.0).real))
    assert np.all(np.isnan(st.gamma.logpdf(x, -2.0).real))
    assert np.all(np.isnan(st.beta.cdf(x, 2.0, 0.0).real))
    assert np.all(np.isnan(scipy_call("t", "pdf", x, df=-1.0).real))


@pytest.mark.parametrize("name", SHAPES)
@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("T", KINDS)
def test_nan_arguments_and_failed_checks_give_nan_parts(T, name, method):
    """A NaN x or loc gives NaN as SciPy does (not the value outside the support), and so
    does a failed argument check (scale < 0, a shape out of range), with NaN in every
    derivative part that a perturbation reaches; the other elements are untouched."""
    call = getattr(getattr(st, name), method)
    shapes = list(SHAPES[name].values())
    bad = {"scale": -1.0} if name == "norm" else {}
    bad_shapes = [-1.0] + shapes[1:] if shapes else shapes
    moving = [0.5, -1.5, 0.25][:len(NAMES[T]) - 1]
    x, y = (T(r, *[[v, 0.0] for v in moving]) for r in ([np.nan, 0.2], [0.4, 0.3]))
    for got, want in [(call(x, *shapes), call(x.real, *shapes)),
                      (call(0.4, *shapes, loc=T([np.nan, 0.1], *[[v, 0.0] for v in moving])),
                       call(0.4, *shapes, loc=[np.nan, 0.1])),
                      (call(y, *bad_shapes, **bad), [np.nan, np.nan])]:
        np.testing.assert_allclose(got.real, want, rtol=4e-15, atol=0)
        for n in NAMES[T][1:]:
            part = np.asarray(getattr(got, n))
            assert np.isnan(part[0]), (n, part)
            if np.isnan(want[1]):  # a failed check: the element without perturbation
                assert part[1] == 0.0, (n, part)  # stays 0 (a zero perturbation stays zero)


@pytest.mark.parametrize("name", SHAPES)
@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("T", KINDS)
def test_sequences_of_scalar_duals_reach_the_formulas(T, name, method):
    """x or loc a list, tuple or object array of scalar duals (and numbers): the result of
    the dual array of those elements (before: SciPy's own method, which raised)."""
    S = SCALAR[T]
    items = [S(*[0.2 + 0.3 * k for k in range(len(NAMES[T]))]), 0.45,
             S(*[0.7 - 0.2 * k for k in range(len(NAMES[T]))])]
    call = getattr(getattr(st, name), method)
    shapes = list(SHAPES[name].values())
    whole = T(np.array(items, dtype=object))
    for pack in (list, tuple, lambda v: np.array(v, dtype=object)):
        assert_duals(call(pack(items), *shapes), objects(call(whole, *shapes)), T)
        assert_duals(call(0.9, *shapes, loc=pack(items)),
                     objects(call(0.9, *shapes, loc=whole)), T)


def test_t_of_infinite_df_is_the_normal():
    x = dn.DualArray([0.3, -1.6], 1.0)
    for method in METHODS:
        got = getattr(st.t, method)(x, np.inf)
        want = getattr(st.norm, method)(x)
        np.testing.assert_array_equal(got.real, want.real)
        np.testing.assert_array_equal(got.dual, want.dual)


def test_a_formula_differentiates_as_the_density():
    """The norm logpdf formula of the message, on dual arrays: its derivative in x is
    -z / scale, in loc z / scale, in scale (z**2 - 1) / scale."""
    x, loc, scale = np.array([0.3, -1.1]), 0.2, 1.7
    z = (x - loc) / scale

    def logpdf(x, loc, scale):
        z = (x - loc) / scale
        return -z**2 / 2 - np.log(np.sqrt(2 * np.pi) * scale)
    np.testing.assert_allclose(dn.derivative(lambda t: logpdf(t, loc, scale), x),
                               -z / scale, rtol=1e-14)
    np.testing.assert_allclose(dn.gradient(lambda p: np.sum(logpdf(x, p[0], p[1])),
                                           [loc, scale]),
                               [np.sum(z) / scale, np.sum((z**2 - 1) / scale)], rtol=1e-14)
    np.testing.assert_allclose(logpdf(x, loc, scale), st.norm.logpdf(x, loc, scale),
                               rtol=1e-14)


def test_plain_arrays_unchanged():
    """The refusal is the dual arrays' own: SciPy on floats is untouched."""
    assert st.norm.cdf(0.0) == 0.5
    assert sc.logsumexp([0.0, 0.0]) == pytest.approx(np.log(2.0), rel=1e-16)
    np.testing.assert_array_equal(sg.convolve(np.ones((2, 2)), np.ones((2, 2))),
                                  [[1, 2, 1], [2, 4, 2], [1, 2, 1]])


@pytest.mark.parametrize("T", KINDS)
@pytest.mark.parametrize("func", [sg.convolve, sg.correlate])
@pytest.mark.parametrize("mode", ["full", "same", "valid"])
def test_signal_1d_against_object_arrays(T, func, mode):
    """1-D convolve and correlate against the same NumPy function on the object arrays of
    the sample."""
    x = sample(T, (6,))
    k = sample(T, (3,), start=-0.5, step=0.8)
    np_func = np.convolve if func is sg.convolve else np.correlate
    for a, b in [(x, k), (x, k.real), (x.real, k)]:
        got = func(a, b, mode=mode, method="direct")
        want = np_func(objects(a), objects(b), mode)
        assert_duals(got, want, T, rtol=SUMS)


def test_signal_1d_through_the_api():
    """One pass with directions: the Jacobian is SciPy's convolution of the unit vectors."""
    k = np.array([1.0, -2.0, 0.5])
    jac = dn.jacobian(lambda x: sg.convolve(x, k), np.array([0.3, 1.0, 2.0, -1.0]))
    want = np.array([np.convolve(e, k) for e in np.eye(4)]).T
    np.testing.assert_array_equal(jac, want)


@pytest.mark.parametrize("call, what", [
    (lambda x: sg.fftconvolve(x[0], np.ones(2)), "scipy.signal.fftconvolve"),
    (lambda x: sg.oaconvolve(x, np.ones((2, 2))), "scipy.signal.oaconvolve"),
    (lambda x: sg.convolve2d(x, np.ones((2, 2))), "scipy.signal.convolve2d"),
    (lambda x: sg.correlate2d(x, np.ones((2, 2))), "scipy.signal.correlate2d"),
])
def test_signal_refusals_name_the_alternative(call, what):
    x = dn.DualArray(np.arange(6.0).reshape(2, 3), 1.0)
    with pytest.raises(TypeError, match=re.escape(what)) as err:
        call(x)
    assert "use scipy.signal.convolve or correlate" in str(err.value)


def product_rule(func, a, b, mode, method):
    """The parts of func(a, b) from SciPy's float func of the parts, direction by direction:
    the product rule of a bilinear map (a, b: T arrays with directions)."""
    f = func.__wrapped__

    def conv(p, q):
        return f(p, q, mode, method)
    pa = [getattr(a, n) for n in NAMES[type(a)]]
    pb = [getattr(b, n) for n in NAMES[type(b)]]
    real = conv(pa[0], pb[0])
    firsts = [np.stack([conv(pa[0], pb[i][..., j]) + conv(pa[i][..., j], pb[0])
                        for j in range(pa[i].shape[-1])], axis=-1) for i in (1, 2)[:len(pa) - 1]]
    if len(pa) == 2:
        return [real] + firsts
    k, m = pa[1].shape[-1], pa[2].shape[-1]
    second = np.empty(real.shape + (k, m))
    for j in range(k):
        for l in range(m):
            second[..., j, l] = (conv(pa[0], pb[3][..., j, l]) + conv(pa[3][..., j, l], pb[0])
                                 + conv(pa[1][..., j], pb[2][..., l])
                                 + conv(pa[2][..., l], pb[1][..., j]))
    return [real] + firsts + [second]


def with_directions(T, shape, seed):
    rng = np.random.default_rng(seed)
    dirs = [(3,)] if T is dn.DualArray else [(3,), (2,), (3, 2)]
    return T(rng.uniform(-1, 1, shape), *[rng.uniform(-2, 2, shape + d) for d in dirs],
             directional=True)


@pytest.mark.parametrize("T", KINDS)
@pytest.mark.parametrize("func", [sg.convolve, sg.correlate])
@pytest.mark.parametrize("mode", ["full", "same", "valid"])
@pytest.mark.parametrize("method", ["direct", "fft", "auto"])
@pytest.mark.parametrize("shapes", [((5, 6), (3, 2)), ((3, 2), (5, 4)), ((4, 3, 3), (2, 2, 3)),
                                    ((7,), (4,))])
def test_signal_nd(T, func, mode, method, shapes):
    """N-D convolve and correlate, both operands dual with directions (and each one a
    constant), every mode and method, in1 larger or smaller than in2."""
    a, b = with_directions(T, shapes[0], 1), with_directions(T, shapes[1], 2)
    got = func(a, b, mode, method)
    assert type(got) is T and got._directional
    for name, want in zip(NAMES[T], product_rule(func, a, b, mode, method)):
        np.testing.assert_allclose(getattr(got, name), want, rtol=1e-12, atol=1e-12)
    for x, y, ref in [(a, b.real, (a, constant(b))), (a.real, b, (constant(a), b))]:
        got = func(x, y, mode, method)
        for name, want in zip(NAMES[T], product_rule(func, *ref, mode, method)):
            np.testing.assert_allclose(getattr(got, name), want, rtol=1e-12, atol=1e-12)


def constant(x):
    """x's real parts with zero perturbation parts of x's shapes."""
    return type(x)(x.real, *[np.zeros_like(getattr(x, n)) for n in NAMES[type(x)][1:]],
                   directional=True)


def test_signal_nd_jacobian():
    """dn.jacobian of a 2-D convolution with a constant kernel: the matrix whose columns
    are SciPy's convolutions of the unit images."""
    k = np.array([[1.0, -2.0], [0.5, 3.0]])
    x0 = np.arange(12.0).reshape(3, 4)
    jac = dn.jacobian(lambda x: sg.convolve(x.reshape(3, 4), k, mode="same").ravel(),
                      x0.ravel())
    want = np.array([sg.convolve.__wrapped__(e.reshape(3, 4), k, mode="same").ravel()
                     for e in np.eye(12)]).T
    np.testing.assert_allclose(jac, want, rtol=0, atol=1e-13)


def test_signal_nd_errors():
    x = dn.DualArray(np.ones((3, 3)), 1.0)
    with pytest.raises(ValueError, match="same dimensionality"):
        sg.convolve(x, np.ones(2))
    with pytest.raises(ValueError, match="acceptable mode flags"):
        sg.convolve(x, np.ones((2, 2)), mode="middle")
    with pytest.raises(ValueError, match="at least as large"):
        sg.convolve(x, np.ones((4, 2)), mode="valid")
    with pytest.raises(TypeError, match="dual numbers are real"):
        sg.convolve(x, np.ones((2, 2)) * 1j)


def test_scipy_stats_imported_after_dualnum():
    """The methods are wrapped when scipy.stats is imported after dualnum too (a fresh
    interpreter: the import order is the point)."""
    code = ("import dualnum as dn\nimport scipy.stats as st\n"
            "print(st.norm.pdf(dn.DualArray([0.0], 1.0)).dual[0])\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=str(pathlib.Path(__file__).parent.parent))
    assert done.returncode == 0, done.stderr
    assert float(done.stdout) == 0.0   # the normal density is flat at its mode
