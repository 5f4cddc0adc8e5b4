/* Small C helpers of the rule table (dualnum/rules.py) and of the scalar types. */
#ifndef DUALNUM_HELPERS_H
#define DUALNUM_HELPERS_H
#include <math.h>
#include "chain.h"
#include "constants.h"

#define DN_LN2_LO 2.3190468138462996e-17   /* log 2 - DN_LN2 */

/* s = 1/(1 + e^-z) and sm = 1 - s, each without cancellation, so that s * sm stays
   accurate in both tails; with `gap`, also sm - s = -tanh(z/2), which subtracting would
   leave 0 or an ulp of 1/2 next to z = 0: there (|z| < 1) e^-|z| is 1 + m with
   m = expm1(-|z|), so that 1 - e^-|z| = -m is exact (one call either way). dn_sigmoid_pair
   passes no gap, and the branch folds away. */
static inline void dn_sigmoid_jet(double z, double *s, double *sm, double *gap)
{
    double a = fabs(z), e, m, r;
    if (gap && a < 1.0) {
        m = expm1(-a);
        e = 1.0 + m;
    } else {
        e = exp(-a);
        m = e - 1.0;
    }
    r = 1.0 / (1.0 + e);
    *s = z >= 0.0 ? r : e * r;
    *sm = z >= 0.0 ? e * r : r;
    if (gap) *gap = (z >= 0.0 ? m : -m) * r;
    if (z != z) {
        *s = z;
        *sm = z;
        if (gap) *gap = z;
    }
}

static inline void dn_sigmoid_pair(double z, double *s, double *sm)
{
    dn_sigmoid_jet(z, s, sm, 0);
}

/* The sigmoid pair at z = x - y, with the rounding error d of z (Knuth's two-sum) put back
   to first order, s(z + d) = s(z) + s sm d: otherwise the tails, s ~ e^z, would be off by
   |z| d ulps (24 at x - y = -83). */
static inline void dn_sigmoid_pair_of_difference(double x, double y, double *s, double *sm)
{
    double z = x - y, b = z - x, d = (x - (z - b)) + (-y - b), t;
    dn_sigmoid_pair(z, s, sm);
    t = *s * *sm * (isfinite(d) ? d : 0.0);   /* d is NaN where x - y overflows */
    *s += t;
    *sm -= t;
}

/* The base-2 pair at z = x - y: s = 1/(1 + 2^-z) and sm = 1 - s = 1/(1 + 2^z), each
   without cancellation, with the rounding error d of z put back to first order,
   s(z + d) = s(z) + ln 2 s sm d, as dn_sigmoid_pair_of_difference does for base e. */
static inline void dn_sigmoid2_pair_of_difference(double x, double y, double *s, double *sm)
{
    double z = x - y, b = z - x, d = (x - (z - b)) + (-y - b);
    double e = exp2(-fabs(z)), r = 1.0 / (1.0 + e), t;
    *s = z >= 0.0 ? r : e * r;
    *sm = z >= 0.0 ? e * r : r;
    if (z != z) {
        *s = z;
        *sm = z;
    }
    t = DN_LN2 * (*s * *sm) * (isfinite(d) ? d : 0.0);   /* d is NaN where x - y overflows */
    *s += t;
    *sm -= t;
}

/* Gamma(x) m where Gamma(x) is subnormal or underflows, in long double (x87 or quad: 11+
   more bits and a wider exponent): for x < -171 Gamma is tiny while its derivatives, Gamma
   times digamma terms that grow next to the poles, are still normal doubles. Where long
   double is double (MSVC, Apple arm64) this is Gamma(x) m with Gamma's underflow. */
static inline double dn_gamma_times(double x, double m)
{
    return (double)(tgammal(x) * (long double)m);
}

/* a * b / c without a spurious overflow or underflow of b / c on the way: where b / c is
   not a normal double, the mantissas are combined and the exponents added apart. */
static inline double dn_mul_div(double a, double b, double c)
{
    double q = b / c;
    int ea, eb, ec;
    if (isnormal(q)) return a * q;
    q = frexp(a, &ea) * frexp(b, &eb) / frexp(c, &ec);
    return ldexp(q, ea + eb - ec);
}

/* m x^(y - k) to a few ulps wherever it is a normal double, even where x^(y - k) itself
   overflows or is subnormal: then x^e = (|x|^(e/2))^2 (e/2 is exact). y - k may round (y
   beyond 2^53, or y + 1 crossing a power of two: y = -1023.7); its rounding error d, exact
   by Knuth's two-sum, is put back as the factor |x|^d (|d| <= 1). For a negative x (y is
   then an integer: a non-integer y gives NaN) the sign is the parity of y - k, taken from y
   and k apart, since e's rounding may change it (y = 2^53 + 2, k = 1). Called only where a
   rule's value is out of the normal range. */
