package content

import (
	"errors"
	"path"
	"strings"
	"testing"
	"time"

	"github.com/spf13/afero"
)

func TestSplitFrontMatter(t *testing.T) {
	tests := []struct {
		name, src       string
		front, body     string
		bodyLine        int
		wantErrContains string
	}{
		{"simple", "+++\ntitle = \"A\"\n+++\nBody\n", "title = \"A\"\n", "Body\n", 3, ""},
		{"crlf and bom", "\xef\xbb\xbf+++\r\ntitle = \"A\"\r\n+++\r\nBody", "title = \"A\"\r\n", "Body", 3, ""},
		{"empty body", "+++\ntitle = \"A\"\n+++", "title = \"A\"\n", "", 3, ""},
		{"no front matter", "# Title\n", "", "", 0, "missing front matter"},
		{"unclosed", "+++\ntitle = \"A\"\n", "", "", 0, "not closed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			front, body, line, _, err := splitFrontMatter([]byte(tt.src))
			if tt.wantErrContains != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErrContains) {
					t.Fatalf("got %v, want error with %q", err, tt.wantErrContains)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if string(front) != tt.front || string(body) != tt.body || line != tt.bodyLine {
				t.Errorf("got front %q body %q line %d", front, body, line)
			}
		})
	}
}

func TestParsePageErrors(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"invalid utf-8", "+++\ntitle = \"A\"\n+++\nok\nbad \xff\n", "5: invalid UTF-8"},
		{"bad date", "+++\ntitle = \"A\"\ndate = 2026-02-30\n+++\n", "3:"},
		{"unknown phase", "+++\ntitle = \"A\"\nphase = [\"power\"]\n+++\n", `3: phase: unknown phase "power"`},
		{"reps without phase", "+++\ntitle = \"A\"\n[reps.stability]\nsets = 2\nmin = 12\nmax = 15\n+++\n", "reps.stability: reps given for phase"},
		{"sets out of range", "+++\ntitle = \"A\"\nphase = [\"stability\"]\n[reps.stability]\nsets = 9\nmin = 12\nmax = 15\n+++\n", "5: reps.stability.sets: must be between 1 and 6"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := parsePage([]byte(tt.src)).err
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("got %v, want %q", err, tt.want)
			}
		})
	}
}

func loadFiles(t testing.TB, files map[string]string) (*Site, error) {
	t.Helper()
	fs := afero.NewMemMapFs()
	for name, body := range files {
		afero.WriteFile(fs, path.Join("/c", name), []byte(body), 0o644)
	}
	return Load(fs, Options{Dir: "/c", BaseURL: "https://e.org/k/", BasePath: "/k/", HomeTitle: "Home"})
}

func md(front string) string { return "+++\n" + front + "\n+++\nText\n" }

