package main

import (
	"encoding/json"
	"encoding/xml"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
)

// evil is hostile text for every field a coach or author controls: markup,
// both quote characters, a script URL, iCalendar separators and a
// backslash. evilLine adds a line break inside the value.
const (
	evil     = `Evil <script>alert(1)</script> "dq" 'sq' & javascript:alert(1), semi; back\slash`
	evilTOML = `Evil <script>alert(1)</script> \"dq\" 'sq' & javascript:alert(1), semi; back\\slash`
	evilLine = evilTOML + `\nsecond line`
)

// hostileSite copies the repository's site (so programs can be planned)
// and adds hostile text to site.toml, front matter, Markdown and a profile.
func hostileSite(t *testing.T, dir string, unsafeHTML bool) {
	t.Helper()
	copyDir(t, "content", filepath.Join(dir, "content"))
	siteTOML := "title = \"" + evilTOML + "\"\ndescription = \"" + evilLine + "\"\nauthor = \"" + evilLine + "\"\nbase_url = \"https://example.org/\"\n"
	if unsafeHTML {
		siteTOML += "[markdown]\nunsafe = true\n"
	}
	writeFile(t, filepath.Join(dir, "site.toml"), []byte(siteTOML))
	writeFile(t, filepath.Join(dir, "content", "hostile.md"), []byte(`+++
title = "`+evilLine+`"
description = "javascript:alert(1) `+evilLine+`"
date = 2026-11-01
tags = ["`+evilTOML+`", "javascript:alert(1)"]
aliases = ["/old/hostile/"]
+++
A [script link](javascript:alert(1)), a [shouting one](JAVASCRIPT:alert(1)),
a [data one](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==),
an image ![x](javascript:alert(1)) and a [title](https://example.org/ "a \"quoted\" <title>").

<script>alert(1)</script>

<div class="raw-html">raw</div>

Text with "dq" and 'sq' and <b onmouseover="alert(1)">bold</b>.
`))
	writeFile(t, filepath.Join(dir, "content", "exercises", "hostile-exercise.md"), []byte(`+++
title = "`+evilLine+`"
description = "`+evilLine+`"
muscles = ["`+evilTOML+`"]
equipment = ["band"]
phase = ["stability"]
focus = ["glute-med"]
cues = ["`+evilLine+`"]
[reps.stability]
sets = 2
min = 12
max = 15
+++
Hostile exercise.
`))
	writeFile(t, filepath.Join(dir, "content", "programs", "hostile.toml"), []byte(`athlete = "`+evilLine+`"
slug = "hostile"
start = 2027-01-04
weeks = 6
experience = "some"
cadence = 160
equipment = ["band", "dumbbells", "bench", "step"]

[runs]
monday = "rest"
tuesday = "easy"
wednesday = "tempo"
thursday = "rest"
friday = "easy"
saturday = "rest"
sunday = "long"
`))
}

var (
	scriptURLAttr = regexp.MustCompile(`(?i)(href|src|action|formaction|url)\s*=\s*["']?\s*(javascript|data|vbscript):`)
	eventAttr     = regexp.MustCompile(`(?i)<[^>]*\son[a-z]+\s*=`)
)

// themeScripts are the only scripts the default theme writes: one module
// on the search page and one on the exercise library (issue #17), and on
// the program builder's page the Go toolchain's loader and the page's
// glue (issue #18).
var themeScripts = map[string]*regexp.Regexp{
	"search/index.html":         regexp.MustCompile(`<script type="module" src="/[^"<>]*theme/search\.js"></script>`),
	"exercises/index.html":      regexp.MustCompile(`<script type="module" src="/[^"<>]*theme/filter\.js"></script>`),
	"programs/build/index.html": regexp.MustCompile(`<script src="/[^"<>]*programs/build/wasm_exec\.js" defer></script>\n<script src="/[^"<>]*theme/builder\.js" defer></script>`),
}

