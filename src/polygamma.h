/* The polygamma function psi^(n)(x) of a constant order n = 0, 1, 2, ... and its derivatives
   psi^(n+1)(x), psi^(n+2)(x) in x: scipy.special.polygamma(n, x).

   For k >= 1, psi^(k)(x) = (-1)^(k+1) k! zeta(k+1, x) (DLMF 25.11.12), with the Hurwitz zeta
   function zeta(s, x) = sum_{j>=0} (x + j)^-s summed for x > 0 as
       zeta(s, x) = sum_{j<N} (x + j)^-s + zeta(s, y),   y = x + N >= 16 + k   (DLMF 25.11.4),
   and zeta(s, y) by the Euler-Maclaurin expansion (DLMF 25.11.43 / 5.15.8)
       y^-s [y/(s-1) + 1/2 + sum_{i=1..12} B_2i/(2i)! s(s+1)...(s+2i-2) y^(1-2i)],
   whose first omitted term is below 1e-19 of the sum for y >= 16 + k. All the terms are
   positive, so nothing cancels; the sums are in long double, whose exponent range holds
   every power involved (x^-(k+1) at a subnormal x), so a part overflows or underflows only
   where its true value does. For x < 0 (not an integer) the reflection formula
   (DLMF 5.15.6)
       psi^(k)(x) = (-1)^k psi^(k)(1 - x) - pi^(k+1) cot^(k)(pi x),
   with the k-th derivative of cot a polynomial in c = cot(pi r), r = x - round(x) exact:
   cot^(k) = P_k(c), P_0 = c, P_(k+1) = -(1 + c^2) P_k' (DLMF 4.14.7, 4.20.2); all the terms
   of P_k have one sign. For odd k both terms of the reflection have one sign too; for even
   k they cancel next to the zeros of psi^(k), where long double's 11 spare bits absorb the
   loss (condition numbers up to 2^11 keep the result within 1 ulp).
   Order 0 takes digamma's parts (special.h: dn_digamma, dn_trigamma, dn_tetragamma, NaN
   at every pole).

   Edge values: n not a non-negative integer -> NaN (as SciPy); x NaN or -inf -> NaN; poles
   x = 0, -1, -2, ...: for n >= 1, +inf for odd orders (the limit from both sides), NaN for
   even ones (the sign depends on the side; digamma's convention); x = +inf: 0 of the sign
   of (-1)^(k+1).
   Orders past DN_POLYGAMMA_MAX_ORDER give NaN (k! overflows long double there). */
#ifndef DUALNUM_POLYGAMMA_H
#define DUALNUM_POLYGAMMA_H
#include <math.h>
#include "special.h"

#define DN_POLYGAMMA_MAX_ORDER 1000
#define DN__EM_TERMS 12

/* t^k, k >= 0, by repeated squaring. */
static inline long double dn__powi_l(long double t, int k)
{
    long double r = 1.0L;
    for (; k; k >>= 1, t *= t)
        if (k & 1) r *= t;
    return r;
}

/* zeta(k+1+i, x) for i = 0, 1, 2 into z[i] (x > 0, k >= 1), as in the header. */
static inline void dn__hurwitz3(long double x, int k, long double z[3])
{
    static const long double b2i[DN__EM_TERMS] = {   /* B_2i / (2i)! */
        1.0L / 12, -1.0L / 720, 1.0L / 30240, -1.0L / 1209600, 1.0L / 47900160,
        -691.0L / 1307674368000.0L, 1.0L / 74724249600.0L,
        -3617.0L / 10670622842880000.0L, 43867.0L / 5109094217170944000.0L,
        -174611.0L / 802857662698291200000.0L, 77683.0L / 14101100039391805440000.0L,
        -236364091.0L / 1693824136731743669452800000.0L};
    long double s[3] = {0.0L, 0.0L, 0.0L}, c[DN__EM_TERMS], t, tk, y, ty, u;
    int n = x < 16.0L + k ? (int)(16.0L + k - x) + 1 : 0, j, i, e;
    /* smallest terms first: from the far end down to x */
    for (j = n - 1; j >= 0; j--) {
        t = 1.0L / (x + j);
        tk = dn__powi_l(t, k + 1);
        s[0] += tk;
        s[1] += tk * t;
        s[2] += tk * t * t;
    }
    y = x + n;
    ty = 1.0L / y;
    for (i = 0; i < 3; i++) {
        e = k + 1 + i;   /* the exponent s */
        /* c[j] = s(s+1)...(s+2j), the rising factorials of the bracket's terms */
        c[0] = e;
        for (j = 1; j < DN__EM_TERMS; j++) c[j] = c[j - 1] * (e + 2 * j - 1) * (e + 2 * j);
        u = 0.0L;   /* Horner in 1/y^2 */
        for (j = DN__EM_TERMS - 1; j >= 0; j--) u = u * ty * ty + b2i[j] * c[j];
        /* y^-s (y/(s-1) + 1/2 + u/y) */
        z[i] = s[i] + dn__powi_l(ty, e) * ((y / (e - 1) + 0.5L) + u * ty);
    }
}