func TestURLsAndSections(t *testing.T) {
	s, err := loadFiles(t, map[string]string{
		"a/_index.md":         md(`title = "Section A"`),
		"a/two.md":            md("title = \"Two\"\nweight = 2"),
		"a/one.md":            md("title = \"One\"\nweight = 1"),
		"a/last.md":           md(`title = "Unweighted"`),
		"a/renamed.md":        md("title = \"Renamed\"\nweight = 3\nslug = \"new-name\""),
		"a/bundle/index.md":   md("title = \"Bundle\"\nweight = 4"),
		"a/bundle/pic.png":    "png",
		"b/deep/page.md":      md(`title = "Deep"`),
		"programs/alex.toml":  "athlete = \"Alex\"",
		".DS_Store":           "junk",
		"a/notes.md~":         "backup",
		"exercises/clam.md":   md(`title = "Clam"`),
		"exercises/_index.md": md(`title = "Exercises"`),
	})
	if err != nil {
		t.Fatal(err)
	}
	urls := map[string]string{}
	for _, p := range s.Pages {
		urls[p.Front.Title] = p.URL
	}
	want := map[string]string{
		"Home": "/k/", "Section A": "/k/a/", "One": "/k/a/one/", "Renamed": "/k/a/new-name/",
		"Bundle": "/k/a/bundle/", "Deep": "/k/b/deep/page/", "B": "/k/b/", "Clam": "/k/exercises/clam/",
	}
	for title, u := range want {
		if urls[title] != u {
			t.Errorf("%s: URL %q, want %q", title, urls[title], u)
		}
	}
	var order []string
	a := s.Section("a")
	for _, p := range a.Pages {
		order = append(order, p.Front.Title)
	}
	if got := strings.Join(order, ","); got != "One,Two,Renamed,Bundle,Unweighted" {
		t.Errorf("section order %s", got)
	}
	title := func(p *Page) string {
		if p == nil {
			return "-"
		}
		return p.Title
	}
	var pager []string
	for _, p := range a.Pages {
		prev, next := p.Neighbours()
		pager = append(pager, title(prev)+"<"+p.Title+">"+title(next))
	}
	if got := strings.Join(pager, " "); got != "-<One>Two One<Two>Renamed Two<Renamed>Bundle Renamed<Bundle>Unweighted Bundle<Unweighted>-" {
		t.Errorf("neighbours: %s", got)
	}
	if prev, next := a.Index.Neighbours(); prev != nil || next != nil {
		t.Errorf("a list page has neighbours %v, %v", prev, next)
	}
	if a.Title != "Section A" || a.URL != "/k/a/" || s.Section("b").Title != "B" {
		t.Errorf("section fields: %q %q, made-up %q", a.Title, a.URL, s.Section("b").Title)
	}
	if len(s.Profiles) != 1 || s.Profiles[0] != "programs/alex.toml" {
		t.Errorf("profiles %v", s.Profiles)
	}
	if len(s.Resources) != 1 || s.Resources[0].URL != "/k/a/bundle/pic.png" {
		t.Errorf("resources %+v", s.Resources)
	}
	if ex := s.Exercises(); len(ex) != 1 || ex[0].Front.Title != "Clam" {
		t.Errorf("exercises %v", ex)
	}
}

func TestResolve(t *testing.T) {
	s, err := loadFiles(t, map[string]string{
		"guides/hips.md":          md(`title = "Hips"`),
		"exercises/clam/index.md": md(`title = "Clam"`),
		"exercises/clam/d.svg":    "<svg/>",
		"exercises/_index.md":     md(`title = "Exercises"`),
	})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ from, dest, want, err string }{
		{"guides/hips.md", "../exercises/clam/index.md", "/k/exercises/clam/", ""},
		{"guides/hips.md", "../exercises/clam/index.md#setup", "/k/exercises/clam/#setup", ""},
		{"guides/hips.md", "../exercises/", "/k/exercises/", ""},
		{"guides/hips.md", "../exercises/_index.md", "/k/exercises/", ""},
		{"guides/hips.md", "../exercises/clam/", "/k/exercises/clam/", ""},
		{"exercises/clam/index.md", "d.svg", "/k/exercises/clam/d.svg", ""},
		{"exercises/clam/index.md", "../../guides/hips.md", "/k/guides/hips/", ""},
		{"guides/hips.md", "knee.md", "", "no such page"},
		{"guides/hips.md", "../../../etc/passwd", "", "outside content/"},
	}
	for _, tt := range tests {
		got, err := s.Resolve(tt.from, tt.dest)
		if tt.err != "" {
			if !errors.Is(err, ErrBrokenLink) || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("Resolve(%s, %s) error %v, want %q", tt.from, tt.dest, err, tt.err)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("Resolve(%s, %s) = %q, %v; want %q", tt.from, tt.dest, got, err, tt.want)
		}
	}
}

func TestTaxonomies(t *testing.T) {
	s, err := loadFiles(t, map[string]string{
		"a.md": md("title = \"A\"\ntags = [\"Knee pain\", \"glutes\"]\nmuscles = [\"gluteus medius\"]"),
		"b.md": md("title = \"B\"\ntags = [\"knee-pain\"]\nequipment = [\"band\"]"),
	})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, tax := range s.Taxonomies {
		for _, term := range tax.Terms {
			var titles []string
			for _, p := range term.Pages {
				titles = append(titles, p.Front.Title)
			}
			got[tax.Name+"/"+term.Slug] = strings.Join(titles, ",")
		}
	}
	want := map[string]string{"tags/knee-pain": "A,B", "tags/glutes": "A", "muscles/gluteus-medius": "A", "equipment/band": "B"}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s = %q, want %q", k, got[k], v)
		}
	}
}

