/* Helpers of the scipy.special rules: x/y^2 (xlogy), the inverses of the Gaussian integrals
   and the modified Bessel functions I_0, I_1, whose values come from SciPy's kernels
   (scipy_special.h), I_v, whose values are dualnum's own (bessel_i.h), and the Bessel
   functions J and Y (bessel_jy.h). */
#ifndef DUALNUM_SPECIAL_SCIPY_H
#define DUALNUM_SPECIAL_SCIPY_H
#include <float.h>
#include <math.h>
#include "bessel_i.h"
#include "bessel_jy.h"
#include "bessel_k.h"
#include "constants.h"
#include "helpers.h"
#include "scipy_special.h"

/* x / y^2 to a few ulps wherever it is a normal double, y^2 being taken apart as mantissa
   and exponent: y^2 alone overflows or is subnormal from |y| = 1.3e154 or below 1.5e-154. */
static inline double dn_div_square(double x, double y)
{
    int ex, ey;
    double mx, my;
    if (!isfinite(x) || !isfinite(y) || x == 0.0 || y == 0.0) return x / (y * y);
    mx = frexp(x, &ex);
    my = frexp(y, &ey);
    return ldexp(mx / (my * my), ex - 2 * ey);
}

/* The derivative of an inverse x*(t) of a Gaussian integral G (G(x*) = t) is 1/G'(x*),
   and G'(x*) is G'(x) e^(+-x^2)-steep: taken at the rounded x that SciPy returns, it would
   be off by 2 x^2 ulps (35 ulps for erfinv next to 1, 700 for ndtri at 1e-300). So x is
   corrected to first order by one Newton step, x* = x + dx, dx = (t - G(x)) / G'(x), and
   G'(x*) = G'(x) + G''(x) dx, G'' = -x G' (normal density) or -2 x G' (erf): with the
   residual t - G(x) computed without cancellation (in the tail nearer to t) this is exact to
   a few ulps. Each works at the tail point |x| of its symmetry. */

/* ndtri'(p) = 1/phi(x*) (DLMF 7.17.2 with 7.18 of Phi), from x = ndtri(p): at y = -|x| and
   r = min(p, 1 - p) (1 - p exact for p >= 1/2), phi(x*) = phi(y) - y (r - Phi(y)), all
   divided by k (helpers.h: dn_normal_scaled) so that the tail below p = 1e-290 keeps its
   ulps. */
static inline double dn_ndtri_slope(double p, double x)
{
    double r = p > 0.5 ? 1.0 - p : p, y = -fabs(x), cdf, pdf, k;
    if (isinf(x)) return INFINITY;
    dn_normal_scaled(y, &cdf, &pdf, &k);
    return (1.0 / (pdf - y * (r / k - cdf))) / k;
}

/* erfinv'(y) = sqrt(pi)/2 e^(x*^2) (DLMF 7.17.2), from x = erfinv(y): at s = |x|, a = |y|,
   erf'(x*) = g - 2 s (a - erf s), g = erf'(s), the residual a - erf s taken as
   erfc(s) - (1 - a) above a = 1/2 (1 - a exact). s <= 6: g is a normal double. */
static inline double dn_erfinv_slope(double y, double x)
{
    double a = fabs(y), s = fabs(x), k;
    double g = DN_2_SQRTPI * dn_exp_neg_square_scaled(s, 1.0, &k);
    if (isinf(x)) return INFINITY;
    return 1.0 / (g - 2.0 * s * (a <= 0.5 ? a - erf(s) : erfc(s) - (1.0 - a)));
}

/* erfcinv(z): SciPy's, but below the normal range (z < 2^-1022; SciPy gives inf at the
   least subnormal) by Newton's method on log erfc(x) = log erfcx(x) - x^2 = log z, with x^2
   as h + l exactly (fma), from x = erfcinv(2^-1022): the step -h/h' is
   h sqrt(pi)/2 erfcx(x), and five steps (quadratic convergence from 0.7 away) leave an
   error below an ulp. */
static inline double dn_sp_erfcinv_value(double z)
{
    double x, h, r;
    int i;
    if (!(z > 0.0 && z < DBL_MIN)) return dn_sp_erfcinv(z);
    x = dn_sp_erfcinv(DBL_MIN);
    for (i = 0; i < 5; i++) {
        h = x * x;
        r = dn_sp_erfcx(x);
        x += ((log(r) - h - fma(x, x, -h)) - log(z)) * r / DN_2_SQRTPI;
    }
    return x;
}

