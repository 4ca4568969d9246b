package content

import (
	"errors"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/spf13/afero"

	"github.com/stance-ssg/stance/generator/diag"
)

// yamlPage is a page with YAML front matter.
func yamlPage(front string) string { return "---\n" + front + "\n---\nText\n" }

// TestYAMLFrontMatterDecodes checks that YAML front matter fills the same
// model as the TOML of the same page.
func TestYAMLFrontMatterDecodes(t *testing.T) {
	toml := `title = "Clamshell"
description = "One sentence."
date = 2026-11-02T07:30:00-08:00
weight = 30
slug = "clam"
aliases = ["/old/clam/"]
tags = ["glutes", "no"]
draft = true
muscles = ["gluteus medius"]
equipment = ["band", "mat"]
level = "beginner"
load = ["band"]
harder = "side-plank"
phase = ["stability"]
focus = ["glute-med"]
cues = ["Keep your heels together.", "on"]
[reps.stability]
sets = 2
min = 12
max = 20
per_side = true`
	yaml := `title: Clamshell
description: 'One sentence.'
date: 2026-11-02T07:30:00-08:00
weight: 30
slug: clam
aliases: [/old/clam/]
tags:
  - glutes
  - no          # YAML 1.2: the text "no"
draft: true
muscles: [gluteus medius]
equipment: [band, mat]
level: beginner
load: [band]
harder: side-plank
phase: [stability]
focus: [glute-med]
cues:
  - Keep your heels together.
  - on
reps:
  stability: {sets: 2, min: 12, max: 20, per_side: true}`
	want := parsePage([]byte(md(toml)))
	got := parsePage([]byte(yamlPage(yaml)))
	if want.err != nil || got.err != nil {
		t.Fatalf("TOML: %v\nYAML: %v", want.err, got.err)
	}
	if !reflect.DeepEqual(got.front, want.front) {
		t.Errorf("YAML front matter\n%+v\nTOML front matter\n%+v", got.front, want.front)
	}
	if got.front.Date.Format(time.RFC3339) != "2026-11-02T07:30:00-08:00" {
		t.Errorf("date %s lost its offset", got.front.Date.Format(time.RFC3339))
	}
	if !reflect.DeepEqual(got.keyLines, map[string]int{"slug": 6, "aliases": 7, "harder": 16}) {
		t.Errorf("key lines %v", got.keyLines)
	}
}

func TestYAMLBodyAndLines(t *testing.T) {
	tests := []struct {
		name, src, body string
		bodyLine        int
	}{
		{"simple", "---\ntitle: A\n---\nBody\n", "Body\n", 3},
		{"crlf and bom", "\xef\xbb\xbf---\r\ntitle: A\r\n---\r\nBody", "Body", 3},
		{"a rule in the body", "---\ntitle: A\n---\n\n---\nafter\n", "\n---\nafter\n", 3},
		{"trailing spaces on the delimiters", "--- \ntitle: A\n---\t\nBody", "Body", 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pp := parsePage([]byte(tt.src))
			if pp.err != nil {
				t.Fatal(pp.err)
			}
			if string(pp.body) != tt.body || pp.bodyLine != tt.bodyLine || pp.front.Title != "A" {
				t.Errorf("body %q line %d title %q", pp.body, pp.bodyLine, pp.front.Title)
			}
		})
	}
}

func TestYAMLDates(t *testing.T) {
	cases := append(slices.Clone(dateCases), struct{ date, want string }{"!!timestamp '2026-03-01'", "2026-03-01T00:00:00Z"})
	checkDates(t, cases, func(date string) string { return yamlPage("title: A\ndate: " + date) })
}

