package site

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/spf13/afero"

	"github.com/stance-ssg/stance/generator/planner"
)

// programOverviewPages is the print layout's promise (templates/program.css,
// @media print): the overview always takes exactly one sheet, then each
// week takes exactly one.
const programOverviewPages = 1

// paperPoints is the page size in PostScript points of each paper a
// profile can ask for.
var paperPoints = map[string][2]float64{
	"A4":     {595.28, 841.89},
	"Letter": {612, 792},
}

// TestProgramPrint prints every example program of the repository in
// Chromium: the built page from a web server and from disk, and the
// one-off standalone file; and, standalone, the print fixtures of
// testdata/print (three sessions a week, 52 weeks, both papers). Each PDF
// is checked against the plan: the profile's paper, one overview page
// plus one page per week, and each week's days, warm-ups, what-if box,
// exercises and every set's log cell on that week's own page (so nothing
// was clipped or pushed onto another page).
//
// It needs Debian's chromium and poppler-utils; without them it skips,
// unless STANCE_REQUIRE_CHROMIUM=1 (CI) makes that a failure.
func TestProgramPrint(t *testing.T) {
	chromium := requireTool(t, "chromium")
	pdfinfo := requireTool(t, "pdfinfo")
	pdftotext := requireTool(t, "pdftotext")

	fs := afero.NewOsFs()
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := Build(fs, Options{Source: "../..", Destination: dest}); err != nil {
		t.Fatalf("the repository's site does not build:\n%v", err)
	}
	srv := httptest.NewServer(http.FileServer(http.Dir(dest)))
	t.Cleanup(srv.Close) // after the parallel subtests, unlike defer

	examples, err := filepath.Glob("../../content/programs/*.toml")
	if err != nil || len(examples) == 0 {
		t.Fatalf("no example profiles in content/programs (%v)", err)
	}
	fixtures, _ := filepath.Glob("testdata/print/*.toml")
	for _, profile := range append(examples, fixtures...) {
		t.Run(strings.TrimSuffix(filepath.Base(profile), ".toml"), func(t *testing.T) {
			t.Parallel()
			// Programs plans the profile exactly as the build does and
			// gives the plan to compare the printout against.
			files, err := Programs(fs, ProgramOptions{Site: Options{Source: "../.."}, Profiles: []string{profile}})
			if err != nil {
				t.Fatal(err)
			}
			prog := files[0].Program
			standalone := filepath.Join(t.TempDir(), prog.Slug+".html")
			if err := os.WriteFile(standalone, files[0].HTML, 0o644); err != nil {
				t.Fatal(err)
			}
			targets := []struct{ name, url string }{{"standalone file", "file://" + filepath.ToSlash(standalone)}}
			if !strings.HasPrefix(profile, "testdata") {
				targets = append(targets,
					struct{ name, url string }{"site page", srv.URL + "/programs/" + prog.Slug + "/"},
					struct{ name, url string }{"site page from disk", "file://" + filepath.ToSlash(filepath.Join(dest, "programs", prog.Slug, "index.html"))})
			}
			for _, target := range targets {
				pdf := printPDF(t, chromium, target.url)
				checkPrintedProgram(t, target.name, prog, pdf, pdfinfo, pdftotext)
			}
		})
	}
}

// requireTool finds an external program the print test needs.
func requireTool(t *testing.T, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err == nil {
		return p
	}
	msg := fmt.Sprintf("%s not found in PATH; the print test needs Debian's chromium and poppler-utils (apt-get install chromium poppler-utils)", name)
	if os.Getenv("STANCE_REQUIRE_CHROMIUM") == "1" {
		t.Fatal(msg + "; STANCE_REQUIRE_CHROMIUM=1 forbids skipping")
	}
	t.Skip(msg)
	return ""
}

// printPDF prints url with headless Chromium and returns the PDF's path.
func printPDF(t *testing.T, chromium, url string) string {
	t.Helper()
	dir := t.TempDir()
	pdf := filepath.Join(dir, "out.pdf")
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, chromium,
		"--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--user-data-dir="+filepath.Join(dir, "profile"),
		"--no-pdf-header-footer", "--print-to-pdf="+pdf, url)
	// Chromium's helper processes may keep the output pipes open after
	// the browser exits; do not wait for them forever.
	cmd.WaitDelay = 5 * time.Second
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("chromium printing %s: %v\n%s", url, err, out)
	}
	if st, err := os.Stat(pdf); err != nil || st.Size() == 0 {
		t.Fatalf("chromium wrote no PDF for %s: %v\n%s", url, err, out)
	}
	return pdf
}

