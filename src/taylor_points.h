/* The Taylor coefficients of functions at a point, for the rules whose series are composed
   from them (the field "points: ..." of dualnum/rules.py, src/taylor_compile.py): each fills
   c[j * stride], j = 0..d, with f^(j)(x0) / j!. */
#ifndef DUALNUM_TAYLOR_POINTS_H
#define DUALNUM_TAYLOR_POINTS_H
#include <math.h>
#include <stddef.h>
#include "helpers.h"
#include "polygamma.h"
#include "constants.h"
#include <stdlib.h>

/* c_j = psi^(n + j)(x0) / j!, j = 0..d (polygamma.h gives three orders per call) */
static inline void dn__polygamma_points(double n, double x0, int d, double *c,
                                        ptrdiff_t stride)
{
    double factorial = 1.0;
    for (int j = 0; j <= d; j += 3) {
        double v[3];
        dn_polygamma_jet(n + j, x0, &v[0], &v[1], &v[2]);
        for (int i = 0; i < 3 && j + i <= d; i++) {
            if (j + i > 0) factorial *= j + i;
            c[(j + i) * stride] = v[i] / factorial;
        }
    }
}

/* polygamma(n, x) (n = p) */
static inline int dn_points_polygamma(double x0, double p, double q, int d, double *c,
                                       ptrdiff_t stride)
{
    (void)q;
    dn__polygamma_points(p, x0, d, c, stride);
    return 0;
}

/* digamma: polygamma of order 0 */
static inline int dn_points_digamma(double x0, double p, double q, int d, double *c,
                                     ptrdiff_t stride)
{
    (void)p;
    (void)q;
    dn__polygamma_points(0.0, x0, d, c, stride);
    return 0;
}

/* log |Gamma|: c_0 = lgamma(x0), c_j = psi^(j-1)(x0) / j! */
static inline int dn_points_lgamma(double x0, double p, double q, int d, double *c,
                                    ptrdiff_t stride)
{
    (void)p;
    (void)q;
    c[0] = dn_lgamma(x0);
    if (d > 0) dn__polygamma_points(0.0, x0, d - 1, c + stride, stride);
    for (int j = 1; j <= d; j++) c[j * stride] /= j;
    return 0;
}

/* The Taylor coefficients at x0 of sum_j s^j (x/2)^(2j+v) / (j! Gamma(j+v+1)): J_v for
   s = -1, I_v for s = +1 (DLMF 10.2.2, 10.25.2), from the power series term by term,
   (x0 + t)^n = sum_k C(n, k) x0^(n-k) t^k: for J below |x0| = 5, where every term is at
   most a few times the sum, so little cancels; for I below 10 (its terms have one sign:
   nothing cancels; the recurrence of Bessel's equation, taylor_rules.h, loses a factor
   1/|x0| per order next to 0, where J and I are its smallest solutions, and still 2e-11
   at order 20 at 5 for I). x0 > 0 for a v that is not an integer. */
static inline void dn__bessel_points(double v, double s, double x0, int d, double *c,
                                     ptrdiff_t stride)
{
    const int integer = v == floor(v);
    const double vi = integer && v < 0.0 ? -v : v;   /* J_-n = (-1)^n J_n, I_-n = I_n */
    const double sign = integer && v < 0.0 && s < 0.0 && fmod(vi, 2.0) != 0.0 ? -1.0 : 1.0;
    for (int k = 0; k <= d; k++) {
        double sum = 0.0, largest = 0.0;
        for (int j = 0; j < 400; j++) {
            const double n = 2.0 * j + vi;
            if (integer && n < k) continue;          /* C(n, k) = 0 */
            double binom = 1.0;
            for (int i = 0; i < k; i++) binom *= (n - i) / (i + 1);
            const double power = n - k == 0.0 ? 1.0 : pow(x0, n - k);
            const double term = (j % 2 && s < 0.0 ? -1.0 : 1.0) * binom * power
                                * exp(-n * DN_LN2 - lgamma(j + 1.0) - lgamma(j + vi + 1.0));
            sum += term;
            if (fabs(term) > largest) largest = fabs(term);
            if (n > k + 4 && fabs(term) <= 1e-18 * largest) break;
        }
        c[k * stride] = sign * sum;
    }
}

/* J_v (p = v) and I_v next to 0 (see dn__bessel_points); J_0, J_1, I_0, I_1 with their
   orders fixed */
