# Draws the one-glyph web font with the manat sign (U+20BC) that src/web/kit/manat-font.ts embeds:
# an arch with a stem through it, 1000 units to the em. Run once, with fontTools installed:
#   python3 scripts/manat-font.py /tmp/saxla-manat.woff && base64 -w0 /tmp/saxla-manat.woff
import math
import sys

from fontTools.fontBuilder import FontBuilder
from fontTools.pens.ttGlyphPen import TTGlyphPen

WIDTH, STROKE = 680, 84
CX, CY = WIDTH / 2, 330          # the arch's centre; its legs stand on the baseline
R_OUT = 280
R_IN = R_OUT - STROKE
STEM_TOP = CY + R_OUT + 90


def arc(pen, r, a0, a1, steps=4):
    """A circular arc as quadratic curves, each control point where the end tangents meet."""
    da = (a1 - a0) / steps
    for i in range(steps):
        s, e = a0 + i * da, a0 + (i + 1) * da
        rc = r / math.cos(da / 2)
        m = (s + e) / 2
        pen.qCurveTo((round(CX + rc * math.cos(m)), round(CY + rc * math.sin(m))), (round(CX + r * math.cos(e)), round(CY + r * math.sin(e))))


def manat():
    pen = TTGlyphPen(None)
    pen.moveTo((round(CX - R_OUT), 0))
    pen.lineTo((round(CX - R_OUT), CY))
    arc(pen, R_OUT, math.pi, 0)
    pen.lineTo((round(CX + R_OUT), 0))
    pen.lineTo((round(CX + R_IN), 0))
    pen.lineTo((round(CX + R_IN), CY))
    arc(pen, R_IN, 0, math.pi)
    pen.lineTo((round(CX - R_IN), 0))
    pen.closePath()
    half = STROKE / 2
    pen.moveTo((round(CX - half), 0))
    pen.lineTo((round(CX - half), STEM_TOP))
    pen.lineTo((round(CX + half), STEM_TOP))
    pen.lineTo((round(CX + half), 0))
    pen.closePath()
    return pen.glyph()


fb = FontBuilder(1000, isTTF=True)
fb.setupGlyphOrder(['.notdef', 'manat'])
fb.setupCharacterMap({0x20BC: 'manat'})
fb.setupGlyf({'.notdef': TTGlyphPen(None).glyph(), 'manat': manat()})
fb.setupHorizontalMetrics({'.notdef': (500, 0), 'manat': (WIDTH, 0)})
fb.setupHorizontalHeader(ascent=900, descent=-250)
fb.setupNameTable({
    'familyName': 'Saxla Manat', 'styleName': 'Regular', 'copyright': 'Drawn for Saxla; free to use with the project',
    'uniqueFontIdentifier': 'SaxlaManat-Regular', 'fullName': 'Saxla Manat', 'psName': 'SaxlaManat-Regular', 'version': 'Version 1.0',
})
fb.setupOS2(sTypoAscender=900, sTypoDescender=-250, usWinAscent=900, usWinDescent=250, achVendID='SAXL')
fb.setupPost()
fb.font.flavor = 'woff'
fb.save(sys.argv[1] if len(sys.argv) > 1 else 'saxla-manat.woff')