// TestYAMLErrors checks that every problem is an error with the file's
// line (and column), the key, and what to do.
func TestYAMLErrors(t *testing.T) {
	tests := []struct {
		name, front string
		want        []string
	}{
		{"unknown key", "title: A\ntag: [knees]", []string{"3:1: tag: unknown key"}},
		{"key differing in case", "Title: A", []string{`2:1: Title: unknown key: keys are case-sensitive; did you mean "title"?`}},
		{"unknown key below reps", "title: A\nphase: [stability]\nreps:\n  stability: {sets: 2, min: 12, max: 15, rest: 60}",
			[]string{"5:42: reps.stability.rest: unknown key"}},
		{"every problem at once", "title: A\nweight: heavy\ntag: x\ndraft: yes",
			[]string{`3:9: weight: "heavy" is text, not a whole number`, "4:1: tag: unknown key", `5:8: draft: "yes" is text in YAML 1.2, not a boolean: write true or false`}},
		{"boolean where text is expected", "title: true", []string{`2:8: title: true is a YAML boolean (true or false), not text: put it in quotes, "true"`}},
		{"number where text is expected", "title: 1984", []string{`2:8: title: 1984 is a number, not text: put it in quotes, "1984"`}},
		{"date where text is expected", "title: 2026-11-02", []string{`2:8: title: 2026-11-02 is a date, not text: put it in quotes`}},
		{"on where a boolean is expected", "title: A\ndraft: on", []string{`3:8: draft: "on" is text in YAML 1.2, not a boolean`}},
		{"fraction where a whole number is expected", "title: A\nweight: 1.5", []string{"3:9: weight: 1.5 is not a whole number"}},
		{"huge number", "title: A\nweight: 99999999999999999999", []string{"3:9: weight: 99999999999999999999 is too large a number"}},
		{"one value where a list is expected", "title: A\ntags: glutes", []string{"3:7: tags: must be a list, not the text \"glutes\": write [glutes]"}},
		{"list where text is expected", "title: [A, B]", []string{"2:8: title: must be text, not a list"}},
		{"empty list value", "title: A\ntags: [a, ~]", []string{"3:11: tags: a list value is empty"}},
		{"duplicate key", "title: A\ndescription: x\ntitle: B", []string{"4:1: title: given twice, on lines 2 and 4: keep one"}},
		{"duplicate key on one line", "{title: A, title: B}", []string{"2:12: title: given twice on this line, in columns 2 and 12: keep one"}},
		{"duplicate key in reps", "title: A\nphase: [stability]\nreps:\n  stability: {sets: 2, min: 12, max: 15}\n  stability: {sets: 3, min: 12, max: 15}",
			[]string{"6:3: reps.stability: given twice, on lines 5 and 6"}},
		{"alias", "title: &t A\ndescription: *t", []string{"3:14: description: *t repeats another value (a YAML alias): aliases are not allowed"}},
		{"alias in a list", "title: A\ntags: &t [a]\nmuscles: [*t]", []string{"4:11: muscles: *t repeats another value"}},
		{"merge key", "title: A\n<<: {description: x}", []string{"3:1: << merges other keys in (a YAML merge key)"}},
		{"key that is not a name", "title: A\n2026: x", []string{"3:1: a key must be a name, such as title; this is a number"}},
		{"custom tag", "title: !shout A", []string{"2:8: title: the YAML tag !shout is not supported"}},
		{"list at the top", "- title: A", []string{"2:1: front matter must be keys and values (title: ...), not a list"}},
		{"text at the top", "just a sentence", []string{"2:1: front matter must be keys and values (title: ...), not the text"}},
		{"text after the end of the document", "title: A\n...\ndescription: x", []string{"3: front matter is one YAML document: nothing may follow a `...` line"}},
		{"second document", "title: A\n...\n--- # another\ndescription: x", []string{"4:1: a second YAML document starts here"}},
		{"tab indenting a list", "title: A\ntags:\n\t- a", []string{"4:1: a tab indents this line: YAML indents with spaces only"}},
		{"tab indenting a later item", "title: A\ntags:\n  - a\n \t- b", []string{"5:2: a tab indents this line"}},
		{"syntax error", "title: \"A", []string{"invalid YAML: found unexpected end of stream"}},
		{"mapping in the wrong place", "title: A\nslug: a: b", []string{"3: invalid YAML: mapping values are not allowed in this context"}},
		{"control character", "title: A\ndescription: a\x01b", []string{"3:15: the character U+0001 is not allowed in YAML"}},
		{"carriage return alone", "title: A\rdescription: x", []string{"2:9: a carriage return without a line feed"}},
		{"line separator", "title: A\ndescription: a\u2028b", []string{"3:15: the character U+2028 is a line break in YAML"}},
		{"quoted date", "title: A\ndate: '2026-11-02'", []string{`3:7: date: "2026-11-02" is not a date: write a date such as 2026-11-02, without quotes`}},
		{"invalid date", "title: A\ndate: 2026-02-30", []string{"3:7: date: 2026-02-30 is not a valid date"}},
		{"date with a YAML 1.1 offset", "title: A\ndate: 2026-03-01 23:30:00 -5", []string{"3:7: date: 2026-03-01 23:30:00 -5 is not a valid date"}},
		{"time without a date", "title: A\ndate: 07:30:00", []string{"3:7: date: 07:30:00 is a time without a date: write a date such as 2026-11-02, or a date and time such as 2026-11-02T07:30:00"}},
		{"year zero", "title: A\ndate: 0000-01-01", []string{"3:7: date: 0000-01-01 is before the year 1"}},
		{"number as a date", "title: A\ndate: 2026", []string{"3:7: date: 2026 is a number, not a date"}},
		{"bad value", "title: A\nslug: ../x", []string{`3:1: slug: "../x" is not a single URL segment`}},
		{"bad alias path", "title: A\naliases: [//evil.example/]", []string{`3:1: aliases: "//evil.example/" must be a path from the site root`}},
		{"unknown phase", "title: A\nphase: [power]", []string{`3:1: phase: unknown phase "power"`}},
		{"reps out of range", "title: A\nphase: [stability]\nreps:\n  stability:\n    sets: 9\n    min: 12\n    max: 15",
			[]string{"6:5: reps.stability.sets: must be between 1 and 6, got 9"}},
		{"reps min left out", "title: A\nphase: [strength]\nreps:\n  strength:\n    sets: 3\n    max: 8",
			[]string{"5:3: reps.strength.min: the strength phase works in 6 to 10 reps"}},
		{"empty front matter", "", []string{"1: title: missing: every page needs a title"}},
		{"empty title", "title:", []string{"1: title: missing: every page needs a title"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := parsePage([]byte(yamlPage(tt.front))).err
			if err == nil {
				t.Fatal("parsed without an error")
			}
			for _, e := range diag.Flatten(err) {
				if e.Line < 1 {
					t.Errorf("error without a line: %v", e)
				}
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("errors lack %q:\n%v", w, err)
				}
			}
		})
	}
}

