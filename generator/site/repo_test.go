package site

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/spf13/afero"
	"github.com/stance-ssg/stance/generator/internal/output/outputtest"
)

// TestRepositorySiteBuilds builds the repository's own content/ the way a
// user does, and fails on any error, broken link or missing page.
func TestRepositorySiteBuilds(t *testing.T) {
	fs := afero.NewOsFs()
	dest := filepath.Join(t.TempDir(), "public")
	res, err := Build(fs, Options{Source: "../..", Destination: dest})
	if err != nil {
		t.Fatalf("the repository's site does not build:\n%v", err)
	}
	if res.Pages < 20 {
		t.Errorf("only %d pages built; the guide set should be complete", res.Pages)
	}
	tree, err := outputtest.ReadTree(fs, dest)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"index.html", "safety/index.html", "sitemap.xml", "feed.xml", "404.html",
		"exercises/single-leg-deadlift/index.html",
		"exercises/bulgarian-split-squat/index.html",
		"exercises/clamshell/index.html",
		"running-form/cadence/index.html",
		"routine/weekly-plan/index.html",
		"muscles/gluteus-medius/index.html",
	} {
		if _, ok := tree[want]; !ok {
			t.Errorf("%s is missing from the built site", want)
		}
	}
	exercises := 0
	for name, body := range tree {
		if strings.HasPrefix(name, "exercises/") && strings.HasSuffix(name, "/index.html") && name != "exercises/index.html" {
			exercises++
			if !strings.Contains(string(body), "<img ") {
				t.Errorf("%s has no movement diagram", name)
			}
		}
	}
	if exercises < 8 {
		t.Errorf("%d exercise pages, want at least 8", exercises)
	}
}
