/* The reciprocal gamma function r(x) = 1/Gamma(x) with its first two derivatives
   r' = -r psi, r'' = r (psi^2 - psi') (DLMF 5.2.2, 5.15.1), psi the digamma function.

   r is entire: 0 at x = 0, -1, -2, ..., where Gamma has its poles. Each form below is chosen
   where its terms do not cancel; the textbook r (psi^2 - psi') cancels next to 0, where
   psi^2 and psi' both grow as 1/x^2 (0.3 loses 9 bits to it), and near every zero of r''.
   Left: the zeros of r' and r'' on the negative axis and r''(2.4956) = 0, where the error is
   a few ulps of the terms (README, Functions). */
#ifndef DUALNUM_RGAMMA_H
#define DUALNUM_RGAMMA_H
#include <math.h>
#include "constants.h"
#include "helpers.h"
#include "special.h"

/* z0 = 0.30214..., the zero of r'' on (0, 1), as hi + lo. */
#define DN__RG_Z0_HI 0.3021417247147374
#define DN__RG_Z0_LO (-3.535734969448576e-18)
#define DN__RG_Z0_HALF_WIDTH 0.15

/* |x - z0| < 0.15: the Taylor series of r about z0 (coefficients r^(k)(z0)/k! from mpmath at
   40 digits; the term k = 18 is below 1e-24 there), with x - z0 exact (Sterbenz's lemma, then
   the lo part), so that r'' ~ 6 d3 (x - z0) keeps its ulps down to its zero. Horner's scheme
   for the polynomial and its two derivatives at once. */
static inline void dn__rgamma_near_z0(double x, double *f0, double *f1, double *f2)
{
    static const double d[18] = {
        0.3367802918609051, 1.1708063963953554, 0.0, -0.5797545625360409,
        0.1463327901110703, 0.08142601222196794, -0.047037485547919186,
        0.0035966920868466304, 0.0036642596624197627, -0.001297251272674035,
        8.711476975745509e-05, 5.528573758985007e-05, -1.805956334139776e-05,
        1.7415515243078112e-06, 3.34959413406037e-07, -1.370115452717304e-07,
        1.8250401273049035e-08, 2.9864427467528403e-10};
    double u = (x - DN__RG_Z0_HI) - DN__RG_Z0_LO, p0 = d[17], p1 = 0.0, p2 = 0.0;
    int k;
    for (k = 16; k >= 0; k--) {
        p2 = p2 * u + p1;
        p1 = p1 * u + p0;
        p0 = p0 * u + d[k];
    }
    *f0 = p0;
    *f1 = p1;
    *f2 = 2.0 * p2;
}

/* 0 <= x < 1: r(x) = x r(1 + x) (DLMF 5.5.1), so r' = r1 (1 - x psi1) and
   r'' = r1 (x (psi1^2 - psi1') - 2 psi1), at t = 1 + x (psi1, psi1' of t): no term grows as
   x -> 0. t = 1 + x rounds; its error lo (exact, x < 1 = t's leading term) is put back to
   first order, r1(t + lo) = r1(t) (1 - psi(t) lo). */
static inline void dn__rgamma_shifted(double x, double *f0, double *f1, double *f2)
{
    double t = 1.0 + x, lo = x - (t - 1.0), psi = dn_digamma(t), tri = dn_trigamma(t);
    double r1 = (1.0 - psi * lo) / tgamma(t);
    psi += tri * lo;
    *f0 = x * r1;
    *f1 = r1 * (1.0 - x * psi);
    *f2 = r1 * (x * (psi * psi - tri) - 2.0 * psi);
}

/* x < 0: the reflection r(x) = Gamma(1 - x) sin(pi x)/pi (DLMF 5.5.3), whose factor
   Gamma(1 - x) has no poles there; with g = Gamma(1 - x), s = sin(pi x), c = cos(pi x) and
   psi, psi' at 1 - x: r' = g (c - psi s/pi), r'' = g ((psi^2 + psi') s/pi - 2 psi c - pi s).
   sin and cos of pi x are reduced exactly (helpers.h: dn_sincospi). Gamma(1 - x) is taken in
   long double (1 - x exact there), whose range reaches 1 - x = 1755: beyond 1 - x = 171.6,
   Gamma alone overflows a double while the products may not (r next to a pole). 1 - x rounds
   in double: psi is corrected to first order by its error lo (Knuth's two-sum).
   At the poles of Gamma, x = -n: r = 0, r' = (-1)^n n!, r'' = -2 (-1)^n n! psi(n + 1). */
static inline void dn__rgamma_reflected(double x, double *f0, double *f1, double *f2)
{
    double y = 1.0 - x, b = y - 1.0, lo = (1.0 - (y - b)) + (-x - b), s, c, sp;
    double psi = dn_digamma(y), tri = dn_trigamma(y);
    long double g = tgammal(1.0L - x);
    psi += tri * lo;
    if (x == floor(x)) {
        if (fmod(x, 2.0) != 0.0) g = -g;
        *f0 = 0.0;
        *f1 = (double)g;
        *f2 = (double)(-2.0L * g * psi);
        return;
    }
    dn_sincospi(x, &s, &c);
    sp = s / DN_PI;
    *f0 = (double)(g * sp);
    *f1 = (double)(g * (c - psi * sp));
    *f2 = (double)(g * ((psi * psi + tri) * sp - 2.0 * psi * c - DN_PI * s));
}

/* x >= 1: r = 1/Gamma(x) and r', r'' from it; where r is subnormal (x > 171.0: Gamma beyond
   4.5e307) while r' and r'' may still be normal doubles, r is taken in long double. */
static inline void dn__rgamma_direct(double x, double *f0, double *f1, double *f2)
{
    double psi = dn_digamma(x), poly = psi * psi - dn_trigamma(x), r = 1.0 / tgamma(x);
    long double rl;
    if (isnormal(r)) {
        *f0 = r;
        *f1 = -r * psi;
        *f2 = r * poly;
        return;
    }
    rl = 1.0L / tgammal(x);
    *f0 = (double)rl;
    *f1 = (double)(-rl * psi);
    *f2 = (double)(rl * poly);
}

static inline void dn_rgamma_jet(double x, double *f0, double *f1, double *f2)
{
    if (!isfinite(x)) {   /* the limits at +inf are 0; none exists at -inf */
        *f0 = *f1 = *f2 = x == INFINITY ? 0.0 : NAN;
    } else if (x < 0.0) {
        dn__rgamma_reflected(x, f0, f1, f2);
    } else if (fabs(x - DN__RG_Z0_HI) < DN__RG_Z0_HALF_WIDTH) {
        dn__rgamma_near_z0(x, f0, f1, f2);
    } else if (x < 1.0) {
        dn__rgamma_shifted(x, f0, f1, f2);
    } else {
        dn__rgamma_direct(x, f0, f1, f2);
    }
}

#endif