static inline int dn_points_jv(double x0, double p, double q, int d, double *c,
                               ptrdiff_t stride)
{
    (void)q;
    dn__bessel_points(p, -1.0, x0, d, c, stride);
    return 0;
}
static inline int dn_points_iv(double x0, double p, double q, int d, double *c,
                               ptrdiff_t stride)
{
    (void)q;
    dn__bessel_points(p, 1.0, x0, d, c, stride);
    return 0;
}
static inline int dn_points_j0(double x0, double p, double q, int d, double *c, ptrdiff_t s)
{
    (void)p; (void)q;
    dn__bessel_points(0.0, -1.0, x0, d, c, s);
    return 0;
}
static inline int dn_points_j1(double x0, double p, double q, int d, double *c, ptrdiff_t s)
{
    (void)p; (void)q;
    dn__bessel_points(1.0, -1.0, x0, d, c, s);
    return 0;
}
static inline int dn_points_i0(double x0, double p, double q, int d, double *c, ptrdiff_t s)
{
    (void)p; (void)q;
    dn__bessel_points(0.0, 1.0, x0, d, c, s);
    return 0;
}
static inline int dn_points_i1(double x0, double p, double q, int d, double *c, ptrdiff_t s)
{
    (void)p; (void)q;
    dn__bessel_points(1.0, 1.0, x0, d, c, s);
    return 0;
}

/* e^-|x| I_v(x): the coefficients of I_v times those of e^(-sign(x0) (x0 + t)); at x0 = 0
   e^-|x| has a kink, and the coefficients past the first that it reaches (order v + 1 for
   an integer v >= 0, from where the sides differ) do not exist: NaN, and 1 returned */
static inline int dn_points_ive(double x0, double p, double q, int d, double *c,
                                ptrdiff_t stride)
{
    (void)q;
    double *e = (double *)malloc(sizeof(double) * 2 * (size_t)(d + 1));
    if (e == NULL) return -1;
    double *b = e + d + 1;
    const double s = x0 < 0.0 ? -1.0 : 1.0;
    dn__bessel_points(p, 1.0, x0, d, b, 1);
    e[0] = exp(-fabs(x0));
    for (int k = 1; k <= d; k++) e[k] = -s * e[k - 1] / k;
    for (int k = 0; k <= d; k++) {
        double sum = 0.0;
        for (int j = 0; j <= k; j++) sum += e[j] * b[k - j];
        c[k * stride] = sum;
    }
    free(e);
    if (x0 == 0.0) {
        int broken = 0;
        for (int k = (int)fabs(p) + 1; k <= d; k++) { c[k * stride] = NAN; broken = 1; }
        return broken;
    }
    return 0;
}

/* NumPy's sinc(x) = sin(pi x)/(pi x) = int_0^1 cos(pi x s) ds next to 0: coefficient k at
   x0 is (pi^k / k!) int_0^1 s^k cos(pi x0 s + k pi/2) ds
       = (pi^k / k!) sum_n (pi x0)^n / n! cos((k + n) pi/2) / (k + n + 1),
   whose terms stay below e^(2 pi) = 535 for |x0| <= 2 (the quotient's recurrence against
   coefficients of size pi^k / k! loses k / (pi |x0|) at order k: 1e-6 at order 20 at
   |x0| = 1, 300 eps at 2) */
static inline int dn_points_sinc(double x0, double p, double q, int d, double *c,
                                 ptrdiff_t stride)
{
    (void)p; (void)q;
    double scale = 1.0;   /* pi^k / k! */
    for (int k = 0; k <= d; k++) {
        if (k > 0) scale *= DN_PI / k;
        double sum = 0.0, term = 1.0;   /* (pi x0)^n / n! */
        for (int n = 0; n < 200; n++) {
            if (n > 0) term *= DN_PI * x0 / n;
            const int phase = (k + n) % 4;
            if (phase % 2 == 0) sum += (phase == 0 ? term : -term) / (k + n + 1);
            if (n > 8 && fabs(term) < 1e-18) break;
        }
        c[k * stride] = scale * sum;
    }
    return 0;
}

/* 1/Gamma next to its zeros and to the poles of digamma (x0 < 10), where the ODE
   g' = -g digamma(x) loses a factor 1/dist(x0, pole) per order though 1/Gamma is entire:
   1/Gamma(x) = x (x + 1) ... (x + n - 1) / Gamma(x + n) (DLMF 5.5.1) with x0 + n >= 10,
   the polynomial's series by products of (x0 + i + t), 1/Gamma's at y0 = x0 + n from
   g_(k+1) = -(1/(k+1)) sum_j g_j psi_(k-j), psi_k = psi^(k)(y0)/k!; exact zeros at
   x0 = 0, -1, -2, ... */