/* erfcinv'(z) = -sqrt(pi)/2 e^(x*^2), from x = erfcinv(z): erfcinv(2 - z) = -erfcinv(z), so
   at zs = min(z, 2 - z) (2 - z exact for z >= 1) and s = |x|, erfc'(x*) = -(g + 2 s (zs -
   erfc s)). Below z = 1e-290, erfc(s) and g are subnormal or 0: both are taken divided by k,
   erfc(s) / k = erfcx(s) e^(-s^2) / k (SciPy's scaled erfc). */
static inline double dn_sp_erfcinv_slope(double z, double x)
{
    double zs = z > 1.0 ? 2.0 - z : z, s = fabs(x), k;
    double e = dn_exp_neg_square_scaled(s, 1.0, &k);
    if (isinf(x)) return -INFINITY;
    return -(1.0 / (DN_2_SQRTPI * e + 2.0 * s * (zs / k - dn_sp_erfcx(s) * e))) / k;
}

/* SciPy's ive(n, x) = I_n(x) e^-|x| (integer n), which is NaN from |x| = 2^30 on (AMOS gives
   up): there the asymptotic expansion (DLMF 10.40.1) in its first three terms, the fourth
   being below 1e-26 relatively; I_n(-x) = (-1)^n I_n(x). */
static inline double dn_sp_ive(double n, double x)
{
    double a = fabs(x), m1 = 4.0 * n * n - 1.0, m2 = 4.0 * n * n - 9.0, t = 0.125 / a, v;
    if (!(a >= 0x1p30) || isinf(a)) return dn__sp2(DN_SP_IVE, n, x);
    v = (1.0 - m1 * t * (1.0 - 0.5 * m2 * t)) / sqrt(2.0 * 3.14159265358979323846 * a);
    return x < 0.0 && fmod(n, 2.0) != 0.0 ? -v : v;
}

/* I_n(x), I_n'(x), I_n''(x) for n = 0, 1 (DLMF 10.25.2), from SciPy's exponentially scaled
   kernels: I_0' = I_1 (10.29.3), I_n' = (I_(n-1) + I_(n+1))/2 (10.29.1), so
   I_0'' = (I_0 + I_2)/2 and I_1'' = (3 I_1 + I_3)/4: sums of terms of one sign, where the
   textbook I_1' = I_0 - I_1/x cancels at small x (and I_1'' loses everything there). Each is
   its scaled kernel times e^|x|, applied as two factors e^(|x|/2), so that nothing overflows
   before the result does (I_0 is finite up to x = 713.98; e^x overflows from 709.78). */
static inline void dn_sp_bessel_i(double x, int n, double *d0, double *d1, double *d2)
{
    double h = exp(0.5 * fabs(x)), e0 = dn_sp_i0e(x), e1 = dn_sp_i1e(x);
    double e2 = dn_sp_ive(2.0, x);
    if (n == 0) {
        *d0 = (e0 * h) * h;
        *d1 = (e1 * h) * h;
        *d2 = ((0.5 * (e0 + e2)) * h) * h;
    } else {
        *d0 = (e1 * h) * h;
        *d1 = ((0.5 * (e0 + e2)) * h) * h;
        *d2 = ((0.25 * (3.0 * e1 + dn_sp_ive(3.0, x))) * h) * h;
    }
}

/* e^-|x| times I_v(x), I_v'(x), I_v''(x) for any real order v (I_-n = I_n for an integer
   n, DLMF 10.27.1): bessel_i.h's, or beyond its orders SciPy's ive. Real only at x >= 0 unless
   v is an integer: NaN otherwise, as SciPy's iv. */
static inline void dn_sp_bessel_iv_scaled(double v, double x, long double g[3])
{
    long double nu = v == trunc(v) ? fabsl((long double)v) : v, a = fabsl((long double)x);
    if (isnan(v) || isnan(x) || (x < 0.0 && v != trunc(v))) {
        g[0] = g[1] = g[2] = NAN;
    } else if (a == 0.0L) {
        dn__bessel_i_at_zero(nu, g);
    } else if (fabsl(nu) <= DN_BESSEL_NU_MAX) {
        dn__bessel_i_jet(nu, x, dn__ive_ld(nu, a), dn__ive_ld(nu + 1.0L, a), g);
    } else {
        dn__bessel_i_jet(nu, x, dn_sp_ive((double)nu, (double)a),
                         dn_sp_ive((double)nu + 1.0, (double)a), g);
    }
}