static inline double dn_pow_times(double x, double y, double k, double m)
{
    double e = y - k, b = e - y, d = (y - (e - b)) + (-k - b);
    double ax = fabs(x), r = pow(x, e), h, sign;
    if (isnan(r)) return m * r;
    sign = x < 0.0 && (fmod(y, 2.0) != 0.0) != (fmod(k, 2.0) != 0.0) ? -1.0 : 1.0;
    if (ax == 1.0) return sign * m;
    if (d != 0.0) {
        r = pow(ax, d);
        /* |x|^d over- or underflows only for |x| beyond 2^+-511, where |x|^e (|e| > 2^53)
           is far beyond any m's reach, as it is when m itself has overflowed */
        if (r == 0.0 || isinf(r) || isinf(m))
            return sign * copysign((e > 0.0) == (ax > 1.0) ? INFINITY : 0.0, m);
        m *= r;
    }
    r = pow(ax, e);
    if (isnormal(r)) return sign * (m * r);
    h = pow(ax, 0.5 * e);
    /* h == 0: x^e < 2^-2148, below any finite m's reach (m may have overflowed: y log x) */
    return sign * (h == 0.0 ? copysign(0.0, m) : (m * h) * h);
}

/* a b c d 2^e with the mantissas multiplied and the exponents added apart, then one
   scaling, exact unless the result is subnormal: no overflow or underflow on the way,
   whatever the magnitudes (for finite a, b, c, d). */
static inline double dn__product(double a, double b, double c, double d, int e)
{
    int ea, eb, ec, ed;
    double m = frexp(a, &ea) * frexp(b, &eb) * frexp(c, &ec) * frexp(d, &ed);
    return ldexp(m, ea + eb + ec + ed + e);
}

/* The partials of hypot and arctan2 are monomials x^i y^j / r^n, r = hypot(x, y), n <= 4.
   Where |x|, |y| lie within 2^+-250 of 1 and of each other (or one is 0), every one of them
   is a normal double and plain products of x, y, 1/r and q = 1/(x^2 + y^2) are accurate:
   dn_polar_fast. Elsewhere the point is scaled by 2^s into [1/2, 1) first (dn_polar_scaled:
   1/r = w 2^s, 1/r^2 = q 2^(2s) with w, q of the scaled point) and the monomials come from
   dn__product. An infinite or NaN coordinate, or the origin, takes the plain products. */
static inline int dn_polar_fast(double x, double y)
{
    double ax = fabs(x), ay = fabs(y), big = ax > ay ? ax : ay, small = ax > ay ? ay : ax;
    return (big <= 0x1p250 && big >= 0x1p-250 && (small == 0.0 || small >= 0x1p-250 * big))
           || !isfinite(big) || big == 0.0 || small != small;
}

static inline void dn_polar_scaled(double x, double y, double *w, double *q, int *s)
{
    int e;
    frexp(fabs(x) > fabs(y) ? x : y, &e);
    double xs = ldexp(x, -e), ys = ldexp(y, -e);
    *w = 1.0 / hypot(xs, ys);
    *q = 1.0 / (xs * xs + ys * ys);
    *s = -e;
}

/* hypot's partials x/r, y/r, y^2/r^3, -xy/r^3, x^2/r^3. At the origin (a cone point, as
   absolute at 0) the first partials are 0 and the second ones NaN: none exists there.
   x/r is a single division wherever r is normal. The origin returns before any division:
   the quotients 0/0 and 1/0 there would be discarded, but whether they are computed (and
   raise NumPy's warnings) would be left to the compiler's inlining (-fno-trapping-math). */
static inline dn_jet2 dn_hypot_partials(double x, double y)
{
    double r = hypot(x, y), w, q;
    int s;
    dn_jet2 g;
    g.f = r;
    if (r == 0.0) {   /* before any division: 0/0 would raise the invalid flag */
        g.fx = g.fy = 0.0;
        g.fxx = g.fxy = g.fyy = NAN;
        return g;
    }
    if (isnormal(r) || isnan(r) || isinf(x) || isinf(y)) {
        g.fx = x / r;
        g.fy = y / r;
    } else {
        dn_polar_scaled(x, y, &w, &q, &s);
        g.fx = dn__product(x, w, 1.0, 1.0, s);
        g.fy = dn__product(y, w, 1.0, 1.0, s);
    }
    if (dn_polar_fast(x, y)) {
        q = 1.0 / (x * x + y * y);
        g.fxx = g.fy * (y * q);
        g.fxy = -g.fx * (y * q);
        g.fyy = g.fx * (x * q);
    } else {
        dn_polar_scaled(x, y, &w, &q, &s);
        g.fxx = dn__product(y, y, w, q, 3 * s);
        g.fxy = -dn__product(x, y, w, q, 3 * s);
        g.fyy = dn__product(x, x, w, q, 3 * s);
    }
    return g;
}

