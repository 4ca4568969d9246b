package bench

import (
	"bytes"
	"fmt"
	"os"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
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

// BenchmarkPrograms parses and plans 10,000 profiles and renders each to
// its printable HTML page and its .ics calendar, and reports programs/s.
//
// "all-cores" is how a site build runs programs: a bounded pool with one
// worker per core (site.runJobs), each worker reusing its own buffer the
// way the build reuses pooled ones. "one-core" sets GOMAXPROCS to 1 for
// the run, so the garbage collector cannot borrow the idle core either.
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
	one := func(i int, buf *bytes.Buffer) {
		p, err := planner.ParseProfile("programs/runner-"+strconv.Itoa(i)+".toml", srcs[i])
		if err != nil {
			panic(err)
		}
		prog, err := planner.Plan(p, exercises)
		if err != nil {
			panic(fmt.Sprintf("profile %d: %v\n%s", i, err, srcs[i]))
		}
		// The site fields as generator/site fills them.
		page := program.NewPage(prog)
		page.SiteTitle = "Stance"
		page.BaseURL = "https://example.org/"
		page.CanonicalURL = page.BaseURL + "programs/" + prog.Slug + "/"
		page.StylesheetHref = "/theme/program.css"
		page.CalendarHref = "program.ics"
		buf.Reset()
		if err := program.Render(buf, tmpl, page); err != nil {
			panic(err)
		}
		buf.Reset()
		if err := ics.Write(buf, prog, ics.Options{PageURL: page.CanonicalURL}); err != nil {
			panic(err)
		}
	}
	// The stance command runs the collector at GOGC=150 unless GOGC is set
	// (main.go: tuneGC); programs are measured under the same setting.
	if os.Getenv("GOGC") == "" {
		defer debug.SetGCPercent(debug.SetGCPercent(150))
	}
	run := func(b *testing.B, procs int) {
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
		workers := runtime.GOMAXPROCS(0)
		b.ResetTimer()
		for range b.N {
			pool(n, workers, one)
		}
		b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "programs/s")
		b.ReportMetric(float64(workers), "workers")
	}
	b.Run("one-core", func(b *testing.B) { run(b, 1) })
	b.Run("all-cores", func(b *testing.B) { run(b, 0) })
}

// pool runs fn(0) to fn(n-1) on the given number of workers, each with its
// own reused buffer, handing out items in order like a build's job queue.
func pool(n, workers int, fn func(i int, buf *bytes.Buffer)) {
	var wg sync.WaitGroup
	var next atomic.Int64
	for range workers {
		wg.Go(func() {
			var buf bytes.Buffer
			for {
				i := int(next.Add(1) - 1)
				if i >= n {
					return
				}
				fn(i, &buf)
			}
		})
	}
	wg.Wait()
}