static inline int dn_points_rgamma(double x0, double p, double q, int d, double *c,
                                   ptrdiff_t stride)
{
    (void)p; (void)q;
    const int n = x0 < 10.0 ? (int)ceil(10.0 - x0) : 0;
    const double y0 = x0 + n;
    double *g = (double *)malloc(sizeof(double) * 3 * (size_t)(d + 1));
    if (g == NULL) return -1;
    double *s = g + d + 1, *poly = s + d + 1;
    dn__polygamma_points(0.0, y0, d, s, 1);
    g[0] = 1.0 / tgamma(y0);
    for (int k = 0; k < d; k++) {
        double sum = 0.0;
        for (int j = 0; j <= k; j++) sum += g[j] * s[k - j];
        g[k + 1] = -sum / (k + 1);
    }
    poly[0] = 1.0;
    for (int k = 1; k <= d; k++) poly[k] = 0.0;
    for (int i = 0; i < n; i++) {           /* poly *= (x0 + i + t) */
        const double a = x0 + i;
        for (int k = d; k > 0; k--) poly[k] = poly[k] * a + poly[k - 1];
        poly[0] *= a;
    }
    for (int k = 0; k <= d; k++) {
        double sum = 0.0;
        for (int j = 0; j <= k; j++) sum += poly[j] * g[k - j];
        c[k * stride] = sum;
    }
    free(g);
    return 0;
}

/* betainc(a, b, x) at x0 = 0 (a = p, b = q): I_x(a, b) = x^a / B(a, b) sum_n (1 - b)_n / n!
   x^n / (a + n), a Taylor series for an integer a >= 1, 1 / B(a, b) = b (b + 1) ...
   (b + a - 1) / (a - 1)!. For another a > 0 the coefficients from a on do not exist (NaN,
   1 returned); outside the domain (a <= 0, b <= 0) all are NaN, as the value. */
static inline int dn_points_betainc_zero(double x0, double p, double q, int d, double *c,
                                         ptrdiff_t stride)
{
    (void)x0;
    if (!(p > 0.0 && q > 0.0)) {
        for (int j = 0; j <= d; j++) c[j * stride] = NAN;
        return 0;
    }
    const int integer = p == floor(p) && p <= 1e6;
    for (int j = 0; j <= d; j++) c[j * stride] = j < p ? 0.0 : NAN;
    if (!integer) return d >= p;
    const int a = (int)p;
    double scale = 1.0;                      /* 1 / B(a, b) */
    for (int i = 0; i < a; i++) scale *= (q + i) / (i > 0 ? i : 1);
    double r = scale;                        /* (1 - b)_n / n! / B(a, b) */
    for (int n = 0; a + n <= d; n++) {
        if (n > 0) r *= (n - q) / n;
        c[(a + n) * stride] = r / (a + n);
    }
    return 0;
}


/* beta(a, b) where 1/Gamma(a + b) is next to a zero (a_0 + b_0 near 0, -1, -2, ...): the
   ODE's digamma(a + b) has a pole there, and its recurrence loses a factor of about
   1/distance per order (orders 3 to 5 wrong by 1e10 to 1e27 at 1e-9 from it). Instead
   B = R(a + b) / (R(a) R(b)), R = 1/Gamma composed from its coefficients at the point
   (dn_points_rgamma, exact at its zeros). */
static int dn_exact_beta(int d, const double *a, dn_index sa, const double *b,
                         dn_index sb, double *out, dn_index so, int *shortp)
{
    (void)shortp;
    if (dn__nan_in(d, a, sa) || dn__nan_in(d, b, sb)) return 0;
    double *w = (double *)malloc(sizeof(double) * 5 * (size_t)(d + 1));
    if (w == NULL) return -1;
    double *sum = w, *ra = w + (d + 1), *rb = ra + (d + 1), *rs = rb + (d + 1),
           *den = rs + (d + 1);
    for (int k = 0; k <= d; k++) sum[k] = a[k * sa] + b[k * sb];
    int status = dn_taylor_compose_one(d, a, sa, dn_points_rgamma, 0.0, 0.0, ra, 1);
    if (status >= 0)
        status = dn_taylor_compose_one(d, b, sb, dn_points_rgamma, 0.0, 0.0, rb, 1);
    if (status >= 0)
        status = dn_taylor_compose_one(d, sum, 1, dn_points_rgamma, 0.0, 0.0, rs, 1);
    if (status >= 0) {
        for (int k = 0; k <= d; k++) dn_tk_mul(k, 1, ra, 1, d, rb, 1, d, den, 1);
        for (int k = 0; k <= d; k++) dn_tk_div(k, 1, rs, 1, NULL, den, 1, d, out, so);
    }
    free(w);
    return status < 0 ? status : 0;
}

#endif
