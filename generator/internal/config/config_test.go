package config

import (
	"strings"
	"testing"

	"github.com/spf13/afero"
)

func TestParse(t *testing.T) {
	c, err := Parse("site.toml", []byte("title = \"Knees\"\nbase_url = \"https://example.org/knees\"\n[markdown]\nunsafe = true\n"))
	if err != nil {
		t.Fatal(err)
	}
	if c.BaseURL != "https://example.org/knees/" || c.BasePath() != "/knees/" {
		t.Errorf("base url %q path %q", c.BaseURL, c.BasePath())
	}
	if !c.Markdown.Unsafe {
		t.Error("markdown.unsafe not decoded")
	}
	if c.Language != "en" || c.Highlight.Light != "github" {
		t.Errorf("defaults lost: %+v", c)
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"unknown key", "title = \"x\"\nbase_url = \"https://a.org/\"\nbaseurl = \"x\"\n", "site.toml:3: baseurl: unknown key"},
		{"unknown nested key", "title = \"x\"\n[markdown]\nunsafe_html = true\n", "site.toml:3: markdown.unsafe_html: unknown key"},
		{"wrong type", "title = 3\n", "site.toml:1: title: incompatible types"},
		{"syntax", "title = \"x\n", "site.toml:1:"},
		{"relative base url", "title = \"x\"\nbase_url = \"/knees/\"\n", "site.toml:2: base_url: must be an absolute http(s) URL"},
		{"empty title", "title = \"\"\n", "site.toml:1: title: must not be empty"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("site.toml", []byte(tt.src))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error %v, want it to contain %q", err, tt.want)
			}
		})
	}
}

func TestLoadMissing(t *testing.T) {
	_, err := Load(afero.NewMemMapFs(), "site.toml")
	if err == nil || !strings.Contains(err.Error(), "site.toml") {
		t.Fatalf("got %v", err)
	}
}

func TestSetBaseURL(t *testing.T) {
	c := Default()
	if err := c.SetBaseURL("ftp://x"); err == nil || !strings.Contains(err.Error(), "--base-url") {
		t.Fatalf("got %v", err)
	}
	if err := c.SetBaseURL("https://u.github.io/p"); err != nil || c.BasePath() != "/p/" {
		t.Fatalf("got %v, %q", err, c.BasePath())
	}
}

func TestLoadRefusesAHugeFileUnread(t *testing.T) {
	fs := afero.NewMemMapFs()
	afero.WriteFile(fs, "/site/site.toml", []byte("title = \"T\"\n"+strings.Repeat("# padding\n", MaxSize/10+1)), 0o644)
	_, err := Load(fs, "/site/site.toml")
	if err == nil || !strings.Contains(err.Error(), "over the limit") {
		t.Fatalf("got %v", err)
	}
}

func TestBuilderSwitch(t *testing.T) {
	on, err := Parse("site.toml", []byte("title = \"x\"\n"))
	if err != nil || !on.Builder.Enabled {
		t.Fatalf("the builder is off by default (%v)", err)
	}
	off, err := Parse("site.toml", []byte("title = \"x\"\n[builder]\nenabled = false\n"))
	if err != nil || off.Builder.Enabled {
		t.Fatalf("[builder] enabled = false leaves it on (%v)", err)
	}
	if _, err := Parse("site.toml", []byte("title = \"x\"\n[builder]\nenable = false\n")); err == nil || !strings.Contains(err.Error(), "builder.enable: unknown key") {
		t.Errorf("a misspelt switch: %v", err)
	}
}
