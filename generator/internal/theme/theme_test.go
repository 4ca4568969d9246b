package theme

import (
	"html/template"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/spf13/afero"
)

var embedded = fstest.MapFS{
	"base.html":    {Data: []byte(`{{define "base"}}<main>{{template "main" .}}</main>{{end}}`)},
	"_parts.html":  {Data: []byte(`{{define "shout"}}{{upper .}}{{end}}`)},
	"page.html":    {Data: []byte(`{{template "base" .}}{{define "main"}}<h1>{{template "shout" .}}</h1>{{end}}`)},
	"program.html": {Data: []byte(`<p>{{.}}</p>`)},
	"style.css":    {Data: []byte("body{}")},
	"README.md":    {Data: []byte("ignored")},
}

var funcs = template.FuncMap{"upper": strings.ToUpper}

func TestLoadAndExecute(t *testing.T) {
	th, err := Load(embedded, afero.NewMemMapFs(), "/site/templates", funcs)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ layout, data, want string }{
		{"page.html", "<hi>", "<main><h1>&lt;HI&gt;</h1></main>"},
		{"program.html", "x", "<p>x</p>"},
	}
	for _, tt := range tests {
		got, err := th.Render(tt.layout, tt.data)
		if err != nil || string(got) != tt.want {
			t.Errorf("%s: %q, %v; want %q", tt.layout, got, err, tt.want)
		}
	}
	if names := th.Assets(); len(names) != 1 || names[0] != "style.css" {
		t.Errorf("assets %v", names)
	}
	if th.Has("base.html") || th.Has("_parts.html") {
		t.Error("shared templates are not layouts")
	}
}

func TestOverrideReplacesOneFile(t *testing.T) {
	fs := afero.NewMemMapFs()
	afero.WriteFile(fs, "/site/templates/base.html", []byte(`{{define "base"}}<div>{{template "main" .}}</div>{{end}}`), 0o644)
	afero.WriteFile(fs, "/site/templates/style.css", []byte("main{}"), 0o644)
	th, err := Load(embedded, fs, "/site/templates", funcs)
	if err != nil {
		t.Fatal(err)
	}
	got, _ := th.Render("page.html", "a")
	if string(got) != "<div><h1>A</h1></div>" {
		t.Errorf("override not used: %s", got)
	}
	css, _ := th.Asset("style.css")
	if string(css) != "main{}" {
		t.Errorf("css override not used: %s", css)
	}
}

func TestErrorsNameFileAndLine(t *testing.T) {
	fs := afero.NewMemMapFs()
	afero.WriteFile(fs, "/site/templates/page.html", []byte("{{template \"base\" .}}\n{{define \"main\"}}\n{{.Missing.Field}}\n{{end}}"), 0o644)
	afero.WriteFile(fs, "/site/templates/broken.html", []byte("line one\n{{if}}\n"), 0o644)
	th, err := Load(embedded, fs, "/site/templates", funcs)
	if err == nil || !strings.Contains(err.Error(), "/site/templates/broken.html:2") {
		t.Fatalf("parse error %v, want file and line", err)
	}
	type data struct{ Name string }
	_, err = th.Render("page.html", data{})
	if err == nil || !strings.Contains(err.Error(), "/site/templates/page.html:3") || !strings.Contains(err.Error(), "Missing") {
		t.Errorf("execute error %v, want file, line and field", err)
	}
	if _, err := th.Render("nope.html", nil); err == nil || !strings.Contains(err.Error(), "no template nope.html") {
		t.Errorf("missing layout: %v", err)
	}
}
