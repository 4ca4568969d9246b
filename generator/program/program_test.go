package program

import (
	"bytes"
	"flag"
	"html/template"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stance-ssg/stance/generator/ics"
	"github.com/stance-ssg/stance/generator/planner"
	"github.com/stance-ssg/stance/generator/planner/plannertest"
)

var update = flag.Bool("update", false, "rewrite golden files in testdata/")

const templatePath = "../../templates/program.html"

func loadTemplate(tb testing.TB) *template.Template {
	tb.Helper()
	src, err := os.ReadFile(templatePath)
	if err != nil {
		tb.Fatal(err)
	}
	t, err := ParseTemplate(string(src))
	if err != nil {
		tb.Fatal(err)
	}
	return t
}

func sitePage(prog *planner.Program) *Page {
	page := NewPage(prog)
	page.SiteTitle = "Stance"
	page.BaseURL = "https://example.org/"
	page.CanonicalURL = "https://example.org/programs/" + prog.Slug + "/"
	page.StylesheetHref = "/css/program.css"
	page.CalendarHref = "/programs/" + prog.Slug + "/" + prog.Slug + ".ics"
	return page
}

func TestGoldenPage(t *testing.T) {
	prog := plannertest.Program(t, "content/programs/alex-rivera.toml", plannertest.AlexTOML)
	var buf bytes.Buffer
	if err := Render(&buf, loadTemplate(t), sitePage(prog)); err != nil {
		t.Fatal(err)
	}
	plannertest.Golden(t, filepath.Join("testdata", "alex-rivera.html"), buf.Bytes(), *update)
}

func TestPageContents(t *testing.T) {
	prog := plannertest.Program(t, "alex.toml", plannertest.AlexTOML)
	var buf bytes.Buffer
	page := sitePage(prog)
	page.SafetyURL = "/safety/"
	page.WarmupURL = "/routine/warm-up/"
	if err := Render(&buf, loadTemplate(t), page); err != nil {
		t.Fatal(err)
	}
	html := buf.String()
	sets, sessions := 0, 0
	for _, w := range prog.Weeks {
		for _, s := range w.Sessions {
			sessions++
			for _, e := range s.Exercises {
				sets += e.Sets
			}
		}
	}
	checks := []struct {
		name, want string
		count      int // 0: at least once
	}{
		{"noindex", `<meta name="robots" content="noindex">`, 1},
		{"lang", `<html lang="en">`, 1},
		{"one h1", "<h1>", 1},
		{"header landmark", "<header", 1},
		{"main landmark", "<main>", 1},
		{"week sections", `<section class="program-week"`, 8},
		{"table captions", "<caption>", 0},
		{"row headers", `<th scope="row">`, 0},
		{"page rule", "@page { size: A4; margin: 12mm; }", 1},
		{"stylesheet link", `<link rel="stylesheet" href="/css/program.css">`, 1},
		{"exercise link", `<a href="/exercises/clamshell/">Clamshell</a>`, 0},
		{"a done box and a reps blank per set", `<td class="program-set"><span>☐</span> <span>reps</span>`, sets},
		{"effort, pain and notes per session", `<span class="program-field program-notes">Notes</span>`, sessions},
		{"pain rule of thumb per session", `Pain 0–10 <span class="program-painscale">(0–3, gone by morning: fine; more: see What if)</span>`, sessions},
		{"warm-up per session", `<a href="/routine/warm-up/">Warm-up</a>, about 8 min:`, sessions},
		{"what-if box per week", `<h3>What if…</h3>`, 8},
		{"safety link per week", `<a href="/safety/">Safety notes`, 8},
		{"usual week with reasons", "<caption>Your usual week, and why</caption>", 1},
		{"chart", "<svg", 1},
		{"chart title", "<title id=", 1},
		{"cadence", "176 steps per minute", 0},
		{"explanations", "Rule 4: Saturday stays a full rest day", 1},
		{"reason of the usual week", "Strength session at 07:00, no run today", 0},
		{"calendar link", `href="/programs/alex-rivera/alex-rivera.ics"`, 1},
		{"no live reload unless serving", "EventSource", -1},
	}
	for _, c := range checks {
		n := strings.Count(html, c.want)
		switch {
		case c.count < 0 && n > 0, c.count == 0 && n == 0, c.count > 0 && n != c.count:
			t.Errorf("%s: %q found %d times, want %d", c.name, c.want, n, max(c.count, 0))
		}
	}
}