// checkHTML fails on markup or script that hostile text could have added.
func checkHTML(t *testing.T, name, page string) {
	t.Helper()
	if re := themeScripts[filepath.ToSlash(name)]; re != nil {
		if own := re.FindString(page); own != "" {
			page = strings.Replace(page, own, "", 1)
		}
	}
	if strings.Contains(strings.ToLower(page), "<script") {
		t.Errorf("%s: contains <script (the theme has none but its own, so it came from content)", name)
	}
	if m := scriptURLAttr.FindString(page); m != "" {
		t.Errorf("%s: script URL in an attribute: %q", name, m)
	}
	if m := eventAttr.FindString(page); m != "" {
		t.Errorf("%s: event handler attribute: %q", name, m)
	}
	for _, raw := range []string{`"dq"`, `'sq'`, `<title>"`, "<div class=\"raw-html\">"} {
		if strings.Contains(page, raw) {
			t.Errorf("%s: %s appears unescaped", name, raw)
		}
	}
}

// checkJSON checks the one JSON file of a build, the program builder's
// data: it must be well-formed, and hostile text must come back from it
// unchanged, as the builder's module reads it.
func checkJSON(t *testing.T, name string, data []byte) {
	t.Helper()
	if filepath.ToSlash(name) != "programs/build/builder.json" {
		t.Errorf("%s: the site now emits another JSON file; add a check for escaping in it here", name)
		return
	}
	var d struct {
		Site      struct{ Title string }
		Exercises []struct{ Title string }
	}
	if err := json.Unmarshal(data, &d); err != nil {
		t.Errorf("%s is not JSON: %v", name, err)
		return
	}
	if d.Site.Title != evil {
		t.Errorf("%s: site title %q, want the hostile title back unchanged", name, d.Site.Title)
	}
	if !slices.ContainsFunc(d.Exercises, func(e struct{ Title string }) bool { return e.Title == evil+"\nsecond line" }) {
		t.Errorf("%s: the hostile exercise's title does not come back unchanged", name)
	}
	if strings.Contains(string(data), "<script") {
		t.Errorf("%s holds a raw <script (JSON escapes < as \\u003c)", name)
	}
}

// checkXML proves a document is well-formed by reading every token.
func checkXML(t *testing.T, name string, data []byte) {
	t.Helper()
	dec := xml.NewDecoder(strings.NewReader(string(data)))
	dec.Strict = true
	for {
		_, err := dec.Token()
		if errors.Is(err, io.EOF) {
			return
		}
		if err != nil {
			t.Errorf("%s is not well-formed XML: %v", name, err)
			return
		}
	}
}

// checkICS checks RFC 5545 framing: CRLF line ends, no bare CR or LF inside
// a line (that is, inside a property value), lines of at most 75 octets;
// and, for the hostile athlete's calendar, that the name is escaped.
func checkICS(t *testing.T, name string, data []byte, hostile bool) {
	t.Helper()
	text := string(data)
	if !strings.HasSuffix(text, "\r\n") {
		t.Errorf("%s does not end in CRLF", name)
	}
	var unfolded []string
	for i, line := range strings.Split(strings.TrimSuffix(text, "\r\n"), "\r\n") {
		if strings.ContainsAny(line, "\r\n") {
			t.Errorf("%s line %d holds a raw line break: %q", name, i+1, line)
		}
		if len(line) > 75 {
			t.Errorf("%s line %d is %d octets, over 75", name, i+1, len(line))
		}
		if strings.HasPrefix(line, " ") && len(unfolded) > 0 {
			unfolded[len(unfolded)-1] += line[1:]
		} else {
			unfolded = append(unfolded, line)
		}
	}
	want := `X-WR-CALNAME:Strength program: Evil <script>alert(1)</script> "dq" 'sq' & javascript:alert(1)\, semi\; back\\slash\nsecond line`
	found := false
	for _, l := range unfolded {
		if l == want {
			found = true
		}
	}
	if hostile && !found {
		t.Errorf("%s: calendar name not escaped as %q", name, want)
	}
}

