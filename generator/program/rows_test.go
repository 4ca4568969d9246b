package program

import (
	"bytes"
	"html/template"
	"strings"
	"testing"
)

// The rows used to be template actions; these are those templates, kept
// as the reference the Go-built rows must equal byte for byte.
const referenceRows = `
{{- define "phases"}}{{range .}}<tr><th scope="row">{{.Title}}</th><td>{{.Weeks}}</td><td>{{.Goal}}</td></tr>
{{end}}{{end -}}
{{- define "cadence"}}{{range .}}<tr><th scope="row">{{.Number}}</th><td>{{.SPM}}</td><td>{{.Change}}</td></tr>
{{end}}{{end -}}
{{- define "items"}}{{range .}}<li>{{.}}</li>
{{end}}{{end -}}
{{- define "days"}}{{range .}}<tr><th scope="row"><time datetime="{{.ISO}}">{{.Date}}</time></th><td>{{.Run}}</td><td>{{.Strength}}</td><td class="program-note">{{.Note}}</td></tr>
{{end}}{{end -}}
{{- define "sessions"}}{{range .}}
<table class="program-session">
<caption>{{.Heading}}<span class="program-timing">{{.Timing}}</span></caption>
<thead><tr><th scope="col">Exercise</th><th scope="col">Sets</th><th scope="col">Reps</th><th scope="col">Load</th><th scope="col">Load used</th></tr></thead>
<tbody>
{{range .Exercises}}<tr><th scope="row"><a href="{{.URL}}">{{.Title}}</a>{{with .Cue}}<span class="program-cue">{{.}}</span>{{end}}</th><td>{{.Sets}}</td><td>{{.Reps}}</td><td>{{.Load}}</td><td class="program-blank"><span></span></td></tr>
{{end -}}
</tbody>
</table>
{{- end}}{{end -}}
`

// hostile are texts and URLs that each escaping rule must handle.
var hostile = []string{
	"",
	"plain text",
	`<script>alert('x')</script> "Al" & Co`,
	"a+b=c; 100% sure, #1 & done?",
	"NUL\x00byte",
	"línea dos\nwith ünïcödé, 日本語 and 🏃",
	"bad utf-8 \xff\xfe end",
	"&amp; already an entity &#39;",
	"javascript:alert(1)",
	"JavaScript:alert(1)",
	" javascript:alert(1)",
	"data:text/html,<script>",
	"vbscript:x",
	"mailto:coach@example.org",
	"http://example.org/a b?q=1&r=2+3#frag",
	"HTTPS://example.org/%7Euser/%zz/%4",
	"/exercises/clamshell/",
	"../exercises/glute bridge/?x=\"y\"&z='w'",
	"//evil.example/path",
	"/path:with:colons",
	"exercises/a(b)[c]{d}|e^f`g\\h",
}

func reference(t *testing.T, name string, data any) string {
	t.Helper()
	tmpl := template.Must(template.New("ref").Parse(referenceRows))
	var buf bytes.Buffer
	if err := tmpl.ExecuteTemplate(&buf, name, data); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

func TestRowsMatchTemplateEscaping(t *testing.T) {
	for _, s := range hostile {
		phases := []PhaseView{{Title: s, Weeks: s, Goal: s}}
		if got, want := string((&Page{Phases: phases}).PhaseRows()), reference(t, "phases", phases); got != want {
			t.Errorf("phase rows for %q:\n got %q\nwant %q", s, got, want)
		}
		cad := CadenceView{Weeks: []CadenceWeek{{Number: 3, SPM: 172, Change: s}}}
		if got, want := string(cad.Rows()), reference(t, "cadence", cad.Weeks); got != want {
			t.Errorf("cadence rows for %q:\n got %q\nwant %q", s, got, want)
		}
		items := []string{s, "second", s}
		if got, want := string(CadenceView{Cues: items}.CueItems()), reference(t, "items", items); got != want {
			t.Errorf("list items for %q:\n got %q\nwant %q", s, got, want)
		}
		if got, want := string((&Page{Explanations: items}).ExplanationItems()), reference(t, "items", items); got != want {
			t.Errorf("explanations for %q:\n got %q\nwant %q", s, got, want)
		}
		week := WeekView{Days: []DayView{{ISO: s, Date: s, Run: s, Strength: s, Note: s}, {ISO: "2027-01-05"}}}
		if got, want := string(week.CalendarRows()), reference(t, "days", week.Days); got != want {
			t.Errorf("calendar rows for %q:\n got %q\nwant %q", s, got, want)
		}
		week.Sessions = []SessionView{
			{Heading: s, Timing: s, Exercises: []ExerciseView{
				{Title: s, URL: s, Sets: 3, Reps: s, Load: s, Cue: s},
				{Title: "Clamshell", URL: "/exercises/clamshell/", Sets: 2, Reps: "12 per side"},
			}},
			{Heading: "Session 2", Exercises: []ExerciseView{{Title: "x", URL: s}}},
			{Heading: "Session 3"},
		}
		want := reference(t, "sessions", week.Sessions)
		if lower := strings.ToLower(s); strings.HasPrefix(lower, "mailto:") {
			// Stricter than html/template on purpose: only relative and
			// http(s) URLs reach an exercise link.
			want = strings.ReplaceAll(want, `href="`+s+`"`, `href="`+failsafeURL+`"`)
		}
		if got := string(week.SessionTables()); got != want {
			t.Errorf("session tables for %q:\n got %q\nwant %q", s, got, want)
		}
	}
}

func TestUnsafeURLsNeverReachHref(t *testing.T) {
	for _, u := range []string{"javascript:alert(1)", "JAVASCRIPT:alert(1)", "data:text/html,x", "vbscript:x", "mailto:a@b", "file:///etc/passwd"} {
		var b strings.Builder
		escapeURL(&b, u)
		if b.String() != failsafeURL {
			t.Errorf("escapeURL(%q) = %q, want %q", u, b.String(), failsafeURL)
		}
	}
}

// FuzzRowEscaping checks any text and URL against html/template.
func FuzzRowEscaping(f *testing.F) {
	for _, s := range hostile {
		f.Add(s, s)
	}
	tmpl := template.Must(template.New("ref").Parse(`<td title="{{.T}}">{{.T}}</td><a href="{{.U}}">`))
	f.Fuzz(func(t *testing.T, text, url string) {
		if strings.HasPrefix(strings.ToLower(url), "mailto:") {
			return // deliberately stricter, see TestRowsMatchTemplateEscaping
		}
		var want bytes.Buffer
		if err := tmpl.Execute(&want, struct{ T, U string }{text, url}); err != nil {
			t.Skip() // not a string html/template accepts
		}
		var b strings.Builder
		b.WriteString(`<td title="`)
		escapeText(&b, text)
		b.WriteString(`">`)
		escapeText(&b, text)
		b.WriteString(`</td><a href="`)
		escapeURL(&b, url)
		b.WriteString(`">`)
		if b.String() != want.String() {
			t.Errorf("text %q url %q:\n got %q\nwant %q", text, url, b.String(), want.String())
		}
	})
}
