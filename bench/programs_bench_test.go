package bench

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/stance-ssg/stance/generator/ics"
	"github.com/stance-ssg/stance/generator/planner"
	"github.com/stance-ssg/stance/generator/planner/plannertest"
	"github.com/stance-ssg/stance/generator/program"
	"github.com/stance-ssg/stance/templates"
)

// profiles returns n profiles that differ in athlete, start, length,
// experience, equipment and weekly runs; every one leaves free days, so
// each can be planned.
func profiles(n int) [][]byte {
	runs := [][]string{
		{"rest", "easy", "tempo", "rest", "easy", "rest", "long"},
		{"easy", "rest", "intervals", "rest", "easy", "long", "rest"},
		{"rest", "tempo", "rest", "easy", "rest", "hills", "long"},
	}
	days := []string{"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
	equipment := []string{`["band", "dumbbells", "bench"]`, `["band", "step", "mat"]`, `["dumbbells", "bench", "step", "band", "mat"]`}
	experience := []string{"new", "some", "experienced"}
	out := make([][]byte, n)
	for i := range out {
		var b strings.Builder
		fmt.Fprintf(&b, "athlete = \"Runner %d\"\nstart = 2027-%02d-%02d\nweeks = %d\nexperience = %q\ncadence = %d\nequipment = %s\nsession_time = \"07:00\"\n\n[runs]\n",
			i, 1+i%12, 1+i%28, 6+i%10, experience[i%len(experience)], 160+i%12, equipment[i%len(equipment)])
		week := runs[i%len(runs)]
		for d, day := range days {
			fmt.Fprintf(&b, "%s = %q\n", day, week[d])
		}
		out[i] = []byte(b.String())
	}
	return out
}

// BenchmarkPrograms plans 10,000 profiles and renders each to its
// printable HTML page and its .ics calendar, and reports programs/s.
func BenchmarkPrograms(b *testing.B) {
	n := 10000
	if testing.Short() {
		n = 1000
	}
	srcs := profiles(n)
	exercises := plannertest.Exercises()
	tmplSrc, err := templates.FS.ReadFile("program.html")
	if err != nil {
		b.Fatal(err)
	}
	tmpl, err := program.ParseTemplate(string(tmplSrc))
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for range b.N {
		parallel(n, func(i int, buf *bytes.Buffer) {
			p, err := planner.ParseProfile(fmt.Sprintf("programs/runner-%d.toml", i), srcs[i])
			if err != nil {
				panic(err)
			}
			prog, err := planner.Plan(p, exercises)
			if err != nil {
				panic(fmt.Sprintf("profile %d: %v\n%s", i, err, srcs[i]))
			}
			if err := program.Render(buf, tmpl, program.NewPage(prog)); err != nil {
				panic(err)
			}
			buf.Reset()
			if err := ics.Write(buf, prog, ics.Options{}); err != nil {
				panic(err)
			}
		})
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "programs/s")
}
