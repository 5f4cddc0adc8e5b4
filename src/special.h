/* Digamma, trigamma and tetragamma (polygamma orders 0, 1, 2) of a real double.

   Pure functions of their argument (no globals, no errno), so kernels may call them without
   the GIL. Relative error is a few ulps except where the result itself is near a zero of the
   function (roots of digamma; tetragamma just off negative half-integers), where the error is
   a few ulps of the terms that cancel.
   Edge values, the same for all three unless stated:
     nan -> nan;  -inf -> nan (no limit exists: poles accumulate there);
     poles x = +-0, -1, -2, ... -> nan (the sign of the infinity depends on the side);
     +inf -> digamma +inf, trigamma +0, tetragamma -0 (the limits);
     tiny |x|: digamma ~ -1/x, trigamma ~ 1/x^2, tetragamma ~ -2/x^3, overflowing to +-inf
     only where the true value is beyond DBL_MAX; huge x: trigamma ~ 1/x and tetragamma
     ~ -1/x^2 underflow gradually to 0 only where the true value does. */
#ifndef DUALNUM_SPECIAL_H
#define DUALNUM_SPECIAL_H
#include <math.h>

#define DN__PI 3.14159265358979323846   /* M_PI is not C99 */
/* Positive root of digamma as hi + lo: the lo part keeps digamma relatively accurate even
   within a few ulps of the root. */
#define DN__X0_HI 1.4616321449683622
#define DN__X0_LO 9.549995429965697e-17

/* sum_{k=1..8} c_k B_2k z^(k-1) in Horner form, with c_k = 1/(2k) (order 0), 1 (order 1) or
   2k+1 (order 2): the tails of the asymptotic expansions in z = 1/x^2. Eight terms suffice
   because the callers only use them at x >= 10, 12, 13 respectively, where the first omitted
   term is below 1e-17 relative. */
static inline double dn__bernoulli_tail(double z, int order)
{
    static const double b2k[8] = {1.0 / 6, -1.0 / 30, 1.0 / 42, -1.0 / 30, 5.0 / 66,
                                  -691.0 / 2730, 7.0 / 6, -3617.0 / 510};
    double s = 0.0;
    int k;
    for (k = 8; k >= 1; k--)
        s = s * z + b2k[k - 1] * (order == 0 ? 0.5 / k : order == 1 ? 1.0 : 2.0 * k + 1.0);
    return s;
}

/* sin(pi r) and cos(pi r) for |r| <= 1/2. cos goes through sin(pi (1/2 - |r|)) (exact
   subtraction) so it is relatively accurate near r = +-1/2, where cos(pi * r) would leave a
   rounding residue of 6e-17 instead of 0; this is what keeps cot and the tetragamma
   reflection term exact at half-integers. */
static inline void dn__sincospi(double r, double *s, double *c)
{
    double a = fabs(r);
    *s = sin(DN__PI * r);
    *c = a <= 0.25 ? cos(DN__PI * a) : sin(DN__PI * (0.5 - a));
}

/* Digamma on [1, 2], which holds its positive root x0. Rather than subtracting two O(1)
   numbers (which would lose all relative accuracy near x0), factor the root out:
       psi(x) = [psi(x + 3) - psi(x0 + 3)] + dx * sum_{j<3} 1/((x + j)(x0 + j)),  dx = x - x0,
   and expand the bracket in Taylor series about x0 + 3. Peeling three poles pushes the
   nearest singularity to -3, so 18 terms reach 1e-18 over the whole of [1, 2]. */
static inline double dn__digamma_12(double x)
{
    static const double c[18] = {    /* psi^(k)(x0 + 3) / k!, k = 1..18 */
        0.25110943691378529, -0.031368426333202831, 0.0051990695075836363, -0.00096482785117697159,
        0.00019011692036200793, -3.8852687791919562e-05, 8.1328175003001976e-06, -1.7309579123061582e-06,
        3.7284423726304355e-07, -8.1022154019162769e-08, 1.7724257358006402e-08, -3.8970865664084828e-09,
        8.6024075257904053e-10, -1.904731766038606e-10, 4.2276329792680798e-11, -9.4013849017093567e-12,
        2.0938607414220811e-12, -4.6690906967811103e-13};
    double dx = (x - DN__X0_HI) - DN__X0_LO;   /* x - X0_HI is exact (Sterbenz) */
    double q = c[17];
    int k;
    for (k = 16; k >= 0; k--) q = q * dx + c[k];
    return dx * (q + 1.0 / ((x + 2.0) * (DN__X0_HI + 2.0)) + 1.0 / ((x + 1.0) * (DN__X0_HI + 1.0))
                 + 1.0 / (x * DN__X0_HI));
}

