/* Bessel functions of the first and second kind, J_v(x) and Y_v(x) of real order v, with
   their first and second derivatives in x, to a few ulps away from their zeros.

   x >= 20, where Hankel's expansion converges (|v| up to about 12): DLMF 10.17.3-4,
     C_v(x) = sqrt(2/(pi x)) (P cos w - Q sin w) for J, (P sin w + Q cos w) for Y, with
     w = x - (v/2 + 1/4) pi; cos w and sin w from the C library's cos x and sin x (which
     reduce any x exactly) and the cos and sin of (v/2 + 1/4) pi (dn_sincospi, exact), so
     that the phase does not round as x - (v/2 + 1/4) pi would (SciPy's j0 at x = 1e4 is
     off by hundreds of ulps). C_v' = (v/x) C_v - C_(v+1) (DLMF 10.6.2) and
     C_v'' = -C_v'/x - (1 - v^2/x^2) C_v (Bessel's equation, DLMF 10.2.1).
   x < 20, |v| <= 50: the power series (DLMF 10.2.2 for J; 10.8.1 for Y of integer order;
     10.2.3, Y_v = (J_v cos v pi - J_(-v))/sin v pi, otherwise), summed in double-double
     (double_double.h), since its terms reach e^x / |J| (5e8 at x = 20) times the sum; the
     derivatives term by term, so that none cancels against the value.
   Elsewhere (|v| > 50 below x = 20, or Hankel's expansion not converged: |v| > 12 or so
     and x below about v^2/10): SciPy's jv, yv (AMOS), and the derivatives as above.
   J_(-n) = (-1)^n J_n, Y_(-n) = (-1)^n Y_n for an integer n (DLMF 10.4.1), J_n(-x) =
   (-1)^n J_n(x) (10.11.1); Y, and J of non-integer order, are complex at x < 0 (NaN). */
#ifndef DUALNUM_BESSEL_JY_H
#define DUALNUM_BESSEL_JY_H
#include <math.h>
#include "constants.h"
#include "double_double.h"
#include "helpers.h"
#include "scipy_special.h"

#define DN_HANKEL_MIN 20.0     /* below, the power series */
#define DN_SERIES_MAX_ORDER 50.0

static const dn_dd DN_DD_1_PI = {0.3183098861837907, -1.9678676675182486e-17};
static const dn_dd DN_DD_2_PI = {0.6366197723675814, -3.935735335036497e-17};
static const dn_dd DN_DD_EULER = {0.5772156649015329, -4.942915152430645e-18};
#define DN_SQRT_2_PI 0.79788456080286535588   /* sqrt(2/pi) */

/* P and Q of Hankel's expansion (DLMF 10.17.3), from t_k = a_k(v)/x^k (10.17.1), each
   factor (2v - a)(2v + a) / (8k x), a = 2k - 1, exact next to its zero; 0 where the terms
   do not fall below 2^-60 within 60 terms or grow above 4 (which would cost ulps). */
static inline int dn__hankel_pq(double v, double x, double *p, double *q)
{
    double t = 1.0, a, big = 1.0;
    int k;
    *p = 1.0;
    *q = 0.0;
    for (k = 1; k <= 60; k++) {
        a = 2.0 * k - 1.0;
        t *= (((2.0 * v - a) * (2.0 * v + a)) / (8.0 * k)) / x;
        if (k % 2) *q += (k / 2) % 2 ? -t : t;
        else *p += (k / 2) % 2 ? -t : t;
        big = fmax(big, fabs(t));
        if (big > 4.0) return 0;
        if (fabs(t) < 0x1p-60) return 1;
    }
    return 0;
}

/* The derivatives of C_v from C_v (c0) and C_(v+1) (c1): DLMF 10.6.2 and 10.2.1. */
static inline void dn__bessel_from_pair(double v, double x, double c0, double c1,
                                        double *d0, double *d1, double *d2)
{
    double r = v / x;
    *d0 = c0;
    *d1 = r * c0 - c1;
    *d2 = -(*d1 / x) - c0 + r * (r * c0);
}

/* C_v and C_(v+1) by Hankel's expansion at x >= DN_HANKEL_MIN; 0 where it does not
   converge. */