/* P_k(c) for k = m, m+1, m+2 into p[0..2]: the derivatives of cot as polynomials of cot. */
static inline void dn__cot_derivatives(long double c, int m, long double p[3])
{
    long double a[DN_POLYGAMMA_MAX_ORDER + 4], b[DN_POLYGAMMA_MAX_ORDER + 4], v;
    int k, i, deg = 1;
    a[0] = 0.0L;
    a[1] = 1.0L;   /* P_0 = c */
    for (k = 0; k <= m + 2; k++) {
        if (k >= m) {   /* Horner over the coefficients of one parity */
            v = 0.0L;
            for (i = deg; i >= 0; i--) v = v * c + a[i];
            p[k - m] = v;
        }
        if (k == m + 2) break;
        /* P_(k+1) = -(1 + c^2) P_k': b_i = -((i+1) a_(i+1) + (i-1) a_(i-1)) */
        for (i = 0; i <= deg + 1; i++)
            b[i] = -((i + 1 <= deg ? (i + 1) * a[i + 1] : 0.0L)
                     + (i >= 1 ? (i - 1) * a[i - 1] : 0.0L));
        deg++;
        for (i = 0; i <= deg; i++) a[i] = b[i];
    }
}

/* psi^(k)(x), k = m, m+1, m+2 (m >= 1) into d[0..2], x not a pole, finite. */
static inline void dn__polygamma3(double x, int m, double d[3])
{
    const long double pil = 3.14159265358979323846264338327950288L;
    long double z[3], p[3], f = 1.0L, r, a, sl, cl;
    int i, k;
    for (k = 2; k <= m; k++) f *= k;   /* m! */
    dn__hurwitz3(x > 0.0 ? (long double)x : 1.0L - (long double)x, m, z);
    if (x > 0.0) {
        for (i = 0; i < 3; i++, f *= m + i)
            d[i] = (double)(((m + i) % 2 ? f : -f) * z[i]);
        return;
    }
    r = (long double)(x - round(x));   /* exact */
    a = fabsl(r);
    sl = sinl(pil * r);
    /* cos(pi r) as sin(pi (1/2 - |r|)): exactly 0 at the half-integers */
    cl = a <= 0.25L ? cosl(pil * a) : sinl(pil * (0.5L - a));
    dn__cot_derivatives(cl / sl, m, p);
    for (i = 0; i < 3; i++, f *= m + i) {
        /* (-1)^k psi^(k)(1 - x) = (-1)^k (-1)^(k+1) k! zeta = -k! zeta */
        d[i] = (double)(-f * z[i] - powl(pil, m + i + 1) * p[i]);
    }
}

/* psi^(k)(x) at a pole or an infinity of x (see the header), k >= 1. */
static inline double dn__polygamma_edge(double x, int k)
{
    if (x == INFINITY) return k % 2 ? 0.0 : -0.0;
    if (x == -INFINITY) return NAN;
    return k % 2 ? INFINITY : NAN;
}

/* psi^(n)(x), psi^(n+1)(x), psi^(n+2)(x). */
static inline void dn_polygamma_jet(double n, double x, double *d0, double *d1, double *d2)
{
    double d[3];
    int m, i;
    if (!(n >= 0.0 && n <= DN_POLYGAMMA_MAX_ORDER && n == floor(n)) || isnan(x)) {
        *d0 = *d1 = *d2 = NAN;
        return;
    }
    m = (int)n;
    if (m == 0) {   /* the digamma rule's parts, in double: 20 times faster than below */
        *d0 = dn_digamma(x);
        *d1 = dn_trigamma(x);
        *d2 = dn_tetragamma(x);
        return;
    }
    if (isinf(x) || (x <= 0.0 && x == floor(x)))
        for (i = 0; i < 3; i++) d[i] = dn__polygamma_edge(x, m + i);
    else
        dn__polygamma3(x, m, d);
    *d0 = d[0];
    *d1 = d[1];
    *d2 = d[2];
}

#endif
