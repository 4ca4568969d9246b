package program

import (
	"html/template"
	"strconv"
	"strings"

	"github.com/stance-ssg/stance/generator/planner"
)

// Chart geometry, in SVG user units. The view box is narrow so that text
// stays legible when the chart shrinks to a phone's width.
const (
	chartW     = 400
	chartH     = 230
	plotLeft   = 30
	plotRight  = chartW - 30
	plotTop    = 44
	plotBottom = chartH - 30
	fontSize   = 13
	maxXLabels = 9
)

// chartSeries is what the chart draws for one phase: a value per week of
// the first exercise of session 1, and what the value is.
type chartSeries struct {
	phase    planner.Phase
	label    string // "reps per set", "load, kg", "load step", "difficulty step"
	values   []int  // by week of the phase; -1 where the week has no session
	texts    []string
	deload   []bool
	taper    []bool
	min, max int
}

// Chart draws what rises through the block, phase by phase, as a static
// inline SVG: reps per set in phase 1; in phase 2 the weight (from the
// athlete's own list), the load steps above the weight they found, or the
// difficulty steps of bodyweight work. Each phase has its own scale.
// Bars are outlined, strength weeks lightly hatched, easier weeks dashed
// and taper weeks grey, so it prints in black and white without much ink.
func Chart(prog *planner.Program) template.HTML {
	if len(prog.Weeks) == 0 {
		return ""
	}
	series := make([]chartSeries, len(prog.Phases))
	for i, ph := range prog.Phases {
		series[i] = phaseSeries(prog, ph)
	}
	var b strings.Builder
	b.Grow(3000 + len(prog.Weeks)*300)
	const id = "program-chart" // one chart a page
	b.WriteString(`<svg class="program-chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ` + strconv.Itoa(chartW) + ` ` + strconv.Itoa(chartH) + `" role="img" aria-labelledby="`)
	b.WriteString(id + `-title ` + id + `-desc"><title id="` + id + `-title">`)
	b.WriteString(template.HTMLEscapeString("What rises week by week in " + prog.Athlete + "'s program"))
	b.WriteString(`</title><desc id="` + id + `-desc">`)
	b.WriteString(template.HTMLEscapeString(chartDescription(series)))
	b.WriteString(`</desc>`)
	b.WriteString(`<defs><pattern id="` + id + `-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><line x1="0" y1="0" x2="0" y2="6" stroke="currentColor" stroke-width="1"/></pattern></defs>`)
	b.WriteString(`<g fill="none" stroke="currentColor" font-size="` + strconv.Itoa(fontSize) + `" font-family="system-ui, sans-serif">`)

	n := len(prog.Weeks)
	slot := float64(plotRight-plotLeft) / float64(n)
	every := (n + maxXLabels - 1) / maxXLabels
	line(&b, plotLeft, plotBottom, plotRight, plotBottom, "")
	for i, s := range series {
		x0 := plotLeft + int(slot*float64(s.phase.FirstWeek-1))
		x1 := plotLeft + int(slot*float64(s.phase.LastWeek))
		if i > 0 {
			line(&b, x0, plotTop-14, x0, plotBottom, `stroke-dasharray="2 3"`)
		}
		title := "Phase " + strconv.Itoa(s.phase.Number) + ": " + s.label
		if x1-x0 < 7*len(title) {
			title = "P" + strconv.Itoa(s.phase.Number)
		}
		text(&b, x0+4, plotTop-18, "start", title)
		// The phase's scale, its lowest and highest value: phase 1 on the
		// left edge, phase 2 on the right, so neither sits on a bar.
		axisX, tick, anchor := plotLeft, 3, "end"
		if i > 0 {
			axisX, tick, anchor = plotRight, -3, "start"
		}
		line(&b, axisX, plotTop-6, axisX, plotBottom, "")
		for _, v := range []int{s.min, s.max} {
			if s.max < 0 {
				break
			}
			y := s.y(v)
			line(&b, axisX, y, axisX+tick, y, "")
			text(&b, axisX-2*tick/3, y+4, anchor, strconv.Itoa(v))
		}
		for k, v := range s.values {
			week := s.phase.FirstWeek + k
			cx := plotLeft + int(slot*float64(week-1)+slot/2)
			if (week-1)%every == 0 || week == n {
				text(&b, cx, plotBottom+16, "middle", strconv.Itoa(week))
			}
			if v < 0 {
				continue
			}
			x := plotLeft + int(slot*float64(week-1)+slot*0.2)
			w := max(2, int(slot*0.6))
			y := s.y(v)
			attrs := ""
			switch {
			case s.taper[k]:
				attrs = `fill="currentColor" fill-opacity="0.25"`
			case s.phase.Name == planner.Strength:
				attrs = `fill="url(#` + id + `-hatch)"`
			}
			if s.deload[k] {
				attrs += ` stroke-dasharray="3 2"`
			}
			b.WriteString(`<rect x="` + strconv.Itoa(x) + `" y="` + strconv.Itoa(y) + `" width="` + strconv.Itoa(w) + `" height="` + strconv.Itoa(plotBottom-y) + `" ` + attrs + `/>`)
		}
	}
	text(&b, (plotLeft+plotRight)/2, chartH-2, "middle", "Week")
	b.WriteString(`</g></svg>`)
	return template.HTML(b.String()) // built only from numbers and escaped text
}