// TestYAMLNullIsLeftOut: an empty value is the key left out, as in the
// YAML that other generators write (tags: with nothing after it).
func TestYAMLNullIsLeftOut(t *testing.T) {
	pp := parsePage([]byte(yamlPage("title: A\ntags:\ndescription: ~\ndate: null\nreps:")))
	if pp.err != nil {
		t.Fatal(pp.err)
	}
	if !reflect.DeepEqual(pp.front, FrontMatter{Title: "A"}) {
		t.Errorf("front matter %+v", pp.front)
	}
}

// TestYAMLBillionLaughs: aliases are refused before anything is expanded,
// so the classic document that expands to a billion values is an error in
// microseconds, in a few kilobytes.
func TestYAMLBillionLaughs(t *testing.T) {
	var b strings.Builder
	b.WriteString("title: A\nl0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n")
	for i := 1; i <= 9; i++ {
		b.WriteString("l" + string(rune('0'+i)) + ": &l" + string(rune('0'+i)) + " [")
		for j := range 10 {
			if j > 0 {
				b.WriteString(", ")
			}
			b.WriteString("*l" + string(rune('0'+i-1)))
		}
		b.WriteString("]\n")
	}
	b.WriteString("tags: *l9\n")
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	start := time.Now()
	err := parsePage([]byte(yamlPage(b.String()))).err
	took := time.Since(start)
	runtime.ReadMemStats(&after)
	if err == nil || !strings.Contains(err.Error(), "13:7: tags: *l9 repeats another value (a YAML alias)") {
		t.Fatalf("got %v", err)
	}
	if took > time.Second {
		t.Errorf("took %s", took)
	}
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 10<<20 {
		t.Errorf("allocated %d MB", alloc>>20)
	}
}