/* arctan2's partials y/r^2, -x/r^2, -2xy/r^4, (x - y)(x + y)/r^4, 2xy/r^4; x - y is exact
   where it cancels, and (x - y)(x + y) q comes first (at most 4), so that x = -y gives 0. */
static inline dn_jet2 dn_arctan2_partials(double x, double y)
{
    double w, q, a, b;
    int s;
    dn_jet2 g;
    g.f = atan2(x, y);
    if (dn_polar_fast(x, y)) {
        q = 1.0 / (x * x + y * y);
        a = x * q;
        b = y * q;
        g.fx = b;
        g.fy = -a;
        g.fxx = -2.0 * a * b;
        g.fxy = (x - y) * (x + y) * q * q;
        g.fyy = 2.0 * a * b;
    } else {
        dn_polar_scaled(x, y, &w, &q, &s);
        g.fx = dn__product(y, q, 1.0, 1.0, 2 * s);
        g.fy = -dn__product(x, q, 1.0, 1.0, 2 * s);
        g.fxx = -2.0 * dn__product(x, y, q, q, 4 * s);
        g.fxy = dn__product(ldexp(x, s) - ldexp(y, s), ldexp(x, s) + ldexp(y, s), q, q, 2 * s);
        g.fyy = 2.0 * dn__product(x, y, q, q, 4 * s);
    }
    return g;
}

/* Slope of a piecewise-linear function at a vs b: `below` where a < b, `above` where a > b,
   their mean at a tie (dualnum's one convention for kinks), NaN when a or b is NaN. */
static inline double dn_kink(double a, double b, double below, double above)
{
    if (a > b) return above;
    if (a < b) return below;
    if (a == b) return 0.5 * (below + above);
    return a + b;
}

/* log|gamma(x)| without touching the global `signgam`, so kernels may run without the GIL. */
static inline double dn_lgamma(double x)
{
#if defined(__GLIBC__) || defined(__APPLE__)
    int sign;
    return lgamma_r(x, &sign);
#else
    return lgamma(x);
#endif
}

/* Python's float floor division and modulo (the sign of r follows b, q is floor(a / b)
   computed from fmod so that q b + r == a as closely as doubles allow); C's % and / would
   give fmod and an inexact floor. */
static inline void dn_divmod(double a, double b, double *q, double *r)
{
    double m = fmod(a, b);
    double d = (a - m) / b;
    if (m != 0.0) {
        if ((b < 0.0) != (m < 0.0)) { m += b; d -= 1.0; }
    } else {
        m = copysign(0.0, b);
    }
    if (d != 0.0) {
        double f = floor(d);
        *q = (d - f > 0.5) ? f + 1.0 : f;
    } else {
        *q = copysign(0.0, a / b);
    }
    *r = m;
}

/* e^(-s x^2) = g * k for s a power of two, to a few ulps even where x^2 is not a double:
   with x^2 = h + l exactly (fma), e^(-s x^2) = e^(-s h) (1 - s l) (plain exp(-x*x) loses up
   to x^2 ulps: 7e-14 relative at x = 37). k is 1, or 2^-600 where e^(-s x^2) < 2^-952: g
   then stays a normal double down to e^(-s x^2) = 2^-1674, so that a part which is g times
   a growing factor (2 x g, x^2 g) keeps its ulps where it is a normal double and
   e^(-s x^2) alone is not; there e^(-s h) = e^(-s h / 2)^2, with s h / 2 exact. Where x^2
   overflows (|x| > 1.3e154) l is -inf and g is 0: the result is that 0, not 0 * inf. */
static inline double dn_exp_neg_square_scaled(double x, double s, double *k)
{
    double h = x * x, l = fma(x, x, -h), a = s * h, e;
    if (a > 660.0) {
        *k = 0x1p-600;
        e = exp(-0.5 * a);
        e = (e * 0x1p600) * e;
    } else {
        *k = 1.0;
        e = exp(-a);
    }
    return e == 0.0 ? e : e * (1.0 - s * l);
}

