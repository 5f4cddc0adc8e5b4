/* The modified Bessel function K_nu of a real order nu >= 0 at x > 0, scaled: e^x K_nu(x), in
   long double, by Temme's method (N. M. Temme, J. Comput. Phys. 19 (1975) 324; as in Press et
   al., Numerical Recipes, bessik): K_mu and K_(mu+1) for |mu| <= 1/2 from Temme's series at
   x <= 2 (DLMF 10.31.1 rearranged) and from Steed's continued fraction (Temme's CF2) above,
   then the order raised by the recurrence K_(m+1) = K_(m-1) + (2m/x) K_m (DLMF 10.29.1),
   whose terms have one sign. SciPy's kve (AMOS) is off by up to 206 ulps (kve(0.2, 1.7)) and
   is inf below x = 1e-303. */
#ifndef DUALNUM_BESSEL_K_H
#define DUALNUM_BESSEL_K_H
#include <math.h>

/* Orders above DN_BESSEL_K_NU_MAX take SciPy's kve (special_scipy.h): the recurrence takes
   nu steps. */
#define DN_BESSEL_K_NU_MAX 1000.0

#define DN_PI_L 3.14159265358979323846264338327950288L

/* The Taylor coefficients of 1/Gamma(1 + z) (DLMF 5.7.1), odd and even powers, to
   2^-72 of the sum at |z| <= 1/2. */
static const long double dn__rgamma_odd[] = {
    5.77215664901532860606512e-1L, -4.20026350340952355290039e-2L,
    -4.21977345555443367482083e-2L, 7.21894324666309954239501e-3L,
    -2.15241674114950972815730e-4L, -2.01348547807882386556894e-5L,
    1.13302723198169588237413e-6L, 6.11609510448141581786250e-9L,
    -1.18127457048702014458813e-9L, 7.78226343990507125404994e-12L,
    5.10037028745447597901548e-13L, -5.34812253942301798237002e-15L,
    -1.18125930169745876951376e-16L};
static const long double dn__rgamma_even[] = {
    1.00000000000000000000000L, -6.55878071520253881077020e-1L, 1.66538611382291489501701e-1L,
    -9.62197152787697356211492e-3L, -1.16516759185906511211397e-3L,
    1.28050282388116186153199e-4L, -1.25049348214267065734536e-6L,
    -2.05633841697760710345015e-7L, 5.00200764446922293005567e-9L,
    1.04342671169110051049154e-10L, -3.69680561864220570818782e-12L,
    -2.05832605356650678322243e-14L, 1.22677862823826079015889e-15L,
    1.18669225475160033257978e-18L};

/* (1/Gamma(1 - mu) - 1/Gamma(1 + mu)) / (2 mu) and (1/Gamma(1 - mu) + 1/Gamma(1 + mu)) / 2,
   from the series, without the cancellation of the first at small mu. */
static inline void dn__temme_gammas(long double mu, long double *gam1, long double *gam2)
{
    long double m2 = mu * mu, s1 = 0.0L, s2 = 0.0L;
    int k;
    for (k = 12; k >= 0; k--) s1 = s1 * m2 + dn__rgamma_odd[k];
    for (k = 13; k >= 0; k--) s2 = s2 * m2 + dn__rgamma_even[k];
    *gam1 = -s1;
    *gam2 = s2;
}

/* e^x K_mu(x) and e^x K_(mu+1)(x), |mu| <= 1/2, 0 < x <= 2: Temme's series, sum_k c_k f_k
   with c_k = (x^2/4)^k / k! and f_k from f_0 = (mu pi / sin(mu pi)) (gam1 cosh(sigma) +
   gam2 log(2/x) sinh(sigma)/sigma), sigma = mu log(2/x), by f_k = (k f_(k-1) + p_(k-1) +
   q_(k-1)) / (k^2 - mu^2); K_(mu+1) from sum_k c_k (p_k - k f_k) times 2/x. */
