"""British National Grid coordinates of WGS84 points, as the engine converts them
(`src/model/` BNG projection), for deciding which area a point falls in."""

from __future__ import annotations

import math


def to_bng(lat: float, lon: float) -> tuple[float, float]:
    """British National Grid easting and northing (metres) of a WGS84 point: the
    seven-parameter Helmert transformation from WGS84 to OSGB36 and the transverse
    Mercator projection on the Airy 1830 ellipsoid, as in Ordnance Survey's "A guide to
    coordinate systems in Great Britain" (no OSTN15 grid corrections) -- the engine's
    method, and within a centimetre of its coordinates on the example. Used to decide
    which area a point falls in, never as an output coordinate."""
    # WGS84 geodetic -> cartesian (height 0).
    a1, b1 = 6_378_137.000, 6_356_752.3141
    phi, lam = math.radians(lat), math.radians(lon)
    e1 = 1 - (b1 * b1) / (a1 * a1)
    nu1 = a1 / math.sqrt(1 - e1 * math.sin(phi) ** 2)
    x1, y1, z1 = (nu1 * math.cos(phi) * math.cos(lam), nu1 * math.cos(phi) * math.sin(lam),
                  (1 - e1) * nu1 * math.sin(phi))
    # Helmert WGS84 -> OSGB36: translation (m), scale (ppm), rotations (arc seconds).
    tx, ty, tz, s = -446.448, 125.157, -542.060, 20.4894e-6
    rx, ry, rz = (math.radians(v / 3600) for v in (-0.1502, -0.2470, -0.8421))
    x2 = tx + (1 + s) * x1 - rz * y1 + ry * z1
    y2 = ty + rz * x1 + (1 + s) * y1 - rx * z1
    z2 = tz - ry * x1 + rx * y1 + (1 + s) * z1
    # Cartesian -> OSGB36 geodetic on Airy 1830, by iteration.
    a, b = 6_377_563.396, 6_356_256.909
    e2 = 1 - (b * b) / (a * a)
    p = math.hypot(x2, y2)
    phi = math.atan2(z2, p * (1 - e2))
    for _ in range(10):
        nu = a / math.sqrt(1 - e2 * math.sin(phi) ** 2)
        phi = math.atan2(z2 + e2 * nu * math.sin(phi), p)
    lam = math.atan2(y2, x2)
    # Transverse Mercator (OS formulae), true origin 49°N 2°W.
    f0, phi0, lam0, n0, e0 = 0.9996012717, math.radians(49), math.radians(-2), -100_000.0, 400_000.0
    n = (a - b) / (a + b)
    sp, cp, tp = math.sin(phi), math.cos(phi), math.tan(phi)
    nu = a * f0 / math.sqrt(1 - e2 * sp * sp)
    rho = a * f0 * (1 - e2) / (1 - e2 * sp * sp) ** 1.5
    eta2 = nu / rho - 1
    dp, sm = phi - phi0, phi + phi0
    m = b * f0 * ((1 + n + 1.25 * n**2 + 1.25 * n**3) * dp
                  - (3 * n + 3 * n**2 + 21 / 8 * n**3) * math.sin(dp) * math.cos(sm)
                  + (15 / 8 * n**2 + 15 / 8 * n**3) * math.sin(2 * dp) * math.cos(2 * sm)
                  - 35 / 24 * n**3 * math.sin(3 * dp) * math.cos(3 * sm))
    i2 = nu / 2 * sp * cp
    i3 = nu / 24 * sp * cp**3 * (5 - tp**2 + 9 * eta2)
    iv = nu * cp
    v5 = nu / 6 * cp**3 * (nu / rho - tp**2)
    dl = lam - lam0
    return e0 + iv * dl + v5 * dl**3, m + n0 + i2 * dl**2 + i3 * dl**4