func TestLoadErrors(t *testing.T) {
	_, err := loadFiles(t, map[string]string{
		"index.md":  md(`title = "Wrong home"`),
		"a.md":      md(`title = "A"`),
		"b.md":      md("title = \"B\"\nslug = \"a\""),
		"tags/x.md": md(`title = "Clash"`),
		"c.md":      md("title = \"C\"\naliases = [\"relative/\"]"),
	})
	if err == nil {
		t.Fatal("want errors")
	}
	for _, w := range []string{"/c/index.md: content/index.md would replace the home page", "/a/ is also produced by", "reserved for the tags taxonomy", `must be a path from the site root`} {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("errors lack %q:\n%v", w, err)
		}
	}
}

func TestFrontMatterValues(t *testing.T) {
	long := strings.Repeat("a", 300)
	tests := []struct{ name, front, want string }{
		{"emoji tag", `tags = ["💪"]`, `3: tags: "💪" has no letter or digit`},
		{"zero-width space tag", `tags = ["ok", "\u200b"]`, `3: tags: "\u200b" has no letter or digit`},
		{"right-to-left override tag", `tags = ["\u202e"]`, `3: tags: "\u202e" has no letter or digit`},
		{"empty tag", `tags = [""]`, `3: tags: "" has no letter or digit`},
		{"blank tag", `tags = [" "]`, `3: tags: " " has no letter or digit`},
		{"empty muscle", `muscles = ["--"]`, `3: muscles: "--" has no letter or digit`},
		{"too many tags", "tags = [" + strings.Repeat(`"t", `, MaxTermsPerPage+1) + "]", "3: tags: 101 values, over the limit of 100"},
		{"tag too long for a folder name", `tags = ["` + long + `"]`, "3: tags: " + `"aaaaaaaaaaaaaaaaaaaa"... makes a URL segment of 300 bytes`},
		{"slug too long for a folder name", `slug = "` + long + `"`, "3: slug: " + `"aaaaaaaaaaaaaaaaaaaa"... is 300 bytes long, over the limit of 200`},
		{"time without a date", "date = 07:00:00", "3:8: date: 07:00:00 is a time without a date"},
		{"year zero", "date = 0000-01-01", "3:8: date: 0000-01-01 is before the year 1"},
		{"quoted date", `date = "2026-11-02"`, `date: "2026-11-02" is not a date`},
		{"alias to another host", `aliases = ["//evil.example/"]`, `3: aliases: "//evil.example/" must be a path from the site root`},
		{"percent-encoded dots", `aliases = ["/%2e%2e/x/"]`, `3: aliases: "/%2e%2e/x/": '%' is not allowed in an alias`},
		{"markup in an alias", `aliases = ["/\"><script>/"]`, `3: aliases: "/\"><script>/": '"' is not allowed in an alias`},
		{"hidden alias", `aliases = ["/.git/"]`, `starts with '.'`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := parsePage([]byte("+++\ntitle = \"A\"\n" + tt.front + "\n+++\nBody\n")).err
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("got %v, want %q", err, tt.want)
			}
		})
	}
}

func TestFrontMatterSizeLimit(t *testing.T) {
	front := "title = \"A\"\n" + strings.Repeat("# a comment line\n", MaxFrontMatter/17+1)
	err := parsePage([]byte("+++\n" + front + "+++\nBody\n")).err
	if err == nil || !strings.Contains(err.Error(), "1: front matter is") {
		t.Fatalf("got %v", err)
	}
}

// dateCases are dates as written in front matter, TOML or YAML, and the
// time each must read as.
var dateCases = []struct{ date, want string }{
	{"2026-03-01", "2026-03-01T00:00:00Z"},
	{"2026-03-01T23:30:00", "2026-03-01T23:30:00Z"},
	{"2026-03-01T23:30:00-08:00", "2026-03-01T23:30:00-08:00"},
	{"2026-03-01T23:30:00Z", "2026-03-01T23:30:00Z"},
	{"2026-03-01 23:30:00+05:30", "2026-03-01T23:30:00+05:30"},
}

// checkDates parses the page src makes of each date on a build machine
// seven hours behind UTC: a date without an offset must mean the same
// day wherever it is built.
func checkDates(t *testing.T, cases []struct{ date, want string }, src func(date string) string) {
	t.Helper()
	defer func(l *time.Location) { time.Local = l }(time.Local)
	time.Local = time.FixedZone("build machine", -7*3600)
	for _, tt := range cases {
		pp := parsePage([]byte(src(tt.date)))
		if pp.err != nil {
			t.Fatalf("%s: %v", tt.date, pp.err)
		}
		if got := pp.front.Date.Format(time.RFC3339); got != tt.want {
			t.Errorf("date %s reads as %s, want %s", tt.date, got, tt.want)
		}
	}
}