var (
	pdfPagesRe = regexp.MustCompile(`(?m)^Pages:\s+(\d+)`)
	pdfSizeRe  = regexp.MustCompile(`(?m)^Page size:\s+([\d.]+) x ([\d.]+) pts`)
	// pdftotext turns a line break into a space and joins a word broken
	// after its hyphen ("non-\nrunning" becomes "nonrunning"), so texts
	// are compared without white space and hyphens.
	unwrapRe = regexp.MustCompile(`[\s\-]+`)
)

// unwrap makes text comparable across line wrapping.
func unwrap(s string) string { return unwrapRe.ReplaceAllString(s, "") }

func checkPrintedProgram(t *testing.T, target string, prog *planner.Program, pdf, pdfinfo, pdftotext string) {
	t.Helper()
	info, err := exec.Command(pdfinfo, pdf).CombinedOutput()
	if err != nil {
		t.Fatalf("%s: pdfinfo: %v\n%s", target, err, info)
	}
	m := pdfPagesRe.FindSubmatch(info)
	sz := pdfSizeRe.FindSubmatch(info)
	if m == nil || sz == nil {
		t.Fatalf("%s: cannot read pages and page size from pdfinfo:\n%s", target, info)
	}
	pages, _ := strconv.Atoi(string(m[1]))
	w, _ := strconv.ParseFloat(string(sz[1]), 64)
	h, _ := strconv.ParseFloat(string(sz[2]), 64)
	want, ok := paperPoints[prog.Paper]
	if !ok {
		t.Fatalf("%s: unknown paper %q", target, prog.Paper)
	}
	if abs(w-want[0]) > 2 || abs(h-want[1]) > 2 {
		t.Errorf("%s: page size %.2f x %.2f pt, want %s (%.0f x %.0f pt)", target, w, h, prog.Paper, want[0], want[1])
	}
	wantPages := programOverviewPages + len(prog.Weeks)
	if pages != wantPages {
		t.Errorf("%s: %d printed pages, want %d (%d overview page + one for each of %d weeks)", target, pages, wantPages, programOverviewPages, len(prog.Weeks))
	}

	text, err := exec.Command(pdftotext, "-enc", "UTF-8", pdf, "-").Output()
	if err != nil {
		t.Fatalf("%s: pdftotext: %v", target, err)
	}
	// pdftotext ends every page with a form feed.
	pageText := strings.Split(string(text), "\f")
	for i := range pageText {
		pageText[i] = unwrap(pageText[i])
	}
	for _, want := range []string{"Strength program for " + prog.Athlete, "Your usual week", "Phases", "Cadence plan", "Why the plan looks like this"} {
		if !strings.Contains(pageText[0], unwrap(want)) {
			t.Errorf("%s: page 1 lacks %q", target, want)
		}
	}
	for _, week := range prog.Weeks {
		n := programOverviewPages + week.Number // 1-based page number
		if n > len(pageText) {
			t.Errorf("%s: week %d: no page %d", target, week.Number, n)
			continue
		}
		page := pageText[n-1]
		var missing []string
		for _, want := range weekTexts(&week) {
			if !strings.Contains(page, unwrap(want)) {
				missing = append(missing, want)
			}
		}
		if len(missing) > 0 {
			t.Errorf("%s: page %d (week %d) lacks %q", target, n, week.Number, missing)
		}
		if got, want := strings.Count(page, "☐"), weekSets(&week); got != want {
			t.Errorf("%s: page %d (week %d) has %d set boxes, want %d", target, n, week.Number, got, want)
		}
	}
}

// weekTexts is what a week's page must show: its heading, every day, the
// what-if box, and per session its heading, warm-up and exercises.
func weekTexts(week *planner.Week) []string {
	out := []string{fmt.Sprintf("Week %d:", week.Number), "What if", "Sore or in pain", "Missed a session", "Race coming"}
	for _, d := range week.Days {
		out = append(out, d.Date.Format("Mon 2 Jan"))
	}
	for _, s := range week.Sessions {
		out = append(out, fmt.Sprintf("Session %d: %s", s.Number, s.Date.Format("Monday 2 January")), "Warm-up, about 8 min", "Pain 0–10", "Notes")
		for _, e := range s.Exercises {
			out = append(out, e.Title)
		}
	}
	return out
}

// weekSets is the number of log cells a week's page must have: one per
// set of every exercise.
func weekSets(week *planner.Week) int {
	n := 0
	for _, s := range week.Sessions {
		for _, e := range s.Exercises {
			n += e.Sets
		}
	}
	return n
}

func abs(f float64) float64 {
	if f < 0 {
		return -f
	}
	return f
}
