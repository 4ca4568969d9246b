package site

import (
	"os"
	"regexp"
	"strings"
	"testing"
)

// shownFile is a file docs/publish.md shows whole: a marker comment naming
// it, then a fenced block with its text.
var shownFile = regexp.MustCompile("(?s)<!-- file: (\\S+) -->\n```[a-z]*\n(.*?)```\n")

// TestPublishDocsShowTheFiles checks that the files docs/publish.md shows
// are the committed files, byte for byte, so the nginx server block a
// reader copies is the one TestNginx serves the site with; and that the Go
// version the Netlify and Cloudflare recipes set is go.mod's.
func TestPublishDocsShowTheFiles(t *testing.T) {
	doc := readRepoFile(t, "docs/publish.md")
	shown := map[string]bool{}
	for _, m := range shownFile.FindAllStringSubmatch(doc, -1) {
		name, text := m[1], m[2]
		shown[name] = true
		if file := readRepoFile(t, name); file != text {
			t.Errorf("docs/publish.md shows %s differently from the file; copy the file into the page", name)
		}
	}
	for _, name := range []string{"docs/nginx/stance.conf", ".github/workflows/pages.yml", "netlify.toml"} {
		if !shown[name] {
			t.Errorf("docs/publish.md does not show %s (marked <!-- file: %s -->)", name, name)
		}
	}

	goVersion := regexp.MustCompile(`(?m)^go (\S+)$`).FindStringSubmatch(readRepoFile(t, "go.mod"))
	if goVersion == nil {
		t.Fatal("go.mod has no go line")
	}
	setting := regexp.MustCompile("GO_VERSION`? *=? *[`\"]?([0-9][0-9.]*)")
	for name, text := range map[string]string{"docs/publish.md": doc, "netlify.toml": readRepoFile(t, "netlify.toml")} {
		found := setting.FindAllStringSubmatch(text, -1)
		if len(found) == 0 {
			t.Errorf("%s sets no GO_VERSION", name)
		}
		for _, m := range found {
			if m[1] != goVersion[1] {
				t.Errorf("%s sets GO_VERSION %s; go.mod says go %s", name, m[1], goVersion[1])
			}
		}
	}

	readme := readRepoFile(t, "README.md")
	if !strings.Contains(readme, "(docs/publish.md)") {
		t.Error("README.md does not link docs/publish.md")
	}
}

func readRepoFile(t *testing.T, name string) string {
	t.Helper()
	data, err := os.ReadFile("../../" + name)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}
