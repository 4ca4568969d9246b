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
	// Terms list their pages by title: going through the pages in that
	// order once fills every term's list sorted.
	ordered := byTitle(pages)
	for _, kind := range taxonomyKinds {
		name := kind.name
		tax := &Taxonomy{Name: name, Title: humanize(name), URL: basePath + name + "/", termTitle: kind.termTitle}
		// A site names a few hundred terms on ten thousand pages: each
		// spelling is looked up once per page that has it, and turned into
		// a slug only the first time.
		termOf := map[string]*Term{}
		bySlug := map[string]*Term{}
		first := map[*Term]int{} // the site position of the page that spells the term
		for _, e := range ordered {
			for _, v := range kind.values(&e.p.Front) {
				t, seen := termOf[v]
				if !seen {
					seg := slug.Make(v)
					if seg != "" {
						if t = bySlug[seg]; t == nil {
							t = &Term{Name: v, Slug: seg, Path: name + "/" + seg + "/"}
							t.URL = basePath + t.Path
							bySlug[seg] = t
							first[t] = e.pos
							tax.Terms = append(tax.Terms, t)
						}
					}
					termOf[v] = t
				}
				if t == nil {
					continue // no slug: the page is refused while assembling
				}
				// A term is spelt as the first page in site order spells
				// it (the first of its values, on that page).
				if e.pos < first[t] {
					t.Name, first[t] = v, e.pos
				}
				if len(t.Pages) == 0 || t.Pages[len(t.Pages)-1] != e.p {
					t.Pages = append(t.Pages, e.p)
				}
			}
		}
		slices.SortFunc(tax.Terms, func(a, b *Term) int { return strings.Compare(a.Slug, b.Slug) })
		if len(tax.Terms) > 0 {
			out = append(out, tax)
		}
	}
	return out
}

// titled is a page and its position in site order.
type titled struct {
	p   *Page
	pos int
}

// byTitle returns the guides and exercises of pages sorted by title,
// pages of one title in the order they had.
func byTitle(pages []*Page) []titled {
	es := make([]titled, 0, len(pages))
	for i, p := range pages {
		if p.Kind == KindPage {
			es = append(es, titled{p, i})
		}
	}
	slices.SortFunc(es, func(a, b titled) int {
		if c := strings.Compare(a.p.Front.Title, b.p.Front.Title); c != 0 {
			return c
		}
		return a.pos - b.pos
	})
	return es
}
