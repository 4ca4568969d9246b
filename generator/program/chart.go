package program

import (
	"html/template"
	"strconv"
	"strings"

	"github.com/stance-ssg/stance/generator/planner"
)

// Chart geometry, in SVG user units.
const (
	chartW     = 640
	chartH     = 260
	plotLeft   = 56
	plotRight  = chartW - 56
	plotTop    = 28
	plotBottom = chartH - 48
	maxXLabels = 13
)

// Chart draws planned weekly volume (bars: sets x reps over all sessions)
// and the cadence steps (line, right axis) as a static inline SVG. Bars are
// outlined, strength weeks lightly hatched and easier weeks dashed, so it
// prints in black and white without wasting ink.
func Chart(prog *planner.Program) template.HTML {
	n := len(prog.Weeks)
	if n == 0 {
		return ""
	}
	volumes := make([]int, n)
	maxVolume := 1
	for i := range prog.Weeks {
		volumes[i] = weekVolume(&prog.Weeks[i])
		maxVolume = max(maxVolume, volumes[i])
	}
	top := niceCeil(maxVolume)
	lo, hi := prog.Cadence.Current-2, prog.Cadence.Target+2

	var b strings.Builder
	b.Grow(2600 + n*260 + 2*len(prog.Athlete))  // measured: 4.4 KB for 8 weeks
	id := "chart-" + planner.Slugify(prog.Slug) // ids and url(#…) stay plain ASCII
	b.WriteString(`<svg class="program-chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 640 260" role="img" aria-labelledby="`)
	b.WriteString(id + `-title ` + id + `-desc"><title id="` + id + `-title">`)
	b.WriteString(template.HTMLEscapeString("Planned weekly volume and cadence for " + prog.Athlete))
	b.WriteString(`</title><desc id="` + id + `-desc">`)
	b.WriteString(template.HTMLEscapeString(chartDescription(prog, volumes)))
	b.WriteString(`</desc>`)
	b.WriteString(`<defs><pattern id="` + id + `-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><line x1="0" y1="0" x2="0" y2="6" stroke="currentColor" stroke-width="1"/></pattern></defs>`)
	b.WriteString(`<g fill="none" stroke="currentColor" font-size="11" font-family="system-ui, sans-serif">`)

	// Axes.
	line(&b, plotLeft, plotTop, plotLeft, plotBottom, "")
	line(&b, plotLeft, plotBottom, plotRight, plotBottom, "")
	line(&b, plotRight, plotTop, plotRight, plotBottom, "")
	for _, v := range []int{0, top / 2, top} {
		y := scale(v, 0, top, plotBottom, plotTop)
		line(&b, plotLeft-4, y, plotLeft, y, "")
		text(&b, plotLeft-7, y+4, "end", strconv.Itoa(v))
	}
	for _, v := range []int{prog.Cadence.Current, prog.Cadence.Target} {
		y := scale(v, lo, hi, plotBottom, plotTop)
		line(&b, plotRight, y, plotRight+4, y, "")
		text(&b, plotRight+7, y+4, "start", strconv.Itoa(v))
	}
	text(&b, 14, (plotTop+plotBottom)/2, "middle", "Reps per week (sets × reps)", `transform="rotate(-90 14 `+strconv.Itoa((plotTop+plotBottom)/2)+`)"`)
	text(&b, chartW-12, (plotTop+plotBottom)/2, "middle", "Cadence (steps/min)", `transform="rotate(90 `+strconv.Itoa(chartW-12)+` `+strconv.Itoa((plotTop+plotBottom)/2)+`)"`)
	text(&b, (plotLeft+plotRight)/2, chartH-8, "middle", "Week")

	// Bars, one per week, with week numbers below.
	slot := float64(plotRight-plotLeft) / float64(n)
	every := (n + maxXLabels - 1) / maxXLabels
	points := make([]string, n)
	for i, v := range volumes {
		x := plotLeft + int(slot*float64(i)+slot*0.2)
		w := max(2, int(slot*0.6))
		y := scale(v, 0, top, plotBottom, plotTop)
		attrs := ""
		w0 := &prog.Weeks[i]
		if w0.Phase == planner.Strength {
			attrs = `fill="url(#` + id + `-hatch)"`
		}
		if w0.Deload {
			attrs += ` stroke-dasharray="3 2"`
		}
		b.WriteString(`<rect x="` + strconv.Itoa(x) + `" y="` + strconv.Itoa(y) + `" width="` + strconv.Itoa(w) + `" height="` + strconv.Itoa(plotBottom-y) + `" ` + attrs + `/>`)
		cx := plotLeft + int(slot*float64(i)+slot/2)
		if i%every == 0 || i == n-1 {
			text(&b, cx, plotBottom+15, "middle", strconv.Itoa(i+1))
		}
		points[i] = strconv.Itoa(cx) + "," + strconv.Itoa(scale(w0.Cadence, lo, hi, plotBottom, plotTop))
	}

	// Cadence line with a dot per week.
	b.WriteString(`<polyline stroke-width="2" points="` + strings.Join(points, " ") + `"/>`)
	for _, pt := range points {
		x, y, _ := strings.Cut(pt, ",")
		b.WriteString(`<circle r="2.5" fill="currentColor" cx="` + x + `" cy="` + y + `"/>`)
	}

	// Legend.
	b.WriteString(`<rect x="56" y="6" width="12" height="10"/>`)
	text(&b, 72, 15, "start", "Stability")
	b.WriteString(`<rect x="140" y="6" width="12" height="10" fill="url(#` + id + `-hatch)"/>`)
	text(&b, 156, 15, "start", "Strength")
	b.WriteString(`<rect x="222" y="6" width="12" height="10" stroke-dasharray="3 2"/>`)
	text(&b, 238, 15, "start", "Easier week")
	line(&b, 330, 11, 350, 11, `stroke-width="2"`)
	text(&b, 356, 15, "start", "Metronome cadence")
	b.WriteString(`</g></svg>`)
	return template.HTML(b.String()) // built only from numbers and escaped text
}