/* I_v(x), I_v'(x), I_v''(x): the scaled parts times e^|x| in long double, which overflows
   where I_v does (|x| = 714 for v = 0), not before. */
static inline void dn_sp_bessel_iv(double x, double v, double *d0, double *d1, double *d2)
{
    long double g[3], e;
    dn_sp_bessel_iv_scaled(v, x, g);
    e = expl(fabsl((long double)x));
    *d0 = (double)(g[0] * e);
    *d1 = (double)(g[1] * e);
    *d2 = (double)(g[2] * e);
}

/* ive(v, x) = e^-|x| I_v(x) and its derivatives e^-|x| (I_v' - s I_v) and
   e^-|x| (I_v'' - 2 s I_v' + I_v), s = sign x: in the large-argument region the expansion
   differentiated term by term (bessel_i.h), where these differences cancel (by 2^11 at
   a = 25, more beyond); below, the long double parts of iv, whose spare bits absorb it. For
   x < 0 (an integer v) the parity of I_v. At x = 0, |x| has a kink: for v = 0 the mean slope
   0 (one-sided slopes +1 below, -1 above: the rule's below/above), and no second derivative
   for v = 0 and |v| = 1 (e^-|x| I_1 = x/2 - x|x|/2 + ...): NaN. */
static inline void dn_sp_bessel_ive(double x, double v, double *d0, double *d1, double *d2)
{
    long double g[3], h[3], a = fabsl((long double)x), s = x < 0.0 ? -1.0L : 1.0L;
    long double nu = v == trunc(v) ? fabsl((long double)v) : v;
    if (a >= 25.0L && a >= nu * nu && fabsl(nu) <= DN_BESSEL_NU_MAX) {
        long double parity = x < 0.0 && fmodl(nu, 2.0L) == 1.0L ? -1.0L : 1.0L;
        dn__ive_expansion(nu, a, h);
        *d0 = (double)(parity * h[0]);
        *d1 = (double)(parity * s * h[1]);
        *d2 = (double)(parity * h[2]);
        return;
    }
    dn_sp_bessel_iv_scaled(v, x, g);
    *d0 = (double)g[0];
    *d1 = (double)(g[1] - s * g[0]);
    *d2 = (double)(g[2] - 2.0L * s * g[1] + g[0]);
    if (x == 0.0 && nu <= 1.0L && nu == truncl(nu)) {
        *d1 = (double)g[1];
        *d2 = NAN;
    }
}

/* K_v(x), K_v'(x), K_v''(x), x > 0 (K_-v = K_v, DLMF 10.27.3), from e^x K_v and e^x K_(v-1)
   (bessel_k.h; SciPy's kve beyond its orders): K_v' = -K_(v-1) - (v/x) K_v (DLMF 10.29.2)
   and K_v'' = (1 + v^2/x^2) K_v - K_v'/x (DLMF 10.25.1), sums of terms of one sign (K > 0 >
   K'), times e^-x in long double, so that they underflow where K_v does, not before (0
   beyond x = 11000, where e^-x underflows in long double too). At x = 0 the limits +inf,
   -inf, +inf; NaN for x < 0, as SciPy's kv. */
static inline void dn_sp_bessel_kv(double x, double v, double *d0, double *d1, double *d2)
{
    long double k[2], nu = fabsl((long double)v), xl = x, e, k1;
    if (isnan(x) || isnan(v) || x < 0.0) {
        *d0 = *d1 = *d2 = NAN;
        return;
    }
    if (x == 0.0 || x >= 11000.0) {
        *d0 = *d2 = x == 0.0 ? INFINITY : 0.0;
        *d1 = x == 0.0 ? -INFINITY : -0.0;
        return;
    }
    if (nu <= DN_BESSEL_K_NU_MAX) {
        dn__kve_pair(nu, xl, k);
    } else {
        k[0] = dn__sp2(DN_SP_KVE, (double)nu, x);
        k[1] = dn__sp2(DN_SP_KVE, (double)nu - 1.0, x);
    }
    e = expl(-xl);
    k1 = -k[1] - nu * k[0] / xl;
    *d0 = (double)(k[0] * e);
    *d1 = (double)(k1 * e);
    *d2 = (double)(((1.0L + nu * nu / (xl * xl)) * k[0] - k1 / xl) * e);
}

#endif