/* Digamma for x > 0. Above 10 the asymptotic series converges to 1e-18 with 8 terms. Below,
   the recurrence moves x into [1, 2] instead of up to 10: downwards every added 1/x is
   positive and psi on [1, 2] is small, so nothing cancels badly (the upward route would
   subtract sums of size ln 10 from each other). */
static inline double dn__digamma_pos(double x)
{
    double s = 0.0;
    if (x >= 10.0) {
        double t = 1.0 / x, z = t * t;
        return log(x) - (0.5 * t + z * dn__bernoulli_tail(z, 0));
    }
    if (x < 1.0) return dn__digamma_12(x + 1.0) - 1.0 / x;
    while (x > 2.0) { x -= 1.0; s += 1.0 / x; }   /* exact steps; smallest terms first */
    return dn__digamma_12(x) + s;
}

/* Trigamma and tetragamma for x > 0: recurrence up to the asymptotic region. All terms have
   one sign, so the only care needed is to add the smallest first (hence counting k down) and
   to form 1/y^2, 1/y^3 as powers of 1/y, which overflow only when the true value does. */
static inline double dn__trigamma_pos(double x)
{
    int n = x < 12.0 ? (int)(12.0 - x) + 1 : 0, k;
    double y = x + n, t = 1.0 / y, z = t * t;
    double s = t * (1.0 + (0.5 * t + z * dn__bernoulli_tail(z, 1)));
    for (k = n - 1; k >= 0; k--) { t = 1.0 / (x + k); s += t * t; }
    return s;
}

static inline double dn__tetragamma_pos(double x)
{
    int n = x < 13.0 ? (int)(13.0 - x) + 1 : 0, k;
    double y = x + n, t = 1.0 / y, z = t * t;
    double s = -z * (1.0 + (t + z * dn__bernoulli_tail(z, 2)));
    for (k = n - 1; k >= 0; k--) { t = 1.0 / (x + k); s -= 2.0 * t * t * t; }
    return s;
}

/* For x < 0 the reflection formulas use r = x - round(x), which is exact, so sin/cos(pi x)
   keep full relative accuracy even at x = -1e6 where pi * x itself would be off by 1e-10.
   x <= 0 with x == floor(x) covers the poles, +-0 and -inf in one test. */
static inline double dn_digamma(double x)
{
    double s, c;
    if (isnan(x)) return x;
    if (x > 0.0) return dn__digamma_pos(x);
    if (x == floor(x)) return NAN;
    if (x > -1e-300) return -1.0 / x;   /* pi * x would be subnormal; -1/x is exact to 1e-300 */
    dn__sincospi(x - round(x), &s, &c);
    return dn__digamma_pos(1.0 - x) - DN__PI * c / s;          /* psi(1-x) - pi cot(pi x) */
}

static inline double dn_trigamma(double x)
{
    double s, c, q;
    if (isnan(x)) return x;
    if (x > 0.0) return dn__trigamma_pos(x);
    if (x == floor(x)) return NAN;
    dn__sincospi(x - round(x), &s, &c);
    q = DN__PI / s;
    return q * q - dn__trigamma_pos(1.0 - x);                  /* pi^2/sin^2 - psi1(1-x) */
}

static inline double dn_tetragamma(double x)
{
    double s, c, q;
    if (isnan(x)) return x;
    if (x > 0.0) return dn__tetragamma_pos(x);
    if (x == floor(x)) return NAN;
    dn__sincospi(x - round(x), &s, &c);
    q = DN__PI / s;
    return dn__tetragamma_pos(1.0 - x) - 2.0 * c * (q * q * q); /* psi2(1-x) - 2pi^3 cos/sin^3 */
}

#endif
