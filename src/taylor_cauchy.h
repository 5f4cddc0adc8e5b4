/* Taylor coefficients at a point from Cauchy's integral formula, for the functions whose
   recurrence loses digits at each order there (taylor_rules.h: the field's "| CONDITION:
   C_POINTS" elements):

       f^(k)(x0) / k! = (1 / (2 pi i)) oint f(z) / (z - x0)^(k + 1) dz
                      ~ (1 / (N r^k)) sum_j f(z_j) e^(-i k theta_j),

   z_j = x0 + r e^(i theta_j), theta_j = 2 pi j / N: the trapezoid rule on the circle of
   radius r, exact for the polynomial part up to order N - 1; f is real on the real axis, so
   the values on the lower half are the conjugates of the upper half's (N/2 + 1 calls).
   Errors, relative to the coefficients' envelope rho^-k (rho the distance to f's nearest
   singularity): the aliased coefficients k + N, k + 2N, ... contribute (r / rho)^N, the
   values' rounding eps (rho / r)^k max|f| / |f(x0)| (Trefethen and Weideman, "The
   exponentially convergent trapezoidal rule", SIAM Review 56 (2014), section 4; Bornemann,
   "Accuracy and stability of computing high-order derivatives of analytic functions by
   Cauchy integrals", Found. Comput. Math. 11 (2011)). r = 0.9 rho and N = 384 make them
   2e-18 and 8 eps at order 20.

   Where this helps: the recurrence of an ODE g' = psi g whose other solution has Taylor
   coefficients that shrink more slowly than g's (e^-x I_v(x), whose other solution is
   e^-2x-like, at large x; log Phi(x) in its lower tail) amplifies rounding by their ratio
   at each order; the values on a circle know nothing of the ODE. The complex values come
   from SciPy (scipy_special.h: Faddeeva's w, AMOS's I_v). */
#ifndef DUALNUM_TAYLOR_CAUCHY_H
#define DUALNUM_TAYLOR_CAUCHY_H
#include <math.h>
#include <stddef.h>
#include <string.h>
#include "constants.h"
#include "log_ndtr.h"
#include "scipy_special.h"
#include "special_scipy.h"
#include "taylor_points.h"

#define DN_CAUCHY_N 384                /* points on the circle */
#define DN_CAUCHY_RADIUS 0.9           /* of the distance to the nearest singularity */

static inline dn_cplx dn__cplx(double re, double im)
{
    const double parts[2] = {re, im};   /* C99 6.2.5: a complex is an array of two reals */
    dn_cplx z;
    memcpy(&z, parts, sizeof z);
    return z;
}

static inline void dn__cplx_parts(dn_cplx z, double *re, double *im)
{
    double parts[2];
    memcpy(parts, &z, sizeof parts);
    *re = parts[0];
    *im = parts[1];
}

/* *sum + *carry += x, the rounding error of each addition kept in *carry (Neumaier) */
static inline void dn__sum_add(double *sum, double *carry, double x)
{
    const double t = *sum + x;
    *carry += fabs(*sum) >= fabs(x) ? (*sum - t) + x : (x - t) + *sum;
    *sum = t;
}

/* The value at z (re + i im) of a function real on the real axis, with its parameter p */
typedef void (*dn_cauchy_fn)(double re, double im, double p, double *fre, double *fim);

/* c[k * stride] = f^(k)(x0) / k!, k = 0..d (d < DN_CAUCHY_N), from f on the circle of
   radius r about x0. unwrap: f is a logarithm whose imaginary part is continuous along the
   circle (2 pi jumps of the principal branch removed; at the far point, on the real axis,
   it must come back to 0, or the circle enclosed a zero of the logarithm's argument: NaN).
   NaN coefficients where f is not finite on the circle. */
static void dn__cauchy_points(dn_cauchy_fn f, double p, int unwrap, double x0, double r,
                              int d, double *c, ptrdiff_t stride)
{
    enum { N = DN_CAUCHY_N, H = DN_CAUCHY_N / 2 };
    double re[H + 1], im[H + 1], cs[N], sn[N];
    int finite = 1;
    /* through volatile pointers: a vectorised loop would take the C library's SIMD cos and
       sin (src/vector_math.h), whose last bits differ from the scalar ones, and the
       coefficients would then depend on how the extension was compiled */
    double (*volatile cosine)(double) = cos, (*volatile sine)(double) = sin;
    for (int j = 0; j < N; j++) {
        cs[j] = cosine(2.0 * DN_PI * j / N);
        sn[j] = sine(2.0 * DN_PI * j / N);
    }
    sn[H] = 0.0;   /* the far point on the real axis, exactly */
    for (int j = 0; j <= H; j++) {
        f(x0 + r * cs[j], r * sn[j], p, &re[j], &im[j]);
        if (j == 0 || j == H) im[j] = unwrap ? im[j] : 0.0;   /* real there */
        if (unwrap && j > 0) {
            while (im[j] - im[j - 1] > DN_PI) im[j] -= 2.0 * DN_PI;
            while (im[j] - im[j - 1] < -DN_PI) im[j] += 2.0 * DN_PI;
        }
        finite &= isfinite(re[j]) && isfinite(im[j]);
    }
    if (unwrap && !(fabs(im[0]) < 1e-6 && fabs(im[H]) < 1e-6)) finite = 0;
    double scale = 1.0 / N;   /* 1 / (N r^k) */
    for (int k = 0; k <= d; k++) {
        /* Re(f_j e^(-i k theta_j)), doubled for the conjugate half, summed with the
           rounding errors of the products and sums carried (fma, Neumaier's compensated
           sum): the terms are up to (rho / r)^k times the coefficient they sum to */
        double sum = re[0], carry = 0.0;
        dn__sum_add(&sum, &carry, k % 2 ? -re[H] : re[H]);
        for (int j = 1; j < H; j++) {
            const int a = (int)(((long)k * j) % N);
            const double p = 2.0 * re[j] * cs[a], q = 2.0 * im[j] * sn[a];
            dn__sum_add(&sum, &carry, p);
            dn__sum_add(&sum, &carry, fma(2.0 * re[j], cs[a], -p));
            dn__sum_add(&sum, &carry, q);
            dn__sum_add(&sum, &carry, fma(2.0 * im[j], sn[a], -q));
        }
        c[k * stride] = finite ? (sum + carry) * scale : NAN;
        scale /= r;
    }
}

