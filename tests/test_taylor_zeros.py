"""Taylor arithmetic at leading zeros: quotients whose denominator starts at 0 (exact where
the quotient has a Taylor series, a TaylorWarning at a pole), cbrt, hypot and betainc at a
leading zero, and the TaylorWarning for NaN that no kernel reported. References: mpmath's
Taylor coefficients at 40 digits (the removable singularities given their limits)."""
import warnings

import mpmath
import numpy as np
import pytest
import scipy.special as sc

import dualnum as dn
from dualnum import _taylor
from dualnum.series import TaylorArray

mpmath.mp.dps = 40
TaylorWarning = dn.TaylorWarning


def reference(g, order, scale=1.0, path=None):
    """mpmath's normalised coefficients of g(x(t)), x(t) = scale t (or path(t))."""
    x = path or (lambda t: scale * t)
    return [float(c) for c in mpmath.taylor(lambda t: g(x(t)), 0, order)]


def sinc_like(t):
    return mpmath.sin(t) / t if t else mpmath.mpf(1)


def inverse_sinc_like(t):
    return t / mpmath.sin(t) if t else mpmath.mpf(1)


def one_minus_cos(t):
    return (1 - mpmath.cos(t)) / t ** 2 if t else mpmath.mpf(0.5)


CASES = {
    "sin(t)/t": (lambda t: np.sin(t) / t, sinc_like),
    "t/sin(t)": (lambda t: t / np.sin(t), inverse_sinc_like),
    "(1-cos t)/t^2": (lambda t: (1 - np.cos(t)) / t ** 2, one_minus_cos),
    "t^2/t": (lambda t: t ** 2 / t, lambda t: t),
    "1/(t/sin t)": (lambda t: 1.0 / (t / np.sin(t)), sinc_like),
}


def close(got, want):
    """Each coefficient within 1e-13 of the series' largest (the zeros included)."""
    got, want = np.asarray(got, dtype=float), np.asarray(want, dtype=float)
    scale = np.max(np.abs(want))
    assert np.all(np.abs(got - want) <= 1e-13 * scale), (got, want)


