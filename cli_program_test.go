package main

// Tests of `stance program` as a coach runs it: from a folder that is not
// a site, with the address of a published site, and for a whole squad.

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// exampleProfiles copies the repository's example profiles into dir.
func exampleProfiles(t *testing.T, dir string) []string {
	t.Helper()
	files, err := filepath.Glob("content/programs/*.toml")
	if err != nil || len(files) < 3 {
		t.Fatalf("example profiles: %v %v", files, err)
	}
	var out []string
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		name := filepath.Base(f)
		writeFile(t, filepath.Join(dir, name), data)
		out = append(out, name)
	}
	return out
}

func TestProgramOutsideASite(t *testing.T) {
	dir := t.TempDir() // no site.toml: the built-in library and theme
	exampleProfiles(t, dir)
	res := runBin(t, dir, time.Minute, "program", "alex-rivera.toml", "--ics", "alex.ics")
	if res.code != 0 {
		t.Fatalf("exit %d:\n%s", res.code, res.stderr)
	}
	if want := "wrote alex-rivera.html and alex.ics: Alex Rivera, 8 weeks from 4 January 2027\n"; res.stdout != want {
		t.Errorf("stdout %q, want %q", res.stdout, want)
	}
	html, _ := os.ReadFile(filepath.Join(dir, "alex-rivera.html"))
	page := string(html)
	for _, want := range []string{"<style>", "Strength program for Alex Rivera", "Kickstand deadlift", "What if…", "Warm-up, about 8 min"} {
		if !strings.Contains(page, want) {
			t.Errorf("the page lacks %q", want)
		}
	}
	// No address: a file on disk must not link to pages that are not there.
	if strings.Contains(page, `href="/`) || strings.Contains(page, "stance.invalid") {
		t.Error("the page links to a site it does not have")
	}
	cal, _ := os.ReadFile(filepath.Join(dir, "alex.ics"))
	if !strings.Contains(string(cal), "UID:alex-rivera-20270104-w1-s1@stance.invalid") {
		t.Errorf("calendar UIDs:\n%s", cal)
	}
}

func TestProgramBaseURL(t *testing.T) {
	dir := t.TempDir()
	exampleProfiles(t, dir)
	res := runBin(t, dir, time.Minute, "program", "--base-url", "https://coach.example/knees/", "jordan-lee.toml", "-o", "jordan.html", "--ics", "jordan.ics")
	if res.code != 0 {
		t.Fatalf("exit %d:\n%s", res.code, res.stderr)
	}
	html, _ := os.ReadFile(filepath.Join(dir, "jordan.html"))
	links := regexp.MustCompile(`href="([^"#]+)"`).FindAllStringSubmatch(string(html), -1)
	if len(links) < 10 {
		t.Fatalf("only %d links", len(links))
	}
	for _, l := range links {
		if !strings.HasPrefix(l[1], "https://coach.example/knees/") {
			t.Errorf("link %q is not under --base-url", l[1])
		}
	}
	cal, _ := os.ReadFile(filepath.Join(dir, "jordan.ics"))
	if !strings.Contains(string(cal), "@coach.example\r\n") || !strings.Contains(string(cal), "URL:https://coach.example/knees/programs/jordan-lee/") {
		t.Errorf("calendar does not use --base-url:\n%.600s", cal)
	}
	// Inside the repository's site, --base-url overrides site.toml's address.
	out := filepath.Join(t.TempDir(), "j.html")
	res = runBin(t, ".", time.Minute, "program", "--base-url", "https://coach.example/", "content/programs/jordan-lee.toml", "-o", out)
	if res.code != 0 {
		t.Fatalf("exit %d:\n%s", res.code, res.stderr)
	}
	site, _ := os.ReadFile(out)
	if !strings.Contains(string(site), `href="https://coach.example/exercises/`) || strings.Contains(string(site), "example.org") {
		t.Error("inside a site, --base-url does not replace site.toml's base_url")
	}
}

func TestProgramSquad(t *testing.T) {
	dir := t.TempDir()
	names := exampleProfiles(t, dir)
	res := runBin(t, dir, time.Minute, append([]string{"program", "-o", "squad"}, names...)...)
	if res.code != 0 {
		t.Fatalf("exit %d:\n%s", res.code, res.stderr)
	}
	for _, slug := range []string{"alex-rivera", "jordan-lee", "sam-okafor"} {
		for _, ext := range []string{".html", ".ics"} {
			if _, err := os.Stat(filepath.Join(dir, "squad", slug+ext)); err != nil {
				t.Errorf("squad/%s%s: %v", slug, ext, err)
			}
		}
	}
	if n := strings.Count(res.stdout, "wrote "); n != 3 {
		t.Errorf("%d lines of output, want 3:\n%s", n, res.stdout)
	}

	// Two broken profiles and a good one: both errors, nothing written.
	writeFile(t, filepath.Join(dir, "bad1.toml"), []byte("athlete = \"A\"\nstart = 2027-01-04\nweeks = 99\nexperience = \"new\"\ncadence = 160\n"))
	writeFile(t, filepath.Join(dir, "bad2.toml"), []byte("athlete = \"B\"\nstart = 2027-01-04\nweeks = 8\nexperience = \"pro\"\ncadence = 160\n"))
	res = runBin(t, dir, time.Minute, "program", "-o", "broken", "alex-rivera.toml", "bad1.toml", "bad2.toml")
	if res.code != 1 {
		t.Fatalf("exit %d, want 1", res.code)
	}
	for _, want := range []string{"stance: 2 problems:", "bad1.toml:3: weeks: must be between 4 and 52, got 99", `bad2.toml:4: experience: must be one of "new", "some", "experienced", got "pro"`} {
		if !strings.Contains(res.stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, res.stderr)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "broken")); !os.IsNotExist(err) {
		t.Error("a failed squad run wrote files")
	}

	// Two profiles with one slug would overwrite each other.
	data, _ := os.ReadFile(filepath.Join(dir, "alex-rivera.toml"))
	writeFile(t, filepath.Join(dir, "twin.toml"), data)
	res = runBin(t, dir, time.Minute, "program", "-o", "twins", "alex-rivera.toml", "twin.toml")
	if res.code != 1 || !strings.Contains(res.stderr, `twin.toml: slug: "alex-rivera" is also the slug of alex-rivera.toml`) {
		t.Errorf("duplicate slugs: exit %d\n%s", res.code, res.stderr)
	}
}
