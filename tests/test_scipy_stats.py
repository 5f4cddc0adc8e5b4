"""scipy.stats distributions and scipy.signal convolutions on dual arrays.

SciPy converts its arguments with np.asarray: a dual array becomes an object array of
scalar duals. Where SciPy then needs np.isnan/np.isfinite, its compiled loops or FFTs, the
call is refused with a TypeError that names what to write instead (for scipy.stats, a
formula in scipy.special functions, checked here against scipy.stats itself on floats).
scipy.signal.convolve/correlate reach dualnum's (in any dimension, with every mode and
method), checked against NumPy on object arrays in 1-D and SciPy's float convolutions of
the parts (the product rule) in N-D."""
import re

import numpy as np
import pytest
import scipy.signal as sg
import scipy.special as sc
import scipy.stats as st

import dualnum as dn
from arrays_support import KINDS, NAMES, SUMS, assert_duals, objects, sample

SHAPES = {"norm": {}, "t": {"df": 3.5}, "chi2": {"df": 4.5}, "gamma": {"a": 2.5},
          "beta": {"a": 2.5, "b": 1.5}}
METHODS = ["pdf", "logpdf", "cdf"]


def refusal(name, method, x, **kwargs):
    dist = getattr(st, name)
    with pytest.raises(TypeError) as err:
        getattr(dist, method)(x, *SHAPES[name].values(), **kwargs)
    return str(err.value)


@pytest.mark.parametrize("name", SHAPES)
@pytest.mark.parametrize("method", METHODS)
def test_refused_with_a_formula_that_scipy_agrees_with(name, method):
    """The message names scipy.stats.NAME.METHOD and a formula; evaluated with
    scipy.special on floats, the formula is SciPy's own result."""
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


def test_refused_for_frozen_distributions_and_others():
    x = dn.HyperDualArray([0.2, 0.6], 1.0, 1.0, 0.0)
    with pytest.raises(TypeError, match=r"scipy\.stats\.norm\.cdf .* ndtr\(z\)"):
        st.norm(0.0, 2.0).cdf(x)
    with pytest.raises(TypeError, match=r"scipy\.stats\.expon\.pdf .* scipy\.special"):
        st.expon.pdf(x)
    with pytest.raises(TypeError, match=r"scipy\.stats\.norm\.pdf"):  # a dual loc
        st.norm.pdf(np.array([0.1, 0.2]), loc=x)


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
