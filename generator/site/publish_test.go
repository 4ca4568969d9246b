package site

import (
	"maps"
	"strings"
	"testing"
)

const redirectsHeader = "# Written by Stance: the aliases of the pages ([publish] redirects in site.toml).\n" +
	"# Netlify applies the forced 301! (the HTML alias page exists too);\n" +
	"# Cloudflare Pages skips it and applies the plain 301.\n"

// withFiles returns basicSite with files added or replaced.
func withFiles(files map[string]string) map[string]string {
	out := maps.Clone(basicSite)
	maps.Copy(out, files)
	return out
}

// movedSite has aliases on two pages, written in every form front matter
// allows: without a trailing slash, deep, with a non-ASCII letter, as an
// old .html file, and listed out of order.
var movedSite = withFiles(map[string]string{
	"content/safety.md": page(`title = "Safety"
aliases = ["/pain", "/old/Sécurité-page/", "/safety.html"]`, "Stop on sharp pain.\n"),
	"content/hips/valgus.md": page(`title = "Valgus"
aliases = ["/old/valgus/", "/a/b/c/"]`, "Knees in.\n"),
})

func TestRedirectsFile(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		opts  Options
		rules []string // "from to", each written as a forced and a plain 301
	}{
		{"under the base path", basicSite, Options{}, []string{
			"/knees/old/valgus/ /knees/hips/valgus/",
			"/knees/valgus.html /knees/hips/valgus/",
		}},
		{"at the root, sorted and escaped", movedSite, Options{BaseURL: "https://example.org/"}, []string{
			"/a/b/c/ /hips/valgus/",
			"/old/S%C3%A9curit%C3%A9-page/ /safety/",
			"/old/valgus/ /hips/valgus/",
			"/pain/ /safety/",
			"/safety.html /safety/",
		}},
		{"no aliases", withFiles(map[string]string{"content/hips/valgus.md": page(`title = "Valgus"`, "Knees in.\n")}), Options{}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := build(t, newSite(t, tt.files), tt.opts)
			want := redirectsHeader
			for _, r := range tt.rules {
				want += r + " 301!\n" + r + " 301\n"
			}
			if got := out["_redirects"]; got != want {
				t.Errorf("_redirects:\n%s\nwant:\n%s", got, want)
			}
		})
	}
}

func TestHeadersFile(t *testing.T) {
	tests := []struct {
		name string
		opts Options
		base string
	}{
		{"under the base path", Options{}, "/knees/"},
		{"at the root", Options{BaseURL: "https://example.org/"}, "/"},
		{"escaped base path", Options{BaseURL: "https://example.org/my knees/"}, "/my%20knees/"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := build(t, newSite(t, basicSite), tt.opts)
			want := "# Written by Stance ([publish] headers in site.toml).\n" +
				tt.base + "programs/:slug/program.ics\n  Content-Type: text/calendar; charset=utf-8\n" +
				tt.base + "theme/*\n  Cache-Control: public, max-age=3600\n"
			if got := out["_headers"]; got != want {
				t.Errorf("_headers:\n%s\nwant:\n%s", got, want)
			}
		})
	}
}

func TestPublishSwitchedOff(t *testing.T) {
	tests := []struct {
		name               string
		publish            string
		redirects, headers bool
	}{
		{"both on by default", "", true, true},
		{"redirects off", "[publish]\nredirects = false\n", false, true},
		{"headers off", "[publish]\nheaders = false\n", true, false},
		{"both off", "[publish]\nredirects = false\nheaders = false\n", false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := build(t, newSite(t, withFiles(map[string]string{"site.toml": siteTOML + tt.publish})), Options{})
			if _, ok := out["_redirects"]; ok != tt.redirects {
				t.Errorf("_redirects written: %v, want %v", ok, tt.redirects)
			}
			if _, ok := out["_headers"]; ok != tt.headers {
				t.Errorf("_headers written: %v, want %v", ok, tt.headers)
			}
			// The HTML alias page works on every host and is always written.
			if alias := out["old/valgus/index.html"]; !strings.Contains(alias, `url=/knees/hips/valgus/"`) {
				t.Errorf("alias page missing or wrong:\n%s", alias)
			}
		})
	}
}

// TestPublishOwnFile: a site that ships its own _redirects or _headers in
// static/ gets an error that names the file and the switch, not a bare
// "file exists" from the output folder; with the switch off its file is
// published as it is.
func TestPublishOwnFile(t *testing.T) {
	for _, name := range []string{"_redirects", "_headers"} {
		key := strings.TrimPrefix(name, "_")
		t.Run(name, func(t *testing.T) {
			own := "/mine/ /yours/ 302\n"
			fs := newSite(t, withFiles(map[string]string{"static/" + name: own}))
			_, err := Build(fs, Options{Source: "/site"})
			want := "/site/static/" + name + ": the build writes " + name + " itself ([publish] " + key + " in site.toml); set " + key + " = false"
			if err == nil || !strings.Contains(err.Error(), want) {
				t.Fatalf("error %v, want it to contain %q", err, want)
			}
			if strings.Contains(err.Error(), "file exists") {
				t.Errorf("error also reports the clash itself:\n%v", err)
			}

			off := siteTOML + "[publish]\n" + key + " = false\n"
			out := build(t, newSite(t, withFiles(map[string]string{"static/" + name: own, "site.toml": off})), Options{})
			if out[name] != own {
				t.Errorf("%s = %q, want the site's own file", name, out[name])
			}
		})
	}
}