// TestYAMLReload: serve's incremental reload reads YAML pages like TOML
// ones, including a page that switches from one to the other.
func TestYAMLReload(t *testing.T) {
	fs := afero.NewMemMapFs()
	write := func(name, src string) {
		if err := afero.WriteFile(fs, "/c/"+name, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("a.md", "---\ntitle: A\ndescription: one\n---\nBody\n")
	write("b.md", md(`title = "B"`))
	s, err := Load(fs, Options{Dir: "/c", BaseURL: "https://e.org/", BasePath: "/", HomeTitle: "Home"})
	if err != nil {
		t.Fatal(err)
	}
	steps := []struct {
		file, src string
		want      Edit
		wantErr   string
	}{
		{"a.md", "---\ntitle: A\ndescription: one\n---\nNew body\n", EditBody, ""},
		{"a.md", "---\ntitle: A\ndescription: two\n---\nNew body\n", EditFront, ""},
		{"a.md", "---\ntitle: Renamed\ndescription: two\n---\nNew body\n", EditStructure, ""},
		{"a.md", "---\ntitle: A\ndescription: two\ntitle: B\n---\nNew body\n", EditNone, "/c/a.md:4:1: title: given twice"},
		{"b.md", "---\ntitle: B\n---\nText\n", EditNone, ""},
		{"b.md", "---\ntitle: B\n---\nNew\n", EditBody, ""},
	}
	for i, st := range steps {
		write(st.file, st.src)
		edit, _, err := s.ReloadPage(fs, st.file)
		switch {
		case st.wantErr != "" && (err == nil || !strings.Contains(err.Error(), st.wantErr)):
			t.Errorf("step %d: error %v, want %q", i, err, st.wantErr)
		case st.wantErr == "" && err != nil:
			t.Errorf("step %d: %v", i, err)
		case edit != st.want:
			t.Errorf("step %d: edit %v, want %v", i, edit, st.want)
		}
	}
	if p := s.byFile["a.md"]; p.Front.Description != "two" || string(p.Body) != "New body\n" {
		t.Errorf("reloaded page %+v body %q", p.Front, p.Body)
	}
}

// TestYAMLLoadReportsEveryFile: one run names every bad file, YAML and
// TOML alike.
func TestYAMLLoadReportsEveryFile(t *testing.T) {
	_, err := loadFiles(t, map[string]string{
		"a.md": yamlPage("title: A\ntag: x"),
		"b.md": yamlPage("title: B\ndraft: no"),
		"c.md": md("title = \"C\"\ntag = \"x\""),
		"d.md": yamlPage("title: D\nslug: new-d"),
	})
	if err == nil {
		t.Fatal("loaded without an error")
	}
	for _, w := range []string{"/c/a.md:3:1: tag: unknown key", `/c/b.md:3:8: draft: "no" is text`, "/c/c.md:3: tag: unknown key"} {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("errors lack %q:\n%v", w, err)
		}
	}
	if n := len(diag.Flatten(err)); n != 3 {
		t.Errorf("%d errors, want 3:\n%v", n, err)
	}
	var e *diag.Error
	if !errors.As(err, &e) {
		t.Errorf("not a diag error: %v", err)
	}
}

// TestYAMLKeyLinesAfterLoading: problems found once every page is loaded
// (a URL clash, a variation that is no exercise) point at the YAML key's
// line, as with TOML.
func TestYAMLKeyLinesAfterLoading(t *testing.T) {
	_, err := loadFiles(t, map[string]string{
		"a.md":           yamlPage("title: A\ndescription: x\nslug: b"),
		"b.md":           md(`title = "B"`),
		"c.md":           yamlPage("title: C\naliases:\n  - /b/"),
		"exercises/e.md": yamlPage("title: E\n\nharder: nope"),
	})
	for _, w := range []string{
		"/c/c.md:3: aliases: URL /b/ is also produced by content/a.md",
		`/c/exercises/e.md:4: harder: "nope" is not an exercise page`,
	} {
		if err == nil || !strings.Contains(err.Error(), w) {
			t.Errorf("errors lack %q:\n%v", w, err)
		}
	}
}
