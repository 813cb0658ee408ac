package geo

import (
	"math"
	"strconv"
	"strings"
)

// pathData encodes polygons as SVG path data, fill-rule evenodd: each ring
// starts with an absolute moveto and continues with relative linetos, every
// coordinate rounded to 0.1 unit. Relative steps are taken between the
// rounded positions (in whole tenths), so no rounding error accumulates.
func pathData(polys [][][]Point) string {
	var b strings.Builder
	for _, p := range polys {
		for _, r := range p {
			ts := tenths(r)
			if len(ts) < 3 {
				continue
			}
			b.WriteByte('M')
			writeTenths(&b, ts[0][0])
			b.WriteByte(' ')
			writeTenths(&b, ts[0][1])
			b.WriteByte('l')
			for i := 1; i < len(ts); i++ {
				dx, dy := ts[i][0]-ts[i-1][0], ts[i][1]-ts[i-1][1]
				if i > 1 && dx >= 0 {
					b.WriteByte(' ')
				}
				writeTenths(&b, dx)
				if dy >= 0 {
					b.WriteByte(' ')
				}
				writeTenths(&b, dy)
			}
			b.WriteByte('z')
		}
	}
	return b.String()
}

// tenths rounds a ring to whole tenths of a unit and drops the positions
// that rounding makes repeat.
func tenths(r []Point) [][2]int {
	out := make([][2]int, 0, len(r))
	for _, p := range r {
		t := [2]int{int(math.Round(p.X * 10)), int(math.Round(p.Y * 10))}
		if len(out) > 0 && out[len(out)-1] == t {
			continue
		}
		out = append(out, t)
	}
	for len(out) > 1 && out[len(out)-1] == out[0] {
		out = out[:len(out)-1]
	}
	return out
}

// writeTenths writes n tenths as a short decimal: 12 → "1.2", -3 → "-.3".
func writeTenths(b *strings.Builder, n int) {
	if n < 0 {
		b.WriteByte('-')
		n = -n
	}
	whole, frac := n/10, n%10
	if whole > 0 || frac == 0 {
		b.WriteString(strconv.Itoa(whole))
	}
	if frac > 0 {
		b.WriteByte('.')
		b.WriteByte(byte('0' + frac))
	}
}