def quiet(call):
    """call() with a TaylorWarning an error (none may escape)."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", TaylorWarning)
        return call()


@pytest.mark.parametrize("name", sorted(CASES))
@pytest.mark.parametrize("order", [0, 1, 2, 5, 10])
def test_removable_quotients_scalar_and_array(name, order):
    f, g = CASES[name]
    want = reference(g, order)
    close(quiet(lambda: dn.taylor(f, 0.0, order)), want)
    close(quiet(lambda: dn.taylor(f, np.zeros(3), order))[:, 1], want)


def test_sin_t_over_t_derivative():
    assert quiet(lambda: dn.derivative(lambda t: np.sin(t) / t, 0.0, order=2)) == pytest.approx(
        -1.0 / 3.0, rel=1e-15)


@pytest.mark.parametrize("name", sorted(CASES))
def test_direction_and_general_input_series(name):
    f, g = CASES[name]
    close(quiet(lambda: dn.taylor(f, 0.0, 7, series=[-2.5])), reference(g, 7, -2.5))
    path = [1.5, -0.5, 0.25]
    want = reference(g, 7, path=lambda t: 1.5 * t - 0.5 * t ** 2 + 0.25 * t ** 3)
    close(quiet(lambda: dn.taylor(f, 0.0, 7, series=path)), want)
    got = quiet(lambda: dn.taylor(f, np.zeros(2), 7, series=[np.full(2, p) for p in path]))
    close(got[:, 0], want)


def test_mixed_array_elements_agree_with_scalars_bit_for_bit():
    x = np.array([0.0, 0.5, 0.0, -1.3, 2.0])
    order = 6
    c = np.zeros((order + 1, x.size))
    c[0], c[1] = x, 1.0
    a = TaylorArray(c)
    with pytest.warns(TaylorWarning, match="numpy.divide: NaN put in the top 1"):
        got = (np.sin(a) / a).coefficients
    for i, xi in enumerate(x):
        t = dn.Taylor.variable(xi, order)
        with warnings.catch_warnings(record=True):  # the shortfall at 0 warns in both
            warnings.simplefilter("always")
            alone = (np.sin(t) / t).coefficients
        assert np.array_equal(got[:, i], alone, equal_nan=True), i
    # the elements away from 0 as the quotient of an array without zeros gives them
    away = np.array([1, 3, 4])
    c2 = c[:, away]
    b = TaylorArray(c2)
    assert np.array_equal(got[:, away], (np.sin(b) / b).coefficients)
    # the elements at 0: exact to order 5, the top one short (NaN)
    close(got[:order, 0], reference(sinc_like, order - 1))
    assert np.isnan(got[order, 0])


def python_quotient(a, b):
    """The quotient recurrence of normalised coefficients, written out (b_0 != 0)."""
    c = []
    for k in range(len(a)):
        c.append((a[k] - sum(b[j] * c[k - j] for j in range(1, k + 1))) / b[0])
    return np.array(c)


@pytest.mark.parametrize("m", [1, 2, 3])
def test_slow_path_is_the_fast_path_on_the_shifted_series(m):
    """At b_0 = 0 (b = t^m v) the kernel divides the series from coefficient m on: the
    fast path's bits on those, NaN above; next to it (b_0 = 1e-300, the fast path) the
    recurrence as written."""
    d = 8
    rng = np.random.default_rng(m)
    v, w = rng.uniform(0.5, 2.0, d + 1), rng.uniform(-1.0, 1.0, d + 1)
    a, b = np.zeros((d + 1, 2)), np.zeros((d + 1, 2))
    a[m:, 0], b[m:, 0] = w[:d + 1 - m], v[:d + 1 - m]
    a[:, 1], b[:, 1] = w, v
    b[0, 1] = 0.75
    out, short, broken = _taylor.quotient(a, b)
    assert (short, broken) == (m, False)
    fast = _taylor.quotient(a[m:, :1].copy(), b[m:, :1].copy())[0][:, 0]
    assert np.array_equal(out[:d + 1 - m, 0], fast)
    assert np.all(np.isnan(out[d + 1 - m:, 0]))
    close(out[:d + 1 - m, 0], python_quotient(w[:d + 1 - m], v[:d + 1 - m]))
    close(out[:, 1], python_quotient(w, b[:, 1]))
    # the scalar type: the same bits
    with pytest.warns(TaylorWarning, match="divide"):
        s = dn.Taylor(a[:, 0]) / dn.Taylor(b[:, 0])
    assert np.array_equal(s.coefficients, out[:, 0], equal_nan=True)


def test_zero_over_zero_to_the_order_given_is_retried():
    assert quiet(lambda: dn.derivatives(lambda t: t ** 3 / t ** 3, 0.0, order=1)) == (1.0, 0.0)


@pytest.mark.parametrize("f, g, name", [
    (lambda t: 1 / t, lambda t: 1 / t, "divide"),
    (lambda t: 1.0 / t, lambda t: 1 / t, "divide"),
    (lambda t: t / t ** 3, lambda t: 1 / t ** 2, "divide"),
    (lambda t: np.reciprocal(t), lambda t: 1 / t, "reciprocal")])
def test_poles_warn(f, g, name):
    with pytest.warns(TaylorWarning, match=name):
        got = dn.taylor(f, 0.0, 3)
    assert not np.isfinite(got[0]) and np.all(np.isnan(got[1:]))
    with pytest.warns(TaylorWarning, match=name):
        got = dn.taylor(f, np.array([0.0, 2.0]), 3)
    assert np.all(np.isnan(got[1:, 0]))
    close(got[:, 1], reference(lambda t: g(2 + t), 3))


def test_one_over_t_pole_exact_values():
    with pytest.warns(TaylorWarning, match=r"c / t \(divide\)"):
        got = dn.taylor(lambda t: 1.0 / t, 0.0, 2)
    assert got[0] == np.inf and np.all(np.isnan(got[1:]))


def test_exp_overflow_times_a_zero_coefficient_is_nan_and_warns():
    """e^1000 overflows: its coefficients from the seed's (1) are inf, and the term of the
    seed's zero coefficient 2 is inf * 0, NaN with a warning (doubles cannot tell an
    overflow from a singular point)."""
    with pytest.warns(TaylorWarning, match=r"exp: NaN .* order 2"):
        got = dn.derivatives(np.exp, 1000.0, order=2)
    assert got[:2] == (np.inf, np.inf) and np.isnan(got[2])
    with pytest.warns(TaylorWarning, match=r"exp: NaN"):
        got = dn.taylor(np.exp, np.array([1000.0, 0.0]), 4)
    assert np.all(got[:2, 0] == np.inf) and np.all(np.isnan(got[2:, 0]))


@pytest.mark.parametrize("power", [2, 4])
def test_log_at_a_leading_zero_has_no_series_and_warns(power):
    """log(t^m) = m log|t| at 0: no Taylor series (f' = m / t does not exist): NaN from
    order 1, with a warning, not the 0 of an inf times a zero coefficient."""
    for x in (0.0, np.zeros(3)):
        with pytest.warns(TaylorWarning, match="log"):
            got = np.asarray(dn.taylor(lambda t: np.log(t ** power), x, 3))
        assert np.all(got[0] == -np.inf) and np.all(np.isnan(got[1:]))


def test_exp_overflow_with_a_zero_coefficient_warns():
    with pytest.warns(TaylorWarning, match="exp: NaN in the Taylor coefficient.* order 1-3"):
        got = dn.taylor(np.exp, 1000.0, 3, series=[0.0, 1.0])
    assert got[0] == np.inf and np.isnan(got[1:]).all()


@pytest.mark.parametrize("f, g", [
    (lambda t: np.hypot(t ** 2, t ** 2), lambda t: mpmath.sqrt(2) * t ** 2),
    (lambda t: np.hypot(t ** 2, -2 * t ** 2 + t ** 3),
     lambda t: mpmath.sqrt(t ** 4 + (-2 * t ** 2 + t ** 3) ** 2)),
    (lambda t: np.cbrt(t ** 3), lambda t: t),
    (lambda t: np.cbrt(-8 * t ** 3 + t ** 4), lambda t: -mpmath.cbrt(8 * t ** 3 - t ** 4)
     if t >= 0 else mpmath.cbrt(-8 * t ** 3 + t ** 4)),
    (lambda t: sc.betainc(2.0, 3.0, t), lambda t: 6 * t ** 2 - 8 * t ** 3 + 3 * t ** 4),
    (lambda t: sc.betainc(3.0, 2.5, t),
     lambda t: mpmath.betainc(3, 2.5, 0, t, regularized=True)),
])
@pytest.mark.parametrize("order", [2, 6])
def test_roots_and_betainc_at_a_leading_zero(f, g, order):
    want = reference(g, order)
    close(quiet(lambda: dn.taylor(f, 0.0, order)), want)
    close(quiet(lambda: dn.taylor(f, np.array([0.0, 0.0]), order))[:, 1], want)


@pytest.mark.parametrize("f, name", [
    (lambda t: np.arctan2(t ** 2, t), "arctan2"),
    (lambda t: np.cbrt(t), "cbrt"),
    (lambda t: np.hypot(t, t), "hypot"),
    (lambda t: sc.betainc(2.5, 3.0, t), "betainc"),
])
def test_no_series_warns_naming_the_function(f, name):
    with pytest.warns(TaylorWarning, match=name):
        got = dn.taylor(f, 0.0, 3)
    assert np.any(np.isnan(got))
    with pytest.warns(TaylorWarning, match=name):
        dn.taylor(f, np.array([0.0, 0.5]), 3)


def test_the_catch_all_names_the_orders():
    t = TaylorArray(np.array([[0.0, 1.0], [1.0, 1.0], [0.0, 0.0], [0.0, 0.0]]))
    with pytest.warns(TaylorWarning, match=r"numpy.arctan2: NaN in the Taylor coefficient"
                      r"\(s\) of order 1-3 .*not determined"):
        out = np.arctan2(t ** 2, t)
    assert np.all(np.isfinite(out.coefficients[:, 1]))
    s = dn.Taylor([0.0, 1.0, 0.0, 0.0])
    with pytest.warns(TaylorWarning, match=r"arctan2: NaN .* order 1-3"):
        np.arctan2(s ** 2, s)


def test_nan_inputs_do_not_warn():
    t = TaylorArray(np.array([[np.nan, 1.0], [1.0, 1.0]]))
    quiet(lambda: np.sin(t) * t / (t + 1.0))


def test_linear_operators_are_unchecked_coefficientwise():
    """README: +, - and scaling are NumPy's coefficientwise arithmetic: inf - inf is NaN
    there without a warning."""
    t = TaylorArray(np.array([[1.0], [np.inf]]))
    s = dn.Taylor([1.0, np.inf])
    with np.errstate(invalid="ignore"):
        got = quiet(lambda: (t - t).coefficients[:, 0])
    assert got[0] == 0.0 and np.isnan(got[1])
    got = quiet(lambda: (s - s).coefficients)
    assert got[0] == 0.0 and np.isnan(got[1])


def test_hypot_at_the_origin_readme():
    with pytest.warns(TaylorWarning, match="arctan2"):
        dn.taylor(lambda t: np.arctan2(t ** 2, t), np.zeros(2), 2)
    close(quiet(lambda: dn.taylor(lambda t: (1 - np.cos(t)) / t ** 2, np.array([0.0, 0.0]),
                                  4))[:, 0], reference(one_minus_cos, 4))


def _counted(f):
    def g(t):
        g.calls += 1
        return f(t)
    g.calls = 0
    return g


def test_the_api_scans_f_once_and_again_only_where_nan():
    """dualnum.higher evaluates f with the catch-all off (series.kernels.unscanned), scans
    f's result once, and evaluates f again with it on only where that holds NaN: the
    warning then names the operation, as the scanned evaluation alone does."""
    smooth = _counted(lambda t: np.exp(np.sin(t)) / (1.0 + t * t))
    x = np.array([0.0, 0.5, 1.0])
    got = dn.taylor(smooth, x, 4)
    assert smooth.calls == 1
    whole = (lambda t: np.exp(np.sin(t)) / (1.0 + t * t))(TaylorArray.variable(x, 4))
    assert np.array_equal(got, whole.coefficients)
    made = _counted(lambda t: np.arctan2(t ** 2, t))
    with pytest.warns(TaylorWarning, match=r"numpy.arctan2: NaN .* order 1-3") as caught:
        got = dn.taylor(made, x, 3)
    assert made.calls == 2      # again, scanned
    assert len({str(w.message) for w in caught}) == 1
    t = TaylorArray.variable(x, 3)
    with pytest.warns(TaylorWarning, match=r"numpy.arctan2: NaN .* order 1-3"):
        direct = np.arctan2(t ** 2, t).coefficients
    assert np.array_equal(got, direct, equal_nan=True)


def test_unscanned_turns_the_catch_all_off_in_its_thread_only():
    import threading
    from dualnum.series.kernels import unscanned
    t = TaylorArray(np.array([[0.0], [1.0], [0.0], [0.0]]))
    heard = []

    def other():
        with warnings.catch_warnings(record=True) as w:
            warnings.simplefilter("always")
            np.arctan2(t ** 2, t)
        heard.append(len(w))

    with unscanned():
        quiet(lambda: np.arctan2(t ** 2, t))
        thread = threading.Thread(target=other)
        thread.start()
        thread.join()
    assert heard == [1]
    with pytest.warns(TaylorWarning, match="arctan2"):
        np.arctan2(t ** 2, t)


def test_next_to_a_removable_singularity_a_quotient_loses_digits_sinc_does_not():
    """README (Limitations): sin(t)/t at 0.01, order 8, is wholly wrong (the quotient's
    recurrence divides by 0.01 at each order), np.sinc(t / pi) exact; mpmath's reference."""
    with mpmath.workdps(40):
        want = float(mpmath.diff(lambda t: mpmath.sin(t) / t, mpmath.mpf("0.01"), 8))
    quotient = dn.derivative(lambda t: np.sin(t) / t, 0.01, order=8)
    assert abs(quotient - want) > abs(want)
    sinc = dn.derivative(lambda t: np.sinc(t / np.pi), 0.01, order=8)
    assert sinc == pytest.approx(want, rel=1e-12)


@pytest.mark.parametrize("x0, k, lost", [(0.5, 13, 0.1), (2.0, 20, 1e-3)])
def test_the_quotients_loss_reaches_far_from_the_singularity(x0, k, lost):
    """README (Limitations): sin(t)/t at 0.5 is 13% off at order 13, at 2 still 2e-3 off
    at order 20 (its coefficients fall as 1/k!, the recurrence's error as x0^-k)."""
    with mpmath.workdps(50):
        want = float(mpmath.taylor(lambda t: mpmath.sin(t) / t, mpmath.mpf(x0), k)[k])
    got = dn.taylor(lambda t: np.sin(t) / t, x0, k)[k]
    assert abs(got - want) > lost * abs(want)
    sinc = dn.taylor(lambda t: np.sinc(t / np.pi), x0, k)[k]
    assert abs(sinc - want) <= 1e-11 * abs(want)


# ---------------------------------------------------------------- compositions at a zero
@pytest.mark.parametrize("f, g, order", [
    # shortfalls that compound along a chain: each evaluated again until none is left
    (lambda t: t ** 2 / np.sqrt(t ** 4), lambda t: mpmath.mpf(1), 2),
    (lambda t: np.sqrt(t ** 4) / t ** 2, lambda t: mpmath.mpf(1), 4),
    (lambda t: t ** 2 / np.cbrt(t ** 6), lambda t: mpmath.mpf(1), 3),
    (lambda t: np.sin(t) ** 2 / np.sqrt(t ** 4), lambda t: sinc_like(t) ** 2, 6),
    (lambda t: np.sqrt(np.sqrt(t ** 8)), lambda t: t ** 2, 3),
    (lambda t: np.sqrt(np.sqrt(t ** 8)), lambda t: t ** 2, 6),
])
def test_shortfalls_that_compound_are_evaluated_again(f, g, order):
    want = reference(g, order)
    close(quiet(lambda: dn.taylor(f, 0.0, order)), want)
    both = quiet(lambda: dn.taylor(f, np.array([0.0, 0.0]), order))
    close(both[:, 0], want)
    close(both[:, 1], want)


@pytest.mark.parametrize("f, exact", [
    (lambda t: np.abs(t) ** 4, 4),                 # t^4: known to order 3, 24 t^4 not 0
    (lambda t: np.abs(t) ** 3, 3),
    (lambda t: np.maximum(t, 0.0) ** 3, 3),        # sides t^3 and 0
    (lambda t: np.sqrt(np.abs(t)), 1),
    (lambda t: dn.relu(t) ** 2.5, 3),
])
def test_a_power_of_a_kink_is_nan_where_the_convention_would_enter(f, exact):
    """A kink's first differing coefficient is the mean of its sides (the table's
    convention): a power takes it to the power p, so the coefficients from there are NaN,
    with the kink's warning; the ones below are the exact 0."""
    with pytest.warns(TaylorWarning):
        got = dn.taylor(f, 0.0, 6)
    assert np.all(got[:exact] == 0.0) and np.all(np.isnan(got[exact:])), got


def test_a_kink_away_from_the_leading_zero_keeps_the_convention():
    """(1 + |t|)^3: the power's coefficient 1 is linear in |t|'s (3 x 0, the mean of the
    sides' +3 and -3); the higher ones NaN."""
    with pytest.warns(TaylorWarning):
        got = dn.taylor(lambda t: (1 + np.abs(t)) ** 3, 0.0, 3)
    assert got[0] == 1.0 and got[1] == 0.0 and np.all(np.isnan(got[2:])), got


def test_infinite_derivatives_as_the_readme_says():
    """README: log1p at -1 gives IEEE's infinities without a warning; log at 0 gives -inf,
    inf and then NaN, with a warning."""
    got = quiet(lambda: dn.derivatives(np.log1p, -1.0, order=4))
    assert got == (-np.inf, np.inf, -np.inf, np.inf, -np.inf)
    with pytest.warns(TaylorWarning, match="log"):
        got = dn.derivatives(np.log, 0.0, order=3)
    assert got[:2] == (-np.inf, np.inf) and np.isnan(got[2]) and np.isnan(got[3])