/* ---- log Phi(x) in its lower tail (log_ndtr.h) ----
   log Phi(z) = -z^2/2 - log 2 + log w(-i z / sqrt 2), w Faddeeva's function (DLMF 7.2.3,
   7.4.4): the polynomial exactly, the logarithm on the circle. Its singularities are the
   zeros of Phi, the nearest 1.91599085761643 -+ 2.81635941815200 i (from erfc's first zero,
   DLMF 7.13.2). */
#define DN_NDTR_ZERO_RE 1.91599085761643
#define DN_NDTR_ZERO_IM 2.81635941815200

static void dn__log_faddeeva(double re, double im, double p, double *fre, double *fim)
{
    (void)p;
    double wr, wi;
    dn__cplx_parts(dn_sp_wofz(dn__cplx(im * DN_SQRT1_2, -re * DN_SQRT1_2)), &wr, &wi);
    *fre = log(hypot(wr, wi));
    *fim = atan2(wi, wr);
}

/* log Phi's coefficients at x0 (taylor_points.h's contract), d >= 3, x0 < 1 (where the
   recurrence of f' = h, h' = -h (x + h) loses: 1e-9 at order 20 at x0 = -2, more below; from
   x0 = 1 on it keeps 1e-13, and the circle's log w grows like z^2 / 2, which the polynomial
   cancels): 0..2 from the rule (log_ndtr.h), the rest from the circle */
static inline int dn_sp_points_log_ndtr(double x0, double p, double q, int d, double *c,
                                        ptrdiff_t stride)
{
    (void)q;
    const double rho = hypot(x0 - DN_NDTR_ZERO_RE, DN_NDTR_ZERO_IM);
    double f0, f1, f2;
    dn__cauchy_points(dn__log_faddeeva, p, 1, x0, DN_CAUCHY_RADIUS * rho, d, c, stride);
    dn_log_ndtr_jet(x0, &f0, &f1, &f2);
    c[0] = f0;
    if (d >= 1) c[stride] = f1;
    if (d >= 2) c[2 * stride] = 0.5 * f2;
    return 0;
}

/* ---- e^-|x| I_v(x) at large |x| ----
   e^(-s z) I_v(z), s the sign of x0, is analytic where I_v is (DLMF 10.25.2: a branch
   point at 0 unless v is an integer), so rho = |x0|; SciPy's ive(v, z) is
   e^-|Re z| I_v(z), e^(-i s Im z) from it. */
static void dn__ive_analytic(double re, double im, double v, double *fre, double *fim)
{
    double a, b;
    const double phase = -(re < 0.0 ? -1.0 : 1.0) * im;
    dn__cplx_parts(dn_sp_ive_complex(v, dn__cplx(re, im)), &a, &b);
    *fre = a * cos(phase) - b * sin(phase);
    *fim = a * sin(phase) + b * cos(phase);
}

/* Where the recurrence of e^-|x| I_v(x) loses: orders 3 on, |x0| >= 5 (below: the point's
   power series, taylor_points.h) */
static inline int dn_ive_on_circle(double x0, int d)
{
    return d >= 3 && fabs(x0) >= 5.0 && isfinite(x0);
}

static inline int dn_sp_points_ive(double x0, double p, double q, int d, double *c,
                                   ptrdiff_t stride)
{
    if (!dn_ive_on_circle(x0, d)) return dn_points_ive(x0, p, q, d, c, stride);
    double f0, f1, f2;
    dn__cauchy_points(dn__ive_analytic, p, 0, x0, DN_CAUCHY_RADIUS * fabs(x0), d, c, stride);
    dn_sp_bessel_ive(x0, p, &f0, &f1, &f2);
    c[0] = f0;
    c[stride] = f1;
    c[2 * stride] = 0.5 * f2;
    return 0;
}

#endif
