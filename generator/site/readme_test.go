package site

import (
	"bytes"
	"html/template"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/spf13/afero"

	"github.com/stance-ssg/stance/generator/internal/content"
	"github.com/stance-ssg/stance/generator/internal/gowasm"
	"github.com/stance-ssg/stance/generator/program"
)

// TestREADMETemplateData executes every name the README's "Template data"
// section documents against the repository's own site, and checks that it
// lists every template function, so theme authors can trust the list.
func TestREADMETemplateData(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, section, ok := strings.Cut(string(readme), "#### Template data\n")
	if !ok {
		t.Fatal(`README.md has no "#### Template data" section`)
	}
	section, _, _ = strings.Cut(section, "\n#")
	b, err := newBuilder(afero.NewOsFs(), Options{Source: "../.."})
	if err != nil {
		t.Fatal(err)
	}
	data := fullPageData(t, b)

	rows := 0
	for _, line := range strings.Split(section, "\n") {
		cells := strings.Split(line, "|")
		if len(cells) != 4 || strings.HasPrefix(cells[1], "---") || strings.TrimSpace(cells[1]) == "name" {
			continue
		}
		rows++
		roots := codeSpans(cells[1])
		for _, root := range roots {
			expr := strings.Replace(root, " s", " $.Section", 1) // .InSection s
			execute(t, b, "{{"+expr+"}}", data)
		}
		for _, name := range codeSpans(cells[2]) {
			if !strings.HasPrefix(name, ".") {
				continue
			}
			if !slices.ContainsFunc(roots, func(root string) bool {
				return tryExecute(b, "{{with "+root+"}}{{"+name+"}}{{end}}", data) == nil
			}) {
				t.Errorf("README documents %s on %s, but a template cannot read it", name, strings.Join(roots, ", "))
			}
		}
	}
	if rows < 8 {
		t.Fatalf("found %d rows in the Template data table", rows)
	}

	documented := map[string]bool{}
	_, funcs, _ := strings.Cut(section, "Functions:")
	funcs, _, _ = strings.Cut(funcs, "`program.html` gets")
	for _, span := range codeSpans(funcs) {
		documented[strings.Fields(span)[0]] = true
	}
	for name := range b.funcs() {
		if _, forPrograms := program.FuncMap()[name]; !forPrograms && !documented[name] {
			t.Errorf("template function %q is not in the README's list", name)
		}
	}
	for name := range documented {
		if _, ok := b.funcs()[name]; !ok {
			t.Errorf("README lists a function %q that templates do not have", name)
		}
	}
}

// fullPageData is the data of a guide with every optional field set, so a
// documented name that does not exist fails instead of being skipped.
func fullPageData(t *testing.T, b *builder) *pageData {
	t.Helper()
	for _, p := range b.site.Pages {
		prev, next := p.Neighbours()
		if prev == nil || next == nil || p.Section.Dir == "" {
			continue
		}
		d := b.pageData(p, template.HTML("<p>body</p>"))
		d.Builder = b.builderView(&gowasm.Module{Gzip: 2 << 20})
		d.Taxonomy = b.views.taxonomies[0]
		d.Term = d.Taxonomy.Terms[0]
		if len(d.Crumbs) == 0 || p.Kind != content.KindPage {
			t.Fatalf("%s: expected a guide with breadcrumbs", p.File)
		}
		return d
	}
	t.Fatal("no page of the repository's site has both neighbours")
	return nil
}

var codeSpan = regexp.MustCompile("`([^`]+)`")

func codeSpans(s string) []string {
	var out []string
	for _, m := range codeSpan.FindAllStringSubmatch(s, -1) {
		out = append(out, m[1])
	}
	return out
}

func tryExecute(b *builder, src string, data any) error {
	tmpl, err := template.New("readme").Funcs(b.funcs()).Parse(src)
	if err != nil {
		return err
	}
	return tmpl.Execute(&bytes.Buffer{}, data)
}

func execute(t *testing.T, b *builder, src string, data any) {
	t.Helper()
	if err := tryExecute(b, src, data); err != nil {
		t.Errorf("README names %s: %v", src, err)
	}
}