static inline int dn__bessel_hankel(double v, double x, int kind, double *c0, double *c1)
{
    double p, q, p1, q1, sp, cp, sx = sin(x), cx = cos(x), cw, sw, s;
    if (!dn__hankel_pq(v, x, &p, &q) || !dn__hankel_pq(v + 1.0, x, &p1, &q1)) return 0;
    dn_sincospi((2.0 * v + 1.0) / 4.0, &sp, &cp);
    cw = cx * cp + sx * sp;
    sw = sx * cp - cx * sp;
    s = DN_SQRT_2_PI / sqrt(x);
    /* the phase of order v + 1 is w - pi/2: cos -> sin, sin -> -cos */
    *c0 = s * (kind ? p * sw + q * cw : p * cw - q * sw);
    *c1 = s * (kind ? q1 * sw - p1 * cw : p1 * sw + q1 * cw);
    return 1;
}

/* The m-th derivatives (m = 0, 1, 2) of J_v at x >= 0 by its power series (DLMF 10.2.2),
   J_v^(m) = sum_k (-1)^k falling(2k + v, m) (x/2)^(2k+v-m) / (2^m k! Gamma(v + k + 1)),
   as pre[m] * sum[m]; with `weighted`, also the sums with the weights
   psi(k + 1) + psi(v + k + 1) = -2 gamma + H_k + H_(v+k) of Y's series (10.8.1, integer v)
   in wsum[m]. Where falling(v, m) = 0 (v = 0, m >= 1; v = 1, m = 2) the sum starts at
   k = 1, with (x/2)^2 taken into pre, so that x = 0 gives no 0 * inf. The prefactors are
   double-double for an integer v (Y's series combines them with cancellation), doubles
   otherwise (tgamma and pow: a few ulps). */
static inline void dn__jseries(double v, double x, int weighted, dn_dd pre[3],
                               dn_dd sum[3], dn_dd wsum[3])
{
    const dn_dd one = {1.0, 0.0}, zero = {0.0, 0.0};
    double sq = x * x, big = 1.0;
    dn_dd z = {-0.25 * sq, -0.25 * fma(x, x, -sq)}, t = one, u = zero, f1, f2, term;
    dn_dd hk = zero, hvk = zero, w = zero, fact = one;
    int k, m, start[3];
    for (m = 0; m < 3; m++) {
        start[m] = (v == 0.0 && m >= 1) || (v == 1.0 && m == 2);
        sum[m] = wsum[m] = zero;
    }
    for (k = 1; weighted && k <= (int)v; k++)   /* H_v for an integer v >= 0 */
        hvk = dn_dd_add(hvk, dn_dd_div(one, dn_dd_make(k, 0.0)));
    for (k = 0; k < 300; k++) {
        if (k >= 1) {   /* u_k = t_k / z, t_k = (-x^2/4)^k / (k! (v + 1)_k) */
            u = dn_dd_div(k == 1 ? one : t, dn_dd_mul_d(dn_dd_make(v, k), k));
            t = dn_dd_mul(u, z);
            if (weighted) {
                hk = dn_dd_add(hk, dn_dd_div(one, dn_dd_make(k, 0.0)));
                hvk = dn_dd_add(hvk, dn_dd_div(one, dn_dd_make(v, k)));
            }
        }
        f1 = dn_dd_make(v, 2.0 * k);                       /* 2k + v */
        f2 = dn_dd_mul(f1, dn_dd_make(v - 1.0, 2.0 * k));  /* (2k + v)(2k + v - 1) */
        if (weighted)
            w = dn_dd_add(dn_dd_add(hk, hvk), dn_dd_neg(dn_dd_mul_d(DN_DD_EULER, 2.0)));
        for (m = 0; m < 3; m++) {
            if (k < start[m]) continue;
            term = start[m] ? u : t;
            term = m == 0 ? term : dn_dd_mul(term, m == 1 ? f1 : f2);
            sum[m] = dn_dd_add(sum[m], term);
            if (weighted) wsum[m] = dn_dd_add(wsum[m], dn_dd_mul(term, w));
        }
        big = fmax(big, fabs(t.hi));
        if (k >= 1 && fabs(t.hi) < 0x1p-112 * big) break;
    }
    for (k = 2; k <= (int)v; k++) fact = dn_dd_mul_d(fact, k);   /* v! for an integer v */
    for (m = 0; m < 3; m++) {
        /* (x/2)^(v-m) / (2^m Gamma(v + 1)), times z = -(x/2)^2 for a sum from k = 1 */
        int e2 = 2 * start[m];
        double sign = start[m] ? -1.0 : 1.0;
        if (v == rint(v)) {
            pre[m] = dn_dd_div(dn_dd_powi(x, (int)v - m + e2), fact);
            pre[m].hi = sign * ldexp(pre[m].hi, -(int)v - e2);
            pre[m].lo = sign * ldexp(pre[m].lo, -(int)v - e2);
        } else {
            pre[m] = dn_dd_make(pow(x, v - m) * (exp2(-v) / tgamma(v + 1.0)), 0.0);
        }
    }
}

