/* Small C helpers used by the rule table (src/rules_table.py). */
#ifndef DUALNUM_HELPERS_H
#define DUALNUM_HELPERS_H
#include <math.h>

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

#endif