// TestHostileTextIsEscaped builds a site full of hostile text with the
// real binary and checks every output format. The one JSON file is the
// program builder's data; the test fails if another appears, so that
// whoever adds one also adds its check here.
func TestHostileTextIsEscaped(t *testing.T) {
	root := t.TempDir()
	hostileSite(t, root, false)
	res := runBin(t, root, time.Minute, "build", "--source", ".")
	if res.code != 0 {
		t.Fatalf("build failed:\n%s", res.stderr)
	}
	out := filepath.Join(root, "public")
	counts := map[string]int{}
	err := filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(out, p)
		ext := filepath.Ext(p)
		counts[ext]++
		switch ext {
		case ".html":
			checkHTML(t, rel, string(data))
		case ".xml", ".svg":
			checkXML(t, rel, data)
		case ".ics":
			checkICS(t, rel, data, strings.Contains(rel, "hostile"))
		case ".json":
			checkJSON(t, rel, data)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if counts[".html"] < 20 || counts[".xml"] < 2 || counts[".ics"] < 1 || counts[".json"] != 1 {
		t.Fatalf("too few outputs checked: %v", counts)
	}
	// The text must be there, escaped, or the checks above prove nothing.
	page, _ := os.ReadFile(filepath.Join(out, "hostile", "index.html"))
	for _, want := range []string{"Evil &lt;script&gt;alert(1)&lt;/script&gt;", "raw HTML omitted"} {
		if !strings.Contains(string(page), want) {
			t.Errorf("hostile/index.html lacks %q", want)
		}
	}
	var feed struct {
		Title   string `xml:"title"`
		Entries []struct {
			Title   string `xml:"title"`
			Summary string `xml:"summary"`
		} `xml:"entry"`
	}
	data, _ := os.ReadFile(filepath.Join(out, "feed.xml"))
	if err := xml.Unmarshal(data, &feed); err != nil {
		t.Fatal(err)
	}
	if feed.Title != evil {
		t.Errorf("feed title %q, want the site title back unchanged", feed.Title)
	}
	found := false
	for _, e := range feed.Entries {
		found = found || e.Title == evil+"\nsecond line"
	}
	if !found {
		t.Error("the hostile page's title does not come back unchanged from the feed")
	}

	// The one-off program command escapes the same way.
	res = runBin(t, root, time.Minute, "program", "--source", ".", "-o", "p.html", "--ics", "p.ics", "content/programs/hostile.toml")
	if res.code != 0 {
		t.Fatalf("program failed:\n%s", res.stderr)
	}
	html, _ := os.ReadFile(filepath.Join(root, "p.html"))
	checkHTML(t, "p.html", string(html))
	cal, _ := os.ReadFile(filepath.Join(root, "p.ics"))
	checkICS(t, "p.ics", cal, true)
}

// TestRawHTMLNeedsOptIn checks that raw HTML in Markdown is dropped unless
// site.toml sets markdown.unsafe = true, and passed through when it does.
func TestRawHTMLNeedsOptIn(t *testing.T) {
	for _, unsafe := range []bool{false, true} {
		root := t.TempDir()
		hostileSite(t, root, unsafe)
		res := runBin(t, root, time.Minute, "build", "--source", ".")
		if res.code != 0 {
			t.Fatalf("build failed:\n%s", res.stderr)
		}
		page, _ := os.ReadFile(filepath.Join(root, "public", "hostile", "index.html"))
		raw := strings.Contains(string(page), `<div class="raw-html">raw</div>`)
		if raw != unsafe {
			t.Errorf("markdown.unsafe = %t: raw HTML passed through = %t", unsafe, raw)
		}
		// With raw HTML off, goldmark also drops script URLs from
		// Markdown links. With it on the author is trusted with script
		// anyway, and goldmark keeps them as written.
		if !unsafe && strings.Contains(string(page), `href="javascript:`) {
			t.Error("a javascript: link was kept with raw HTML off")
		}
	}
}