func TestDatesKeepTheirKind(t *testing.T) {
	checkDates(t, dateCases, func(date string) string { return "+++\ntitle = \"A\"\ndate = " + date + "\n+++\n" })
}

func TestAliasFiles(t *testing.T) {
	for alias, want := range map[string]string{
		"/old/clamshell/": "old/clamshell/index.html",
		"/old/clamshell":  "old/clamshell/index.html",
		"/clam.html":      "clam.html",
		"/Old/Clam.HTM":   "Old/Clam.HTM",
		"/v1.2/":          "v1.2/index.html",
		"/clam.html/":     "clam.html/index.html",
		"/ölçü/":          "ölçü/index.html",
	} {
		got, err := aliasFile(alias)
		if err != nil || got != want {
			t.Errorf("aliasFile(%q) = %q, %v; want %q", alias, got, err, want)
		}
	}
}

func TestOutputCollisions(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		want  []string
	}{
		{"alias onto the home page", map[string]string{
			"_index.md": md(`title = "Home"`),
			"a.md":      md("title = \"A\"\naliases = [\"/index.html\"]"),
		}, []string{"/c/a.md:3: aliases: URL /index.html is also produced by content/_index.md"}},
		{"alias onto a made-up home page", map[string]string{
			"a.md": md("title = \"A\"\naliases = [\"/index.html\"]"),
		}, []string{"/c/a.md:3: aliases: URL /index.html is also produced by the list page of the folder content/"}},
		{"pages that differ only in case", map[string]string{
			"Foo.md": md(`title = "Upper"`),
			"foo.md": md(`title = "Lower"`),
		}, []string{"/c/foo.md: URL /foo/ and URL /Foo/ of content/Foo.md differ only in case"}},
		{"slug that differs only in case", map[string]string{
			"a.md":      md("title = \"A\"\nslug = \"Safety\""),
			"safety.md": md(`title = "Safety"`),
		}, []string{"/c/safety.md: URL /safety/ and URL /Safety/ of content/a.md differ only in case"}},
		{"alias where a page writes a file", map[string]string{
			"a.md": md("title = \"A\"\naliases = [\"/b/index.html/\"]"),
			"b.md": md(`title = "B"`),
		}, []string{"/c/a.md:3: aliases: URL /b/index.html/ needs a folder b/index.html/ where content/b.md writes the file b/index.html"}},
		{"page where the build writes its feed", map[string]string{
			"feed.xml.md": md(`title = "Feed"`),
		}, []string{"/c/feed.xml.md: URL /feed.xml/ needs a folder feed.xml/ where the build itself (feed.xml) writes the file feed.xml"}},
		{"page in the theme's folder", map[string]string{
			"theme/x.md": md(`title = "X"`),
		}, []string{"/c/theme/x.md: /theme/x/ is inside /theme/, which is reserved for the theme's files"}},
		{"page in a taxonomy's folder, by case", map[string]string{
			"Tags/x.md": md(`title = "X"`),
		}, []string{"/c/Tags/x.md: /Tags/x/ is inside /tags/"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := loadFiles(t, tt.files)
			if err == nil {
				t.Fatal("loaded without an error")
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("errors lack %q:\n%v", w, err)
				}
			}
		})
	}
}

func TestBundleResourcesFollowTheSlug(t *testing.T) {
	s, err := loadFiles(t, map[string]string{
		"a/old/index.md":    md("title = \"Renamed bundle\"\nslug = \"new\""),
		"a/old/img/pic.png": "png",
		"a/old/notes.pdf":   "pdf",
		"a/plain.md":        md(`title = "Plain"`),
		"a/loose.png":       "png",
	})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, r := range s.Resources {
		got[r.File] = r.URL
	}
	want := map[string]string{
		"a/old/img/pic.png": "/k/a/new/img/pic.png",
		"a/old/notes.pdf":   "/k/a/new/notes.pdf",
		"a/loose.png":       "/k/a/loose.png",
	}
	for file, u := range want {
		if got[file] != u {
			t.Errorf("%s: URL %q, want %q", file, got[file], u)
		}
	}
}