func TestLiveReloadSlot(t *testing.T) {
	prog := plannertest.Program(t, "alex.toml", plannertest.AlexTOML)
	page := sitePage(prog)
	page.Live = "<script>new EventSource('/__stance/events')</script>"
	var buf bytes.Buffer
	if err := Render(&buf, loadTemplate(t), page); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), string(page.Live)+"\n</body>") {
		t.Error("the live-reload script is not before </body>")
	}
}

func TestLetterPaper(t *testing.T) {
	src := strings.Replace(plannertest.AlexTOML, "weeks = 8", "weeks = 8\npaper = \"Letter\"", 1)
	page := NewPage(plannertest.Program(t, "alex.toml", src))
	if got := string(page.PageRule); got != "@page { size: letter; margin: 12mm; }" {
		t.Errorf("page rule %q", got)
	}
}

func TestHostileAthleteNameIsEscaped(t *testing.T) {
	src := strings.Replace(plannertest.AlexTOML, `athlete = "Alex Rivera"`,
		`athlete = "<script>alert('x')</script> \"Al\" & Co\nline two"`+"\nslug = \"alex\"", 1)
	prog := plannertest.Program(t, "alex.toml", src)
	var buf bytes.Buffer
	if err := Standalone(&buf, NewPage(prog), loadTemplate(t), "body{}"); err != nil {
		t.Fatal(err)
	}
	html := buf.String()
	if strings.Contains(html, "<script>") {
		t.Error("raw <script> in the page")
	}
	for _, want := range []string{"&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &#34;Al&#34; &amp; Co\nline two"} {
		if !strings.Contains(html, want) {
			t.Errorf("missing escaped name %q", want)
		}
	}
	chart := string(Chart(prog))
	if strings.Contains(chart, "<script>") || !strings.Contains(chart, "&lt;script&gt;") {
		t.Error("athlete name not escaped in the chart")
	}
}

func TestStandaloneInlinesCSSAndAbsoluteLinks(t *testing.T) {
	prog := plannertest.Program(t, "alex.toml", plannertest.AlexTOML)
	page := sitePage(prog)
	var buf bytes.Buffer
	if err := Standalone(&buf, page, loadTemplate(t), "body.program{color:#111}"); err != nil {
		t.Fatal(err)
	}
	html := buf.String()
	if !strings.Contains(html, "<style>body.program{color:#111}</style>") || strings.Contains(html, `rel="stylesheet"`) {
		t.Error("CSS not inlined")
	}
	if !strings.Contains(html, `href="https://example.org/exercises/clamshell/"`) {
		t.Error("exercise links not absolute")
	}
	if page.StylesheetHref == "" || page.Weeks[0].Sessions[0].Exercises[0].URL[0] != '/' {
		t.Error("Standalone modified the caller's page")
	}
}

func TestChart(t *testing.T) {
	prog := plannertest.Program(t, "alex.toml", plannertest.AlexTOML)
	svg := string(Chart(prog))
	for _, want := range []string{"<title", "<desc", ">Week<", "Phase 1: reps per set", "Phase 2: load step", `role="img"`, "stroke-dasharray", "week 5 load step 1; week 6 load step 2"} {
		if !strings.Contains(svg, want) {
			t.Errorf("chart lacks %q", want)
		}
	}
	if strings.Count(svg, "<rect") != len(prog.Weeks) {
		t.Errorf("want %d bars, got %d rects", len(prog.Weeks), strings.Count(svg, "<rect"))
	}
	// With owned weights the second phase shows the weight itself.
	src := strings.Replace(plannertest.AlexTOML, "[runs]", "[loads]\ndumbbells = [4, 6, 8]\n\n[runs]", 1)
	owned := string(Chart(plannertest.Program(t, "alex.toml", src)))
	if !strings.Contains(owned, "Phase 2: load, kg") || !strings.Contains(owned, "week 5 4 kg; week 6 6 kg") {
		t.Errorf("owned weights not charted:\n%s", owned)
	}
}

// BenchmarkPlanAndRender plans one profile and renders its page and .ics,
// the work per program of a site build. Templates are parsed once.
func BenchmarkPlanAndRender(b *testing.B) {
	tmpl := loadTemplate(b)
	profile, err := planner.ParseProfile("alex.toml", []byte(plannertest.AlexTOML))
	if err != nil {
		b.Fatal(err)
	}
	exercises := plannertest.Exercises()
	b.ReportAllocs()
	for b.Loop() {
		prog, err := planner.Plan(profile, exercises)
		if err != nil {
			b.Fatal(err)
		}
		if err := Render(io.Discard, tmpl, NewPage(prog)); err != nil {
			b.Fatal(err)
		}
		if err := ics.Write(io.Discard, prog, ics.Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
