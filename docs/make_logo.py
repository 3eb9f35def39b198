"""Green Leaf Clinic badge logo: white disc, green ring, green leaf with white vein."""
import math
from PIL import Image, ImageDraw

OUT = 256
S = 4                      # supersample factor
N = OUT * S
GREEN = (0x2E, 0x6B, 0x30, 255)
WHITE = (255, 255, 255, 255)

img = Image.new("RGBA", (N, N), (0, 0, 0, 0))
d = ImageDraw.Draw(img)
c = N / 2

def circle(r, fill):
    d.ellipse((c - r, c - r, c + r, c + r), fill=fill)

# badge: white disc with a thin green ring inset from the edge
R = N / 2 - 2 * S
circle(R, WHITE)
circle(R * 0.925, GREEN)
circle(R * 0.925 - 3.2 * S, WHITE)

# leaf geometry in local coords: tip at (0,-h), base at (0,+h), half-width w
h, w = N * 0.30, N * 0.135
rad = (h * h + w * w) / (2 * w)     # radius of each arc
angle = math.radians(40)            # tilt the leaf: tip up and to the right
ox, oy = c + N * 0.025, c + N * 0.01

def tf(x, y):
    ca, sa = math.cos(angle), math.sin(angle)
    return (ox + x * ca - y * sa, oy + x * sa + y * ca)

def arc(side, n=200):
    cx = -side * (rad - w)          # centre of the circle for this side
    a0 = math.asin(h / rad)
    pts = []
    for i in range(n + 1):
        t = -a0 + 2 * a0 * i / n
        pts.append((cx + side * rad * math.cos(t), rad * math.sin(t)))
    return pts

right = arc(+1)                     # from tip (top) to base (bottom)
left = arc(-1)[::-1]                # from base back to tip
d.polygon([tf(x, y) for x, y in right + left], fill=GREEN)

# stem: short tapered curve below the base
stem = []
steps = 40
slen = N * 0.085
for i in range(steps + 1):
    t = i / steps
    x = -N * 0.03 * t * t           # gentle curve
    y = h + slen * t - 2 * S
    hw = (4.2 - 1.6 * t) * S        # half-width tapers
    stem.append((x, y, hw))
poly = [tf(x + hw, y) for x, y, hw in stem] + [tf(x - hw, y) for x, y, hw in stem[::-1]]
d.polygon(poly, fill=GREEN)
ex, ey, ehw = stem[-1]
px, py = tf(ex, ey)
r = ehw
d.ellipse((px - r, py - r, px + r, py + r), fill=GREEN)

# central vein: tapered white line from near the base to near the tip
vein = []
for i in range(41):
    t = i / 40
    y = h * 0.86 - t * (h * 0.86 + h * 0.72)
    hw = (3.4 - 2.4 * t) * S
    vein.append((0, y, hw))
poly = [tf(x + hw, y) for x, y, hw in vein] + [tf(x - hw, y) for x, y, hw in vein[::-1]]
d.polygon(poly, fill=WHITE)
for x, y, hw in (vein[0], vein[-1]):          # round caps
    px, py = tf(x, y)
    d.ellipse((px - hw, py - hw, px + hw, py + hw), fill=WHITE)

# side veins: three pairs of short tapered curves angled toward the tip
for k, y0 in enumerate((h * 0.42, h * 0.02, -h * 0.38)):
    for side in (+1, -1):
        # stop short of the leaf edge: edge half-width at this height
        edge = (math.sqrt(rad * rad - y0 * y0) - (rad - w))
        length = edge * 0.62
        pts = []
        for i in range(21):
            t = i / 20
            x = side * length * t
            y = y0 - length * (0.75 * t + 0.25 * t * t)
            hw = (2.2 - 1.4 * t) * S
            pts.append((x, y, hw))
        top = [tf(x, y - hw) for x, y, hw in pts]
        bot = [tf(x, y + hw) for x, y, hw in pts[::-1]]
        d.polygon(top + bot, fill=WHITE)

out = img.resize((OUT, OUT), Image.LANCZOS)
out = out.quantize(colors=64, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE)
out = out.convert("RGBA")
# snap quantization drift: fully opaque interiors, pure white, exact brand green
def snap(p):
    r, g, b, a = p
    if a >= 248: a = 255
    if a <= 6: return (0, 0, 0, 0)
    if min(r, g, b) >= 248: r = g = b = 255
    if abs(r - GREEN[0]) + abs(g - GREEN[1]) + abs(b - GREEN[2]) <= 9: r, g, b = GREEN[:3]
    return (r, g, b, a)
out.putdata([snap(p) for p in out.getdata()])
out.save("/work/main/handouts/logo.png", optimize=True, compress_level=9)
# previews on light and dark backgrounds (in /tmp only)
for name, bg in (("light", (255, 255, 255, 255)), ("dark", GREEN)):
    p = Image.new("RGBA", (OUT + 40, OUT + 40), bg)
    p.alpha_composite(out, (20, 20))
    p.save(f"/tmp/hw/preview_{name}.png")