// weekVolume is the week's total reps: sets x reps over all exercises.
func weekVolume(w *planner.Week) int {
	total := 0
	for _, s := range w.Sessions {
		for _, e := range s.Exercises {
			total += e.Sets * e.RepCount
		}
	}
	return total
}

func chartDescription(prog *planner.Program, volumes []int) string {
	var b strings.Builder
	b.WriteString("Bars: planned reps per week. Line: metronome cadence per week, from ")
	b.WriteString(strconv.Itoa(prog.Cadence.Current) + " toward " + strconv.Itoa(prog.Cadence.Target) + " steps per minute. ")
	for i, v := range volumes {
		if i > 0 {
			b.WriteString("; ")
		}
		b.WriteString("week " + strconv.Itoa(i+1) + ": " + strconv.Itoa(v) + " reps, " + strconv.Itoa(prog.Weeks[i].Cadence) + " spm")
	}
	b.WriteString(".")
	return b.String()
}

// niceCeil rounds up to 1, 2 or 5 times a power of ten, for axis ticks.
func niceCeil(v int) int {
	p := 1
	for p*10 <= v {
		p *= 10
	}
	for _, m := range []int{1, 2, 5, 10} {
		if m*p >= v && (m*p)%2 == 0 {
			return m * p
		}
	}
	return 10 * p
}

// scale maps v in [lo, hi] to [y0, y1] (SVG y grows downward).
func scale(v, lo, hi, y0, y1 int) int {
	if hi == lo {
		return y0
	}
	return y0 + (v-lo)*(y1-y0)/(hi-lo)
}

func line(b *strings.Builder, x1, y1, x2, y2 int, attrs string) {
	b.WriteString(`<line x1="` + strconv.Itoa(x1) + `" y1="` + strconv.Itoa(y1) + `" x2="` + strconv.Itoa(x2) + `" y2="` + strconv.Itoa(y2) + `" ` + attrs + `/>`)
}

func text(b *strings.Builder, x, y int, anchor, s string, attrs ...string) {
	b.WriteString(`<text stroke="none" fill="currentColor" x="` + strconv.Itoa(x) + `" y="` + strconv.Itoa(y) + `" text-anchor="` + anchor + `"`)
	for _, a := range attrs {
		b.WriteString(" " + a)
	}
	b.WriteString(">" + template.HTMLEscapeString(s) + "</text>")
}
