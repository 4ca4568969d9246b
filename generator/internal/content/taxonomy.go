package content

import (
	"fmt"
	"slices"
	"strings"

	"github.com/stance-ssg/stance/generator/internal/slug"
)

// Taxonomy groups pages by one front matter list: tags, muscles, equipment.
type Taxonomy struct {
	Name  string // "tags"; also the URL folder
	Title string // "Tags"
	URL   string
	Terms []*Term // sorted by name

	termTitle string
}

// Term is one value of a taxonomy and the pages that carry it.
type Term struct {
	Name  string
	Slug  string
	URL   string
	Path  string // below the site root: "muscles/gluteus-medius/"
	Pages []*Page
}

// taxonomyKind is one of the site's taxonomies: the front matter list it
// groups pages by, and how its pages are titled. This list is the one
// place that knows them.
type taxonomyKind struct {
	name      string // the front matter key and the URL folder
	termTitle string // the title of a term's page, with %s for the term
	values    func(*FrontMatter) []string
}

var taxonomyKinds = []taxonomyKind{
	{"tags", "Tagged “%s”", func(fm *FrontMatter) []string { return fm.Tags }},
	{"muscles", "Exercises for the %s", func(fm *FrontMatter) []string { return fm.Muscles }},
	{"equipment", "Exercises with equipment: %s", func(fm *FrontMatter) []string { return fm.Equipment }},
}

var taxonomyNames = func() []string {
	names := make([]string, len(taxonomyKinds))
	for i, k := range taxonomyKinds {
		names[i] = k.name
	}
	return names
}()

func taxonomyField(fm *FrontMatter, name string) []string {
	for _, k := range taxonomyKinds {
		if k.name == name {
			return k.values(fm)
		}
	}
	return nil
}

// TermTitle is the title of a term's list page: "Exercises for the
// gluteus medius".
func (t *Taxonomy) TermTitle(term *Term) string { return fmt.Sprintf(t.termTitle, term.Name) }

func buildTaxonomies(pages []*Page, basePath string) []*Taxonomy {
	var out []*Taxonomy
	// A site names a few hundred terms on ten thousand pages: each name is
	// turned into a slug once.
	slugs := map[string]string{}
	for _, kind := range taxonomyKinds {
		name := kind.name
		tax := &Taxonomy{Name: name, Title: humanize(name), URL: basePath + name + "/", termTitle: kind.termTitle}
		bySlug := map[string]*Term{}
		for _, p := range pages {
			if p.Kind != KindPage {
				continue
			}
			for _, v := range kind.values(&p.Front) {
				seg, ok := slugs[v]
				if !ok {
					seg = slug.Make(v)
					slugs[v] = seg
				}
				if seg == "" {
					continue
				}
				t, ok := bySlug[seg]
				if !ok {
					t = &Term{Name: v, Slug: seg, Path: name + "/" + seg + "/"}
					t.URL = basePath + t.Path
					bySlug[seg] = t
					tax.Terms = append(tax.Terms, t)
				}
				if len(t.Pages) == 0 || t.Pages[len(t.Pages)-1] != p {
					t.Pages = append(t.Pages, p)
				}
			}
		}
		slices.SortFunc(tax.Terms, func(a, b *Term) int { return strings.Compare(a.Slug, b.Slug) })
		for _, t := range tax.Terms {
			slices.SortStableFunc(t.Pages, func(a, b *Page) int { return strings.Compare(a.Front.Title, b.Front.Title) })
		}
		if len(tax.Terms) > 0 {
			out = append(out, tax)
		}
	}
	return out
}