static inline void dn__kv_temme_series(long double mu, long double x, long double k[2])
{
    long double x2 = 0.5L * x, pimu = DN_PI_L * mu, d = -logl(x2), e = mu * d;
    long double fact = pimu == 0.0L ? 1.0L : pimu / sinl(pimu);
    long double fact2 = e == 0.0L ? 1.0L : sinhl(e) / e;
    long double gam1, gam2, ff, sum, sum1, p, q, c = 1.0L, t = x2 * x2, del, del1;
    int i;
    dn__temme_gammas(mu, &gam1, &gam2);
    ff = fact * (gam1 * coshl(e) + gam2 * fact2 * d);
    e = expl(e);
    p = 0.5L * e / (gam2 - mu * gam1);     /* 1/Gamma(1 + mu) */
    q = 0.5L / (e * (gam2 + mu * gam1));   /* 1/Gamma(1 - mu) */
    sum = ff;
    sum1 = p;
    for (i = 1; i < 500; i++) {
        ff = (i * ff + p + q) / (i * (long double)i - mu * mu);
        c *= t / i;
        p /= i - mu;
        q /= i + mu;
        del = c * ff;
        del1 = c * (p - i * ff);
        sum += del;
        sum1 += del1;
        if (fabsl(del) < 0x1p-66L * fabsl(sum) && fabsl(del1) < 0x1p-66L * fabsl(sum1)) break;
    }
    e = expl(x);
    k[0] = sum * e;
    k[1] = sum1 * e / x2;
}

/* e^x K_mu(x) and e^x K_(mu+1)(x), |mu| <= 1/2, x > 2: Steed's algorithm for Temme's
   continued fraction CF2 (K_mu from the sum s of the fraction's convergents, K_(mu+1)/K_mu
   from the fraction h), which converges in a few steps at large x. */
static inline void dn__kv_temme_fraction(long double mu, long double x, long double k[2])
{
    long double b = 2.0L * (1.0L + x), d = 1.0L / b, h = d, delh = d, q1 = 0.0L, q2 = 1.0L;
    long double a1 = 0.25L - mu * mu, q = a1, c = a1, a = -a1, s = 1.0L + q * delh, qnew;
    int i;
    for (i = 2; i < 100000; i++) {
        a -= 2 * (i - 1);
        c = -a * c / i;
        qnew = (q1 - b * q2) / a;
        q1 = q2;
        q2 = qnew;
        q += c * qnew;
        b += 2.0L;
        d = 1.0L / (b + a * d);
        delh = (b * d - 1.0L) * delh;
        h += delh;
        s += q * delh;
        if (fabsl(q * delh) < 0x1p-66L * fabsl(s)) break;
    }
    k[0] = sqrtl(DN_PI_L / (2.0L * x)) / s;
    k[1] = k[0] * (mu + x + 0.5L - a1 * h) / x;
}

/* e^x K_nu(x) and e^x K_(nu-1)(x), 0 <= nu <= DN_BESSEL_K_NU_MAX, x > 0 finite (K_-mu =
   K_mu, DLMF 10.27.3): for nu < 1/2 the pair (K_-nu, K_(1-nu)) at mu = -nu; above, mu = nu - n,
   n = floor(nu + 1/2), raised n - 1 times. */
static inline void dn__kve_pair(long double nu, long double x, long double k[2])
{
    long double mu = nu < 0.5L ? -nu : nu - floorl(nu + 0.5L), m, next;
    int n = nu < 0.5L ? 0 : (int)floorl(nu + 0.5L), j;
    if (x <= 2.0L) dn__kv_temme_series(mu, x, k); else dn__kv_temme_fraction(mu, x, k);
    if (n == 0) return;
    /* k = (K_mu, K_(mu+1)) -> (K_(mu+n), K_(mu+n-1)) */
    m = mu + 1.0L;
    for (j = 1; j < n; j++, m += 1.0L) {
        next = k[0] + (2.0L * m / x) * k[1];
        k[0] = k[1];
        k[1] = next;
    }
    next = k[0];
    k[0] = k[1];
    k[1] = next;
}

#endif
