/* Small C helpers of the rule table (dualnum/rules.py) and of the scalar types. */
#ifndef DUALNUM_HELPERS_H
#define DUALNUM_HELPERS_H
#include <math.h>
#include "constants.h"

/* s = 1/(1 + e^-z) and sm = 1 - s, each computed without cancellation, so the derivative
   s * sm stays accurate in both tails. */
static inline void dn_sigmoid_pair(double z, double *s, double *sm)
{
    double e = exp(-fabs(z));
    double big = 1.0 / (1.0 + e), small = e / (1.0 + e);
    *s = z >= 0.0 ? big : small;
    *sm = z >= 0.0 ? small : big;
    if (z != z) { *s = z; *sm = z; }
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

/* e^(-s x^2) for s a power of two, to a few ulps even where x^2 is not a double: with
   x^2 = h + l exactly (fma), e^(-s x^2) = e^(-s h) (1 - s l). Plain exp(-x*x) loses up to
   x^2 ulps (7e-14 relative at x = 37). */
static inline double dn_exp_neg_square(double x, double s)
{
    double h = x * x;
    double l = fma(x, x, -h);
    return exp(-s * h) * (1.0 - s * l);
}

/* The standard normal CDF 0.5 erfc(-x/sqrt 2). The rounding error dz of z = -x/sqrt 2 is
   amplified by about 2 z^2 in the lower tail, so it is added back to first order:
   erfc(z + dz) = erfc(z) - (2/sqrt pi) e^(-z^2) dz. */
#define DN_SQRT1_2_LO (-4.8336466567264565e-17)  /* sqrt(1/2) - DN_SQRT1_2 */
static inline double dn_normal_cdf(double x)
{
    if (isinf(x)) return x > 0.0 ? 1.0 : 0.0;
    double z = -x * DN_SQRT1_2;
    double dz = fma(-x, DN_SQRT1_2, -z) - x * DN_SQRT1_2_LO;
    return 0.5 * erfc(z) - 0.5 * DN_2_SQRTPI * dn_exp_neg_square(x, 0.5) * dz;
}

#endif