/* J_v and its derivatives at 0 <= x < DN_HANKEL_MIN, |v| <= DN_SERIES_MAX_ORDER (J's
   integer orders are >= 0 here). */
static inline void dn__bessel_j_series(double v, double x, double d[3])
{
    dn_dd pre[3], sum[3], wsum[3];
    int m;
    dn__jseries(v, x, 0, pre, sum, wsum);
    for (m = 0; m < 3; m++) d[m] = dn_dd_value(dn_dd_mul(pre[m], sum[m]));
}

/* Y_n and its derivatives at 0 < x < DN_HANKEL_MIN for an integer n >= 0 (DLMF 10.8.1):
   Y_n = A + (2/pi) log(x/2) J_n - (1/pi) (x/2)^n/n! sum_k w_k t_k, where
   A = -(1/pi) sum_(k<n) (n-k-1)!/k! (x/2)^(2k-n); each piece differentiated term by term
   (the log one by Leibniz's rule), all in double-double. */
static inline void dn__bessel_y_integer(double n, double x, double d[3])
{
    dn_dd pre[3], sum[3], wsum[3], y[3], a[3], jm[3], c, xp, term, r;
    dn_dd x2 = dn_dd_mul(dn_dd_make(x, 0.0), dn_dd_make(x, 0.0));
    dn_dd lh = dn_dd_add(dn_dd_make(log(x), 0.0), dn_dd_make(-DN_LN2, -DN_LN2_LO));
    dn_dd inv = dn_dd_div(dn_dd_make(1.0, 0.0), dn_dd_make(x, 0.0));
    int k, m, ni = (int)n;
    dn__jseries(n, x, 1, pre, sum, wsum);
    for (m = 0; m < 3; m++) {
        jm[m] = dn_dd_mul(pre[m], sum[m]);
        y[m] = dn_dd_neg(dn_dd_mul(DN_DD_1_PI, dn_dd_mul(pre[m], wsum[m])));
        /* A^(m): c_k falling(2k - n, m) 2^(n-2k) x^(2k-n-m), c_k = (n-k-1)!/k! */
        c = dn_dd_make(1.0, 0.0);
        a[m] = dn_dd_make(0.0, 0.0);
        for (k = 2; k < ni; k++) c = dn_dd_mul_d(c, k);
        xp = dn_dd_powi(x, -ni - m);
        for (k = 0; k < ni; k++) {
            double e = 2.0 * k - n;
            double fall = m == 0 ? 1.0 : (m == 1 ? e : e * (e - 1.0));
            term = dn_dd_mul(dn_dd_mul_d(c, ldexp(fall, ni - 2 * k)), xp);
            a[m] = dn_dd_add(a[m], dn_dd_neg(dn_dd_mul(DN_DD_1_PI, term)));
            if (!isfinite(term.hi)) break;   /* x^(-n-m) overflows: so does A */
            if (k + 1 < ni) c = dn_dd_div(c, dn_dd_make((double)(ni - k - 1) * (k + 1), 0.0));
            xp = dn_dd_mul(xp, x2);
        }
    }
    /* (2/pi) (log(x/2) J_n)^(m), by Leibniz's rule */
    r = dn_dd_mul(lh, jm[0]);
    y[0] = dn_dd_add(y[0], dn_dd_mul(DN_DD_2_PI, r));
    r = dn_dd_add(dn_dd_mul(inv, jm[0]), dn_dd_mul(lh, jm[1]));
    y[1] = dn_dd_add(y[1], dn_dd_mul(DN_DD_2_PI, r));
    /* (2 J' - J/x)/x: J/x^2 alone would overflow at a subnormal x where the sum does not */
    r = dn_dd_add(dn_dd_mul_d(jm[1], 2.0), dn_dd_neg(dn_dd_mul(inv, jm[0])));
    r = dn_dd_add(dn_dd_mul(inv, r), dn_dd_mul(lh, jm[2]));
    y[2] = dn_dd_add(y[2], dn_dd_mul(DN_DD_2_PI, r));
    /* where A overflows, the other pieces may too (inf - inf): A is the largest */
    for (m = 0; m < 3; m++) {
        d[m] = dn_dd_value(dn_dd_add(y[m], a[m]));
        d[m] = isinf(a[m].hi) ? a[m].hi : d[m];
    }
}