/* The standard normal CDF and density at x, both divided by *k (1, or 2^-600 beyond
   |x| = 36.3: see dn_exp_neg_square_scaled), so that gelu's parts, multiples of the density
   in the lower tail, stay accurate down to their underflow although the CDF and the density
   are subnormal from x = -37.5 on.
   |x| < 36.3: the CDF is 0.5 erfc(z), z = -x/sqrt 2; the rounding dz of z is amplified by
   about 2 z^2 in the lower tail, so it is added back to first order: 0.5 erfc(z + dz) =
   0.5 erfc(z) - (1/sqrt pi) e^(-z^2) dz = 0.5 erfc(z) - sqrt(2) pdf dz.
   Beyond: 1 above (scaled), and below the density times Mills' ratio, whose asymptotic
   series sum_n (-1)^n (2n-1)!! / |x|^(2n+1) is exact to 3e-21 relatively at 8 terms. */
#define DN_SQRT1_2_LO (-4.8336466567264565e-17)  /* sqrt(1/2) - DN_SQRT1_2 */
#define DN_1_SQRT2PI 0.39894228040143267794       /* 1/sqrt(2 pi) */
static inline void dn_normal_scaled(double x, double *cdf, double *pdf, double *k)
{
    double d = DN_1_SQRT2PI * dn_exp_neg_square_scaled(x, 0.5, k), z, dz, t, mills;
    int n;
    *pdf = d;
    if (*k == 1.0) {
        z = -x * DN_SQRT1_2;
        dz = fma(-x, DN_SQRT1_2, -z) - x * DN_SQRT1_2_LO;
        *cdf = 0.5 * erfc(z) - 2.0 * DN_SQRT1_2 * d * dz;
    } else if (x > 0.0) {
        *cdf = 0x1p600;
    } else {
        t = 1.0 / (x * x);
        mills = 1.0;
        for (n = 15; n >= 1; n -= 2) mills = 1.0 - n * t * mills;
        *cdf = d / -x * mills;
    }
}

/* sin(pi x) and cos(pi x) with x reduced exactly (remainder by 2, then the quarter-period
   identities, each difference exact by Sterbenz's lemma), so that neither loses ulps where
   pi x would round (x large) or where they vanish (x next to an integer or a half). */
static inline void dn_sincospi(double x, double *s, double *c)
{
    double r = remainder(x, 2.0), a = fabs(r), ss, cc;
    if (a <= 0.25) {
        ss = sin(DN_PI * a);
        cc = cos(DN_PI * a);
    } else if (a <= 0.75) {
        ss = cos(DN_PI * (0.5 - a));
        cc = sin(DN_PI * (0.5 - a));
    } else {
        ss = sin(DN_PI * (1.0 - a));
        cc = -cos(DN_PI * (1.0 - a));
    }
    *s = r < 0.0 ? -ss : ss;
    *c = cc;
}

/* NumPy's normalised sinc(x) = sin(pi x)/(pi x) with its first and second derivatives.
   |x| < 1/2: the power series of g(u) = sin(u)/u, u = pi x, whose terms
   (-1)^k u^(2k)/(2k+1)! fall fast (u < pi/2: 15 terms reach 1e-21), with g' = u sum 2k p_k
   and g'' = sum 2k(2k-1) p_k, p_k = (-1)^k u^(2k-2)/(2k+1)!: no cancellation of cos(pi x)
   against sinc(x) near 0. Elsewhere from sin(pi x) and cos(pi x) (dn_sincospi):
   sinc' = (cos(pi x) - sinc x)/x, sinc'' = -(pi sin(pi x) + 2 sinc'(x))/x. */
static inline void dn_sinc_jet(double x, double *f0, double *f1, double *f2)
{
    double s, c, u, z, p, g, d1, d2;
    int k;
    if (fabs(x) < 0.5) {
        u = DN_PI * x;
        z = u * u;
        p = -1.0 / 6.0;
        g = 0.0;
        d1 = 0.0;
        d2 = 0.0;
        for (k = 1; k <= 15; k++) {
            g += p * z;
            d1 += 2.0 * k * p;
            d2 += 2.0 * k * (2.0 * k - 1.0) * p;
            p *= -z / ((2.0 * k + 2.0) * (2.0 * k + 3.0));
        }
        *f0 = 1.0 + g;
        *f1 = DN_PI * (u * d1);
        *f2 = (DN_PI * DN_PI) * d2;
        return;
    }
    dn_sincospi(x, &s, &c);
    *f0 = s / (DN_PI * x);
    *f1 = (c - *f0) / x;
    *f2 = -(DN_PI * s + 2.0 * *f1) / x;
}

#endif
