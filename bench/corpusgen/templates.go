package corpusgen

// The two template sets render the same minimal markup: a nav of the
// sections, the page body, section lists and tag pages. Both tools then do
// the same work per page, so the comparison measures the generators, not
// the themes.

const stanceConfig = `title = "Benchmark corpus"
base_url = "https://example.org/"
language = "en"
`

// hugoConfig turns off what Stance does not produce (per-list RSS feeds,
// categories) and asks for highlighting with CSS classes, as Stance does.
const hugoConfig = `baseURL = "https://example.org/"
title = "Benchmark corpus"
languageCode = "en"
disableKinds = ["robotsTXT"]

[taxonomies]
tag = "tags"

[outputs]
home = ["HTML", "RSS"]
section = ["HTML"]
taxonomy = ["HTML"]
term = ["HTML"]

[markup.highlight]
noClasses = false
`

var stanceTemplates = map[string]string{
	"base.html": `{{define "base"}}<!doctype html>
<html lang="{{.Site.Language}}">
<head><meta charset="utf-8"><title>{{.Page.Title}} | {{.Site.Title}}</title><link rel="stylesheet" href="{{asset "syntax.css"}}"></head>
<body>
<nav><ul>{{range .Site.Nav}}<li><a href="{{.URL}}">{{.Title}}</a></li>{{end}}</ul></nav>
<main>{{template "main" .}}</main>
</body>
</html>
{{end}}`,
	// An empty _partials.html replaces the default theme's partials, which
	// the minimal layouts do not use.
	"_partials.html": ``,
	"home.html": `{{template "base" .}}{{define "main"}}<h1>{{.Page.Title}}</h1>
{{.Page.Content}}
<ul>{{range .Site.Nav}}<li><a href="{{.URL}}">{{.Title}}</a></li>{{end}}</ul>
{{end}}`,
	"section.html": `{{template "base" .}}{{define "main"}}<h1>{{.Page.Title}}</h1>
{{.Page.Content}}
<ul>{{range .Section.Pages}}<li><a href="{{.URL}}">{{.Title}}</a></li>{{end}}</ul>
{{end}}`,
	"page.html": `{{template "base" .}}{{define "main"}}<article>
<h1>{{.Page.Title}}</h1>
<p><time>{{isoDate .Page.Front.Date}}</time>{{range .Page.Front.Tags}} <a href="{{termURL "tags" .}}">{{.}}</a>{{end}}</p>
{{.Page.Content}}
</article>
{{end}}`,
	"taxonomy.html": `{{template "base" .}}{{define "main"}}<h1>{{.Page.Title}}</h1>
<ul>{{range .Taxonomy.Terms}}<li><a href="{{.URL}}">{{.Name}}</a> ({{len .Pages}})</li>{{end}}</ul>
{{end}}`,
	"term.html": `{{template "base" .}}{{define "main"}}<h1>{{.Page.Title}}</h1>
<ul>{{range .Term.Pages}}<li><a href="{{.URL}}">{{.Title}}</a></li>{{end}}</ul>
{{end}}`,
	"404.html": `{{template "base" .}}{{define "main"}}<h1>Page not found</h1>{{end}}`,
}

var hugoLayouts = map[string]string{
	"_default/baseof.html": `<!doctype html>
<html lang="{{.Site.LanguageCode}}">
<head><meta charset="utf-8"><title>{{.Title}} | {{.Site.Title}}</title><link rel="stylesheet" href="{{"syntax.css" | relURL}}"></head>
<body>
<nav><ul>{{range .Site.Sections.ByTitle}}<li><a href="{{.RelPermalink}}">{{.Title}}</a></li>{{end}}</ul></nav>
<main>{{block "main" .}}{{end}}</main>
</body>
</html>
`,
	"index.html": `{{define "main"}}<h1>{{.Title}}</h1>
{{.Content}}
<ul>{{range .Site.Sections.ByTitle}}<li><a href="{{.RelPermalink}}">{{.Title}}</a></li>{{end}}</ul>
{{end}}`,
	"_default/list.html": `{{define "main"}}<h1>{{.Title}}</h1>
{{.Content}}
<ul>{{range .Pages}}<li><a href="{{.RelPermalink}}">{{.Title}}</a></li>{{end}}</ul>
{{end}}`,
	"_default/single.html": `{{define "main"}}<article>
<h1>{{.Title}}</h1>
<p><time>{{.Date.Format "2006-01-02"}}</time>{{range .Params.tags}} <a href="{{printf "tags/%s/" (urlize .) | relURL}}">{{.}}</a>{{end}}</p>
{{.Content}}
</article>
{{end}}`,
	"_default/taxonomy.html": `{{define "main"}}<h1>{{.Title}}</h1>
<ul>{{range .Data.Terms.Alphabetical}}<li><a href="{{.Page.RelPermalink}}">{{.Page.Title}}</a> ({{.Count}})</li>{{end}}</ul>
{{end}}`,
	"_default/term.html": `{{define "main"}}<h1>{{.Title}}</h1>
<ul>{{range .Pages}}<li><a href="{{.RelPermalink}}">{{.Title}}</a></li>{{end}}</ul>
{{end}}`,
	"404.html": `{{define "main"}}<h1>Page not found</h1>{{end}}`,
}