/* Y_v and its derivatives at 0 <= x < DN_HANKEL_MIN for a non-integer v: DLMF 10.2.3. */
static inline void dn__bessel_y_fraction(double v, double x, double d[3])
{
    double jp[3], jn[3], s, c;
    int m;
    dn__bessel_j_series(v, x, jp);
    dn__bessel_j_series(-v, x, jn);
    dn_sincospi(v, &s, &c);
    for (m = 0; m < 3; m++) d[m] = ((c == 0.0 ? 0.0 : jp[m] * c) - jn[m]) / s;
}

/* SciPy's values (AMOS), with the derivatives from the pair. */
static inline void dn__bessel_scipy(double v, double x, int kind, double d[3])
{
    int slot = kind ? DN_SP_YV : DN_SP_JV;
    dn__bessel_from_pair(v, x, dn__sp2(slot, v, x), dn__sp2(slot, v + 1.0, x),
                         &d[0], &d[1], &d[2]);
}

/* J_v (kind 0) or Y_v (kind 1) at x >= 0 for v >= 0 if v is an integer. */
static inline void dn__bessel_positive(double v, double x, int kind, double d[3])
{
    double c0, c1;
    if (isinf(x)) {
        d[0] = d[1] = d[2] = 0.0;
    } else if (x >= DN_HANKEL_MIN) {
        if (dn__bessel_hankel(v, x, kind, &c0, &c1))
            dn__bessel_from_pair(v, x, c0, c1, &d[0], &d[1], &d[2]);
        else
            dn__bessel_scipy(v, x, kind, d);
    } else if (fabs(v) > DN_SERIES_MAX_ORDER) {
        dn__bessel_scipy(v, x, kind, d);
    } else if (!kind) {
        dn__bessel_j_series(v, x, d);
    } else if (v != rint(v)) {
        dn__bessel_y_fraction(v, x, d);
    } else if (x == 0.0) {
        d[0] = -INFINITY;
        d[1] = INFINITY;
        d[2] = -INFINITY;
    } else {
        dn__bessel_y_integer(v, x, d);
    }
}

/* J_v(x) (kind 0) or Y_v(x) (kind 1) in *d0 and its first and second derivatives in x in
   *d1, *d2. */
static inline void dn_bessel_jet(double v, double x, int kind, double *d0, double *d1,
                                 double *d2)
{
    double d[3], sign = 1.0, flip = 1.0;
    int integer = v == rint(v), odd = integer && fmod(v, 2.0) != 0.0;
    if (isnan(v) || isnan(x) || (x < 0.0 && (kind || !integer))) {
        *d0 = *d1 = *d2 = v + x + NAN;
        return;
    }
    if (integer && v < 0.0) {
        v = -v;
        sign = odd ? -1.0 : 1.0;
    }
    if (x < 0.0) {   /* J_n(-x) = (-1)^n J_n(x): the m-th derivative has (-1)^(n+m) */
        x = -x;
        flip = -1.0;
        sign *= odd ? -1.0 : 1.0;
    }
    dn__bessel_positive(v, x, kind, d);
    *d0 = sign * d[0];
    *d1 = sign * flip * d[1];
    *d2 = sign * d[2];
}

/* dn_bessel_jet for the rules whose order may be large enough to need SciPy's kernels
   (jv, yv): the dn_sp_ name makes the generated code load them first. */
static inline void dn_sp_bessel_jet(double v, double x, int kind, double *d0, double *d1,
                                    double *d2)
{
    dn_bessel_jet(v, x, kind, d0, d1, d2);
}

#endif