// y maps a value of the series to the plot; the scale starts a little
// below the lowest value so the smallest bar is still visible.
func (s *chartSeries) y(v int) int {
	lo := max(0, s.min-(s.max-s.min)/2-1)
	return scale(v, lo, s.max, plotBottom, plotTop)
}

// phaseSeries reads one phase's values from session 1's first exercise.
func phaseSeries(prog *planner.Program, ph planner.Phase) chartSeries {
	weeks := prog.Weeks[ph.FirstWeek-1 : ph.LastWeek]
	kind := seriesKind(prog, ph, weeks)
	s := chartSeries{phase: ph, label: kind, min: -1, max: -1}
	for _, w := range weeks {
		s.deload = append(s.deload, w.Deload)
		s.taper = append(s.taper, w.Taper)
		if len(w.Sessions) == 0 {
			s.values = append(s.values, -1)
			s.texts = append(s.texts, "no session")
			continue
		}
		e := w.Sessions[0].Exercises[0]
		v, t := seriesValue(kind, prog.Units, e)
		s.values = append(s.values, v)
		s.texts = append(s.texts, t)
		if s.min < 0 || v < s.min {
			s.min = v
		}
		s.max = max(s.max, v)
	}
	if s.max == s.min {
		s.max++
	}
	return s
}

// seriesKind decides what a phase's bars show.
func seriesKind(prog *planner.Program, ph planner.Phase, weeks []planner.Week) string {
	if ph.Name == planner.Stability {
		return "reps per set"
	}
	for _, w := range weeks {
		for _, s := range w.Sessions {
			e := s.Exercises[0]
			switch {
			case e.Implement != "" && e.Weight > 0:
				return "load, " + prog.Units
			case e.Implement != "":
				return "load step"
			}
			return "difficulty step"
		}
	}
	return "difficulty step"
}

func seriesValue(kind, units string, e planner.Prescription) (int, string) {
	switch kind {
	case "reps per set":
		return e.RepCount, strconv.Itoa(e.RepCount) + " reps"
	case "load, " + units:
		return int(e.Weight + 0.5), strconv.FormatFloat(e.Weight, 'f', -1, 64) + " " + units
	case "load step":
		return e.LoadRank + 1, "load step " + strconv.Itoa(e.LoadRank+1)
	}
	return e.Step + 1, "difficulty step " + strconv.Itoa(e.Step+1)
}

func chartDescription(series []chartSeries) string {
	var b strings.Builder
	for i, s := range series {
		if i > 0 {
			b.WriteString(" ")
		}
		b.WriteString("Phase " + strconv.Itoa(s.phase.Number) + ", " + s.label + ": ")
		for k, t := range s.texts {
			if k > 0 {
				b.WriteString("; ")
			}
			b.WriteString("week " + strconv.Itoa(s.phase.FirstWeek+k) + " " + t)
			if s.deload[k] {
				b.WriteString(" (easier)")
			}
			if s.taper[k] {
				b.WriteString(" (taper)")
			}
		}
		b.WriteString(".")
	}
	return b.String()
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
